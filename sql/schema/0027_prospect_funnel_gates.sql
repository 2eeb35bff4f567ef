-- pointer: prospect_funnel_gates -> prospect_funnel_gates_v1
--
-- Ad-hoc queries use the pointer; recurring reports pin a version. The pointer moves to a new version in a
-- migration of its own, so the switch shows in review (docs/views.md).

create macro prospect_funnel_gates(
    as_of := null, min_loyalty := 'developing', negative_changes := ['income_down', 'marriage_ended'],
    change_months := 24
) as table
from prospect_funnel_gates_v1(as_of := as_of, min_loyalty := min_loyalty, negative_changes := negative_changes,
    change_months := change_months);
