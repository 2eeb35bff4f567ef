-- One row per vehicle. The first was bought on first_vehicle_day (here or elsewhere); further ones
-- (a second family car, a replacement) during the customer's active period, often here.
create or replace temp table demo_assets as
with vehicles as (
    select i, key, customer_id, archetype, seg, store_no, hist_day, start_day, end_day, first_vehicle_day, bought_here,
        unnest(range(n_assets)) as j
    from demo_cust
),

drawn as (
    select *, demo_mix(key, j * 1024 + 20) as g1, demo_mix(key, j * 1024 + 21) as g2
    from vehicles
),

chosen as (
    select
        *,
        case when j = 0 then first_vehicle_day
            else start_day + floor((end_day - start_day + 1) * demo_ua(g1))::integer end as purchased_day,
        case when j = 0 then bought_here
            else archetype <> 'essential' and demo_ub(g1) < case archetype when 'enthusiast' then 0.7 else 0.3 end
        end as bought_here_j,
        -- a further car is often a smaller one
        case when j > 0 and demo_uc(g1) < 0.5 then greatest(seg - 1, 0) else seg end as seg_j,
        case seg_j
            when 0 then demo_pick([
                {'brand': 'Volkswagen', 'model': 'Jetta', 'price': 16000},
                {'brand': 'Volkswagen', 'model': 'Polo', 'price': 15000},
                {'brand': 'Skoda', 'model': 'Fabia', 'price': 14500},
                {'brand': 'Ford', 'model': 'Fiesta', 'price': 15000},
                {'brand': 'Toyota', 'model': 'Yaris', 'price': 16500},
                {'brand': 'Hyundai', 'model': 'i20', 'price': 14500},
                {'brand': 'Kia', 'model': 'Rio', 'price': 14000},
                {'brand': 'Buick', 'model': 'Excelle', 'price': 15500}], demo_ua(g2))
            when 1 then demo_pick([
                {'brand': 'Volkswagen', 'model': 'Golf', 'price': 24000},
                {'brand': 'Volkswagen', 'model': 'Bora', 'price': 21000},
                {'brand': 'Volkswagen', 'model': 'Passat', 'price': 32000},
                {'brand': 'Volkswagen', 'model': 'Magotan', 'price': 30000},
                {'brand': 'Volkswagen', 'model': 'Tiguan', 'price': 33000},
                {'brand': 'Skoda', 'model': 'Octavia', 'price': 25000},
                {'brand': 'Ford', 'model': 'Focus', 'price': 23000},
                {'brand': 'Ford', 'model': 'Kuga', 'price': 30000},
                {'brand': 'Toyota', 'model': 'Corolla', 'price': 24000},
                {'brand': 'Toyota', 'model': 'RAV4', 'price': 34000},
                {'brand': 'Buick', 'model': 'Regal', 'price': 29000}], demo_ua(g2))
            else demo_pick([
                {'brand': 'BMW', 'model': '3 Series', 'price': 45000},
                {'brand': 'BMW', 'model': 'X5', 'price': 68000},
                {'brand': 'Audi', 'model': 'A4', 'price': 44000},
                {'brand': 'Audi', 'model': 'Q7', 'price': 72000},
                {'brand': 'Mercedes-Benz', 'model': 'C-Class', 'price': 47000},
                {'brand': 'Mercedes-Benz', 'model': 'E-Class', 'price': 60000},
                {'brand': 'Volvo', 'model': 'XC60', 'price': 52000},
                {'brand': 'Volkswagen', 'model': 'Touareg', 'price': 62000}], demo_ua(g2))
        end as vehicle
    from drawn
)

select
    i, j, key, customer_id, store_no,
    'A' || (i * 10 + j + 1)::varchar as asset_id,
    vehicle.brand as brand,
    vehicle.model as model,
    purchased_day,
    bought_here_j as bought_here,
    -- list price with options, and 2% a year price inflation, rounded to tens
    (round(vehicle.price * (0.92 + 0.16 * demo_ub(g2))
        * (1 + 0.02 * (purchased_day - hist_day) / 365.25) / 10) * 10)::decimal(18, 2) as price,
    g2
from chosen
