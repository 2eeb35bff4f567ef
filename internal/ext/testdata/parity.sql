-- The parity query set: each query runs in custval (duckdb-go with package
-- udf registered) and in a stock DuckDB client with the custval extension
-- loaded; results must be identical, NULLs included. Cases first (edge values,
-- NULL in every argument, NaN/Inf, long strings, NULL list elements), then
-- bulk queries that run on several threads and fold each result into a hash.

-- name: lifecycle_stage cases
select id,
    lifecycle_stage(d, ti, o, te) as stage,
    lifecycle_stage(d, ti, o, te, cn) as stage_with_norm
from (values
    (1, 100.0::double, 30.0::double, 5::bigint, 400.0::double, 20.0::double),
    (2, 10, 30, 5, 400, null),
    (3, 50, 30, 5, 400, 60),
    (4, 95, 30, 2, 400, 60),
    (5, 1000, 30, 5, 400, null),
    (6, -3, 30, 5, 400, null),
    (7, 10, 30, 5, 20, null),
    (8, null, 30, 5, 400, null),
    (9, 10, null, 5, 400, null),
    (10, 10, 30, null, 400, null),
    (11, 10, 30, 5, null, null),
    (12, 10, 30, 0, 400, null),
    (13, 'nan', 30, 5, 400, null),
    (14, 'inf', 30, 5, 400, null),
    (15, 10, 'inf', 5, 400, 'inf'),
    (16, 10, 0, 5, 400, -1),
    (17, null, null, null, null, null)
) t(id, d, ti, o, te, cn)

-- name: lifecycle_stage constant arguments
select lifecycle_stage(100, 30, 5, 400) as folded, lifecycle_stage(null, 30, 5, 400) as folded_null

-- name: lifecycle_stage bulk
select stage, count(*) as n
from (
    select lifecycle_stage(
        case when i % 17 = 0 then null else (i % 1000)::double end,
        (i % 97)::double, i % 7, (i % 500)::double,
        case when i % 3 = 0 then null else (i % 61)::double end) as stage
    from range(300000) t(i)
)
group by stage

-- name: replacement_readiness cases
select id, replacement_readiness(age, spend) as r2, replacement_readiness(age, spend, price) as r3
from (values
    (1, 2.0::double, 0.0::double, 20000.0::double),
    (2, 5, 0, 20000),
    (3, 6, 5000, 20000),
    (4, 8, 0, null),
    (5, 12, 100, 20000),
    (6, null, 0, 20000),
    (7, 6, null, 20000),
    (8, 'nan', 0, 'nan'),
    (9, 'inf', 'inf', 0),
    (10, -1, -5, -20000),
    (11, null, null, null)
) t(id, age, spend, price)

-- name: replacement_readiness bulk
select r, count(*) as n
from (
    select replacement_readiness((i % 130) / 10.0, ((i * 7919) % 9000)::double,
        case when i % 5 = 0 then null else 15000.0 + (i % 30000) end) as r
    from range(300000) t(i)
)
group by r

-- name: value_class cases
select id, value_class(m, c, g, v) as cls
from (values
    (1, 1000.0::double, 100.0::double, 0.1::double, 500.0::double),
    (2, 100, 300, 0.5, 500),
    (3, 400, 100, 0.9, 500),
    (4, 400, 100, -0.2, 500),
    (5, null, 100, 0.1, 500),
    (6, 1000, null, 0.1, 500),
    (7, 1000, 100, null, 500),
    (8, 1000, 100, 0.1, null),
    (9, 'nan', 'nan', 'nan', 'nan'),
    (10, 'inf', '-inf', 'inf', 0),
    (11, 0, 0, 0, 0)
) t(id, m, c, g, v)

-- name: value_class bulk
select cls, count(*) as n
from (
    select value_class(((i * 31) % 2000)::double - 500, ((i * 17) % 700)::double,
        case when i % 4 = 0 then null else ((i % 21) - 10) / 10.0 end, 900) as cls
    from range(300000) t(i)
)
group by cls

-- name: satisfaction cases
select id,
    satisfaction_index(ratings, ts, as_of) as idx,
    satisfaction_level(ratings, ts, as_of) as lvl
