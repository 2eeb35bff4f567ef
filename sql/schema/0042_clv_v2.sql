-- model: clv_v2
-- kind: table macro
-- description: clv_v1 with the probability of buying at least once in the next 90 days and 12 months
-- grain: one row per customer with at least one purchase day on or before as_of
-- columns: customer_id, as_of, model_id, model, time_unit, x, t_x, T, m_x, p_alive, expected_purchases_12m, expected_spend, margin_ratio, clv_basis, clv_12m, p_purchase_90d, p_purchase_12m
-- call: clv_v2(as_of := latest order date, model := null, annual_discount_rate := 0.1)
--
-- Every clv_v1 column, unchanged (it is clv_v1's rows), then clv_p_purchase_params with clv_v1's purchase model
-- over INTERVAL 90 DAY and INTERVAL 12 MONTH: the chance the customer buys at all in that window, which
-- expected_purchases_12m (an average count) does not say. Campaign lists rank by these. Needs custval or its
-- extension (the *_params functions).

create macro clv_v2(as_of := null, model := null, annual_discount_rate := 0.1) as table
select
    v.*,
    clv_p_purchase_params(m.params::varchar, interval 90 day, v.x, v.t_x, v."T") as p_purchase_90d,
    clv_p_purchase_params(m.params::varchar, interval 12 month, v.x, v.t_x, v."T") as p_purchase_12m
from clv_v1(as_of := as_of, model := model, annual_discount_rate := annual_discount_rate) v
join clv_models m on m.id = v.model_id;
