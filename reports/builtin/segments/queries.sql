-- Segments: rfm_v1 (sql/schema/0011_rfm_v1.sql) as of one day, in both of its segment schemes. Grain: one row per
-- segment, per R x F cell, per pair of segments.

-- name: named :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- @param rules text = default -- the rule_set of segment_rules that names segment_named
-- segment_named in the order of its rules (Others last), with each rule's description.
with
scores as (
    select segment_named, monetary, coalesce(margin, 0) as margin, recency_days, frequency
    from rfm_v1(as_of := $as_of, rules := $rules)
),

segments as (
    select segment_named as segment, count(*) as customers, sum(monetary) as revenue, sum(margin) as margin,
        avg(recency_days) as avg_recency_days, avg(frequency) as avg_frequency
    from scores
    group by segment_named
),

rules as (
    select segment, min(position) as position, min(description) as description
    from segment_rules
    where rule_set = $rules
    group by segment
)

select
    s.segment,
    coalesce(r.description, 'no rule matches') as description,
    s.customers,
    s.customers / sum(s.customers) over () as customer_share,
    s.revenue,
    s.margin,
    s.revenue / s.customers as revenue_per_customer,
    round(s.avg_recency_days, 1) as avg_recency_days,
    round(s.avg_frequency, 1) as avg_frequency
from segments as s
left join rules as r on r.segment = s.segment
order by coalesce(r.position, 2147483647), s.segment;

-- name: eight :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- segment_8 from the most valuable class (high R, F and M) down to lost, every class listed even when empty.
with
scores as (
    select segment_8, monetary, coalesce(margin, 0) as margin
    from rfm_v1(as_of := $as_of)
),

classes as (
    select c.pos, c.segment_8, (enum_range(null::rfm_segment_8_zh_v1))[c.pos] as segment_8_zh
    from (select unnest(enum_range(null::rfm_segment_8_v1)) as segment_8,
              generate_subscripts(enum_range(null::rfm_segment_8_v1), 1) as pos) as c
),

sums as (
    select segment_8, count(*) as customers, sum(monetary) as revenue, sum(margin) as margin
    from scores
    group by segment_8
)

select
    c.segment_8::varchar as segment_8,
    c.segment_8_zh::varchar as segment_8_zh,
    -- Which of recency, frequency and monetary are above the population statistic.
    concat_ws(' ',
        case when (c.pos - 1) // 4 = 1 then 'R+' else 'R-' end,
        case when (c.pos - 1) // 2 % 2 = 1 then 'F+' else 'F-' end,
        case when (c.pos - 1) % 2 = 1 then 'M+' else 'M-' end) as rfm_high,
    coalesce(s.customers, 0) as customers,
    coalesce(s.customers, 0) / sum(coalesce(s.customers, 0)) over () as customer_share,
    coalesce(s.revenue, 0) as revenue,
    coalesce(s.margin, 0) as margin
from classes as c
left join sums as s on s.segment_8 = c.segment_8
order by c.pos desc;

-- name: rf_grid :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- Every R x F cell, empty ones as 0, R from best (top) to worst, F from 1 to the highest bin.
with
scores as (
    select r_score, f_score, monetary
    from rfm_v1(as_of := $as_of)
),

cells as (
    select r_score, f_score, count(*) as customers, sum(monetary) as revenue
    from scores
    group by r_score, f_score
),

bins as (
    select max(r_score) as r_n, max(f_score) as f_n from scores
)

select
    'R' || g.r as r_score,
    'F' || g.f as f_score,
    coalesce(c.customers, 0) as customers,
    coalesce(c.revenue, 0) as revenue,
    c.revenue / c.customers as revenue_per_customer
from (select r.s as r_s, f.s as f_s from bins as b, range(1, 11) as r(s), range(1, 11) as f(s)
      where r.s <= b.r_n and f.s <= b.f_n) as g(r, f)
left join cells as c on c.r_score = g.r and c.f_score = g.f
order by g.r desc, g.f;

-- name: crosswalk :many
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- @param rules text = default -- the rule_set of segment_rules that names segment_named
-- The two schemes side by side: customers of each named segment in each eight-class segment.
with
scores as (
    select segment_named, segment_8
    from rfm_v1(as_of := $as_of, rules := $rules)
),

pairs as (
    select segment_named, segment_8, count(*) as customers from scores group by all
),

named as (
    select s.segment_named, coalesce(min(r.position), 2147483647) as position
    from (select distinct segment_named from scores) as s
    left join segment_rules as r on r.rule_set = $rules and r.segment = s.segment_named
    group by s.segment_named
),

eight as (
    select unnest(enum_range(null::rfm_segment_8_v1)) as segment_8,
        generate_subscripts(enum_range(null::rfm_segment_8_v1), 1) as pos
)

select
    ne.segment_named,
    ne.segment_8::varchar as segment_8,
    coalesce(p.customers, 0) as customers
from (select * from named, eight) as ne(segment_named, position, segment_8, pos)
left join pairs as p on p.segment_named = ne.segment_named and p.segment_8 = ne.segment_8
order by ne.position, ne.segment_named, ne.pos desc;
