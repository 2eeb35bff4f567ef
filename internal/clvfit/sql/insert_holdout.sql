insert into clv_holdout (model_id, bucket, bucket_order, customers, actual, predicted, tracking, buyers, predicted_buyers)
values ($model_id, $bucket, $bucket_order, $customers, $actual, $predicted, $tracking, $buyers, $predicted_buyers)
