delete from score_snapshot_runs where as_of = $as_of::date and model_version = $model_version;
