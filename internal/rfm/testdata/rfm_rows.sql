-- rfm_v1's rows in types the cross-check compares exactly: money in cents, dates as text.
select
    customer_id,
    strftime(as_of, '%Y-%m-%d') as as_of,
    recency_days,
    frequency,
    (monetary * 100)::bigint as monetary_cents,
    (margin * 100)::bigint as margin_cents,
    strftime(first_order_on, '%Y-%m-%d') as first_order_on,
    strftime(last_order_on, '%Y-%m-%d') as last_order_on,
    tenure_days,
    r_score,
    f_score,
    m_score,
    rfm_cell,
    segment_8,
    segment_8_zh,
    segment_named
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
