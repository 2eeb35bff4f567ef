-- What the benchmark times against the floor: every rfm_v1 column for every customer, materialized.
create or replace temp table rfm_bench_scores as
select * from rfm_v1(as_of := $as_of::date);
