-- model: clv_summary_v1
-- kind: table macro
-- description: the customer summary the CLV models read (x, t_x, T, m_x) as of a date, per the policy of clv.Summarize
-- grain: one row per customer with at least one purchase day on or before as_of
-- columns: customer_id, as_of, time_unit, first_purchase, last_purchase, purchase_days, x, t_x, T, m_x, repeat_value, holdout_purchases
-- call: clv_summary_v1(as_of := latest order date, time_unit := 'week', calibration_start := null, holdout_end := null)
--
-- Plain SQL over the contract table `orders`, so any DuckDB 1.5 client opening the file can run it. It implements
-- exactly the policy of the Go reference clv.Summarize (docs/clv.md, "The customer summary"); a test checks the two
-- agree on CDNOW and on a fixture with refunds, zero-value orders and same-day duplicates:
--   * a purchase occasion is a calendar day with at least one order line of amount >= 0; same-day orders are one
--     purchase; zero-value lines count; days with only negative lines (refunds) are not purchases;
--   * the first purchase day starts the clock and is not a repeat: x counts the later purchase days up to and
--     including as_of; t_x = last purchase day - first, T = as_of - first, in days or weeks (days / 7);
--   * m_x = the net value of every line dated after the first purchase day through as_of (refunds included),
--     floored at 0, divided by x; 0 when x = 0. repeat_value is that net value before the floor.
-- calibration_start ignores every line dated before it, as if it were not in the data (a cohort's window).
-- holdout_end, when given, adds holdout_purchases: purchase days in (as_of, holdout_end]; otherwise that is null.
-- Nothing here reads the clock: as_of defaults to the day of the latest order.

create macro clv_summary_v1(as_of := null, time_unit := 'week', calibration_start := null, holdout_end := null) as table
with
clv_summary_settings as (
    select
        coalesce(as_of::date, (select max(order_ts)::date from orders)) as as_of_day,
        time_unit::varchar as unit,
        case time_unit::varchar
            when 'week' then 7.0::double
            when 'day' then 1.0::double
            else error('clv_summary_v1: time_unit must be ''week'' or ''day'', got '
                || coalesce('''' || time_unit::varchar || '''', 'null'))
        end as unit_days,
        coalesce(calibration_start::date, '-infinity'::date) as start_day,
        holdout_end::date as holdout_day
),
-- One row per customer and calendar day with an order line: a purchase day if any line is >= 0.
clv_summary_days as (
    select
        o.customer_id,
        o.order_ts::date as day,
        bool_or(o.amount >= 0) as is_purchase,
        sum(o.amount) as amount
    from orders o, clv_summary_settings s
    where o.order_ts::date >= s.start_day
        and o.order_ts::date <= greatest(s.as_of_day, coalesce(s.holdout_day, s.as_of_day))
    group by o.customer_id, o.order_ts::date
),
clv_summary_first as (
    select d.customer_id, min(d.day) as first_purchase
    from clv_summary_days d, clv_summary_settings s
    where d.is_purchase and d.day <= s.as_of_day
    group by d.customer_id
),
clv_summary_customers as (
    select
        d.customer_id,
        f.first_purchase,
        max(d.day) filter (where d.is_purchase and d.day <= s.as_of_day) as last_purchase,
        count(*) filter (where d.is_purchase and d.day > f.first_purchase and d.day <= s.as_of_day) as x,
        coalesce(sum(d.amount) filter (where d.day > f.first_purchase and d.day <= s.as_of_day), 0) as repeat_value,
        count(*) filter (where d.is_purchase and d.day > s.as_of_day and d.day <= s.holdout_day) as holdout_count
    from clv_summary_days d
    join clv_summary_first f on f.customer_id = d.customer_id
    cross join clv_summary_settings s
    group by d.customer_id, f.first_purchase
)
select
    c.customer_id,
    s.as_of_day as as_of,
    s.unit as time_unit,
    c.first_purchase,
    c.last_purchase,
    c.x + 1 as purchase_days,
    c.x,
    (c.last_purchase - c.first_purchase) / s.unit_days as t_x,
    (s.as_of_day - c.first_purchase) / s.unit_days as "T",
    case when c.x > 0 then greatest(c.repeat_value, 0)::double / c.x else 0.0::double end as m_x,
    c.repeat_value,
    case when s.holdout_day is not null then c.holdout_count end as holdout_purchases
from clv_summary_customers c, clv_summary_settings s;
