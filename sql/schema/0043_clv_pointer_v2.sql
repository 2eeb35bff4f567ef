-- pointer: clv -> clv_v2
--
-- clv_v2 has every clv_v1 column and two more, so ad-hoc queries on the pointer keep working; clv_v1 stays
-- supported for what pins it (score snapshots, value_matrix_v1).

create or replace macro clv(as_of := null, model := null, annual_discount_rate := 0.1) as table
from clv_v2(as_of := as_of, model := model, annual_discount_rate := annual_discount_rate);
