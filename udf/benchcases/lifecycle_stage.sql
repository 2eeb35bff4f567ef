-- Executor benchmark and cross-check for lifecycle_stage: $rows customers with random inputs,
-- the rule written as plain SQL with DOUBLE literals (view lc_sql), and the UDF.

-- name: setup
create table lc as
select
    i as id,
    (hash(i) % 1500)::double as days_since_last,
    case when i % 10 = 0 then null else (hash(i + 1) % 365 + 1)::double end as typical_interval_days,
    (hash(i + 2) % 12)::bigint as orders,
    case when i % 50 = 0 then null else (hash(i + 3) % 3000)::double end as tenure_days,
    case when i % 3 = 0 then null else (hash(i + 4) % 200 + 20)::double end as category_norm_days
from range($rows) t(i);

-- name: setup
create view lc_sql as
select id, case
        when orders is null or orders <= 0 or days_since_last is null or isnan(days_since_last) then null
        when tenure_days < 90.0::double then 'new'
        when r >= 5.0::double then 'lost'
        when r >= 3.0::double then 'lapsed'
        when r >= 1.5::double then 'at_risk'
        else 'active'
    end as stage
from (
    select *, greatest(days_since_last, 0.0::double) / greatest(
            case
                when orders >= 3 and typical_interval_days > 0.0::double and typical_interval_days < 'inf'::double
                    then typical_interval_days
                when category_norm_days > 0.0::double and category_norm_days < 'inf'::double then category_norm_days
                else 180.0::double
            end, 7.0::double) as r
    from lc
);

-- name: sql
select count(stage) from lc_sql;

-- name: udf
select count(lifecycle_stage(days_since_last, typical_interval_days, orders, tenure_days, category_norm_days)) from lc;

-- name: check
select count(*)
from lc join lc_sql using (id)
where stage is distinct from lifecycle_stage(days_since_last, typical_interval_days, orders, tenure_days, category_norm_days);
