-- The holdout check also counts customers, not only purchases: how many in each bucket bought at least once in the
-- holdout, next to Σ P(purchase in the holdout), the model's expectation of that count (clv_p_purchase). It shows
-- whether the probability a campaign list is ranked by is calibrated on this data. Checks stored before this
-- migration keep NULL in both columns.
alter table clv_holdout add column buyers bigint;            -- customers with a purchase day in the holdout
alter table clv_holdout add column predicted_buyers double;  -- Σ P(purchase in (T, T+t] | x, t_x, T)
