-- Contacts of every kind. Calls (service reminders) continue until as-of, also for customers who
-- stopped coming; an unreachable customer never answers; a do-not-contact customer refused a call
-- on dnc_day and gets no calls or e-mails after it.
insert into interactions
with windows as (
    select
        i, key, customer_id, archetype, unreachable, dnc, dnc_day, email_opt_in, member,
        last_day, start_day, end_day, years, h10, h11, h12,
        -- calls: service reminders until as-of, or until the customer asked us to stop
        coalesce(dnc_day - 1, last_day) as call_end,
        least(end_day + 60, last_day) as active_end
    from demo_cust
),

spans as (
    select
        *,
        greatest(call_end - start_day, 0) / 365.25 as call_years,
        (active_end - start_day) / 365.25 as active_years,
        (last_day - start_day) / 365.25 as all_years
    from windows
),

counts as (
    select
        *,
        demo_count(call_years * (case archetype when 'enthusiast' then 1.5 else 0.8 end), demo_ua(h10)) as n_call,
        dnc::integer as n_refusal,
        case when email_opt_in then demo_count(all_years * (case archetype
            when 'enthusiast' then 4 when 'new' then 3 when 'regular' then 1.5 when 'lapsing' then 1
            when 'essential' then 0.6 when 'complainer' then 0.5 else 0.3 end), demo_ub(h10)) else 0 end as n_email,
        demo_count(active_years * (case archetype
            when 'enthusiast' then 1.0 when 'new' then 2.0 when 'regular' then 0.3 when 'lapsing' then 0.2
            when 'complainer' then 0.2 when 'churned' then 0.1 else 0.05 end), demo_uc(h10)) as n_visit,
        demo_count(active_years * (case archetype
            when 'enthusiast' then 0.8 when 'new' then 0.3 when 'regular' then 0.1 else 0.02 end), demo_ua(h11)) as n_event,
        demo_count(active_years * (case archetype
            when 'enthusiast' then 0.35 when 'new' then 0.1 when 'regular' then 0.05 else 0 end), demo_ub(h11)) as n_referral,
        demo_count(active_years * (case archetype
            when 'enthusiast' then 0.8 when 'complainer' then 0.6 when 'regular' then 0.05 else 0.02 end), demo_uc(h11)) as n_post,
        demo_count(active_years * (case archetype
            when 'enthusiast' then 0.25 when 'complainer' then 0.3 when 'regular' then 0.03 else 0.01 end), demo_ua(h12)) as n_suggestion,
        demo_count(active_years * (case archetype when 'complainer' then 0.7 else 0.02 end), demo_ub(h12)) as n_complaint,
        case when member then floor(years)::integer else 0 end as n_membership
    from spans
),

offsets as (
    select
        *,
        n_call as o1,
        n_call + n_refusal as o2,
        n_call + n_refusal + n_email as o3,
        n_call + n_refusal + n_email + n_visit as o4,
        n_call + n_refusal + n_email + n_visit + n_event as o5,
        n_call + n_refusal + n_email + n_visit + n_event + n_referral as o6,
        n_call + n_refusal + n_email + n_visit + n_event + n_referral + n_post as o7,
        n_call + n_refusal + n_email + n_visit + n_event + n_referral + n_post + n_suggestion as o8,
        n_call + n_refusal + n_email + n_visit + n_event + n_referral + n_post + n_suggestion
            + n_complaint as o9,
        n_call + n_refusal + n_email + n_visit + n_event + n_referral + n_post + n_suggestion
            + n_complaint + n_membership as o10
    from counts
),

slots as (
    select *, unnest(range(o10)) as k
    from offsets
),

typed as (
    select
        *,
        case
            when k < o1 then 'call'
            when k < o2 then 'refusal'
            when k < o3 then 'email_opened'
            when k < o4 then 'visit'
            when k < o5 then 'event_attended'
            when k < o6 then 'referral_made'
            when k < o7 then 'post'
            when k < o8 then 'suggestion'
            when k < o9 then 'complaint'
            else 'membership_renewal'
        end as slot_kind,
        k - o9 as membership_year,
        demo_mix(key, k * 1024 + 60) as g1,  -- day, time, detail
        demo_mix(key, k * 1024 + 61) as g2   -- call outcome
    from slots
),

dated as (
    select
        *,
        case slot_kind
            when 'call' then start_day + floor((call_end - start_day + 1) * demo_ua(g1))
            when 'refusal' then dnc_day
            when 'email_opened' then start_day + floor((last_day - start_day + 1) * demo_ua(g1))
            when 'membership_renewal' then least(last_day, start_day + 365 * (membership_year + 1))
            else start_day + floor((active_end - start_day + 1) * demo_ua(g1))
        end::integer as day
    from typed
)

select
    customer_id,
    demo_ts(day, demo_ub(g1)) as ts,
    case slot_kind
        when 'refusal' then 'call_refused'
        when 'call' then case
            when unreachable then 'call_unanswered'
            -- after they stopped coming, few customers still pick up
            when demo_ua(g2) < (case
                when day > end_day + 180 then 0.15
                when archetype = 'enthusiast' then 0.80 when archetype = 'new' then 0.70
                when archetype = 'regular' then 0.65 when archetype = 'essential' then 0.50
                when archetype = 'lapsing' then 0.45 else 0.35 end) then 'call_answered'
            when demo_ub(g2) < (case when archetype = 'complainer' then 0.25 else 0.05 end) then 'call_refused'
            else 'call_unanswered'
        end
        else slot_kind
    end as kind,
    case slot_kind
        when 'refusal' then 'asked not to be contacted again'
        when 'call' then case when unreachable then 'number not in service' else demo_pick([
            'service reminder', 'follow-up after repair', 'recall campaign', 'insurance renewal reminder',
            'tyre change reminder', 'appointment confirmation'], demo_uc(g1)) end
        when 'email_opened' then demo_pick([
            'newsletter', 'service reminder', 'spring offers', 'new model announcement', 'winter tyre offer'], demo_uc(g1))
        when 'visit' then demo_pick([
            'showroom visit', 'test drive', 'asked for a trade-in quote', 'looked at new models'], demo_uc(g1))
        when 'event_attended' then demo_pick([
            'new model launch', 'winter check day', 'owners club meetup', 'safe driving course', 'open day'], demo_uc(g1))
        when 'referral_made' then demo_pick([
            'referred a friend', 'referred a colleague', 'referred a family member'], demo_uc(g1))
        when 'post' then case when archetype = 'complainer' then demo_pick([
            'review: 2 stars, slow service', 'forum: warned others about prices', 'review: 1 star, repair not fixed'], demo_uc(g1))
            else demo_pick([
            'forum: answered a maintenance question', 'review: 5 stars', 'forum: shared road trip photos',
            'review: recommends the workshop'], demo_uc(g1)) end
        when 'suggestion' then demo_pick([
            'open on Saturday afternoons', 'online booking for services', 'pick-up and delivery service',
            'text message when the car is ready', 'more charging points'], demo_uc(g1))
        when 'complaint' then demo_pick([
            'car not ready at the promised time', 'invoice higher than the quote', 'same fault came back after repair',
            'no call back about a warranty claim', 'waited two hours despite an appointment'], demo_uc(g1))
        else 'owners club yearly renewal'
    end as detail
from dated
