-- Segment migration: two dates of score_snapshots (written by `custval score --as-of D`, sql/schema/0017) compared
-- customer by customer. A customer scored on the later date only is '(new)' on the earlier one; one scored on the
-- earlier date only is '(gone)' on the later one. Value is net revenue (monetary) on the later date.
-- Grain: one row per pair of segments (matrix), one row per segment (flows).
-- Dates default to the two latest snapshots of the model; `custval score --as-of D` writes one.

-- name: bounds :table
-- @param from date = null -- the earlier snapshot date; the snapshot before `to` when not given
-- @param to date = null -- the later snapshot date; the latest snapshot when not given
-- @param model text = rfm_v1 -- the model_version of the snapshots compared
-- The two dates compared (one row), read by every query below.
with
dates as (
    select coalesce($to, (select max(as_of) from score_snapshots where model_version = $model)) as to_date
)

select
    coalesce($from, (select max(s.as_of) from score_snapshots as s where s.model_version = $model and s.as_of < d.to_date))
        as from_date,
    d.to_date
from dates as d;

-- name: moves :table
-- @param scheme enum(segment_named|segment_8|segment_8_zh) = segment_named -- the segment scheme compared
-- One row per customer scored on either date: the segment on each (null where not scored) and the later value.
with
snaps as (
    select
        s.as_of,
        s.customer_id,
        s.monetary,
        case $scheme when 'segment_8' then s.segment_8 when 'segment_8_zh' then s.segment_8_zh else s.segment_named end
            as segment
    from score_snapshots as s, bounds as b
    where s.model_version = $model and s.as_of in (b.from_date, b.to_date)
)

select f.segment as from_segment, t.segment as to_segment, t.monetary as value
from (select s.* from snaps as s, bounds as b where s.as_of = b.from_date) as f
full join (select s.* from snaps as s, bounds as b where s.as_of = b.to_date) as t
    on t.customer_id = f.customer_id;

-- name: snapshots :one
select
    b.from_date,
    b.to_date,
    (select count(*) from score_snapshots as s where s.model_version = $model and s.as_of = b.from_date)
        as from_customers,
    (select count(*) from score_snapshots as s where s.model_version = $model and s.as_of = b.to_date) as to_customers,
    (select count(distinct as_of) from score_snapshots where model_version = $model) as snapshot_dates
from bounds as b;

-- name: matrix :many
-- Every pair of segments, empty ones as 0, both axes in the scheme's order.
with
cells as (
    select coalesce(from_segment, '(new)') as from_segment, coalesce(to_segment, '(gone)') as to_segment,
        count(*) as customers, sum(value) as value
    from moves
    group by all
),

-- The scheme's order: the rule position for segment_named, the class from most valuable down for segment_8.
labels as (
    select segment, min(pos) as pos
    from (
        select segment, position as pos from segment_rules where rule_set = 'default' and $scheme = 'segment_named'
        union all
        select unnest(enum_range(null::rfm_segment_8_v1))::varchar, 9 - generate_subscripts(enum_range(null::rfm_segment_8_v1), 1)
        where $scheme = 'segment_8'
        union all
        select unnest(enum_range(null::rfm_segment_8_zh_v1))::varchar, 9 - generate_subscripts(enum_range(null::rfm_segment_8_zh_v1), 1)
        where $scheme = 'segment_8_zh'
        union all
        select from_segment, 1000 from cells
        union all
        select to_segment, 1000 from cells
    )
    group by segment
),

-- Only segments some customer is in on either date, so the matrix has no all-empty rows or columns.
used_from as (
    select l.segment, l.pos from labels as l where l.segment in (select from_segment from cells)
),

used_to as (
    select l.segment, l.pos from labels as l where l.segment in (select to_segment from cells)
)

select
    g.from_segment,
    g.to_segment,
    coalesce(c.customers, 0) as customers,
    coalesce(c.value, 0) as value,
    g.from_segment = g.to_segment as stayed
from (
    select f.segment as from_segment, f.pos as from_pos, t.segment as to_segment, t.pos as to_pos
    from used_from as f, used_to as t
) as g
left join cells as c on c.from_segment = g.from_segment and c.to_segment = g.to_segment
order by g.from_pos, g.from_segment, g.to_pos, g.to_segment;


-- name: flows :many
-- Per segment: customers on each date, how many stayed, came in and left.
with
per_segment as (
    select segment, sum(was) as was, sum(now) as now, sum(stayed) as stayed
    from (
        select from_segment as segment, 1 as was, 0 as now, (from_segment = to_segment)::integer as stayed
        from moves where from_segment is not null
        union all
        select to_segment, 0, 1, 0 from moves where to_segment is not null
    )
    group by segment
)

select
    segment,
    was as customers_before,
    now as customers_after,
    stayed,
    now - stayed as came_in,
    was - stayed as left_segment,
    now - was as net_change
from per_segment
order by net_change desc, segment;
