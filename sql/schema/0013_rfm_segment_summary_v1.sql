-- model: rfm_segment_summary_v1
-- kind: table macro
-- description: per segment of both schemes: customers, share of customers, revenue, margin and share of revenue
-- grain: one row per scheme (segment_8, segment_named) and segment
-- columns: as_of, scheme, segment, segment_zh, customers, customer_share, revenue, margin, revenue_share
-- call: rfm_segment_summary_v1(as_of := latest order date, ...) with exactly the arguments given to rfm_v1
--
-- revenue is the sum of monetary (net of refunds), margin the sum of margin where cost is known. Shares are
-- fractions of all scored customers and of their total revenue (null when that total is not positive).
-- Rows come ordered by scheme, then revenue, largest first.

create macro rfm_segment_summary_v1(
    as_of := null, months := null, k := 5,
    r_bins := null, f_bins := null, m_bins := null,
    r_cuts := null, f_cuts := null, m_cuts := null,
    statistic := 'mean', rules := 'default'
) as table
with
scores as (
    from rfm_v1(
        as_of := as_of, months := months, k := k,
        r_bins := r_bins, f_bins := f_bins, m_bins := m_bins,
        r_cuts := r_cuts, f_cuts := f_cuts, m_cuts := m_cuts,
        statistic := statistic, rules := rules)
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
