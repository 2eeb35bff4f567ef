-- A lower bound for any rfm_v1 body: writing its 17 finished columns for every customer, with nothing computed,
-- into a temp table the way the floor and the scores are written.
create or replace temp table rfm_bench_write as
select * from rfm_bench_result;
