-- Executor benchmark and cross-check for satisfaction_level: $rows surveys, five per customer, over
-- five years; the rule as a plain SQL group-by (view sv_sql) against group by + list() + the UDF.

-- name: setup
create table sv as
select
    i // 5 as customer_id,
    ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint'][(hash(i) % 5)::bigint + 1] as rating,
    timestamp '2026-01-01' - to_seconds((hash(i + 1) % (5 * 365 * 86400))::bigint) as survey_ts
from range($rows) t(i);

-- name: setup
create view sv_sql as
select customer_id, idx, case
        when recent_complaint then 'unsatisfied'
        when idx < 45.0::double then 'unsatisfied'
        when idx >= 65.0::double then 'satisfied'
        else 'neutral'
    end as level
from (
    select customer_id, sum(w * points) / sum(w) as idx,
        bool_or(rating = 'complaint' and age <= 90.0::double) as recent_complaint
    from (
        select customer_id, rating, age,
            case rating when 'complaint' then 3.0::double when 'dissatisfied' then 2.0::double else 1.0::double end
                * (0.5::double + 0.5::double * pow(2.0::double, -age / 365.0::double)) as w,
            case rating
                when 'very_satisfied' then 100.0::double when 'satisfied' then 75.0::double
                when 'neutral' then 50.0::double when 'dissatisfied' then 25.0::double else 0.0::double
            end as points
        from (select *, epoch(timestamp '2026-01-01' - survey_ts) / 86400.0::double as age from sv)
        where age >= 0.0::double
    )
    group by customer_id
);

-- name: sql
select count(level) from sv_sql;

-- name: udf
select count(level)
from (
    select satisfaction_level(list(rating), list(survey_ts), timestamp '2026-01-01') as level
    from sv
    group by customer_id
);

-- name: check
select count(*)
from sv_sql s
join (
    select customer_id,
        satisfaction_index(list(rating), list(survey_ts), timestamp '2026-01-01') as idx,
        satisfaction_level(list(rating), list(survey_ts), timestamp '2026-01-01') as level
    from sv
    group by customer_id
) u using (customer_id)
where abs(s.idx - u.idx) > 1e-9 or s.level <> u.level;
