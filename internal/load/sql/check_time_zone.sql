-- Fails for a zone DuckDB (ICU) does not know.
select $time_zone where timezone($time_zone, timestamptz '2000-01-01 00:00:00+00') is not null
