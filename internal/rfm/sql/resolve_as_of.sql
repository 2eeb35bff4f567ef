-- The day a snapshot is keyed by: the given as_of, else the day of the latest order (rfm_v1's default).
select coalesce($as_of::date, (select max(order_ts)::date from orders)) as as_of;
