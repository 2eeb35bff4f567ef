-- model: rfm_thresholds_v1
-- kind: table macro
-- description: the cut points rfm_v1 used for each score and the segment_8 statistic, so any score can be explained
-- grain: one row per dimension (recency, frequency, monetary) and score
-- columns: as_of, dimension, score, bins, source, lower_bound, upper_bound, customers, statistic, statistic_value
-- call: rfm_thresholds_v1(as_of := latest order date, ...) with exactly the arguments given to rfm_v1
--
-- A customer gets `score` on `dimension` when lower_bound < value <= upper_bound (a null bound is open). Recency
-- bins are numbered from the most recent, so score k holds the fewest days. Two more customers land in score 1
-- without a bound: those with no purchase in the window (no recency) and those whose monetary is zero or less.
-- Equal bounds mean an empty bin: ties on a threshold moved its customers into the bin below. statistic_value is the
-- population mean or lower median segment_8 compares raw values with.

create macro rfm_thresholds_v1(
    as_of := null, months := null, k := 5,
    r_bins := null, f_bins := null, m_bins := null,
    r_cuts := null, f_cuts := null, m_cuts := null,
    statistic := 'mean', rules := 'default'
) as table
with
scores as (
    from rfm_v1(
        as_of := as_of, months := months, k := k,
        r_bins := r_bins, f_bins := f_bins, m_bins := m_bins,
        r_cuts := r_cuts, f_cuts := f_cuts, m_cuts := m_cuts,
        statistic := statistic, rules := rules)
),

-- The same threshold expressions as rfm_v1, over the same customers.
population as (
    select
        any_value(s.as_of) as as_of_date,
        rfm_cut_points_v1(s.recency_days,
            coalesce(r_bins, k), list_transform(r_cuts, lambda c: floor(c))::integer[])::double[] as r_t,
        rfm_cut_points_v1(s.frequency,
            coalesce(f_bins, k), list_transform(f_cuts, lambda c: floor(c))::integer[])::double[] as f_t,
        rfm_cut_points_v1(case when s.monetary > 0 then s.monetary end,
            coalesce(m_bins, k), m_cuts::decimal(18, 2)[])::double[] as m_t,
        case statistic when 'mean' then avg(s.recency_days) else quantile_disc(s.recency_days, 0.5) end as r_stat,
        case statistic when 'mean' then avg(s.frequency) else quantile_disc(s.frequency, 0.5) end as f_stat,
        case statistic
            when 'mean' then avg(s.monetary)::double
            else quantile_disc(s.monetary, 0.5)::double
        end as m_stat,
        histogram(s.r_score) as r_counts,
        histogram(s.f_score) as f_counts,
        histogram(s.m_score) as m_counts
    from scores as s
),

dimensions as (
    select 1 as ordinal, 'recency' as dimension, true as reversed, p.r_t as t, r_cuts is null as quantile,
        coalesce(r_bins, k) as default_bins, p.r_stat as stat, p.r_counts as counts, p.as_of_date
    from population as p
    union all
    select 2, 'frequency', false, p.f_t, f_cuts is null, coalesce(f_bins, k), p.f_stat, p.f_counts, p.as_of_date
    from population as p
    union all
    select 3, 'monetary', false, p.m_t, m_cuts is null, coalesce(m_bins, k), p.m_stat, p.m_counts, p.as_of_date
    from population as p
),

bins as (
    select
        d.*,
        coalesce(len(d.t) + 1, d.default_bins)::integer as n,
        unnest(range(1, coalesce(len(d.t) + 1, d.default_bins)::integer + 1)) as raw_bin
    from dimensions as d
)

select
    b.as_of_date as as_of,
    b.dimension,
    (case when b.reversed then b.n + 1 - b.raw_bin else b.raw_bin end)::integer as score,
    b.n as bins,
    case when b.quantile then 'quantile' else 'explicit' end as source,
    b.t[b.raw_bin - 1] as lower_bound,
    b.t[b.raw_bin] as upper_bound,
    coalesce(map_extract_value(b.counts, case when b.reversed then b.n + 1 - b.raw_bin else b.raw_bin end), 0)::bigint
        as customers,
    statistic as statistic,
    b.stat as statistic_value
from bins as b
order by b.ordinal, score desc;
