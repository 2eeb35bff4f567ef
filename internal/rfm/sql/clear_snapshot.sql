-- Remove one snapshot (one as_of, one model version) before it is written again in the same transaction.
delete from score_snapshots where as_of = $as_of::date and model_version = $model_version;
