-- The floor for clv_v1: the same rows and inputs (the summary in days, divided into weeks, and the margin ratio)
-- without the four model functions, so that clv_v1 minus this is what the model functions cost.
create or replace temp table clv_bench_floor as
with margin as (
    select
        o.customer_id,
        sum(o.amount - o.cost) filter (where o.cost is not null) as margin_costed,
        sum(o.amount) filter (where o.cost is not null) as revenue_costed
    from orders o
    where o.order_ts::date <= $as_of::date
    group by o.customer_id
)
select
    s.customer_id,
    s.x,
    s.t_x / 7.0 as t_x,
    s."T" / 7.0 as "T",
    s.m_x,
    case when mg.revenue_costed > 0
        then least(greatest(mg.margin_costed / mg.revenue_costed, 0), 1)::double
    end as margin_ratio
from clv_summary_v1($as_of::date, time_unit := 'day') s
left join margin mg on mg.customer_id = s.customer_id;
