-- CLV model store: every fit `custval fit clv` makes, and the holdout check of each purchase model.
--
-- One `custval fit clv` run writes all its models in one transaction under one run_id, in the order of --model
-- (position). A fit that did not converge is stored too, with converged = false and its diagnostic message, so the
-- attempt is on record; the CLV functions and clv_v1 only ever use converged rows. A model is chosen by
-- clv_purchase_model_id (0032): the latest as_of (on or before the one asked for), then the latest calibration end,
-- the latest fit, and the first purchase model of the run. The spend model (gammagamma) of a purchase model is the
-- converged gammagamma of the same run.

create sequence clv_model_id_seq start 1;
create sequence clv_run_id_seq start 1;

create table clv_models (
    id                bigint not null default nextval('clv_model_id_seq'),
    run_id            bigint not null,     -- the models fitted together by one `custval fit clv`
    position          integer not null,    -- order within the run, as given to --model
    model             varchar not null check (model in ('bgnbd', 'mbgnbd', 'paretonbd', 'gammagamma')),
    as_of             date not null,       -- --as-of: the end of the data the run looked at
    calibration_start date,                -- lines before it were ignored; null: all history
    calibration_end   date not null,       -- the summary's as_of: as_of minus holdout_months
    holdout_months    integer not null default 0,
    time_unit         varchar not null check (time_unit in ('week', 'day')),
    params            json not null,       -- clv.Stored: {"model":..,"time_unit":..,"params":{..}}
    log_likelihood    double,
    n_customers       bigint not null,
    n_histories       bigint not null,     -- distinct (x, t_x, T), or (x, m_x) for gammagamma
    converged         boolean not null,
    message           varchar not null,
    iterations        integer not null,
    fitted_at         timestamp not null,
    data_fingerprint  varchar not null     -- sha256 of the distinct histories with their counts
);

-- Predicted against actual purchases in the holdout (calibration_end, as_of], per calibration frequency bucket
-- ('0' .. '6', '7+') and in total, for each purchase model fitted with --holdout-months.
create table clv_holdout (
    model_id     bigint not null,
    bucket       varchar not null,    -- '0', '1', ..., '7+', 'total'
    bucket_order integer not null,    -- sorts the buckets; total last
    customers    bigint not null,
    actual       double not null,     -- actual purchase days in the holdout
    predicted    double not null,     -- Σ E[Y(t) | x, t_x, T]
    tracking     double               -- total only: Σ E[X(T+t)] − E[X(T)], the population-level forecast
);
