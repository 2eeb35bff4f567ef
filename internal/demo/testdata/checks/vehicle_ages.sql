-- Vehicles older than 12 years at as-of, vehicle purchases that match no vehicle bought here,
-- and customers younger than 18 when they bought their first vehicle.
select 'asset too old' as problem, asset_id as id from assets
where purchased_on < $as_of::date - interval 12 years
union all
select 'vehicle order without a vehicle', o.order_id from orders o
where o.category = 'vehicle_purchase' and not exists (
    select 1 from assets a
    where a.customer_id = o.customer_id and a.purchased_on = o.order_ts::date and a.price = o.amount)
union all
select 'under 18 at first vehicle', c.customer_id from customers c
join (select customer_id, min(purchased_on) as first_on from assets group by customer_id) a using (customer_id)
where c.birth_date > a.first_on - interval 18 years
