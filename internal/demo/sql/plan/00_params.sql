-- The run's parameters, bound from Go; every later step reads them through variables.
-- "or replace": the connection may come back from the pool with a failed run's leftovers.
create or replace temp table demo_params as
select
    hash($seed::bigint)                          as seed_key,
    $customers::bigint                           as customers,
    ($as_of::date - date '1970-01-01')::integer  as as_of_day
