-- The CLV columns of one snapshot: clv_v2 (clv_v1's columns and P(purchase)) and value_matrix_v1 at the snapshot's
-- as_of, by customer.
update score_snapshots s
set
    clv_model_id = c.model_id,
    p_alive = c.p_alive,
    expected_purchases_12m = c.expected_purchases_12m,
    expected_spend = c.expected_spend,
    clv_12m = c.clv_12m,
    clv_basis = c.clv_basis,
    p_purchase_90d = c.p_purchase_90d,
    p_purchase_12m = c.p_purchase_12m,
    customer_type = v.customer_type
from value_matrix_v1(as_of := $as_of::date) v
left join clv_v2(as_of := $as_of::date) c on c.customer_id = v.customer_id
where s.as_of = $as_of::date and s.model_version = $model_version and s.customer_id = v.customer_id
