-- Pass 1: count the file's rows, count the rows with a problem, and find key hashes that
-- occur more than once. Grouping on the 64-bit hash keeps the hash table small; dups.sql
-- confirms real duplicates among the few rows whose hash repeats. The total is the
-- grouping-set row (is_total). A clean file skips pass 2 altogether.
create or replace temp table load_keys as
with {{template "checked_rows" .}}, rows as (
    select {{with .KeyCol}}case when key_value is not null then hash(key_value) end{{else}}null::ubigint{{end}} as h,
           is_bad
    from flagged
)
select grouping(h) = 1 as is_total, h, count(*) as n, count(*) filter (where is_bad) as bad
from rows
group by grouping sets ((h), ())
having grouping(h) = 1 or (h is not null and count(*) > 1)
