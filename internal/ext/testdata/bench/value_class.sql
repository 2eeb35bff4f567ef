-- Benchmark and cross-check for value_class: $rows customers with random inputs, the rule written
-- as plain SQL with DOUBLE literals (view vc_sql), and the function.

-- name: setup
create table vc as
select
    i as id,
    case when i % 50 = 0 then null else (hash(i) % 4000)::double - 1000.0 end as margin,
    case when i % 9 = 0 then null else (hash(i + 1) % 900)::double end as serve_cost,
    case when i % 4 = 0 then null else ((hash(i + 2) % 200)::double - 100.0) / 100.0 end as growth,
    1500.0::double as valuable_net
from range($rows) t(i);

-- name: setup
create view vc_sql as
select id, case
        when net is null or isnan(net) then null
        when net < 0.0::double then 'negative'
        when net >= valuable_net then 'most_valuable'
        when growth >= 0.20::double then 'most_growth'
        else 'maintain'
    end as class
from (
    select *, margin - case when serve_cost > 0.0::double then serve_cost else 0.0::double end as net
    from vc
);

-- name: sql
select count(class) from vc_sql;

-- name: udf
select count(value_class(margin, serve_cost, growth, valuable_net)) from vc;

-- name: check
select count(*)
from vc join vc_sql using (id)
where class is distinct from value_class(margin, serve_cost, growth, valuable_net);
