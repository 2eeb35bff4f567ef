-- Anything dated at or after as-of ($as_of, a date: everything must happen before that day).
select 'orders' as tbl, order_ts::varchar as at from orders where order_ts >= $as_of::timestamp
union all
select 'surveys', survey_ts::varchar from surveys where survey_ts >= $as_of::timestamp
union all
select 'interactions', ts::varchar from interactions where ts >= $as_of::timestamp
union all
select 'assets', purchased_on::varchar from assets where purchased_on >= $as_of::date
union all
select 'profile_changes', changed_on::varchar from profile_changes where changed_on >= $as_of::date
union all
select 'customers joined_on', joined_on::varchar from customers where joined_on >= $as_of::date
union all
select 'customers birth_date', birth_date::varchar from customers where birth_date >= $as_of::date
