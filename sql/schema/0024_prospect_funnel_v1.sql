-- model: prospect_funnel_v1
-- kind: table macro
-- description: the replacement-campaign screening per customer: the first of six gates each customer fails, and why
-- grain: one row per customer in customers (every customer enters gate 1)
-- columns: customer_id, as_of, asset_id, asset_age_years, replacement_readiness, contact_closeness, satisfaction_level, satisfaction_index, loyalty_tier, loyalty_score, major_spend_12m, life_changes, passed, failed_gate, failed_gate_name, reason
-- call: prospect_funnel_v1(as_of := latest order date, min_loyalty := 'developing', negative_changes := ['income_down', 'marriage_ended'], change_months := 24)
--
-- Built on customer_value_v1, so it needs custval's functions like that model (docs/customer-value.md). The gates,
-- in order; a customer is dropped at the first one failed:
--   1 replacement_window       the newest asset is at least window_open_years old (readiness window_open, overdue or
--                              recently_renewed; the renewed are kept here so gate 5 can name their reason)
--   2 reachable                contact_closeness is not unreachable or do_not_contact
--   3 not_unsatisfied          satisfaction_level is not unsatisfied (unknown passes: no survey is no verdict)
--   4 loyal_enough             loyalty_tier ranks at least min_loyalty (unknown < transactional < developing < loyal)
--   5 no_recent_major_spend    replacement_readiness is not recently_renewed (a major repair in the last 12 months)
--   6 no_negative_life_change  none of the customer's life_changes in the last change_months is in negative_changes
-- prospect_funnel_gates_v1 counts them gate by gate.

create macro prospect_funnel_v1(
    as_of := null, min_loyalty := 'developing', negative_changes := ['income_down', 'marriage_ended'],
    change_months := 24
) as table
with
settings as (
    select
        case
            when list_position(['unknown', 'transactional', 'developing', 'loyal'], min_loyalty::varchar) is not null
                then list_position(['unknown', 'transactional', 'developing', 'loyal'], min_loyalty::varchar)
            else error('prospect_funnel: min_loyalty must be unknown, transactional, developing or loyal, got '
                || coalesce(min_loyalty::varchar, 'null'))
        end as min_rank,
        case
            when list_has_all(['moved', 'income_up', 'income_down', 'married', 'marriage_ended', 'new_child',
                    'job_change'], coalesce(negative_changes, [])::varchar[])
                then coalesce(negative_changes, [])::varchar[]
            else error('prospect_funnel: negative_changes must list life changes among moved, income_up, income_down, '
                || 'married, marriage_ended, new_child, job_change, got ' || negative_changes::varchar)
        end as negative
),

judged as (
    select
        v.*,
        list_intersect(v.life_changes, s.negative) as negative_found,
        case
            when v.replacement_readiness is null or v.replacement_readiness = 'not_yet' then 1
            when v.contact_closeness in ('unreachable', 'do_not_contact') then 2
            when v.satisfaction_level = 'unsatisfied' then 3
            when list_position(['unknown', 'transactional', 'developing', 'loyal'], v.loyalty_tier::varchar)
                < s.min_rank then 4
            when v.replacement_readiness = 'recently_renewed' then 5
            when len(list_intersect(v.life_changes, s.negative)) > 0 then 6
        end as failed_gate
    from customer_value_v1(as_of := as_of, change_months := change_months) as v, settings as s
)

select
    j.customer_id,
    j.as_of,
    j.asset_id,
    j.asset_age_years,
    j.replacement_readiness,
    j.contact_closeness,
    j.satisfaction_level,
    j.satisfaction_index,
    j.loyalty_tier,
    j.loyalty_score,
    j.major_spend_12m,
    j.life_changes,
    j.failed_gate is null as passed,
    j.failed_gate,
    (['replacement_window', 'reachable', 'not_unsatisfied', 'loyal_enough', 'no_recent_major_spend',
        'no_negative_life_change'])[j.failed_gate] as failed_gate_name,
    case j.failed_gate
        when 1 then case
            when j.asset_id is null then 'no asset on record'
            when j.asset_age_years is null then 'newest asset ' || j.asset_id || ' has no purchase date'
            else 'newest asset ' || j.asset_id || ' is ' || printf('%.1f', j.asset_age_years)
                || ' years old, the replacement window is not open yet'
        end
        when 2 then 'contact closeness is ' || j.contact_closeness::varchar
        when 3 then 'unsatisfied (satisfaction index ' || round(j.satisfaction_index)::bigint::varchar || ')'
        when 4 then 'loyalty tier ' || j.loyalty_tier::varchar || ' is below ' || min_loyalty::varchar
        when 5 then 'recently renewed: ' || printf('%.2f', j.major_spend_12m)
            || ' spent on repair and parts in the last 12 months'
        when 6 then 'negative life change: ' || array_to_string(j.negative_found, ', ')
    end as reason
from judged as j;
