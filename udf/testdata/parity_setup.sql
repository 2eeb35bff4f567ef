-- Edge cases for TestVectorizedParity: $rows rows, one column per parameter name of the custval functions
-- (settings: settings_<score>), values drawn by hash from edge values (NULL, NaN, ±Inf, ±0, huge, tiny) and
-- ordinary ones. The first 4096 rows (two chunks) have no NULL scalars, so both the all-valid and the masked
-- paths run. Lists: empty, short, 40 and, every 1500th row, 100000 elements, with NULL elements; the paired
-- timestamp lists have the same length as their names, or are NULL, so no row is an error.

create temp macro pick_double(i, seed) as
    case
        when i >= 4096 and seed % 11 = 0 then null
        when seed % 2 = 0 then
            ['nan'::double, 'inf'::double, '-inf'::double, 0.0::double, -0.0::double, 1.0::double, -1.0::double,
             0.5::double, 1e308::double, -1e308::double, 5e-324::double, 3.0::double, 7.0::double, 90.0::double,
             180.0::double, 365.0::double, 2000.0::double, 5000.0::double, 0.1::double, 0.3::double]
                [(seed // 2 % 20)::bigint + 1]
        else (seed // 2 % 40000)::double / 10.0::double - 500.0::double
    end;

create temp macro pick_bigint(i, seed) as
    case
        when i >= 4096 and seed % 11 = 0 then null
        when seed % 3 = 0 then
            ([0, 1, -1, 2, 3, 10, 9223372036854775807, -9223372036854775808]::bigint[])[(seed // 3 % 8)::bigint + 1]
        else (seed // 3 % 60)::bigint
    end;

create temp macro pick_bool(i, seed) as
    case when i >= 4096 and seed % 5 = 0 then null else seed % 2 = 0 end;

create temp macro pick_ts(seed) as
    case
        when seed % 17 = 0 then
            ['infinity'::timestamp, '-infinity'::timestamp, timestamp '0001-01-01', timestamp '294000-01-01',
             timestamp '1970-01-01', timestamp '2026-01-01'][(seed // 17 % 6)::bigint + 1]
        else timestamp '2019-01-01' + to_seconds((seed % (8 * 365 * 86400))::bigint)
    end;

create temp macro pick_list_len(i, seed) as
    case when i % 1500 = 7 then 100000 else [0, 1, 2, 3, 5, 12, 40][(seed % 7)::bigint + 1] end;

create temp macro pick_names(i, n, salt, names) as
    list_transform(range(n), j -> case
        when hash(i, j, salt || 'null') % 13 = 0 then null
        else names[(hash(i, j, salt) % len(names))::bigint + 1]
    end);

create temp macro pick_stamps(i, n, salt) as
    list_transform(range(n), j -> case when hash(i, j, salt || 'null') % 11 = 0 then null else pick_ts(hash(i, j, salt)) end);

create temp table parity_base as
select
    i,
    pick_list_len(i, hash(i, 'ratings_len')) as ratings_len,
    pick_list_len(i, hash(i, 'kinds_len')) as kinds_len
from range($rows) t(i);

create table parity as
select
    i,
    -- satisfaction; 'dissatisfied' (12 bytes) is the longest inlined string, 'very_satisfied' is stored out of line
    case when i >= 4096 and hash(i, 'ratings') % 9 = 0 then null
        else pick_names(i, ratings_len, 'rating', ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'complaint'])
    end as ratings,
    case when hash(i, 'ts') % 7 = 0 then null else pick_stamps(i, ratings_len, 'ts') end as ts,
    case when i >= 4096 and hash(i, 'as_of') % 10 = 0 then null else pick_ts(hash(i, 'as_of')) end as as_of,
    -- loyalty (and interaction_kinds for contact)
    pick_double(i, hash(i, 'share')) as discretionary_share,
    pick_bigint(i, hash(i, 'dcats')) as discretionary_categories,
    pick_bigint(i, hash(i, 'cats')) as categories,
    pick_bigint(i, hash(i, 'orders')) as orders,
    pick_bigint(i, hash(i, 'renewals')) as renewal_orders,
    pick_double(i, hash(i, 'tenure')) as tenure_days,
    case when i >= 4096 and hash(i, 'kinds') % 9 = 0 then null
        else pick_names(i, kinds_len, 'kind', ['call_answered', 'call_unanswered', 'call_refused', 'visit',
            'event_attended', 'referral_made', 'post', 'suggestion', 'membership_renewal', 'email_opened', 'complaint'])
    end as interaction_kinds,
    -- contact
    pick_bool(i, hash(i, 'phone')) as phone_valid,
    pick_bool(i, hash(i, 'email')) as email_opt_in,
    pick_bool(i, hash(i, 'dnc') % 7) as do_not_contact,
    case when hash(i, 'its') % 7 = 0 then null else pick_stamps(i, kinds_len, 'its') end as interaction_ts,
    -- lifecycle
    pick_double(i, hash(i, 'days')) as days_since_last,
    pick_double(i, hash(i, 'interval')) as typical_interval_days,
    pick_double(i, hash(i, 'norm')) as category_norm_days,
    -- replacement
    pick_double(i, hash(i, 'age')) as asset_age_years,
    pick_double(i, hash(i, 'spend')) as major_spend_last_12m,
    pick_double(i, hash(i, 'price')) as asset_price,
    -- value
    pick_double(i, hash(i, 'margin')) as margin,
    pick_double(i, hash(i, 'cost')) as serve_cost,
    pick_double(i, hash(i, 'growth')) as growth,
    pick_double(i, hash(i, 'net')) as valuable_net,
    -- settings: NULL, empty, overrides, and NULL values (kept defaults, even under an unknown key)
    (([null, map {}, map {'half_life_days': 30, 'recent_complaint_days': 0}, map {'satisfied_from': 80, 'memory_floor': 0},
     map {'weight_complaint': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'ss') % 5)::bigint + 1]
        as settings_satisfaction,
    (([null, map {}, map {'loyal_from': 90, 'weight_tenure': 0}, map {'developing_from': 10, 'events_target': 0},
     map {'voice_target': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'sl') % 5)::bigint + 1]
        as settings_loyalty,
    (([null, map {}, map {'window_days': 30}, map {'close_points': 0, 'refused_calls_limit': 1},
     map {'points_post': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'sc') % 5)::bigint + 1]
        as settings_contact,
    (([null, map {}, map {'at_risk_ratio': 2, 'min_interval_days': 0}, map {'new_days': 0, 'norm_days': 1},
     map {'lost_ratio': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'sf') % 5)::bigint + 1]
        as settings_lifecycle,
    (([null, map {}, map {'window_open_years': 7}, map {'major_spend_share': 0, 'overdue_years': 0},
     map {'major_spend_amount': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'sr') % 5)::bigint + 1]
        as settings_replacement,
    (([null, map {}, map {'growth_from': 0.05}, map {'negative_below': -1e15},
     map {'growth_from': null, 'no_such_setting': null}])::map(varchar, double)[])[(hash(i, 'sv') % 5)::bigint + 1]
        as settings_value
from parity_base
order by i;
