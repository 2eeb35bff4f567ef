-- rfm_segment_summary_v1's figures, read from a stored snapshot instead of recomputed from orders.
-- Keep the formulas identical to sql/schema/0013_rfm_segment_summary_v1.sql; a test compares both.
with
scores as (
    select *
    from score_snapshots
    where as_of = $as_of::date and model_version = $model_version
),

totals as (
    select count(*) as customers, sum(s.monetary) as revenue
    from scores as s
),

segments as (
    select
        'segment_8' as scheme,
        s.segment_8 as segment,
        any_value(s.segment_8_zh) as segment_zh,
        any_value(s.as_of) as as_of_date,
        count(*) as customers,
        sum(s.monetary) as revenue,
        sum(s.margin) as margin
    from scores as s
    group by s.segment_8
    union all
    select
        'segment_named',
        s.segment_named,
        null,
        any_value(s.as_of),
        count(*),
        sum(s.monetary),
        sum(s.margin)
    from scores as s
    group by s.segment_named
)

select
    g.as_of_date as as_of,
    g.scheme,
    g.segment,
    g.segment_zh,
    g.customers,
    g.customers / t.customers as customer_share,
    g.revenue::decimal(18, 2) as revenue,
    g.margin::decimal(18, 2) as margin,
    case when t.revenue > 0 then g.revenue::double / t.revenue::double end as revenue_share
from segments as g, totals as t
order by g.scheme, g.revenue desc, g.segment;
