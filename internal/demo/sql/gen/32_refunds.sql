-- Returns and goodwill refunds: a negative order a few days after a small share of orders,
-- for the whole amount or part of it. Never dated on or after as-of.
insert into orders
with drawn as (
    select o.*, demo_mix(hash(o.order_id), p.seed_key) as g, p.as_of_day - 1 as last_day
    from orders o
    cross join demo_params p
    where category in ('accessories', 'parts', 'tyres', 'detailing', 'repair', 'maintenance')
),

refunded as (
    select
        *,
        (1 + floor(14 * demo_ub(g)))::integer as delay_days,
        case when demo_uc(g) < 0.6 then 1.0 else 0.1 + demo_uc(g) - 0.6 end as share
    from drawn
    where demo_ua(g) < case category
        when 'accessories' then 0.08 when 'parts' then 0.06 when 'tyres' then 0.03
        when 'detailing' then 0.03 when 'repair' then 0.02 else 0.005 end
        and order_ts::date + delay_days <= demo_date(last_day)
)

select
    'R' || substr(order_id, 2) as order_id,
    customer_id,
    order_ts + to_days(delay_days) as order_ts,
    -round(amount * share, 2)::decimal(18, 2) as amount,
    -round(cost * share, 2)::decimal(18, 2) as cost,
    category,
    store_id,
    channel,
    promo
from refunded
order by order_id
