insert into score_snapshot_runs (as_of, model_version, parameters, customers, scored_at)
values ($as_of::date, $model_version, $parameters, $customers, now());
