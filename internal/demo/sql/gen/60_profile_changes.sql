-- Life changes the dealer learned about: moving house, income up or down, marriage or divorce,
-- a child, a new job. Each field changes at most once per customer, so old and new values agree.
insert into profile_changes
with fields as (
    select i, key, customer_id, seg, last_day, start_day, unnest(range(5)) as f
    from demo_cust
),

drawn as (
    select
        *,
        demo_mix(key, f * 1024 + 70) as g1,  -- whether, when
        demo_mix(key, f * 1024 + 71) as g2,  -- old value, direction
        demo_mix(key, f * 1024 + 72) as g3   -- new address
    from fields
    where demo_ub(demo_mix(key, f * 1024 + 70)) < [0.25, 0.20, 0.15, 0.15, 0.20][f + 1]
),

valued as (
    select
        *,
        ['address', 'income_band', 'marital_status', 'household_size', 'employer'][f + 1] as field,
        -- income band index 1..5, from the vehicle segment; up more often than down
        case seg when 0 then 1 when 1 then 2 else 4 end + floor(2 * demo_ua(g2))::integer as income_old,
        case
            when income_old = 5 then 4
            when income_old = 1 or demo_ub(g2) < 0.65 then income_old + 1
            else income_old - 1
        end as income_new,
        1 + floor(4 * demo_ua(g2))::integer as household_old,
        demo_pick([['single', 'married'], ['single', 'married'], ['married', 'divorced'], ['divorced', 'married'],
            ['single', 'living_together'], ['living_together', 'married'], ['married', 'widowed']], demo_ua(g2))
            as marital,
        floor(12 * demo_ua(g2))::integer as employer_old,
        (employer_old + 1 + floor(11 * demo_ub(g2))::integer) % 12 as employer_new,
        -- a move is always to another town, so old and new addresses differ
        floor(6 * demo_uc(g2))::integer as city_old,
        (city_old + 1 + floor(5 * demo_uc(g3))::integer) % 6 as city_new
    from drawn
)

select
    customer_id,
    demo_date(start_day + floor((last_day - start_day + 1) * demo_ua(g1))) as changed_on,
    field,
    case field
        when 'address' then (1 + floor(180 * demo_ua(g2)))::varchar || ' '
            || demo_pick(['Elm Street', 'Station Road', 'Mill Lane', 'Park Avenue', 'Church Street', 'Harbour Road',
                'Orchard Way', 'River Road'], demo_ub(g2)) || ', '
            || ['Northbridge', 'Hillcrest', 'Lakeside', 'Southport', 'Eastfield', 'Westbury'][city_old + 1]
        when 'income_band' then ['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'][income_old]
        when 'marital_status' then marital[1]
        when 'household_size' then household_old::varchar
        else ['self-employed', 'City Hospital', 'Northbridge Council', 'Acme Logistics', 'Bright Software',
            'Lakeside Bank', 'Eastfield School', 'Harbour Shipping', 'Metro Transit', 'Green Energy Co',
            'Westbury Foods', 'Summit Insurance'][employer_old + 1]
    end as old_value,
    case field
        when 'address' then (1 + floor(180 * demo_ua(g3)))::varchar || ' '
            || demo_pick(['Elm Street', 'Station Road', 'Mill Lane', 'Park Avenue', 'Church Street', 'Harbour Road',
                'Orchard Way', 'River Road'], demo_ub(g3)) || ', '
            || ['Northbridge', 'Hillcrest', 'Lakeside', 'Southport', 'Eastfield', 'Westbury'][city_new + 1]
        when 'income_band' then ['under 30k', '30k-50k', '50k-80k', '80k-120k', 'over 120k'][income_new]
        when 'marital_status' then marital[2]
        -- a child is born more often than someone moves out
        when 'household_size' then (case
            when household_old = 1 or demo_ub(g2) < 0.7 then household_old + 1
            else household_old - 1 end)::varchar
        else ['self-employed', 'City Hospital', 'Northbridge Council', 'Acme Logistics', 'Bright Software',
            'Lakeside Bank', 'Eastfield School', 'Harbour Shipping', 'Metro Transit', 'Green Energy Co',
            'Westbury Foods', 'Summit Insurance'][employer_new + 1]
    end as new_value
from valued
