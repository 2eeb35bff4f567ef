-- Executor benchmark and cross-check for value_class: $rows customers with random margin, serving
-- cost and growth; the rule as plain SQL with DOUBLE literals (view vc_sql) against the UDF.

-- name: setup
create table vc as
select
    i as id,
    case when i % 97 = 0 then null else (hash(i) % 10000)::double - 2000.0 end as margin,
    case when i % 7 = 0 then null else (hash(i + 1) % 3000)::double end as serve_cost,
    case when i % 11 = 0 then null else ((hash(i + 2) % 100)::double - 30.0) / 100.0 end as growth
from range($rows) t(i);

-- name: setup
create view vc_sql as
select id, case
        when net is null or isnan(net) then null
        when net < 0.0::double then 'negative'
        when net >= 5000.0::double then 'most_valuable'
        when growth >= 0.2::double then 'most_growth'
        else 'maintain'
    end as class
from (select *, margin - greatest(coalesce(serve_cost, 0.0::double), 0.0::double) as net from vc);

-- name: sql
select count(class) from vc_sql;

-- name: udf
select count(value_class(margin, serve_cost, growth, 5000.0::double)) from vc;

-- name: check
select count(*)
from vc join vc_sql using (id)
where class is distinct from value_class(margin, serve_cost, growth, 5000.0::double);
