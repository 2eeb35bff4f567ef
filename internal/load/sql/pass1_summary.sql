-- What pass 1 found: key hashes seen more than once, and rows with a problem.
select count(*) filter (where not is_total), coalesce(sum(bad) filter (where is_total), 0)
from load_keys
