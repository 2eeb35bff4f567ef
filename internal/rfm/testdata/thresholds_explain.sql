-- Failing rows: customers whose score rfm_thresholds_v1 does not explain. A score is explained when the
-- customer's value lies in (lower_bound, upper_bound] of that score's row, or when it is 1 for the documented
-- reasons: no purchase in the window (recency) or monetary at or below zero.
with
scores as (from rfm_v1(date '2026-06-30', k := 4, m_cuts := [50, 150, 400])),
bounds as (from rfm_thresholds_v1(date '2026-06-30', k := 4, m_cuts := [50, 150, 400])),
values as (
    select customer_id, 'recency' as dimension, recency_days::double as value, r_score as score from scores
    union all
    select customer_id, 'frequency', frequency::double, f_score from scores
    union all
    select customer_id, 'monetary', monetary::double, m_score from scores
)
select v.*, b.lower_bound, b.upper_bound
from values as v
left join bounds as b on b.dimension = v.dimension and b.score = v.score
where not coalesce(
    (v.value > b.lower_bound or b.lower_bound is null) and (v.value <= b.upper_bound or b.upper_bound is null),
    false)
    and not (v.score = 1 and v.dimension = 'recency' and v.value is null)
    and not (v.score = 1 and v.dimension = 'monetary' and v.value <= 0);
