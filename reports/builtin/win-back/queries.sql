-- Win-back: customers in the two lowest recency scores of rfm_v1 (sql/schema/0011_rfm_v1.sql) as of one day, with
-- satisfaction_level and contact_closeness (docs/scores/) and the offer class of docs/reports.md#win-back.
-- Grain: one row per customer (candidates), one row per offer class and status (summary).
-- Historical value is the customer's net revenue (rfm_v1 monetary: all purchases minus refunds up to as_of).

-- name: scored :table
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param min_value number = 0 -- only customers whose historical value (net revenue) is at least this
-- Every candidate (no limit) with the scores the offer class reads, and the offer; read by both queries below.
with
scores as (
    select customer_id, as_of, recency_days, frequency, monetary, margin, last_order_on, r_score, segment_8,
        segment_named
    from rfm_v1(as_of := $as_of)
    -- R1 is lost, R2 lapsed: the two lowest recency bins, whatever the bin count.
    where r_score <= 2 and monetary >= $min_value
),

-- The category of the last purchase (the latest order with amount > 0; order_id breaks ties).
last_category as (
    select o.customer_id, arg_max(o.category, (o.order_ts, o.order_id)) as last_category
    from orders as o
    join scores as s on s.customer_id = o.customer_id
    where o.amount > 0 and o.order_ts < s.as_of + interval 1 day
    group by o.customer_id
),

survey_lists as (
    select v.customer_id, list(v.rating order by v.survey_ts) as ratings, list(v.survey_ts order by v.survey_ts) as ts
    from surveys as v
    join scores as s on s.customer_id = v.customer_id
    group by v.customer_id
),

interaction_lists as (
    select i.customer_id, list(i.kind order by i.ts) as kinds, list(i.ts order by i.ts) as ts
    from interactions as i
    join scores as s on s.customer_id = i.customer_id
    group by i.customer_id
)

select
    x.*,
    -- The offer class: first match wins (docs/reports.md#win-back).
    case
        when x.contact = 'do_not_contact' then 'none: do not contact'
        when x.contact = 'unreachable' then 'find a channel first'
        when x.satisfaction = 'unsatisfied' then 'apology and service recovery'
        when x.high_value then 'exclusive VIP offer'
        else 'welcome-back gift'
    end as offer
from (
    select
        s.*,
        case when s.r_score = 1 then 'lost' else 'lapsed' end as status,
        c.name,
        c.store_id,
        c.region,
        l.last_category,
        -- The scores look from the end of as_of, like rfm_v1.
        satisfaction_level(v.ratings, v.ts, (s.as_of + interval 1 day)::timestamp)::varchar as satisfaction,
        contact_closeness(c.phone_valid, c.email_opt_in, c.do_not_contact, i.kinds, i.ts,
            (s.as_of + interval 1 day)::timestamp)::varchar as contact,
        s.segment_8::varchar like 'important%' as high_value
    from scores as s
    left join customers as c on c.customer_id = s.customer_id
    left join last_category as l on l.customer_id = s.customer_id
    left join survey_lists as v on v.customer_id = s.customer_id
    left join interaction_lists as i on i.customer_id = s.customer_id
) as x;

-- name: candidates :many
-- @param limit integer = 50 -- customers listed, highest value first
select
    customer_id,
    name,
    store_id,
    status,
    segment_named,
    segment_8::varchar as segment_8,
    monetary as historical_value,
    margin,
    frequency as purchases,
    last_order_on,
    recency_days as days_since,
    last_category,
    satisfaction,
    contact,
    offer
from scored
order by monetary desc, customer_id
limit $limit;

-- name: by_offer :many
-- All candidates (no limit) by offer class and status, with their value.
select
    o.offer,
    o.status,
    count(*) as customers,
    sum(o.monetary) as historical_value
from scored as o
group by o.offer, o.status
order by
    case o.offer
        when 'exclusive VIP offer' then 1
        when 'welcome-back gift' then 2
        when 'apology and service recovery' then 3
        when 'find a channel first' then 4
        else 5
    end,
    o.status;
