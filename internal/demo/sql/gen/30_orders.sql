-- Workshop and shop orders: each customer's planned counts expanded into slots k = 0..n-1.
-- Slot ranges map to categories in a fixed order (maintenance first), so slot k of customer i
-- is always the same order for a given seed.
insert into orders
with offsets as (
    select
        i, key, customer_id, store_no, spend, promo_lover, bought_here,
        last_day, hist_day, start_day, end_day, first_vehicle_day, interval_days,
        n_maintenance as o1,
        n_maintenance + n_repair as o2,
        n_maintenance + n_repair + n_parts as o3,
        n_maintenance + n_repair + n_parts + n_tyres as o4,
        n_maintenance + n_repair + n_parts + n_tyres + n_accessories as o5,
        n_maintenance + n_repair + n_parts + n_tyres + n_accessories + n_detailing as o6,
        n_maintenance + n_repair + n_parts + n_tyres + n_accessories + n_detailing + n_insurance as o7,
        n_maintenance + n_repair + n_parts + n_tyres + n_accessories + n_detailing + n_insurance
            + n_warranty as o8
    from demo_cust
),

slots as (
    select *, unnest(range(o8)) as k
    from offsets
),

typed as (
    select
        *,
        case
            when k < o1 then 'maintenance'
            when k < o2 then 'repair'
            when k < o3 then 'parts'
            when k < o4 then 'tyres'
            when k < o5 then 'accessories'
            when k < o6 then 'detailing'
            when k < o7 then 'insurance_renewal'
            else 'extended_warranty'
        end as category,
        -- index within the category
        k - case
            when k < o1 then 0 when k < o2 then o1 when k < o3 then o2 when k < o4 then o3
            when k < o5 then o4 when k < o6 then o5 when k < o7 then o6 else o7
        end as j,
        demo_mix(key, k * 1024 + 30) as g1,  -- day, amount
        demo_mix(key, k * 1024 + 31) as g2,  -- cost, store
        demo_mix(key, k * 1024 + 32) as g3   -- channel, promo, time of day
    from slots
),

dated as (
    select
        *,
        least(last_day, case category
            -- every interval_days, give or take two weeks; after a purchase here, one interval later
            when 'maintenance' then greatest(start_day,
                start_day + floor((j + bought_here::integer) * interval_days + 30 * demo_ua(g1) - 15))
            -- yearly, near the anniversary
            when 'insurance_renewal' then start_day + 365 * (j + 1) + floor(20 * demo_ua(g1)) - 10
            else start_day + floor((end_day - start_day + 1) * demo_ua(g1))
        end)::integer as day
    from typed
),

priced as (
    select
        *,
        case category
            -- a minor and a major service in turn
            when 'maintenance' then (170 + 230 * demo_ub(g1)) * (case when j % 2 = 1 then 1.7 else 1 end)
            -- large repairs grow likelier as the vehicle ages
            when 'repair' then case
                when demo_ub(g1) < 0.04 + 0.012 * (day - first_vehicle_day) / 365.25
                    then 3000 + 6000 * pow(demo_uc(g1), 2)
                else 120 + 1500 * pow(demo_uc(g1), 2) end
            when 'parts' then 15 + 350 * pow(demo_ub(g1), 2)
            when 'tyres' then 320 + 900 * demo_ub(g1)
            when 'accessories' then 40 + 1200 * pow(demo_ub(g1), 3)
            when 'detailing' then 60 + 340 * demo_ub(g1)
            when 'insurance_renewal' then 450 + 1300 * demo_ub(g1)
            else 600 + 1200 * demo_ub(g1)
        end * spend * (1 + 0.025 * (day - hist_day) / 365.25) as gross,
        -- cost share of revenue, by category (margin classes as in the default categories)
        case category
            when 'maintenance' then 0.55 + 0.15 * demo_ua(g2)
            when 'repair' then 0.55 + 0.20 * demo_ua(g2)
            when 'parts' then 0.70 + 0.15 * demo_ua(g2)
            when 'tyres' then 0.75 + 0.13 * demo_ua(g2)
            when 'accessories' then 0.40 + 0.20 * demo_ua(g2)
            when 'detailing' then 0.30 + 0.20 * demo_ua(g2)
            when 'insurance_renewal' then 0.75 + 0.10 * demo_ua(g2)
            else 0.35 + 0.20 * demo_ua(g2)
        end as cost_share
    from dated
)

select
    -- customer number and slot: unique while a customer has fewer than 1000 orders
    'O' || (i * 1000 + k + 1)::varchar as order_id,
    customer_id,
    demo_ts(day, demo_uc(g3)) as order_ts,
    round(gross, 2)::decimal(18, 2) as amount,
    -- cost is missing on some orders, as in real exports
    case when demo_ub(g2) >= 0.07 then round(gross * cost_share, 2)::decimal(18, 2) end as cost,
    category,
    -- mostly the home store, sometimes another store of the same region
    demo_store_id(case
        when demo_uc(g2) < 0.9 then store_no
        else 3 * ((store_no - 1) // 3) + 1 + floor(30 * (demo_uc(g2) - 0.9))::integer
    end) as store_id,
    case category
        when 'parts' then case when demo_ua(g3) < 0.7 then 'workshop' when demo_ua(g3) < 0.9 then 'online' else 'phone' end
        when 'accessories' then case when demo_ua(g3) < 0.5 then 'showroom' when demo_ua(g3) < 0.9 then 'online' else 'workshop' end
        when 'insurance_renewal' then case when demo_ua(g3) < 0.5 then 'phone' else 'online' end
        when 'extended_warranty' then case when demo_ua(g3) < 0.6 then 'showroom' else 'workshop' end
        else 'workshop'
    end as channel,
    demo_ub(g3) < (case category
        when 'tyres' then 0.30 when 'accessories' then 0.25 when 'detailing' then 0.25
        when 'extended_warranty' then 0.15 when 'maintenance' then 0.10 when 'insurance_renewal' then 0.10
        else 0.03 end) * (case when promo_lover then 3 else 1 end) as promo
from priced
