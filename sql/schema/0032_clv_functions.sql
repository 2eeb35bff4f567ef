-- CLV functions for SQL users: P(alive), expected purchases, expected spend and discounted CLV from a stored model.
--
-- The arithmetic is in Go UDFs that take the model's parameters explicitly, as the JSON text kept in
-- clv_models.params: clv_p_alive_params, clv_expected_purchases_params, clv_expected_spend_params and
-- clv_value_params (udf/clv.go). A scalar UDF cannot read tables, so the macros below look the model up in
-- clv_models with a subquery that does not depend on the row: DuckDB runs it once per query, and the UDF parses
-- each distinct params text once. Without a model argument they use the latest converged model; with one, the
-- converged model of that id (BIGINT) or the latest converged model of that name (VARCHAR: 'bgnbd', 'mbgnbd',
-- 'paretonbd'). When no converged model matches they raise an error instead of returning NULL.
-- These macros need custval (or the custval extension) for the *_params functions; see docs/clv.md.

-- clv_purchase_model_id(which, on_or_before): the id of the purchase model the CLV functions use. which: NULL,
-- an id or a model name; on_or_before: NULL or a date; models fitted as of a later date are skipped.
create macro clv_purchase_model_id(which, on_or_before) as coalesce(
    (
        select m.id
        from clv_models m
        where m.converged and m.model <> 'gammagamma'
            and (which is null or m.id::varchar = which::varchar or m.model = which::varchar)
            and (on_or_before is null or which::varchar = m.id::varchar or m.as_of <= on_or_before::date)
        order by m.as_of desc, m.calibration_end desc, m.fitted_at desc, m.run_id desc, m.position, m.id desc
        limit 1
    ),
    error('clv: no converged purchase model' || coalesce(' ' || which::varchar, '')
        || coalesce(' fitted as of ' || on_or_before::date::varchar || ' or earlier', '')
        || ' in clv_models; run custval fit clv, and see select id, model, as_of, converged, message from clv_models'));

-- clv_spend_model_id(which, on_or_before): the converged gammagamma fitted in the same run as that purchase model.
create macro clv_spend_model_id(which, on_or_before) as coalesce(
    (
        select g.id
        from clv_models g
        join clv_models m on m.run_id = g.run_id
        where m.id = clv_purchase_model_id(which, on_or_before) and g.model = 'gammagamma' and g.converged
        order by g.id desc
        limit 1
    ),
    error('clv: the run of purchase model ' || clv_purchase_model_id(which, on_or_before)::varchar
        || ' has no converged gammagamma spend model; fit one with custval fit clv --model ...,gammagamma'));

-- clv_model_params(model_id): the stored params JSON text of one model.
create macro clv_model_params(model_id) as (select m.params::varchar from clv_models m where m.id = model_id);

create macro clv_p_alive(x, t_x, "T") as
        clv_p_alive_params(clv_model_params(clv_purchase_model_id(null, null)), x, t_x, "T"),
    (which, x, t_x, "T") as
        clv_p_alive_params(clv_model_params(clv_purchase_model_id(which, null)), x, t_x, "T");

create macro clv_expected_purchases(horizon, x, t_x, "T") as
        clv_expected_purchases_params(clv_model_params(clv_purchase_model_id(null, null)), horizon, x, t_x, "T"),
    (which, horizon, x, t_x, "T") as
        clv_expected_purchases_params(clv_model_params(clv_purchase_model_id(which, null)), horizon, x, t_x, "T");

create macro clv_expected_spend(x, m_x) as
        clv_expected_spend_params(clv_model_params(clv_spend_model_id(null, null)), x, m_x),
    (which, x, m_x) as
        clv_expected_spend_params(clv_model_params(clv_spend_model_id(which, null)), x, m_x);

create macro clv_value(horizon, annual_discount_rate, x, t_x, "T", m_x) as
        clv_value_params(clv_model_params(clv_purchase_model_id(null, null)),
            clv_model_params(clv_spend_model_id(null, null)), horizon, annual_discount_rate, x, t_x, "T", m_x),
    (which, horizon, annual_discount_rate, x, t_x, "T", m_x) as
        clv_value_params(clv_model_params(clv_purchase_model_id(which, null)),
            clv_model_params(clv_spend_model_id(which, null)), horizon, annual_discount_rate, x, t_x, "T", m_x);
