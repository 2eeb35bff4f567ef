-- Service due: when each customer's next visit falls due, from the essential (recurring-need) categories of
-- `categories` (maintenance, repair, parts, tyres in the shipped mapping). Reads only the contract tables and the
-- contact_closeness function. Grain: one row per customer due (due), one row per week (by_week).
--
-- A visit is a day with at least one purchase (amount > 0) in an essential category, up to the end of as_of.
-- Personal interval: the median gap in days between a customer's consecutive visits, once there are three visits
-- (two gaps). Category norm: the median gap between consecutive visits of one customer in one category, over all
-- customers; it serves customers with fewer than three visits, by the category of their last visit.
-- Next due: last visit + interval.

-- name: due :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param within_days integer = 30 -- list customers due from as_of up to this many days later
-- @param overdue_days integer = 30 -- also list customers whose due day passed at most this many days ago
-- @param store text = null -- only customers whose last visit was at this store; all stores when not given
with
settings as (
    select coalesce($as_of, (select max(order_ts)::date from orders)) as as_of
),

visit_orders as (
    select o.customer_id, o.order_ts::date as day, o.category, o.store_id, o.order_id, o.order_ts
    from orders as o
    join categories as k on k.category = o.category and k.kind = 'essential'
    where o.amount > 0 and o.order_ts < (select as_of from settings) + interval 1 day
),

-- One pass over the visit days for both the personal gaps and the per-category gaps.
days as (
    select distinct customer_id, day from visit_orders
),

gaps as (
    select customer_id, day - lag(day) over (partition by customer_id order by day) as gap
    from days
),

personal as (
    select customer_id, quantile_disc(gap, 0.5) as interval_days, count(gap) as gaps
    from gaps
    group by customer_id
    having count(gap) >= 2
),

category_days as (
    select distinct customer_id, category, day from visit_orders
),

category_gaps as (
    select category, day - lag(day) over (partition by customer_id, category order by day) as gap
    from category_days
),

norms as (
    select category, quantile_disc(gap, 0.5) as interval_days
    from category_gaps
    where gap is not null
    group by category
),

last_visit as (
    select
        customer_id,
        max(day) as last_visit,
        arg_max(category, (order_ts, order_id)) as last_category,
        arg_max(store_id, (order_ts, order_id)) as last_store
    from visit_orders
    group by customer_id
),

due as (
    select
        l.customer_id,
        l.last_visit,
        l.last_category,
        l.last_store,
        coalesce(p.interval_days, n.interval_days) as interval_days,
        case when p.interval_days is not null then 'personal' else 'category' end as interval_from,
        l.last_visit + coalesce(p.interval_days, n.interval_days)::integer as due_on,
        s.as_of
    from last_visit as l
    cross join settings as s
    left join personal as p on p.customer_id = l.customer_id
    left join norms as n on n.category = l.last_category
    where coalesce(p.interval_days, n.interval_days) is not null
      and ($store is null or l.last_store = $store)
),

window_due as (
    select *
    from due
    where due_on between as_of - $overdue_days::integer and as_of + $within_days::integer
),

interaction_lists as (
    select i.customer_id, list(i.kind order by i.ts) as kinds, list(i.ts order by i.ts) as ts
    from interactions as i
    join window_due as d on d.customer_id = i.customer_id
    group by i.customer_id
)

select
    d.customer_id,
    c.name,
    d.last_store as store_id,
    d.last_visit,
    d.last_category,
    d.interval_days::integer as interval_days,
    d.interval_from,
    d.due_on,
    (d.due_on - d.as_of)::integer as days_until_due,
    contact_closeness(c.phone_valid, c.email_opt_in, c.do_not_contact, i.kinds, i.ts,
        (d.as_of + interval 1 day)::timestamp)::varchar as contact
from window_due as d
left join customers as c on c.customer_id = d.customer_id
left join interaction_lists as i on i.customer_id = d.customer_id
order by d.due_on, d.customer_id;

-- name: norms :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- The category norms: the median gap between one customer's consecutive visits in the category.
with
settings as (
    select coalesce($as_of, (select max(order_ts)::date from orders)) as as_of
),

category_days as (
    select distinct o.customer_id, o.category, o.order_ts::date as day
    from orders as o
    join categories as k on k.category = o.category and k.kind = 'essential'
    where o.amount > 0 and o.order_ts < (select as_of from settings) + interval 1 day
),

category_gaps as (
    select category, day - lag(day) over (partition by customer_id, category order by day) as gap
    from category_days
)

select
    category,
    count(gap) as gaps,
    quantile_disc(gap, 0.5)::integer as median_days,
    quantile_disc(gap, 0.25)::integer as p25_days,
    quantile_disc(gap, 0.75)::integer as p75_days
from category_gaps
where gap is not null
group by category
order by category;
