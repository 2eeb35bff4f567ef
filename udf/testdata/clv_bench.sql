-- Executor benchmark and cross-check for clv_p_alive_params (BenchmarkCLVExecutors, TestCLVMatchesPlainSQL),
-- in internal/benchcase's format; kept out of udf/benchcases, which `make bench` and the extension benchmark run.
-- $rows weekly histories: x repeat purchases 0..19, T 1..104 weeks, t_x in [0, T] (0 when x = 0), x NULL in
-- one row in 101. Baseline: BG/NBD's P(alive) (Fader, Hardie and Lee 2005, eq. 13) in plain SQL with DOUBLE
-- literals and the parameters in clv_bench_params, the same model the UDF reads from the params text.

-- name: setup
create table clv_bench_params as
select '{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}' as params;

-- name: setup
create table ch as
select
    i as id,
    case when i % 101 = 0 then null else x end as x,
    case when x = 0 then 0.0 else big_t * (hash(i, 'tx') % 1001)::double / 1000.0 end as tx,
    big_t
from (select i, (hash(i, 'x') % 20)::double as x, (1 + hash(i, 't') % 104)::double as big_t from range($rows) t(i));

-- name: setup
create view ch_sql as
select id, case
        when x is null then null
        when x = 0.0::double then 1.0::double
        else 1.0::double / (1.0::double + 0.793::double / (2.426::double + x - 1.0::double)
            * pow((4.414::double + big_t) / (4.414::double + tx), 0.243::double + x))
    end as p
from ch;

-- name: sql
select count(p) filter (where p > 0.5::double) from ch_sql;

-- name: udf
select count(*) filter (where clv_p_alive_params((select params from clv_bench_params), x, tx, big_t) > 0.5::double) from ch;

-- name: check
select count(*)
from ch join ch_sql using (id), clv_bench_params
where (p is null) <> (clv_p_alive_params(params, x, tx, big_t) is null)
    or abs(p - clv_p_alive_params(params, x, tx, big_t)) > 1e-12;
