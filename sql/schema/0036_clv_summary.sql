-- pointer: clv_summary -> clv_summary_v1
--
-- Ad-hoc queries use the pointer; recurring reports pin a version. The pointer moves to a new version in a
-- migration of its own, so the switch shows in review (docs/views.md).

create macro clv_summary(as_of := null, time_unit := 'week', calibration_start := null, holdout_end := null) as table
from clv_summary_v1(as_of := as_of, time_unit := time_unit, calibration_start := calibration_start, holdout_end := holdout_end);
