-- The distinct calibration histories (x, t_x, T) with how many customers share each, and their holdout purchase
-- days in total: the fit's input, collapsed here so memory follows distinct histories, not customers.
select
    s.x::double as x,
    s.t_x as tx,
    s."T" as age,
    count(*)::double as customers,
    coalesce(sum(s.holdout_purchases), 0)::double as holdout
from clv_summary_v1(
    as_of := $calibration_end::date,
    time_unit := $time_unit,
    calibration_start := $calibration_start::date,
    holdout_end := $holdout_end::date
) s
group by all
order by x, tx, age
