-- Value matrix: value_matrix_v1 (sql/schema/0034, docs/clv.md "The value matrix") as of one day. Potential value is
-- clv_12m of clv_v1, from the latest converged model `custval fit clv` stored as of as_of; without a model every
-- potential value is 0 (level low) and the summary says so. as_of defaults to the later of the latest order day and
-- the latest fit, so the model `custval fit clv --as-of D` just stored is used.
-- Needs custval or its extension (through clv_v1).
-- Grain: one summary row, one row per cell of current x potential level, per customer type, per top customer.

-- name: summary :one
-- @param as_of date = null -- the day values are measured on; when not given, the latest order day or the day of the latest CLV fit, whichever is later
-- @param annual_discount_rate number = 0.1 -- discounts the 12-month CLV behind potential value
select
    count(*) as customers,
    sum(historical_value) as historical_value,
    sum(current_value) as current_value,
    sum(potential_value) as potential_value,
    count(*) filter (potential_value > 0) as customers_with_potential,
    (select count(*) from clv_models) as models_fitted
from value_matrix_v1(
    as_of := coalesce($as_of, greatest((select max(order_ts)::date from orders), (select max(as_of) from clv_models))), annual_discount_rate := $annual_discount_rate);

-- name: grid :many
-- @param as_of date = null -- the day values are measured on; when not given, the latest order day or the day of the latest CLV fit, whichever is later
-- @param annual_discount_rate number = 0.1 -- discounts the 12-month CLV behind potential value
-- Every cell of current level (columns, low to high) x potential level (rows, high to low), empty cells 0.
with
vm as (
    select current_level, potential_level, customer_type, potential_value
    from value_matrix_v1(
    as_of := coalesce($as_of, greatest((select max(order_ts)::date from orders), (select max(as_of) from clv_models))), annual_discount_rate := $annual_discount_rate)
),

cells as (
    select current_level, potential_level, count(*) as customers, sum(potential_value) as potential_value
    from vm
    group by all
),

levels as (
    select * from (values (1, 'low'), (2, 'medium'), (3, 'high')) as l(pos, level)
)

select
    'current ' || c.level as current_level,
    'potential ' || p.level as potential_level,
    case c.level || '/' || p.level
        when 'high/high' then 'star' when 'high/medium' then 'core' when 'high/low' then 'harvest'
        when 'medium/high' then 'rising' when 'medium/medium' then 'steady' when 'medium/low' then 'fading'
        when 'low/high' then 'prospect' when 'low/medium' then 'occasional' else 'dormant'
    end as customer_type,
    coalesce(x.customers, 0) as customers,
    coalesce(x.potential_value, 0) as potential_value
from (select c.pos as c_pos, c.level as c_level, p.pos as p_pos, p.level as p_level from levels as c, levels as p)
    as g(c_pos, c_level, p_pos, p_level)
join levels as c on c.pos = g.c_pos
join levels as p on p.pos = g.p_pos
left join cells as x on x.current_level = c.level and x.potential_level = p.level
order by g.p_pos desc, g.c_pos;

-- name: types :many
-- @param as_of date = null -- the day values are measured on; when not given, the latest order day or the day of the latest CLV fit, whichever is later
-- @param annual_discount_rate number = 0.1 -- discounts the 12-month CLV behind potential value
-- The nine types, from star to dormant, with their values and how their historical value is spread.
with
vm as (
    from value_matrix_v1(
    as_of := coalesce($as_of, greatest((select max(order_ts)::date from orders), (select max(as_of) from clv_models))), annual_discount_rate := $annual_discount_rate)
),

types as (
    select * from (values
        (1, 'star', 'high', 'high'), (2, 'core', 'high', 'medium'), (3, 'rising', 'medium', 'high'),
        (4, 'harvest', 'high', 'low'), (5, 'steady', 'medium', 'medium'), (6, 'prospect', 'low', 'high'),
        (7, 'fading', 'medium', 'low'), (8, 'occasional', 'low', 'medium'), (9, 'dormant', 'low', 'low')
    ) as t(pos, customer_type, current_level, potential_level)
),

sums as (
    select
        customer_type,
        count(*) as customers,
        sum(historical_value) as historical_value,
        sum(current_value) as current_value,
        sum(potential_value) as potential_value,
        count(*) filter (historical_level = 'high') as historical_high,
        count(*) filter (historical_level = 'medium') as historical_medium,
        count(*) filter (historical_level = 'low') as historical_low
    from vm
    group by customer_type
)

select
    t.customer_type,
    t.current_level,
    t.potential_level,
    coalesce(s.customers, 0) as customers,
    coalesce(s.customers, 0) / sum(coalesce(s.customers, 0)) over () as customer_share,
    round(coalesce(s.historical_value, 0), 2) as historical_value,
    round(coalesce(s.current_value, 0), 2) as current_value,
    round(coalesce(s.potential_value, 0), 2) as potential_value,
    coalesce(s.historical_high, 0) as historical_high,
    coalesce(s.historical_medium, 0) as historical_medium,
    coalesce(s.historical_low, 0) as historical_low
from types as t
left join sums as s on s.customer_type = t.customer_type
order by t.pos;

-- name: top :many
-- @param as_of date = null -- the day values are measured on; when not given, the latest order day or the day of the latest CLV fit, whichever is later
-- @param annual_discount_rate number = 0.1 -- discounts the 12-month CLV behind potential value
-- @param limit integer = 50 -- customers listed, highest potential value first
select
    v.customer_id,
    c.name,
    v.customer_type,
    v.historical_level,
    v.current_level,
    v.potential_level,
    round(v.historical_value, 2) as historical_value,
    round(v.current_value, 2) as current_value,
    round(v.potential_value, 2) as potential_value
from value_matrix_v1(
    as_of := coalesce($as_of, greatest((select max(order_ts)::date from orders), (select max(as_of) from clv_models))), annual_discount_rate := $annual_discount_rate) as v
left join customers as c on c.customer_id = v.customer_id
order by v.potential_value desc, v.historical_value desc, v.customer_id
limit $limit;
