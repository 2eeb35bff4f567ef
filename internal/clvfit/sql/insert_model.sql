insert into clv_models (
    run_id, position, model, as_of, calibration_start, calibration_end, holdout_months, time_unit, params,
    log_likelihood, n_customers, n_histories, converged, message, iterations, fitted_at, data_fingerprint
) values (
    $run_id, $position, $model, $as_of::date, $calibration_start::date, $calibration_end::date, $holdout_months,
    $time_unit, $params::json, $log_likelihood, $n_customers, $n_histories, $converged, $message, $iterations,
    $fitted_at, $data_fingerprint
)
returning id
