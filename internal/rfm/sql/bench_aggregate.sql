-- A lower bound for any rfm_v1 body: the per-customer aggregate rfm_v1 cannot do without (last and first
-- purchase, purchase count, net amount, net margin over the as_of window, reading order_ts, customer_id, amount
-- and cost), materialized like the floor. Everything rfm_v1 adds (thresholds, scores, segments, 17 columns) comes
-- on top of this.
create or replace temp table rfm_bench_aggregate as
select
    customer_id,
    max(purchase_ts) as last_purchase_ts,
    min(purchase_ts) as first_purchase_ts,
    count(purchase_ts) as purchases,
    sum(amount) as net_amount,
    sum(amount - cost) as net_margin
from (
    select customer_id, amount, cost, case when amount > 0 then order_ts end as purchase_ts
    from orders
    where order_ts < $as_of::date + interval 1 day
)
group by customer_id;
