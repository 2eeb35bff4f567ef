-- Satisfaction surveys after workshop visits. Each archetype has its own rating mix: complainers
-- answer mostly neutral, dissatisfied or complaint (20 surveys over five years, say: 3 satisfied,
-- 10 neutral, 5 dissatisfied, 2 complaints).
insert into surveys
with slots as (
    select i, key, customer_id, archetype, unreachable, dnc, last_day, start_day, end_day, unnest(range(n_surveys)) as k
    from demo_cust
),

drawn as (
    select
        *,
        demo_mix(key, k * 1024 + 50) as g1,  -- rating, day, time
        demo_mix(key, k * 1024 + 51) as g2,  -- channel, comment
        -- cumulative shares of very_satisfied, satisfied, neutral, dissatisfied (the rest: complaint)
        case archetype
            when 'enthusiast' then [0.60, 0.93, 0.98, 1.00]
            when 'regular' then [0.30, 0.75, 0.92, 0.98]
            when 'essential' then [0.18, 0.63, 0.88, 0.97]
            when 'complainer' then [0.00, 0.15, 0.65, 0.90]
            when 'lapsing' then [0.20, 0.60, 0.85, 0.96]
            when 'churned' then [0.12, 0.45, 0.75, 0.92]
            else [0.40, 0.80, 0.94, 0.99]
        end as cut
    from slots
),

rated as (
    select
        *,
        case
            when demo_ua(g1) < cut[1] then 'very_satisfied'
            when demo_ua(g1) < cut[2] then 'satisfied'
            when demo_ua(g1) < cut[3] then 'neutral'
            when demo_ua(g1) < cut[4] then 'dissatisfied'
            else 'complaint'
        end as rating,
        least(last_day,
            start_day + floor((end_day - start_day + 31) * demo_ub(g1)))::integer as day
    from drawn
)

select
    customer_id,
    demo_ts(day, demo_uc(g1)) as survey_ts,
    rating,
    case
        when dnc then 'in_store'
        when unreachable then demo_pick(['email', 'in_store'], demo_ua(g2))
        else demo_pick(['phone', 'phone', 'sms', 'email', 'email', 'in_store'], demo_ua(g2))
    end as channel,
    case rating
        when 'complaint' then demo_pick([
            'Car was not ready at the promised time',
            'Invoice was higher than the quote',
            'Same fault came back a week after the repair',
            'Nobody called back about the warranty claim',
            'Scratch on the door after the car wash',
            'Waited two hours despite an appointment'], demo_ub(g2))
        when 'dissatisfied' then case when demo_uc(g2) < 0.6 then demo_pick([
            'Too expensive for a routine service',
            'Had to ask twice for the old parts',
            'Service advisor was in a hurry',
            'Booking by phone took several tries',
            'Car was returned dirty'], demo_ub(g2)) end
        when 'very_satisfied' then case when demo_uc(g2) < 0.2 then demo_pick([
            'Quick and friendly, thank you',
            'Great explanation of the repair',
            'Car came back cleaner than it went in',
            'Courtesy car was very convenient'], demo_ub(g2)) end
    end as comment
from rated
