-- model: clv_v1
-- kind: table macro
-- description: P(alive), expected purchases and spend, and 12-month discounted CLV per customer from a stored model
-- grain: one row per customer with at least one purchase day on or before as_of
-- columns: customer_id, as_of, model_id, model, time_unit, x, t_x, T, m_x, p_alive, expected_purchases_12m, expected_spend, margin_ratio, clv_basis, clv_12m
-- call: clv_v1(as_of := latest order date, model := null, annual_discount_rate := 0.1)
--
-- The model: clv_purchase_model_id(model, as_of), the latest converged purchase model fitted as of as_of or
-- earlier (or the one named by id or name), and the converged gammagamma of the same run; an error when there
-- is none. The summary is clv_summary_v1 on as_of in the model's time unit (computed in days and divided, which
-- gives the same doubles). clv_12m is clv_value over INTERVAL 12 MONTH at annual_discount_rate, times the
-- customer's margin ratio when cost is known: margin_ratio = Σ(amount − cost) / Σ amount over the customer's lines
-- up to as_of that carry a cost, clamped to [0, 1]; clv_basis says 'margin' then, else 'revenue' (no costed line,
-- or costed revenue <= 0) and clv_12m is revenue. Needs custval or its extension (the *_params functions).
-- Column references are qualified throughout: an unqualified as_of or model would be the macro's parameter.

create macro clv_v1(as_of := null, model := null, annual_discount_rate := 0.1) as table
with
clv_v1_day as (
    select coalesce(as_of::date, (select max(o.order_ts)::date from orders o)) as day
),
clv_v1_chosen as (
    select
        p.id as model_id,
        p.model as model_name,
        p.time_unit as unit,
        case p.time_unit when 'week' then 7.0::double else 1.0::double end as unit_days,
        p.params::varchar as params,
        g.params::varchar as spend_params
    from clv_models p, clv_models g, clv_v1_day d
    where p.id = clv_purchase_model_id(model, d.day) and g.id = clv_spend_model_id(model, d.day)
),
clv_v1_margin as (
    select
        o.customer_id,
        sum(o.amount - o.cost) filter (where o.cost is not null) as margin_costed,
        sum(o.amount) filter (where o.cost is not null) as revenue_costed
    from orders o, clv_v1_day d
    where o.order_ts::date <= d.day
    group by o.customer_id
),
clv_v1_rows as (
    select
        s.customer_id,
        s.as_of as day,
        c.model_id,
        c.model_name,
        c.unit,
        s.x,
        s.t_x / c.unit_days as tx,
        s."T" / c.unit_days as age,
        s.m_x as mx,
        c.params,
        c.spend_params,
        case when mg.revenue_costed > 0
            then least(greatest(mg.margin_costed / mg.revenue_costed, 0), 1)::double
        end as ratio
    from clv_summary_v1(as_of, time_unit := 'day') s
    cross join clv_v1_chosen c
    left join clv_v1_margin mg on mg.customer_id = s.customer_id
)
select
    r.customer_id,
    r.day as as_of,
    r.model_id,
    r.model_name as model,
    r.unit as time_unit,
    r.x,
    r.tx as t_x,
    r.age as "T",
    r.mx as m_x,
    clv_p_alive_params(r.params, r.x, r.tx, r.age) as p_alive,
    clv_expected_purchases_params(r.params, interval 12 month, r.x, r.tx, r.age) as expected_purchases_12m,
    clv_expected_spend_params(r.spend_params, r.x, r.mx) as expected_spend,
    r.ratio as margin_ratio,
    case when r.ratio is null then 'revenue' else 'margin' end as clv_basis,
    clv_value_params(r.params, r.spend_params, interval 12 month, annual_discount_rate::double, r.x, r.tx, r.age, r.mx)
        * coalesce(r.ratio, 1.0::double) as clv_12m
from clv_v1_rows r;
