-- The rows of one snapshot: every customer rfm_v1 scores on the resolved as_of, tagged with the model version.
insert into score_snapshots by name
select 'rfm_v1' as model_version, *
from rfm_v1(
    as_of := $as_of::date,
    months := $months::integer,
    k := $k::integer,
    r_bins := $r_bins::integer,
    f_bins := $f_bins::integer,
    m_bins := $m_bins::integer,
    r_cuts := $r_cuts::double[],
    f_cuts := $f_cuts::double[],
    m_cuts := $m_cuts::double[],
    statistic := $statistic,
    rules := $rules
);
