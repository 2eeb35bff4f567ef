-- One row per customer: archetype, contact flags, active period, and how many of each event
-- to generate. Later steps expand these counts with unnest(range(n)), so no row is made in Go.
--
-- Every draw is demo_mix(key, stream), with key = demo_mix(seed key, customer number); demo_ua/ub/uc
-- split one draw into three uniforms. Stream numbers are part of the data's identity: renumbering
-- one changes the demo data.
--
-- last_day is the day before as-of: every generated event happens strictly before as-of.
-- hist_day is 12 years before as-of: the oldest vehicle and the start of the order history.
--
-- Rows are inserted in the order of demo_numbers here and of demo_cust in later steps (unnest
-- keeps it, and DuckDB preserves insertion order, also when several threads read a table), so the
-- physical row order is deterministic too, without sorting.
--
-- Each CTE only refers to columns of the one before: DuckDB inlines an alias used in the same
-- select, so chains of aliases would recompute their expressions many times over.
create or replace temp table demo_cust as
with numbered as (
    select
        i,
        demo_mix(getvariable('demo_seed_key'), i) as key,
        getvariable('demo_as_of_day') - 1 as last_day,
        getvariable('demo_as_of_day') - 4383 as hist_day
    from demo_numbers
),

drawn as (
    select
        *,
        demo_mix(key, 1) as h1, demo_mix(key, 2) as h2, demo_mix(key, 3) as h3, demo_mix(key, 4) as h4,
        demo_mix(key, 5) as h5, demo_mix(key, 6) as h6, demo_mix(key, 7) as h7, demo_mix(key, 8) as h8,
        demo_mix(key, 9) as h9, demo_mix(key, 10) as h10, demo_mix(key, 11) as h11, demo_mix(key, 12) as h12
    from numbered
),

typed as (
    select
        *,
        case
            when demo_ua(h1) < 0.08 then 'enthusiast'  -- buys everything, comes to events, refers friends
            when demo_ua(h1) < 0.41 then 'regular'     -- services on time, some extras
            when demo_ua(h1) < 0.61 then 'essential'   -- only maintenance, repairs, parts, tyres
            when demo_ua(h1) < 0.66 then 'complainer'  -- many neutral/dissatisfied surveys, complaints
            when demo_ua(h1) < 0.78 then 'lapsing'     -- last visit 7 to 23 months ago
            when demo_ua(h1) < 0.93 then 'churned'     -- last visit 2 to 6 years ago
            else 'new'                                 -- first visit in the last 5 months
        end as archetype,
        1 + floor(demo_uc(h1) * 12)::integer as store_no
    from drawn
),

traits as (
    select
        *,
        -- vehicle segment: 0 economy, 1 mid-range, 2 premium
        case
            when demo_ub(h1) < (case when archetype = 'enthusiast' then 0.35 else 0.12 end) then 2
            when demo_ub(h1) < (case when archetype = 'enthusiast' then 0.80 else 0.47 end) then 1
            else 0
        end as seg,
        -- the phone number no longer works: no call is ever answered
        demo_ua(h2) < case archetype
            when 'churned' then 0.25 when 'lapsing' then 0.10 when 'new' then 0.01 else 0.05 end as unreachable,
        demo_ub(h2) < case archetype
            when 'complainer' then 0.25 when 'churned' then 0.06 else 0.02 end as dnc,
        demo_uc(h2) < case archetype
            when 'enthusiast' then 0.85 when 'complainer' then 0.35 else 0.60 end as email_wanted,
        case archetype
            when 'enthusiast' then 150 + 60 * demo_uc(h4)
            when 'essential' then 270 + 180 * demo_uc(h4)
            when 'complainer' then 170 + 80 * demo_uc(h4)
            when 'lapsing' then 180 + 100 * demo_uc(h4)
            when 'churned' then 180 + 120 * demo_uc(h4)
            else 160 + 80 * demo_uc(h4)
        end as interval_days,
        -- the first vehicle was bought here (a vehicle_purchase order on start_day) or elsewhere, earlier
        archetype <> 'essential' and demo_ua(h4) < case archetype
            when 'enthusiast' then 0.60 when 'new' then 0.40 when 'regular' then 0.30 else 0.20 end as bought_here,
        case
            when demo_ub(h4) < (case when archetype = 'enthusiast' then 0.55 else 0.85 end) then 1
            when demo_ub(h4) < (case when archetype = 'enthusiast' then 0.90 else 0.97 end) then 2
            else 3
        end as n_assets,
        -- discretionary habits; essential-only customers have none
        archetype = 'enthusiast' or demo_ua(h5) < case archetype
            when 'regular' then 0.45 when 'new' then 0.35 when 'lapsing' then 0.30
            when 'churned' then 0.25 when 'complainer' then 0.20 else 0 end as extras,
        demo_ub(h5) < case archetype
            when 'enthusiast' then 0.65 when 'regular' then 0.30 when 'new' then 0.30 when 'lapsing' then 0.25
            when 'churned' then 0.25 when 'complainer' then 0.10 else 0 end as insured,
        demo_uc(h5) < case archetype
            when 'enthusiast' then 0.30 when 'new' then 0.15 when 'regular' then 0.10 when 'lapsing' then 0.08
            when 'churned' then 0.08 when 'complainer' then 0.05 else 0 end as warranty,
        demo_ua(h6) < case archetype
            when 'enthusiast' then 0.75 when 'regular' then 0.12 when 'new' then 0.10 when 'essential' then 0.02
            else 0.05 end as member,
        demo_ub(h6) < case archetype when 'regular' then 0.15 else 0.05 end as promo_lover
    from typed
),

