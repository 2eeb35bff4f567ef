-- clv_p_purchase: the probability that a customer buys at least once in the horizon after T, from a stored model.
--
-- The everyday form of clv_p_purchase_params (udf/clv.go), as clv_expected_purchases (0032_clv_functions.sql) is of
-- clv_expected_purchases_params: the same arguments, the same model lookup (clv_purchase_model_id: without a model
-- argument the latest converged purchase model; with one, that id or the latest converged model of that name) and an
-- error when no converged model matches. It answers "will they be back within the horizon?", where
-- clv_expected_purchases gives only the average count.
-- This macro needs custval (or the custval extension) for clv_p_purchase_params; see docs/clv.md.

create macro clv_p_purchase(horizon, x, t_x, "T") as
        clv_p_purchase_params(clv_model_params(clv_purchase_model_id(null, null)), horizon, x, t_x, "T"),
    (which, horizon, x, t_x, "T") as
        clv_p_purchase_params(clv_model_params(clv_purchase_model_id(which, null)), horizon, x, t_x, "T");