from (values
    (1, ['very_satisfied', 'satisfied'], [timestamp '2024-01-01', timestamp '2023-01-01'], timestamp '2024-06-30'),
    (2, ['complaint', 'complaint', 'neutral'], [timestamp '2024-05-01', timestamp '2019-01-01', null], timestamp '2024-06-30'),
    (3, ['neutral', null, 'dissatisfied'], [timestamp '2024-05-01', timestamp '2024-04-01', timestamp '2024-03-01'], timestamp '2024-06-30'),
    (4, ['satisfied'], null, timestamp '2024-06-30'),
    (5, [], [], timestamp '2024-06-30'),
    (6, null, [timestamp '2024-01-01'], timestamp '2024-06-30'),
    (7, ['satisfied'], [timestamp '2024-01-01'], null),
    (8, [null, null], [null, null], timestamp '2024-06-30'),
    (9, ['very_satisfied', 'very_satisfied', 'complaint'], [timestamp '2030-01-01', timestamp '1970-01-01', timestamp '2024-06-30'], timestamp '2024-06-30')
) t(id, ratings, ts, as_of)

-- name: satisfaction seed example, 20 surveys over five years
select satisfaction_index(r, ts, timestamp '2024-06-30') as idx, satisfaction_level(r, ts, timestamp '2024-06-30') as lvl
from (
    select list(rating order by i) as r, list(timestamp '2019-07-01' + to_days((i * 91)::int) order by i) as ts
    from (
        select i, case
            when i in (3, 11) then 'complaint'
            when i in (1, 6, 9, 14, 18) then 'dissatisfied'
            when i in (0, 8, 16) then 'satisfied'
            else 'neutral' end as rating
        from range(20) t(i)
    )
)

-- name: satisfaction bulk
select lvl, count(*) as n, sum(hash(idx)) as idx_hash
from (
    select satisfaction_index(r, ts, timestamp '2024-06-30') as idx,
        satisfaction_level(r, ts, timestamp '2024-06-30') as lvl
    from (
        select
            case when i % 11 = 0 then null else
                [case when (i * j) % 13 = 0 then null
                      else (['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint'])[1 + ((i * 7 + j * 3) % 5)] end
                 for j in range(i % 25)] end as r,
            case when i % 7 = 0 then null else
                [timestamp '2019-01-01' + to_days(((i * 31 + j * 97) % 2000)::int) for j in range(i % 25)] end as ts
        from range(100000) t(i)
    )
)
group by lvl

-- name: loyalty cases
select id,
    loyalty_score(share, dcat, cat, orders, renewals, tenure, kinds) as score,
    loyalty_tier(share, dcat, cat, orders, renewals, tenure, kinds) as tier
from (values
    (1, 0.4::double, 3::bigint, 6::bigint, 12::bigint, 2::bigint, 1500.0::double, ['event_attended', 'referral_made', 'post']),
    (2, 0.0, 0, 1, 40, 0, 3000, ['call_answered', 'visit', 'visit']),
    (3, 0.9, 5, 5, 2, 1, 30, []),
    (4, null, 3, 6, 12, 2, 1500, null),
    (5, 0.4, null, null, null, null, null, ['membership_renewal', null, 'suggestion']),
    (6, 'nan', 3, 6, 12, 2, 'inf', ['email_opened']),
    (7, 1.5, -1, 0, 0, 0, -10, ['complaint', 'complaint']),
    (8, null, null, null, null, null, null, null)
) t(id, share, dcat, cat, orders, renewals, tenure, kinds)

-- name: loyalty bulk
select tier, count(*) as n, sum(hash(score)) as score_hash
from (
    select loyalty_score(s, dc, c, o, rn, te, k) as score, loyalty_tier(s, dc, c, o, rn, te, k) as tier
    from (
        select (i % 101) / 100.0 as s, i % 4 as dc, i % 9 as c, i % 30 as o, i % 3 as rn,
            case when i % 9 = 0 then null else (i % 3000)::double end as te,
            case when i % 10 = 0 then null else
                [(['call_answered', 'visit', 'event_attended', 'referral_made', 'post', 'suggestion',
                   'membership_renewal', 'email_opened', 'complaint', 'call_unanswered', 'call_refused'])[1 + ((i + j * 5) % 11)]
                 for j in range(i % 12)] end as k
        from range(200000) t(i)
    )
)
group by tier

