-- Executor benchmark and cross-check for contact_closeness: $rows interactions, five per customer,
-- over four years; the rule as a plain SQL group-by (view ci_sql) against group by + list() + the UDF.

-- name: setup
create table ci as
select
    i // 5 as customer_id,
    hash(i // 5) % 10 > 1 as phone_valid,
    hash(i // 5 + 7) % 3 = 0 as email_opt_in,
    hash(i // 5 + 13) % 20 = 0 as do_not_contact,
    ['call_answered', 'call_unanswered', 'call_refused', 'visit', 'event_attended', 'referral_made', 'post',
     'suggestion', 'membership_renewal', 'email_opened', 'complaint'][(hash(i) % 11)::bigint + 1] as kind,
    timestamp '2026-01-01' - to_seconds((hash(i + 1) % (4 * 365 * 86400))::bigint) as ts
from range($rows) t(i);

-- name: setup
create view ci_sql as
select customer_id, case
        when dnc or refused >= 2 then 'do_not_contact'
        when not (phone_valid and not (answered = 0 and unanswered >= 3)) and not email_opt_in and two_way = 0
            then 'unreachable'
        when voluntary > 0 and points >= 3.0::double then 'close'
        when two_way > 0 then 'official'
        else 'cold'
    end as closeness
from (
    select customer_id,
        coalesce(bool_or(do_not_contact), false) as dnc,
        coalesce(bool_or(phone_valid), false) as phone_valid,
        coalesce(bool_or(email_opt_in), false) as email_opt_in,
        count(*) filter (where in_window and kind = 'call_refused') as refused,
        count(*) filter (where in_window and kind = 'call_answered') as answered,
        count(*) filter (where in_window and kind = 'call_unanswered') as unanswered,
        count(*) filter (where in_window and kind in ('event_attended', 'referral_made', 'post', 'suggestion')) as voluntary,
        count(*) filter (where in_window and kind not in ('call_unanswered', 'call_refused')) as two_way,
        sum(case
            when not in_window then 0.0::double
            when kind = 'call_answered' then 1.0::double
            when kind = 'event_attended' then 2.0::double
            when kind = 'referral_made' then 3.0::double
            when kind = 'suggestion' then 2.0::double
            when kind = 'post' then 1.0::double
            else 0.0::double
        end) as points
    from (
        select *, age >= 0.0::double and age < 730.0::double as in_window
        from (select *, epoch(timestamp '2026-01-01' - ts) / 86400.0::double as age from ci)
    )
    group by customer_id
);

-- name: sql
select count(closeness) from ci_sql;

-- name: udf
select count(closeness)
from (
    select contact_closeness(any_value(phone_valid), any_value(email_opt_in), any_value(do_not_contact),
                             list(kind), list(ts), timestamp '2026-01-01') as closeness
    from ci
    group by customer_id
);

-- name: check
select count(*)
from ci_sql s
join (
    select customer_id,
        contact_closeness(any_value(phone_valid), any_value(email_opt_in), any_value(do_not_contact),
                          list(kind), list(ts), timestamp '2026-01-01') as closeness
    from ci
    group by customer_id
) u using (customer_id)
where s.closeness <> u.closeness;
