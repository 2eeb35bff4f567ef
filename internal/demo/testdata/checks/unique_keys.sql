-- Keys that must be unique: customer_id, order_id, asset_id.
select 'customers' as tbl, customer_id as id from customers group by customer_id having count(*) > 1
union all
select 'orders', order_id from orders group by order_id having count(*) > 1
union all
select 'assets', asset_id from assets group by asset_id having count(*) > 1
