-- Edge cases for TestCLVParity: every combination of purchase model (BG/NBD, MBG/NBD, Pareto/NBD, and
-- BG/NBD again in another text and unit), spend model, horizon, history, m_x and discount rate:
-- 4 * 2 * 4 * 11 * 4 * 4 = 5632 rows, three chunks. Histories include x = 0, t_x = T, T = 0, -0.0, a
-- denormal and a huge T; horizons 0, 1, 24 and 120 months (h, whole months, which clv_value needs) and
-- 0 days, 90 days, 1.5 days and 1 month 3 days (h_any). No row is an error. From row 2048 on, one
-- argument in five rows is NULL, each column in turn.

create table clv_parity as
with
models(m) as (values
    ('{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}'),
    ('{"model":"mbgnbd","time_unit":"day","params":{"r":0.5,"alpha":6.0,"a":0.9,"b":3.0}}'),
    ('{"model":"paretonbd","time_unit":"week","params":{"r":0.55,"alpha":10.6,"s":0.61,"beta":11.7}}'),
    ('{"model": "bgnbd", "time_unit": "day", "params": {"a": 0.793, "b": 2.426, "r": 0.243, "alpha": 4.414}}')),
spends(g) as (values
    ('{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}'),
    ('{"model":"gammagamma","time_unit":"day","params":{"p":0.001,"q":1.0001,"gamma":1000000}}')),
horizons(h, h_any) as (values
    (interval 0 month, interval 0 day),
    (interval 1 month, interval 90 day),
    (interval 24 month, interval '1 day 12 hours'),
    (interval 120 month, interval '1 month 3 days')),
histories(x, tx, big_t) as (values
    (0.0::double, 0.0::double, 0.0::double), (0.0, 0.0, 52.0), (1.0, 1.0, 1.0), (3.0, 20.0, 52.0),
    (10.0, 52.0, 52.0), (100.0, 499.5, 520.0), (2.0, 0.5, 1e6), (50.0, 1e5, 1e5), (1.0, 0.0, 1e300),
    (1e6, 3.0, 4.0), (-0.0, 0.0, 5e-324)),
spend_values(mx) as (values (0.0::double), (12.5), (1e6), (5e-324)),
rates(rate) as (values (0.0::double), (0.1), (-0.5), (1e6)),
cases as (
    select row_number() over (order by m, g, h, x, tx, big_t, mx, rate) - 1 as i, *
    from models, spends, horizons, histories, spend_values, rates
)
select
    i,
    case when k = 0 then null else m end as m,
    case when k = 1 then null else g end as g,
    case when k = 2 then null else h end as h,
    case when k = 2 then null else h_any end as h_any,
    case when k = 3 then null else rate end as rate,
    case when k = 4 then null else x end as x,
    case when k = 5 then null else tx end as tx,
    case when k = 6 then null else big_t end as big_t,
    case when k = 7 then null else mx end as mx
from (select *, case when i >= 2048 and i % 5 = 0 then i // 5 % 8 else -1 end as k from cases)
order by i;