ended as (
    select
        *,
        not dnc and email_wanted as email_opt_in,
        -- money: segment price level times a skewed personal factor (mean about 1)
        [0.85, 1.0, 1.5][seg + 1] * (0.5 + 1.5 * pow(demo_uc(h6), 2)) as spend,
        case archetype
            when 'lapsing' then last_day - 210 - floor(480 * demo_ua(h3))
            when 'churned' then last_day - 730 - floor(1461 * demo_ua(h3))
            when 'essential' then last_day - floor(300 * demo_ua(h3))
            when 'new' then last_day
            else last_day - floor(0.8 * interval_days * demo_ua(h3))
        end::integer as end0
    from traits
),

started as (
    select
        *,
        -- established customers have been coming for at least a year (lapsing and churned ones for
        -- half a year), at most since hist_day; short relationships are likelier than long ones
        case archetype
            when 'new' then last_day - floor(150 * demo_ub(h3))
            when 'lapsing' then end0 - 180 - floor((end0 - 180 - hist_day) * pow(demo_ub(h3), 3.3))
            when 'churned' then end0 - 180 - floor((end0 - 180 - hist_day) * pow(demo_ub(h3), 3.3))
            else end0 - 365 - floor((end0 - 365 - hist_day) * pow(demo_ub(h3), 3.3))
        end::integer as start_day
    from ended
),

period as (
    select
        *,
        case archetype
            when 'new' then start_day + floor((last_day - start_day + 1) * demo_ua(h3))
            else end0
        end::integer as end_day,
        case
            when bought_here then start_day
            else start_day - floor((start_day - hist_day) * demo_uc(h3))
        end::integer as first_vehicle_day,
        case when dnc then start_day + floor((last_day - start_day + 1) * demo_ua(h9))::integer end as dnc_day
    from started
),

spans as (
    select
        *,
        (end_day - start_day) / 365.25 as years,
        (end_day - first_vehicle_day) / 365.25 as vehicle_age_at_end,
        floor((end_day - start_day) / interval_days)::integer as service_intervals
    from period
),

counts as (
    select
        *,
        -- maintenance every interval_days; after a purchase here the first service is one interval later
        greatest(service_intervals + 1 - bought_here::integer, 0) as n_maintenance,
        demo_count(years * (case archetype when 'essential' then 0.5 when 'complainer' then 0.4 else 0.2 end
            + 0.03 * vehicle_age_at_end), demo_ua(h7)) as n_repair,
        demo_count(years * (case archetype when 'essential' then 0.4 else 0.25 end), demo_ub(h7)) as n_parts,
        demo_count(years / 3, demo_uc(h7)) as n_tyres,
        case when extras then demo_count(years * (case archetype
            when 'enthusiast' then 1.2 when 'new' then 1.5 else 0.35 end), demo_ua(h8)) else 0 end as n_accessories,
        case when extras then demo_count(years * (case archetype
            when 'enthusiast' then 1.5 else 0.3 end), demo_ub(h8)) else 0 end as n_detailing,
        case when insured then floor(years)::integer else 0 end as n_insurance,
        warranty::integer as n_warranty,
        -- surveys follow workshop visits; complainers are asked (and answer) almost every time
        (archetype = 'new')::integer
            + demo_count(case archetype when 'complainer' then 1.0 when 'enthusiast' then 0.35
                when 'essential' then 0.2 when 'churned' then 0.2 else 0.3 end
                * (service_intervals + years * 0.5), demo_uc(h8)) as n_surveys
    from spans
)

select
    i, key, demo_customer_id(i) as customer_id, archetype, seg, store_no,
    unreachable, dnc, dnc_day, email_opt_in, member, extras, promo_lover, spend, bought_here, n_assets,
    last_day, hist_day, start_day, end_day, first_vehicle_day, interval_days, years,
    h9, h10, h11, h12,
    n_maintenance, n_repair, n_parts, n_tyres, n_accessories, n_detailing, n_insurance, n_warranty,
    n_surveys
from counts
