-- Whether clv_v1 has a model to use as of this date: a converged purchase model with a converged gammagamma in its run.
select count(*) > 0 as ok
from clv_models p
join clv_models g on g.run_id = p.run_id and g.model = 'gammagamma' and g.converged
where p.converged and p.model <> 'gammagamma' and p.as_of <= $as_of::date
