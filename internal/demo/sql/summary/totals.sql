-- One row of figures for the demo summary, computed from the contract tables alone.
-- $as_of is the day the data ends: churned and new are judged against it.
with per_customer as (
    select
        o.customer_id,
        sum(o.amount) as revenue,
        min(o.order_ts) as first_ts,
        max(o.order_ts) as last_ts,
        bool_or(c.kind = 'discretionary' and o.amount > 0) as discretionary
    from orders o
    left join categories c on c.category = o.category
    group by o.customer_id
),

ranked as (
    select revenue, row_number() over (order by revenue desc) as rank, count(*) over () as n
    from per_customer
),

survey_mix as (
    select customer_id
    from surveys
    group by customer_id
    having count(*) >= 10
        and count(*) filter (where rating in ('neutral', 'dissatisfied', 'complaint')) >= count(*) / 2
)

select
    (select count(*) from customers) as customers,
    (select count(*) from orders) as orders,
    (select count(*) from assets) as assets,
    (select count(*) from surveys) as surveys,
    (select count(*) from interactions) as interactions,
    (select count(*) from profile_changes) as profile_changes,
    (select min(order_ts) from orders) as first_order,
    (select max(order_ts) from orders) as last_order,
    (select coalesce(sum(amount) * 100, 0)::bigint from orders) as revenue_cents,
    (select count(*) from orders where amount < 0) as refunds,
    (select coalesce(sum(amount) * 100, 0)::bigint from orders where amount < 0) as refund_cents,
    (select count(*) from orders where cost is not null) as costed_orders,
    (select coalesce(1 - sum(cost) / nullif(sum(amount), 0), 0)::double from orders where cost is not null)
        as margin,
    (select count(*) from orders where category = 'repair' and amount > 3000) as large_repairs,
    (select min(purchased_on) from assets) as oldest_vehicle,
    (select count(*) from per_customer) as buyers,
    (select coalesce(sum(revenue) filter (where rank <= ceil(n * 0.2)) / nullif(sum(revenue), 0), 0)::double
        from ranked) as top20_share,
    (select count(*) from per_customer where discretionary) as discretionary,
    (select count(*) from per_customer where not discretionary) as essential_only,
    (select count(*) from per_customer where last_ts < $as_of::timestamp - interval 2 years) as churned,
    (select count(*) from per_customer where first_ts >= $as_of::timestamp - interval 6 months) as new,
    (select count(*) from customers c where not c.phone_valid and not exists (
        select 1 from interactions i where i.customer_id = c.customer_id and i.kind = 'call_answered'))
        as unreachable,
    (select count(*) from customers where do_not_contact) as do_not_contact,
    (select count(*) from survey_mix) as unhappy_surveyed