-- name: contact_closeness cases
select id, contact_closeness(phone, email, dnc, kinds, ts, as_of) as closeness
from (values
    (1, true, true, false, ['call_answered', 'event_attended'], [timestamp '2024-05-01', timestamp '2024-03-01'], timestamp '2024-06-30'),
    (2, false, false, false, [], [], timestamp '2024-06-30'),
    (3, true, false, true, ['call_answered'], [timestamp '2024-05-01'], timestamp '2024-06-30'),
    (4, true, false, false, ['visit', 'visit'], [timestamp '2024-05-01', timestamp '2024-01-01'], timestamp '2024-06-30'),
    (5, true, false, false, ['call_refused', 'call_refused', 'call_refused'], [timestamp '2024-05-01', timestamp '2024-04-01', timestamp '2024-03-01'], timestamp '2024-06-30'),
    (6, null, null, null, null, null, timestamp '2024-06-30'),
    (7, true, true, false, ['call_answered'], [timestamp '2024-05-01'], null),
    (8, true, true, false, ['call_answered', null, 'referral_made'], [timestamp '2015-01-01', timestamp '2024-01-01', null], timestamp '2024-06-30'),
    (9, true, true, false, ['suggestion'], null, timestamp '2024-06-30'),
    (10, false, true, false, null, [timestamp '2024-01-01'], timestamp '2024-06-30')
) t(id, phone, email, dnc, kinds, ts, as_of)

-- name: contact_closeness bulk
select c, count(*) as n
from (
    select contact_closeness(i % 3 = 0, i % 5 = 0, i % 23 = 0, k, ts, timestamp '2024-06-30') as c
    from (
        select i,
            [(['call_answered', 'call_unanswered', 'call_refused', 'visit', 'event_attended', 'referral_made',
               'post', 'suggestion'])[1 + ((i * 3 + j) % 8)] for j in range(i % 9)] as k,
            case when i % 6 = 0 then null else
                [timestamp '2021-01-01' + to_days(((i * 13 + j * 101) % 1300)::int) for j in range(i % 9)] end as ts
        from range(200000) t(i)
    )
)
group by c

-- name: settings overloads cases
-- Each score with its settings MAP: overrides that change the answer, NULL and empty
-- maps, NULL values (keep the default), and the defaults written out.
select id,
    satisfaction_index(['satisfied', 'complaint'], [timestamp '2025-12-01', timestamp '2024-01-01'], timestamp '2026-01-01', s_sat) as si,
    satisfaction_level(['satisfied'], [timestamp '2025-12-01'], timestamp '2026-01-01', s_sat) as sl,
    satisfaction_level(null, null, timestamp '2026-01-01', s_sat) as sl_null,
    loyalty_score(0.15, 3, 5, 15, 3, 5 * 365.25, ['event_attended'], s_loy) as ls,
    loyalty_tier(0.15, 3, 5, 15, 3, 5 * 365.25, [], s_loy) as lt,
    contact_closeness(true, false, false, ['call_answered', 'event_attended'],
        [timestamp '2025-11-01', timestamp '2025-10-01'], timestamp '2026-01-01', s_con) as cc,
    lifecycle_stage(274, 182.5, 10, 2000, null, s_life) as lc,
    lifecycle_stage(274, 182.5, 1, 2000, 100, s_life) as lc_norm,
    replacement_readiness(6, 0, null, s_rep) as rr,
    replacement_readiness(9, 500, 20000, s_rep) as rr_price,
    value_class(800, 100, 0.1, 2000, s_val) as vc
from (values
    (1, map {'half_life_days': 30, 'satisfied_from': 80}::map(varchar, double),
        map {'loyal_from': 90, 'weight_events': 40}::map(varchar, double),
        map {'window_days': 30}::map(varchar, double),
        map {'at_risk_ratio': 2, 'norm_days': 60}::map(varchar, double),
        map {'window_open_years': 7, 'major_spend_share': 0.01}::map(varchar, double),
        map {'growth_from': 0.05}::map(varchar, double)),
    (2, null, null, null, null, null, null),
    (3, map {}::map(varchar, double), map {}::map(varchar, double), map {}::map(varchar, double),
        map {}::map(varchar, double), map {}::map(varchar, double), map {}::map(varchar, double)),
    (4, map {'half_life_days': null, 'satisfied_from': 70}::map(varchar, double),
        map {'loyal_from': null}::map(varchar, double),
        map {'window_days': null, 'close_points': 1}::map(varchar, double),
        map {'at_risk_ratio': null}::map(varchar, double),
        map {'overdue_years': null}::map(varchar, double),
        map {'growth_from': null, 'negative_below': 1000}::map(varchar, double)),
    (5, map {'half_life_days': 365}::map(varchar, double), map {'loyal_from': 60}::map(varchar, double),
        map {'window_days': 730}::map(varchar, double), map {'at_risk_ratio': 1.5}::map(varchar, double),
        map {'window_open_years': 5}::map(varchar, double), map {'growth_from': 0.2}::map(varchar, double))
) t(id, s_sat, s_loy, s_con, s_life, s_rep, s_val)

