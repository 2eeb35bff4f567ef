-- model: prospect_funnel_gates_v1
-- kind: table macro
-- description: the replacement-campaign screening gate by gate: customers entering, surviving and dropped at each gate
-- grain: one row per gate, 1 to 6
-- columns: gate, name, entering, surviving, dropped
-- call: prospect_funnel_gates_v1(as_of := latest order date, min_loyalty := 'developing', negative_changes := ['income_down', 'marriage_ended'], change_months := 24)
--
-- The counts of prospect_funnel_v1 with the same arguments: entering gate 1 is every customer, entering gate g + 1
-- is surviving gate g, and surviving gate 6 is the final prospect list (prospect_funnel_v1 where passed). Needs
-- custval's functions, like prospect_funnel_v1.

create macro prospect_funnel_gates_v1(
    as_of := null, min_loyalty := 'developing', negative_changes := ['income_down', 'marriage_ended'],
    change_months := 24
) as table
with
fell as (
    select failed_gate, count(*) as customers
    from prospect_funnel_v1(as_of := as_of, min_loyalty := min_loyalty, negative_changes := negative_changes,
        change_months := change_months)
    group by failed_gate
)

select
    g.gate::integer as gate,
    (['replacement_window', 'reachable', 'not_unsatisfied', 'loyal_enough', 'no_recent_major_spend',
        'no_negative_life_change'])[g.gate] as name,
    coalesce(sum(f.customers) filter (f.failed_gate is null or f.failed_gate >= g.gate), 0)::bigint as entering,
    coalesce(sum(f.customers) filter (f.failed_gate is null or f.failed_gate > g.gate), 0)::bigint as surviving,
    coalesce(sum(f.customers) filter (f.failed_gate = g.gate), 0)::bigint as dropped
from range(1, 7) as g(gate)
left join fell as f on true
group by g.gate
order by g.gate;
