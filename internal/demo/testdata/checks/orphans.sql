-- Rows whose customer does not exist.
select 'orders' as tbl, customer_id from orders anti join customers using (customer_id)
union all
select 'assets', customer_id from assets anti join customers using (customer_id)
union all
select 'surveys', customer_id from surveys anti join customers using (customer_id)
union all
select 'interactions', customer_id from interactions anti join customers using (customer_id)
union all
select 'profile_changes', customer_id from profile_changes anti join customers using (customer_id)
