-- The distinct (x, m_x) of the repeat customers with a positive repeat spend: the Gamma-Gamma fit's input.
select s.x::double as x, s.m_x as mx, count(*)::double as customers
from clv_summary_v1(
    as_of := $calibration_end::date,
    time_unit := $time_unit,
    calibration_start := $calibration_start::date
) s
where s.x > 0 and s.m_x > 0
group by all
order by x, mx
