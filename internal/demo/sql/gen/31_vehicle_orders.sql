-- A vehicle bought here is an order on its purchase day, at list price with a thin margin.
insert into orders
select
    'V' || (i * 10 + j + 1)::varchar as order_id,
    customer_id,
    demo_ts(purchased_day, demo_ua(g)) as order_ts,
    price as amount,
    round(price * (0.88 + 0.06 * demo_ub(g)), 2)::decimal(18, 2) as cost,
    'vehicle_purchase' as category,
    demo_store_id(store_no) as store_id,
    'showroom' as channel,
    demo_uc(g) < 0.2 as promo
from (select *, demo_mix(key, j * 1024 + 22) as g from demo_assets where bought_here) a
