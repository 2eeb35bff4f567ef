-- pointer: clv -> clv_v1
--
-- Ad-hoc queries use the pointer; recurring reports pin a version. The pointer moves to a new version in a
-- migration of its own, so the switch shows in review (docs/views.md).

create macro clv(as_of := null, model := null, annual_discount_rate := 0.1) as table
from clv_v1(as_of := as_of, model := model, annual_discount_rate := annual_discount_rate);
