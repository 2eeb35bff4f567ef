-- The customer value columns of one snapshot: customer_value_v1 at the snapshot's as_of, by customer.
update score_snapshots s
set
    serve_cost = v.serve_cost,
    net_value = v.net_value,
    value_class = v.value_class::varchar,
    satisfaction_index = v.satisfaction_index,
    satisfaction_level = v.satisfaction_level::varchar,
    loyalty_score = v.loyalty_score,
    loyalty_tier = v.loyalty_tier::varchar,
    contact_closeness = v.contact_closeness::varchar,
    lifecycle_stage = v.lifecycle_stage::varchar,
    replacement_readiness = v.replacement_readiness::varchar,
    life_changes = array_to_string(v.life_changes, ',')
from customer_value_v1(as_of := $as_of::date) v
where s.as_of = $as_of::date and s.model_version = $model_version and s.customer_id = v.customer_id
