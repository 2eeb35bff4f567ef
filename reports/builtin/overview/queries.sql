-- Overview: the RFM scores of rfm_v1 (sql/schema/0011_rfm_v1.sql) as of one day, summed per segment_named, and
-- the Pareto curve of margin over customers. Grain: one row per segment, one row per point of the curve.
-- Margin is rfm_v1's margin (amount - cost over the orders whose cost is known); a customer without any known
-- cost counts as 0 margin.

-- name: summary :one
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
with
scores as (
    select customer_id, monetary, coalesce(margin, 0) as margin, as_of
    from rfm_v1(as_of := $as_of)
),

-- Customers by margin, largest first; customer_id breaks ties so the curve is the same on every run.
ranked as (
    select
        margin,
        row_number() over (order by margin desc, customer_id) as pos,
        sum(margin) over (order by margin desc, customer_id rows unbounded preceding) as running_margin
    from scores
),

totals as (
    select count(*) as customers, sum(monetary) as revenue, sum(margin) as margin, max(as_of) as as_of
    from scores
)

select
    t.as_of,
    t.customers,
    t.revenue,
    t.margin,
    case when t.revenue > 0 then t.margin / t.revenue end as margin_rate,
    -- The fewest top customers whose margin adds up to 80% of all margin, as a share of all customers.
    (select min(r.pos) from ranked as r where t.margin > 0 and r.running_margin >= 0.8 * t.margin)
        as customers_for_80,
    (select min(r.pos) from ranked as r where t.margin > 0 and r.running_margin >= 0.8 * t.margin)
        / nullif(t.customers, 0) as share_for_80,
    (select count(*) from ranked as r where r.margin < 0) as customers_losing_margin
from totals as t;

-- name: by_segment :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
with
scores as (
    select segment_named, monetary, coalesce(margin, 0) as margin, recency_days, frequency
    from rfm_v1(as_of := $as_of)
),

segments as (
    select
        segment_named as segment,
        count(*) as customers,
        sum(monetary) as revenue,
        sum(margin) as margin,
        avg(recency_days) as avg_recency_days,
        avg(frequency) as avg_frequency
    from scores
    group by segment_named
)

select
    s.segment,
    s.customers,
    s.customers / sum(s.customers) over () as customer_share,
    s.revenue,
    s.margin,
    case when sum(s.margin) over () > 0 then s.margin / sum(s.margin) over () end as margin_share,
    s.margin / s.customers as margin_per_customer,
    round(s.avg_recency_days, 1) as avg_recency_days,
    round(s.avg_frequency, 1) as avg_frequency
from segments as s
order by s.margin desc, s.segment;

-- name: pareto :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- The curve at every 5% of customers (21 points), and the diagonal every customer worth the same would draw.
with
scores as (
    select customer_id, coalesce(margin, 0) as margin
    from rfm_v1(as_of := $as_of)
),

ranked as (
    select
        row_number() over (order by margin desc, customer_id) as pos,
        sum(margin) over (order by margin desc, customer_id rows unbounded preceding) as running_margin
    from scores
),

totals as (
    select count(*) as customers, sum(margin) as margin from scores
),

points as (
    select p.i, ceil(t.customers * p.i / 20)::bigint as top_customers, t.customers, t.margin
    from range(0, 21) as p(i), totals as t
    where t.customers > 0
),

curve as (
    select
        p.i,
        p.top_customers,
        p.top_customers / p.customers as customer_share,
        case when p.margin > 0 then coalesce(r.running_margin, 0) / p.margin end as margin_share
    from points as p
    left join ranked as r on r.pos = p.top_customers
)

select i, 'top customers' as line, top_customers, round(customer_share, 4) as customer_share,
    round(margin_share, 4) as margin_share
from curve
union all
select i, 'all customers equal', top_customers, round(customer_share, 4), round(customer_share, 4)
from curve
order by line desc, i;

-- name: related :many
-- @param links boolean = true -- link the reports rendered beside this one (make demo writes NAME.html into demo/)
select name, title, name || '.html' as html_file, name || '.md' as md_file, what
from (
    values
        (1, 'segments', 'Segments', 'RFM segment sizes and value, the R x F heat map, both segment schemes'),
        (2, 'win-back', 'Win-back', 'lost and lapsed customers ranked by value, with a suggested offer'),
        (3, 'service-due', 'Service due', 'customers whose next visit is due soon'),
        (4, 'migration', 'Segment migration', 'how customers moved between segments from one snapshot to another'),
        (5, 'upsell', 'Upsell', 'the levers to raise each active customer''s value: ticket, cross-sell, margin, referrals'),
        (6, 'campaign-lists', 'Campaign lists', 'targeting lists: skipped the last year, never bought a category, bought A but not B'),
        (7, 'value-matrix', 'Value matrix', 'historical, current and potential value and the nine customer types'),
        (8, 'prospect-funnel', 'Prospect funnel', 'the replacement-campaign screening gate by gate, why customers drop, and the prospect list')
) as r(pos, name, title, what)
where $links
order by pos;
