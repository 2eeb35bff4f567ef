-- model: rfm_v1
-- kind: table macro
-- description: recency, frequency, monetary and margin per customer as of a date, with 1..k scores and two segment schemes
-- grain: one row per customer with at least one order in the window that ends on as_of
-- columns: customer_id, as_of, recency_days, frequency, monetary, margin, first_order_on, last_order_on, tenure_days, r_score, f_score, m_score, rfm_cell, segment_8, segment_8_zh, segment_named, segment
-- call: rfm_v1(as_of := latest order date, months := null, k := 5, r_bins := k, f_bins := k, m_bins := k, r_cuts := null, f_cuts := null, m_cuts := null, statistic := 'mean', rules := 'default')
--
-- Plain SQL over the contract table `orders`, so any DuckDB 1.5 client opening the file can run it.
-- Nothing here reads the clock: as_of defaults to the day of the latest order. Every formula, the tie rule and the
-- defaults are documented in docs/rfm.md. The helper macros below belong to this version and never change.

-- rfm_levels_v1(bins): the quantile levels i/bins, i = 1..bins-1, as DECIMAL truncated to 18 digits. For a DECIMAL
-- level DuckDB's quantile_disc takes an exact integer path and returns the ceil(n*i/bins)-th smallest value;
-- a DOUBLE level such as 5/7 rounds up and can move a threshold by one position. quantile_disc needs constant
-- levels, so this cannot raise an error: rfm_v1 validates the bin counts in its settings.
create macro rfm_levels_v1(bins) as
    list_transform(range(1, bins),
        lambda i: ('0.' || lpad(((i * 1000000000000000000::hugeint) // bins)::varchar, 18, '0'))::decimal(19, 18));

-- rfm_cut_points_v1(v, bins, cuts): an aggregate. The thresholds of one dimension, in the type of v: the explicit
-- cuts when given (2 to 9 strictly increasing numbers, so 3 to 10 bins), else the quantile thresholds of v over the
-- customers. The caller casts explicit cuts to the type of v.
create macro rfm_cut_points_v1(v, bins, cuts) as
    case
        when cuts is null then quantile_disc(v, rfm_levels_v1(bins))
        when len(cuts) between 2 and 9 and len(list_distinct(cuts)) = len(cuts) and list_sort(cuts) = cuts
            then cuts
        else error('rfm: explicit cut points must be 2 to 9 strictly increasing numbers, got ' || cuts::varchar)
    end;

-- rfm_bin_v1(v, t1, ..., t9): the raw-value bin of v, 1 + the number of thresholds strictly below v, for thresholds
-- padded to nine with a value nothing exceeds. Equal values always share a bin; a value equal to a threshold falls
-- in the bin that threshold closes. Comparisons with nine scalars, not sorting: customers are never ordered.
create macro rfm_bin_v1(v, t1, t2, t3, t4, t5, t6, t7, t8, t9) as
    1 + (v > t1)::integer + (v > t2)::integer + (v > t3)::integer + (v > t4)::integer + (v > t5)::integer
      + (v > t6)::integer + (v > t7)::integer + (v > t8)::integer + (v > t9)::integer;

-- rfm_floor_div_v1(a, b): floor(a / b) for integers, b > 0, without a detour through DOUBLE.
create macro rfm_floor_div_v1(a, b) as a // b - (a % b < 0)::integer;

-- The segment_8 labels as ENUM types: a one-byte code per customer instead of a string to copy.
create type rfm_segment_8_v1 as enum (
    'lost', 'important to retain', 'general maintain', 'important to win back',
    'new', 'important to develop', 'potential', 'important value');
create type rfm_segment_8_zh_v1 as enum (
    '流失客户', '重要挽留客户', '一般维持客户', '重要唤回客户', '新客户', '重要深耕客户', '潜力客户', '重要价值客户');

create macro rfm_v1(
    as_of := null, months := null, k := 5,
    r_bins := null, f_bins := null, m_bins := null,
    r_cuts := null, f_cuts := null, m_cuts := null,
    statistic := 'mean', rules := 'default'
) as table
with
settings as (
    select
        -- Argument checks ride on as_of, which every row uses (an unused column would be pruned unchecked).
        case
            when not (coalesce(r_bins, k) between 3 and 10 and coalesce(f_bins, k) between 3 and 10
                and coalesce(m_bins, k) between 3 and 10)
                then error('rfm: bin counts must be between 3 and 10, got k=' || coalesce(k::varchar, 'null')
                    || ', r_bins=' || coalesce(r_bins::varchar, 'k') || ', f_bins=' || coalesce(f_bins::varchar, 'k')
                    || ', m_bins=' || coalesce(m_bins::varchar, 'k'))
            when months is not null and months::integer < 1
                then error('rfm: months must be at least 1, got ' || months::varchar)
            else d
        end as as_of,
        case
            when statistic in ('mean', 'median') then statistic
            else error('rfm: statistic must be ''mean'' or ''median'', got ' || coalesce(statistic::varchar, 'null'))
        end as statistic
    from (select coalesce(as_of::date, (select max(order_ts)::date from orders where as_of is null)) as d)
),

-- The one pass over orders, into a narrow per-customer relation. Refunds (amount < 0) reduce monetary and margin but
-- are not purchases; order_id is unique by contract, so counting purchase timestamps counts distinct orders. Margin
-- counts the orders whose cost is known (sum skips the null differences).
-- The window bounds are written out here rather than joined from settings: with a given as_of the live branch is a
-- constant, and DuckDB keeps the column statistics that let it sum DECIMAL(18,2) in 64 bits (measured faster).
customer_orders as (
    select
        p.customer_id,
        max(p.purchase_ts) as last_purchase_ts,
        min(p.purchase_ts) as first_purchase_ts,
        count(p.purchase_ts) as purchases,
        sum(p.amount) as net_amount,
        sum(p.amount - p.cost) as net_margin
    from (
        select o.customer_id, o.amount, o.cost, case when o.amount > 0 then o.order_ts end as purchase_ts
        from orders as o
        where (
                (as_of is not null and o.order_ts < as_of::date + interval 1 day)
                or (as_of is null and o.order_ts < (select max(order_ts)::date from orders) + interval 1 day))
            and (
                months is null
                or (as_of is not null
                    and o.order_ts >= as_of::date + interval 1 day - to_months(months::integer))
                or (as_of is null
                    and o.order_ts >= (select max(order_ts)::date from orders) + interval 1 day
                        - to_months(months::integer)))
    ) as p
    group by p.customer_id
),

metrics as (
    select
        c.customer_id,
        s.as_of,
        (s.as_of - c.last_purchase_ts::date)::integer as recency_days,
        c.purchases::integer as frequency,
        c.net_amount::decimal(18, 2) as monetary,
        c.net_margin::decimal(18, 2) as margin,
        c.first_purchase_ts::date as first_order_on,
        c.last_purchase_ts::date as last_order_on,
        (s.as_of - c.first_purchase_ts::date)::integer as tenure_days
    from customer_orders as c, settings as s
),

-- Thresholds and population statistics: one aggregate over the narrow relation, in the type of each value so
-- every comparison is exact. Explicit cuts act on whole days and orders (30.5 works as 30) and on cents (rounded).
population as (
    select
        rfm_cut_points_v1(recency_days,
            coalesce(r_bins, k), list_transform(r_cuts, lambda c: floor(c))::integer[]) as r_t,
        rfm_cut_points_v1(frequency,
            coalesce(f_bins, k), list_transform(f_cuts, lambda c: floor(c))::integer[]) as f_t,
        rfm_cut_points_v1(case when monetary > 0 then monetary end,
            coalesce(m_bins, k), m_cuts::decimal(18, 2)[]) as m_t,
        count(*) as n,
        count(recency_days) as n_r,
        sum(recency_days)::hugeint as sum_r,
        sum(frequency)::hugeint as sum_f,
        (sum(monetary) * 100)::hugeint as sum_m_cents,
        quantile_disc(recency_days, 0.5) filter (statistic = 'median') as median_r,
        quantile_disc(frequency, 0.5) filter (statistic = 'median') as median_f,
        quantile_disc(monetary, 0.5) filter (statistic = 'median') as median_m
    from metrics
),

-- segment_8 compares raw values with the population statistic. For the mean the test x > sum/n is done exactly on
-- whole units: frequency > floor(mean), monetary cents > floor(mean in cents), recency days < ceil(mean).
cuts as (
    select
        -- Each dimension's thresholds as nine scalars, padded with a value no customer exceeds.
        list_resize(p.r_t, 9, 2147483647)[1] as r1,
        list_resize(p.r_t, 9, 2147483647)[2] as r2,
        list_resize(p.r_t, 9, 2147483647)[3] as r3,
        list_resize(p.r_t, 9, 2147483647)[4] as r4,
        list_resize(p.r_t, 9, 2147483647)[5] as r5,
        list_resize(p.r_t, 9, 2147483647)[6] as r6,
        list_resize(p.r_t, 9, 2147483647)[7] as r7,
        list_resize(p.r_t, 9, 2147483647)[8] as r8,
        list_resize(p.r_t, 9, 2147483647)[9] as r9,
        list_resize(p.f_t, 9, 2147483647)[1] as f1,
        list_resize(p.f_t, 9, 2147483647)[2] as f2,
        list_resize(p.f_t, 9, 2147483647)[3] as f3,
        list_resize(p.f_t, 9, 2147483647)[4] as f4,
        list_resize(p.f_t, 9, 2147483647)[5] as f5,
        list_resize(p.f_t, 9, 2147483647)[6] as f6,
        list_resize(p.f_t, 9, 2147483647)[7] as f7,
        list_resize(p.f_t, 9, 2147483647)[8] as f8,
        list_resize(p.f_t, 9, 2147483647)[9] as f9,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[1] as m1,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[2] as m2,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[3] as m3,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[4] as m4,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[5] as m5,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[6] as m6,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[7] as m7,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[8] as m8,
        list_resize(p.m_t, 9, 9999999999999999.99::decimal(18, 2))[9] as m9,
        coalesce(len(p.r_t) + 1, coalesce(r_bins, k))::integer as r_n,
        coalesce(len(p.f_t) + 1, coalesce(f_bins, k))::integer as f_n,
        coalesce(len(p.m_t) + 1, coalesce(m_bins, k))::integer as m_n,
        case s.statistic
            when 'mean' then -rfm_floor_div_v1(-p.sum_r, p.n_r)
            else p.median_r
        end as r_high_below,
        case s.statistic when 'mean' then rfm_floor_div_v1(p.sum_f, p.n) else p.median_f end as f_high_above,
        case s.statistic
            when 'mean' then (rfm_floor_div_v1(p.sum_m_cents, p.n)::decimal(38, 0) * 0.01)::decimal(18, 2)
            else p.median_m
        end as m_high_above
    from population as p, settings as s
),

scored as (
    select
        m.*,
        case
            when m.recency_days is null then 1
            else c.r_n + 1 - rfm_bin_v1(m.recency_days, c.r1, c.r2, c.r3, c.r4, c.r5, c.r6, c.r7, c.r8, c.r9)
        end::integer as r_score,
        rfm_bin_v1(m.frequency, c.f1, c.f2, c.f3, c.f4, c.f5, c.f6, c.f7, c.f8, c.f9)::integer as f_score,
        case
            when m.monetary <= 0 then 1
            else rfm_bin_v1(m.monetary, c.m1, c.m2, c.m3, c.m4, c.m5, c.m6, c.m7, c.m8, c.m9)
        end::integer as m_score,
        coalesce(m.recency_days < c.r_high_below, false) as r_high,
        m.frequency > c.f_high_above as f_high,
        m.monetary > c.m_high_above as m_high
    from metrics as m, cuts as c
),

-- Every cell of the score grid, with its label and the first segment rule (in position order) that covers it.
grid as (
    select
        r.s as r_score,
        f.s as f_score,
        m.s as m_score,
        greatest(c.r_n, c.f_n, c.m_n) as widest
    from cuts as c, range(1, 11) as r(s), range(1, 11) as f(s), range(1, 11) as m(s)
    where r.s <= c.r_n and f.s <= c.f_n and m.s <= c.m_n
),

matches as (
    select
        g.r_score,
        g.f_score,
        g.m_score,
        sr.segment,
        row_number() over (partition by g.r_score, g.f_score, g.m_score order by sr.position, sr.segment) as rank
    from grid as g
    join segment_rules as sr
        on sr.rule_set = rules
        and g.r_score between sr.r_min and sr.r_max
        and g.f_score between sr.f_min and sr.f_max
        and g.m_score between sr.m_min and sr.m_max
),

cells as (
    select
        (g.r_score * 100 + g.f_score * 10 + g.m_score)::integer as cell_key,
        case
            when g.widest >= 10 then g.r_score || '-' || g.f_score || '-' || g.m_score
            else g.r_score::varchar || g.f_score::varchar || g.m_score::varchar
        end as rfm_cell,
        coalesce(x.segment, 'Others') as segment_named
    from grid as g
    left join matches as x
        on x.rank = 1 and x.r_score = g.r_score and x.f_score = g.f_score and x.m_score = g.m_score
)

select
    sc.customer_id,
    sc.as_of,
    sc.recency_days,
    sc.frequency,
    sc.monetary,
    sc.margin,
    sc.first_order_on,
    sc.last_order_on,
    sc.tenure_days,
    sc.r_score,
    sc.f_score,
    sc.m_score,
    c.rfm_cell,
    -- Indexed by high R, F, M as bits 4, 2, 1: (high, high, high) is the last label.
    (enum_range(null::rfm_segment_8_v1)::rfm_segment_8_v1[])[1 + 4 * sc.r_high::integer + 2 * sc.f_high::integer + sc.m_high::integer]
        as segment_8,
    (enum_range(null::rfm_segment_8_zh_v1)::rfm_segment_8_zh_v1[])[1 + 4 * sc.r_high::integer + 2 * sc.f_high::integer + sc.m_high::integer]
        as segment_8_zh,
    c.segment_named,
    -- The headline segment for quick queries (`select segment, count(*) ... group by all`): segment_named.
    c.segment_named as segment
from scored as sc
join cells as c
    on c.cell_key = sc.r_score * 100 + sc.f_score * 10 + sc.m_score;