-- name: settings overloads constant and literal maps
select
    lifecycle_stage(274, 182.5, 10, 2000, null, map {'at_risk_ratio': 2}) as literal,
    lifecycle_stage(274, 182.5, 10, 2000, null, null) as null_map,
    value_class(800, 100, 0.1, 2000, (select map(['growth_from'], [0.05::double]))) as subquery,
    satisfaction_index(['neutral'], null, timestamp '2026-01-01', map {'points_neutral': 60}) as si

-- name: settings overloads bulk
-- Maps that change from row to row, one shared by all rows (a constant subquery, as
-- score_settings_map gives in custval's views), and NULL maps, on several threads.
select stage, readiness, count(*) as n
from (
    select
        lifecycle_stage((i % 1000)::double, (i % 97)::double, i % 7, (i % 500)::double, null,
            case i % 3
                when 0 then map(['at_risk_ratio', 'lost_ratio'], [1.0 + (i % 5)::double, 6.0 + (i % 4)::double])
                when 1 then (select map(['lapsed_ratio'], [2.5::double]))
            end) as stage,
        replacement_readiness((i % 130) / 10.0, ((i * 7919) % 9000)::double, null,
            case when i % 2 = 0 then map(['window_open_years'], [(3 + i % 5)::double]) end) as readiness
    from range(300000) t(i)
)
group by all

-- name: settings loyalty and satisfaction bulk
select tier, lvl, count(*) as n, sum(hash(score)) as score_hash, sum(hash(idx)) as idx_hash
from (
    select
        loyalty_score((i % 101) / 100.0, i % 4, i % 9, i % 30, i % 3, (i % 3000)::double, ['event_attended', 'post'],
            map(['loyal_from', 'weight_tenure'], [40.0 + (i % 40)::double, (i % 20)::double])) as score,
        loyalty_tier((i % 101) / 100.0, i % 4, i % 9, i % 30, i % 3, (i % 3000)::double, ['referral_made'],
            map(['loyal_from'], [40.0 + (i % 40)::double])) as tier,
        satisfaction_index(['satisfied', 'neutral', 'complaint'],
            [timestamp '2023-01-01' + to_days((i % 900)::int), timestamp '2024-01-01', timestamp '2022-06-01'],
            timestamp '2026-01-01', map(['half_life_days'], [(30 + i % 700)::double])) as idx,
        satisfaction_level(['satisfied'], [timestamp '2025-06-01'], timestamp '2026-01-01',
            map(['satisfied_from'], [(50 + i % 40)::double])) as lvl
    from range(100000) t(i)
)
group by all

-- name: error unknown setting
-- error: unknown setting "at_risk"; known: at_risk_ratio,
select lifecycle_stage(1, 1, 1, 1, null, map {'at_risk': 2}) as s from range(3)

-- name: error setting out of range
-- error: setting out of range: overdue_years = -1, want 0..1000
select replacement_readiness(6, 0, null, map {'overdue_years': -1}) as r from range(3)

-- name: error setting NaN
-- error: setting out of range: lost_ratio = NaN
select lifecycle_stage(1, 1, 1, 1, null, map {'lost_ratio': 'nan'::double}) as s from range(3)

-- name: error settings are checked before the other arguments
-- error: satisfaction_level: unknown setting "nope"
select satisfaction_level(['great'], null, timestamp '2026-01-01', map {'nope': 1}) as s from range(3)

-- name: error a bad setting fails even where the other arguments are NULL
-- error: contact_closeness: unknown setting "window"
select contact_closeness(null, null, null, null, null, null, map {'window': 1}) as c from range(3)

-- name: error unknown rating
-- error: unknown survey rating "great"
select satisfaction_index(['great'], [timestamp '2024-01-01'], timestamp '2024-06-30') as idx from range(3)

-- name: error unknown interaction kind
-- error: unknown interaction kind "dance"
select loyalty_tier(0.5, 1, 2, 3, 0, 100, ['dance']) as tier from range(3)

-- name: error lists differ in length
-- error: lists differ in length
select contact_closeness(true, true, false, ['visit', 'post'], [timestamp '2024-01-01'], timestamp '2024-06-30') as c from range(3)

-- name: result types
select
    typeof(satisfaction_index(['neutral'], [timestamp '2024-01-01'], timestamp '2024-06-30')) as si,
    typeof(satisfaction_level(['neutral'], [timestamp '2024-01-01'], timestamp '2024-06-30')) as sl,
    typeof(loyalty_score(0.5, 1, 2, 3, 0, 100, ['visit'])) as ls,
    typeof(loyalty_tier(0.5, 1, 2, 3, 0, 100, ['visit'])) as lt,
    typeof(contact_closeness(true, true, false, ['visit'], [timestamp '2024-01-01'], timestamp '2024-06-30')) as cc,
    typeof(lifecycle_stage(10, 30, 5, 400)) as ls4,
    typeof(lifecycle_stage(10, 30, 5, 400, 60)) as ls5,
    typeof(replacement_readiness(6, 0)) as rr2,
    typeof(replacement_readiness(6, 0, 20000)) as rr3,
    typeof(value_class(1, 2, 3, 4)) as vc,
    typeof(satisfaction_level(['neutral'], null, timestamp '2024-06-30', map {'satisfied_from': 70})) as sl_map,
    typeof(lifecycle_stage(10, 30, 5, 400, null, map {'new_days': 30})) as ls_map,
    typeof(value_class(1, 2, 3, 4, null)) as vc_map

-- name: enum results compare with strings and sort in the values' order
select stage, stage = 'lost' as is_lost, row_number() over (order by stage) as rank
from (select distinct lifecycle_stage(i::double * 40, 30, 5, 400) as stage from range(8) t(i))

-- name: clv functions cases
select id,
    clv_p_alive_params(m, x, tx, big_t) as p_alive,
    clv_expected_purchases_params(m, interval 12 month, x, tx, big_t) as purchases,
    clv_expected_purchases_params(m, interval 90 day, x, tx, big_t) as purchases_90d,
    clv_p_purchase_params(m, interval 12 month, x, tx, big_t) as p_purchase,
    clv_p_purchase_params(m, interval 90 day, x, tx, big_t) as p_purchase_90d,
    clv_expected_spend_params(g, x, mx) as spend,
    clv_value_params(m, g, interval 2 year, 0.1, x, tx, big_t, mx) as clv
from (values
    (1, '{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}', 2.0::double, 30.4::double, 38.9::double, 40.0::double),
    (2, '{"model":"mbgnbd","time_unit":"week","params":{"r":0.5,"alpha":6.0,"a":0.9,"b":3.0}}', 0, 0, 52, 0),
    (3, '{"model":"paretonbd","time_unit":"day","params":{"r":0.55,"alpha":10.6,"s":0.61,"beta":11.7}}', 7, 200, 300, 85.5),
    (4, '{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}', null, 30, 38.9, 40),
    (5, null, 2, 30, 38.9, 40)
) t(id, m, x, tx, big_t, mx),
(select '{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}' as g)

-- name: clv bulk
select count(*) as n, sum(hash(p)) as p_hash, sum(hash(v)) as v_hash
from (
    select
        clv_p_alive_params('{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}',
            (i % 9)::double, (i % 40)::double * 0.9, 40.0) as p,
        clv_value_params('{"model":"paretonbd","time_unit":"week","params":{"r":0.55,"alpha":10.6,"s":0.61,"beta":11.7}}',
            '{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}',
            interval 12 month, 0.08, (i % 9)::double, (i % 40)::double * 0.9, 40.0, case when i % 13 = 0 then null else 10.0 + i % 90 end) as v
    from range(50000) t(i)
)

-- name: error clv history out of order
-- error: need 0 <= t_x <= T
select clv_p_alive_params('{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}', 2, 50, 40) as p from range(3)

-- name: error clv negative horizon
-- error: must not be negative
select clv_p_purchase_params('{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}',
    interval '-3 days', 2, 30, 40) as p from range(3)

-- name: error clv horizon not whole months
-- error: needs a whole, non-negative number of months
select clv_value_params('{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}',
    '{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}', interval 10 day, 0.1, 2, 30, 40, 50) as v
