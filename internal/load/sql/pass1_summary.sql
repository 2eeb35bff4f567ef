-- What pass 1 found: rows with a problem, and whether some key may occur more than once.
-- Counting distinct 64-bit hashes over the materialized rows is cheaper than distinct
-- strings and never misses a repeat (equal keys hash equal); a collision only costs a
-- grouping in dups.sql, which compares the keys themselves. (hash(NULL) is not
-- NULL, so NULL keys are left out explicitly, as count() leaves them out.)
select count(*) filter (where is_bad),
       {{with .KeyCol}}count({{ident .Name}}) - count(distinct case when {{ident .Name}} is not null then hash({{ident .Name}}) end){{else}}0{{end}}
from load_rows
