-- The benchmark floor: the bare per-customer aggregate DuckDB needs for any RFM, materialized like the scores.
create or replace temp table rfm_bench_floor as
select customer_id, max(order_ts) as last_ts, count(*) as orders, sum(amount) as amount
from orders
group by customer_id;
