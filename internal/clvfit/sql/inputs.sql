-- The fits' input, collapsed here so memory follows distinct histories, not customers:
--   * spend = false: the distinct calibration histories (x, t_x, T) with how many customers share each,
--     their holdout purchase days in total, and how many of them bought in the holdout;
--   * spend = true (only when $with_spend): the distinct (x, m_x) of the repeat customers with a positive
--     repeat spend, the Gamma-Gamma input.
--
-- The summary is clv_summary_v1's (same policy, same doubles; TestReadInputsMatchesCollapse holds the two equal on
-- CDNOW and on the policy fixtures), computed in one aggregation per customer instead of the macro's
-- first-purchase join: at 1M customers the summary is most of the cost of a fit. The repeat value is the value up
-- to as_of minus the first purchase day's and minus the refund-only days before it, which are rare and kept in a
-- short list per customer. Grouping sets then collapse both inputs from the one summary.
with
days as (
    select
        o.customer_id,
        o.order_ts::date as day,
        bool_or(o.amount >= 0) as is_purchase,
        sum(o.amount) as amount
    from orders o
    where o.order_ts::date >= coalesce($calibration_start::date, '-infinity'::date)
        and o.order_ts::date <= greatest($calibration_end::date, coalesce($holdout_end::date, $calibration_end::date))
    group by o.customer_id, o.order_ts::date
),
customers as (
    select
        min(d.day) filter (where d.is_purchase and d.day <= $calibration_end::date) as first_purchase,
        max(d.day) filter (where d.is_purchase and d.day <= $calibration_end::date) as last_purchase,
        count(*) filter (where d.is_purchase and d.day <= $calibration_end::date) - 1 as x,
        sum(d.amount) filter (where d.day <= $calibration_end::date) as value_to_as_of,
        arg_min(d.amount, d.day) filter (where d.is_purchase and d.day <= $calibration_end::date) as first_value,
        list({'day': d.day, 'amount': d.amount}) filter (where not d.is_purchase and d.day <= $calibration_end::date)
            as refund_days,
        count(*) filter (where d.is_purchase and d.day > $calibration_end::date and d.day <= $holdout_end::date)
            as holdout_count
    from days d
    group by d.customer_id
),
summary as (
    select
        c.x,
        c.first_purchase,
        c.last_purchase,
        c.holdout_count,
        c.value_to_as_of - c.first_value - coalesce(
            list_sum(list_transform(list_filter(c.refund_days, r -> r.day < c.first_purchase), r -> r.amount)), 0
        ) as repeat_value,
        case $time_unit::varchar when 'week' then 7.0::double when 'day' then 1.0::double end as unit_days
    from customers c
    where c.first_purchase is not null
),
s as (
    select
        x::double as x,
        (last_purchase - first_purchase) / unit_days as t_x,
        ($calibration_end::date - first_purchase) / unit_days as age,
        case when x > 0 then greatest(repeat_value, 0)::double / x else 0.0::double end as m_x,
        case when $holdout_end::date is not null then holdout_count end as holdout_purchases
    from summary
)
select
    grouping(m_x) = 0 as spend,
    x,
    coalesce(t_x, 0) as tx,
    coalesce(age, 0) as age,
    coalesce(m_x, 0) as mx,
    count(*)::double as customers,
    coalesce(sum(holdout_purchases), 0)::double as holdout,
    count(*) filter (where holdout_purchases > 0)::double as holdout_buyers
from s
group by grouping sets ((x, t_x, age), (x, m_x))
having grouping(m_x) = 1 or ($with_spend and x > 0 and m_x > 0)
order by spend, x, tx, age, mx
