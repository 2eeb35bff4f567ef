-- Data quality: reads only the data contract v1 tables (0001_contract_v1.sql, 0002_loads.sql),
-- so it works on any custval database. Grain: one row per line of each section.

-- name: summary :one
select
    (select count(*) from customers)                 as customers,
    (select count(*) from orders)                    as orders,
    (select min(order_ts) from orders)::date         as first_order,
    (select max(order_ts) from orders)::date         as last_order,
    (select coalesce(sum(amount), 0) from orders)    as revenue,
    (select count(*) from loads)                     as loads,
    (select count(*) from load_rejects)              as rejected_rows;

-- name: table_counts :many
select table_name, row_count
from (
    select 1 as pos, 'customers' as table_name, count(*) as row_count from customers
    union all select 2, 'orders', count(*) from orders
    union all select 3, 'categories', count(*) from categories
    union all select 4, 'surveys', count(*) from surveys
    union all select 5, 'interactions', count(*) from interactions
    union all select 6, 'assets', count(*) from assets
    union all select 7, 'profile_changes', count(*) from profile_changes
    union all select 8, 'loads', count(*) from loads
    union all select 9, 'load_rejects', count(*) from load_rejects
)
order by pos;

-- name: checks :many
-- Each check counts rows that break an expectation of the data contract; 0 is the good answer.
select check_name, row_count
from (
    select 1 as pos, 'duplicate customer ids' as check_name,
        count(*) - count(distinct customer_id) as row_count from customers
    union all select 2, 'duplicate order ids', count(*) - count(distinct order_id) from orders
    union all select 3, 'orders of unknown customers', count(*) from orders o
        where not exists (select 1 from customers c where c.customer_id = o.customer_id)
    union all select 4, 'orders after generated_at', count(*) from orders where order_ts > $generated_at
    union all select 5, 'orders without a category', count(*) from orders where category is null
    union all select 6, 'orders with an unmapped category', count(*) from orders o
        where o.category is not null and not exists (select 1 from categories k where k.category = o.category)
    union all select 7, 'orders without cost (no margin)', count(*) from orders where cost is null
    union all select 8, 'refunds and returns (amount < 0)', count(*) from orders where amount < 0
    union all select 9, 'customers without orders', count(*) from customers c
        where not exists (select 1 from orders o where o.customer_id = c.customer_id)
    union all select 10, 'customers with no way to contact', count(*) from customers
        where coalesce(do_not_contact, false) or not (coalesce(phone_valid, false) or coalesce(email_opt_in, false))
)
order by pos;

-- name: orders_per_month :many
-- @param months integer = 24 -- months shown, counting back from the month of generated_at
select
    date_trunc('month', order_ts)::date as month,
    count(*)                            as orders,
    sum(amount)                         as revenue
from orders
where order_ts >= date_trunc('month', $generated_at) - to_months(($months - 1)::integer)
  and order_ts <= $generated_at
group by all
order by month;

-- name: revenue_by_category :many
select
    coalesce(o.category, '(none)')  as category,
    coalesce(k.kind, '(unmapped)')  as kind,
    count(*)                        as orders,
    sum(o.amount)                   as revenue,
    sum(o.amount - o.cost)          as margin
from orders o
left join categories k on k.category = o.category
group by all
order by revenue desc, category;

-- name: top_customers :many
-- @param top integer = 10 -- customers listed
-- @param region text = null -- only customers of this region; all regions when not given
-- @param rank_by enum(revenue|margin|orders) = revenue -- what ranks the customers
select
    c.customer_id,
    c.name,
    c.region,
    count(*)                  as orders,
    sum(o.amount)             as revenue,
    sum(o.amount - o.cost)    as margin,
    max(o.order_ts)::date     as last_order
from orders o
join customers c on c.customer_id = o.customer_id
where $region is null or c.region = $region
group by all
order by
    case $rank_by
        when 'margin' then sum(o.amount - o.cost)::double
        when 'orders' then count(*)::double
        else sum(o.amount)::double
    end desc nulls last,
    c.customer_id
limit $top;

-- name: rejects_by_column :many
select
    table_name,
    coalesce(column_name, '(whole row)') as column_name,
    count(*)                             as rejected_rows
from load_rejects
group by all
order by table_name, rejected_rows desc, column_name;

-- name: recent_loads :many
-- @param max_rows integer = 20 -- loads and rejected rows listed, newest load first
select
    load_id,
    table_name,
    array_to_string(files, ', ') as files,
    started_at,
    rows_read,
    rows_loaded,
    rows_rejected
from loads
order by load_id desc
limit $max_rows;

-- name: recent_rejects :many
-- @param max_rows integer = 20 -- loads and rejected rows listed, newest load first
select
    load_id,
    table_name,
    file,
    row_number,
    column_name,
    raw_value,
    reason
from load_rejects
order by load_id desc, file, row_number nulls last, column_name nulls first
limit $max_rows;
