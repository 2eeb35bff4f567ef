-- The per-customer inputs the customer-value view passes, built with group by and list().
with s as (
    select customer_id, list(rating order by survey_ts) as ratings, list(survey_ts order by survey_ts) as ts
    from surveys
    group by customer_id
), i as (
    select customer_id, list(kind order by ts) as kinds, list(ts order by ts) as ts
    from interactions
    group by customer_id
)
select s.customer_id,
    satisfaction_level(s.ratings, s.ts, $as_of, score_settings_map('satisfaction')),
    contact_closeness(true, false, false, i.kinds, i.ts, $as_of, score_settings_map('contact'))
from s left join i using (customer_id)
order by s.customer_id
