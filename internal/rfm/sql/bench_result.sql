-- The finished rfm_v1 result, kept so that writing it again can be timed on its own (BenchWrite).
create or replace table rfm_bench_result as
select * from rfm_v1(as_of := $as_of::date);
