-- How many customers of each kind the demo data holds; every count must be positive.
-- $as_of is the day the data ends.
with per_customer as (
    select
        o.customer_id,
        min(o.order_ts) as first_ts,
        max(o.order_ts) as last_ts,
        count(*) as orders,
        bool_and(c.kind = 'essential') as essential_only
    from orders o
    join categories c using (category)
    group by o.customer_id
),

survey_history as (
    select
        customer_id,
        count(*) as surveys,
        count(*) filter (where rating in ('neutral', 'dissatisfied', 'complaint')) as unhappy,
        count(*) filter (where rating = 'complaint') as complaints,
        count(*) filter (where rating = 'dissatisfied') as dissatisfied
    from surveys
    group by customer_id
),

renewal_gaps as (
    select
        customer_id,
        order_ts::date - lag(order_ts::date) over (partition by customer_id order by order_ts) as gap
    from orders
    where category = 'insurance_renewal' and amount > 0
),

calls as (
    select
        customer_id,
        count(*) filter (where kind = 'call_answered') as answered,
        count(*) filter (where kind = 'call_unanswered') as unanswered
    from interactions
    group by customer_id
)

select 'churned 2 to 6 years ago' as name, count(*) as n from per_customer
where last_ts between $as_of::timestamp - interval 6 years and $as_of::timestamp - interval 2 years
union all
select 'new in the last 6 months', count(*) from per_customer
where first_ts >= $as_of::timestamp - interval 6 months
union all
select 'essential categories only, 3+ orders', count(*) from per_customer
where essential_only and orders >= 3
union all
select 'accessories or detailing buyers', count(distinct customer_id) from orders
where category in ('accessories', 'detailing') and amount > 0
union all
select 'seed-000 survey history', count(*) from survey_history
where surveys >= 10 and unhappy >= 0.6 * surveys and complaints >= 1 and dissatisfied >= 1
union all
select 'yearly insurance renewals, 3+', count(*) from (
    select customer_id from renewal_gaps
    group by customer_id
    having count(gap) >= 2 and min(gap) >= 340 and max(gap) <= 390)
union all
select 'unreachable: invalid phone, calls unanswered', count(*) from customers c
join calls using (customer_id)
where not c.phone_valid and calls.answered = 0 and calls.unanswered > 0
union all
select 'do not contact', count(*) from customers where do_not_contact
union all
select 'repairs over 3000', count(*) from orders where category = 'repair' and amount > 3000
union all
select 'refunds', count(*) from orders where amount < 0
union all
select 'promo orders', count(*) from orders where promo
union all
select 'orders without cost', count(*) from orders where cost is null
union all
select 'vehicles under 1 year old', count(*) from assets where purchased_on > $as_of::date - interval 1 year
union all
select 'vehicles over 11 years old', count(*) from assets where purchased_on < $as_of::date - interval 11 years
union all
select 'income band up', count(*) from profile_changes
where field = 'income_band' and list_position(['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'], new_value)
    > list_position(['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'], old_value)
union all
select 'income band down', count(*) from profile_changes
where field = 'income_band' and list_position(['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'], new_value)
    < list_position(['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'], old_value)
union all
select 'orders at another store', count(*) from orders o join customers c using (customer_id)
where o.store_id <> c.store_id
