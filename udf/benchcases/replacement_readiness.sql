-- Benchmark and cross-check for replacement_readiness: $rows assets with random inputs, the rule
-- written as plain SQL with DOUBLE literals (view rr_sql), and the function.

-- name: setup
create table rr as
select
    i as id,
    case when i % 40 = 0 then null else (hash(i) % 150) / 10.0 end::double as age_years,
    case when i % 7 = 0 then null else (hash(i + 1) % 8000)::double end as major_spend_12m,
    case when i % 3 = 0 then null else (hash(i + 2) % 60000 + 5000)::double end as asset_price
from range($rows) t(i);

-- name: setup
create view rr_sql as
select id, case
        when age_years is null or isnan(age_years) then null
        when age_years < 5.0::double then 'not_yet'
        when major_spend_12m > 0.0::double and major_spend_12m >= case
                when asset_price > 0.0::double and asset_price < 'inf'::double then 0.10::double * asset_price
                else 2000.0::double
            end then 'recently_renewed'
        when age_years >= 8.0::double then 'overdue'
        else 'window_open'
    end as readiness
from rr;

-- name: sql
select count(readiness) from rr_sql;

-- name: udf
select count(replacement_readiness(age_years, major_spend_12m, asset_price)) from rr;

-- name: check
select count(*)
from rr join rr_sql using (id)
where readiness is distinct from replacement_readiness(age_years, major_spend_12m, asset_price);
