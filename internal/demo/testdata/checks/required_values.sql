-- Nulls where the demo always has a value, and values outside the contract's lists.
select 'customers' as tbl, customer_id as id from customers
where name is null or store_id is null or region is null or joined_on is null or birth_date is null
    or phone_valid is null or email_opt_in is null or do_not_contact is null
union all
select 'orders', order_id from orders
where category is null or store_id is null or channel is null or promo is null
    or category not in (select category from categories)
union all
select 'surveys', customer_id from surveys
where channel is null
    or rating not in ('very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint')
union all
select 'interactions', customer_id from interactions
where detail is null or kind not in ('call_answered', 'call_unanswered', 'call_refused', 'visit', 'event_attended',
    'referral_made', 'post', 'suggestion', 'membership_renewal', 'email_opened', 'complaint')
union all
select 'assets', asset_id from assets
where brand is null or model is null or purchased_on is null or price is null or price <= 0
union all
select 'profile_changes', customer_id from profile_changes
where field not in ('address', 'income_band', 'marital_status', 'household_size', 'employer')
    or old_value is null or new_value is null or old_value = new_value
