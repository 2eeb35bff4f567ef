-- Campaign lists: the targeting lists of seed 002 ("5 ways to raise each customer's value", point 3): a) bought in
-- earlier years but not in the last one, b) customers long enough who never bought a category, c) bought category
-- A but not B, d) each narrowed to a store or region. Reads only the contract tables (and contact_closeness).
-- Grain: one row per list (summary), one row per customer and list (members). A customer can be on several lists.

-- name: listed :table
-- @param as_of date = null -- the day the lists look from; the day of the latest order when not given
-- @param lookback_years integer = 3 -- list skipped_last_year: bought in this many years before the last one
-- @param category text = insurance_renewal -- list never_bought: the category never bought
-- @param min_tenure_years integer = 3 -- list never_bought: customers since at least this many years
-- @param category_a text = vehicle_purchase -- list a_not_b: the category bought
-- @param category_b text = extended_warranty -- list a_not_b: the category never bought
-- @param store text = null -- only customers of this store (customers.store_id); all when not given
-- @param region text = null -- only customers of this region; all when not given
-- Every customer on each list they qualify for, with the facts the lists test; read by both queries below.
with
settings as (
    select coalesce($as_of, (select max(order_ts)::date from orders)) as as_of
),

-- One pass over the purchases up to the end of as_of: everything the three lists test, per customer.
facts as (
    select
        o.customer_id,
        min(o.order_ts)::date as first_order_on,
        max(o.order_ts)::date as last_order_on,
        count(*) as purchases,
        sum(o.amount) as revenue,
        count(*) filter (o.order_ts >= s.as_of + interval 1 day - interval 1 year) as purchases_last_year,
        count(*) filter (o.order_ts < s.as_of + interval 1 day - interval 1 year
            and o.order_ts >= s.as_of + interval 1 day - to_years(1 + $lookback_years::integer)) as purchases_before,
        coalesce(bool_or(o.category = $category), false) as bought_category,
        coalesce(bool_or(o.category = $category_a), false) as bought_a,
        coalesce(bool_or(o.category = $category_b), false) as bought_b,
        any_value(s.as_of) as as_of
    from orders as o, settings as s
    where o.amount > 0 and o.order_ts < s.as_of + interval 1 day
    group by o.customer_id
)

select f.*, l.list
from facts as f
join customers as c on c.customer_id = f.customer_id
cross join (values ('skipped_last_year'), ('never_bought'), ('a_not_b')) as l(list)
where ($store is null or c.store_id = $store)
  and ($region is null or c.region = $region)
  and case l.list
        -- a) bought in the lookback_years before the last year, nothing in the 12 months up to as_of
        when 'skipped_last_year' then f.purchases_last_year = 0 and f.purchases_before > 0
        -- b) customers for at least min_tenure_years who never bought $category
        when 'never_bought' then not f.bought_category
            and f.first_order_on <= f.as_of - to_years($min_tenure_years::integer)
        -- c) bought $category_a, never $category_b
        else f.bought_a and not f.bought_b
    end;

-- name: summary :many
select
    l.list,
    case l.list
        when 'skipped_last_year' then 'bought in the ' || $lookback_years || ' years before the last 12 months, nothing since'
        when 'never_bought' then 'customers for ' || $min_tenure_years || '+ years who never bought ' || $category
        else 'bought ' || $category_a || ', never ' || $category_b
    end as definition,
    count(x.customer_id) as customers,
    coalesce(sum(x.revenue), 0) as revenue
from (values (1, 'skipped_last_year'), (2, 'never_bought'), (3, 'a_not_b')) as l(pos, list)
left join listed as x on x.list = l.list
group by l.pos, l.list
order by l.pos;

-- name: members :many
-- @param list enum(all|skipped_last_year|never_bought|a_not_b) = all -- the list shown
-- @param limit integer = 200 -- customers listed per list, highest revenue first
with
ranked as (
    select x.*, row_number() over (partition by x.list order by x.revenue desc, x.customer_id) as rank
    from listed as x
    where $list = 'all' or x.list = $list
),

interaction_lists as (
    select i.customer_id, list(i.kind order by i.ts) as kinds, list(i.ts order by i.ts) as ts
    from interactions as i
    where i.customer_id in (select customer_id from ranked where rank <= $limit)
    group by i.customer_id
)

select
    r.list,
    r.customer_id,
    c.name,
    c.store_id,
    c.region,
    r.first_order_on,
    r.last_order_on,
    r.purchases,
    r.revenue,
    contact_closeness(c.phone_valid, c.email_opt_in, c.do_not_contact, i.kinds, i.ts,
        (r.as_of + interval 1 day)::timestamp)::varchar as contact
from ranked as r
left join customers as c on c.customer_id = r.customer_id
left join interaction_lists as i on i.customer_id = r.customer_id
where r.rank <= $limit
order by case r.list when 'skipped_last_year' then 1 when 'never_bought' then 2 else 3 end, r.rank;
