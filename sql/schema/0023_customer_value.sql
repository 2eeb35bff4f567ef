-- pointer: customer_value -> customer_value_v1
--
-- Ad-hoc queries use the pointer; recurring reports pin a version. The pointer moves to a new version in a
-- migration of its own, so the switch shows in review (docs/views.md).

create macro customer_value(as_of := null, change_months := 24, valuable_quantile := 0.8) as table
from customer_value_v1(as_of := as_of, change_months := change_months, valuable_quantile := valuable_quantile);
