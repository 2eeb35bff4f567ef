-- The calibration end: as_of minus the holdout months, with DuckDB's month arithmetic (month ends clamp:
-- 2026-03-31 minus 1 month is 2026-02-28).
select ($as_of::date - to_months($holdout_months::integer))::date as calibration_end
