-- What the clv_v2 benchmark times against the same floor as clv_v1's: every clv_v2 column for every customer
-- (clv_v1's, then P(purchase) over 90 days and 12 months), materialized.
create or replace temp table clv_bench_v2 as
select * from clv_v2(as_of := $as_of::date);
