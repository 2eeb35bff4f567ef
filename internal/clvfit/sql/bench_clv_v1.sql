-- What the benchmark times against the floor: every clv_v1 column for every customer (P(alive), expected
-- purchases, expected spend and the 12-month discounted CLV from the stored models), materialized.
create or replace temp table clv_bench_v1 as
select * from clv_v1(as_of := $as_of::date);
