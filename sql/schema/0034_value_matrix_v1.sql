-- model: value_matrix_v1
-- kind: table macro
-- description: historical, current and potential value per customer, each low/medium/high, and the nine customer types of current x potential
-- grain: one row per customer with an order line on or before as_of
-- columns: customer_id, as_of, historical_value, current_value, potential_value, historical_level, current_level, potential_level, customer_type
-- call: value_matrix_v1(as_of := latest order date, model := null, annual_discount_rate := 0.1)
--
-- Seed 003's value matrix: a customer's value is historical (realised to date), current (realised recently) and
-- potential (future). Here, as of as_of:
--   historical_value = Σ(amount − cost) over every line up to as_of (a line without cost counts at its amount);
--   current_value    = the same over the trailing 12 months, (as_of − 12 months, as_of];
--   potential_value  = clv_12m from clv_v1 (0 for a customer with only refunds).
-- Levels: a value <= 0 is 'low'. The positive values are cut into terciles by cume_dist over the positive values
-- (the share of positive customers with a value <= this one): <= 1/3 'low', <= 2/3 'medium', else 'high'. Equal
-- values have the same cume_dist, so ties always share a level. customer_type names the cell of current_level x
-- potential_level (docs/clv.md, "The value matrix"). Needs custval or its extension, through clv_v1.

create macro value_matrix_v1(as_of := null, model := null, annual_discount_rate := 0.1) as table
with
value_matrix_day as (
    select coalesce(as_of::date, (select max(o.order_ts)::date from orders o)) as day
),
value_matrix_values as (
    select
        o.customer_id,
        any_value(d.day) as day,
        sum(o.amount - coalesce(o.cost, 0))::double as historical_value,
        coalesce(sum(o.amount - coalesce(o.cost, 0)) filter (where o.order_ts::date > d.day - interval 12 month), 0)::double
            as current_value
    from orders o, value_matrix_day d
    where o.order_ts::date <= d.day
    group by o.customer_id
),
value_matrix_joined as (
    select v.*, coalesce(c.clv_12m, 0)::double as potential_value
    from value_matrix_values v
    left join clv_v1(as_of, model := model, annual_discount_rate := annual_discount_rate) c
        on c.customer_id = v.customer_id
),
value_matrix_ranked as (
    select
        j.*,
        cume_dist() over (partition by j.historical_value > 0 order by j.historical_value) as h_rank,
        cume_dist() over (partition by j.current_value > 0 order by j.current_value) as c_rank,
        cume_dist() over (partition by j.potential_value > 0 order by j.potential_value) as p_rank
    from value_matrix_joined j
),
value_matrix_levels as (
    select
        r.customer_id, r.day, r.historical_value, r.current_value, r.potential_value,
        case when r.historical_value <= 0 or r.h_rank <= 1 / 3 then 'low' when r.h_rank <= 2 / 3 then 'medium' else 'high' end
            as historical_level,
        case when r.current_value <= 0 or r.c_rank <= 1 / 3 then 'low' when r.c_rank <= 2 / 3 then 'medium' else 'high' end
            as current_level,
        case when r.potential_value <= 0 or r.p_rank <= 1 / 3 then 'low' when r.p_rank <= 2 / 3 then 'medium' else 'high' end
            as potential_level
    from value_matrix_ranked r
)
select
    l.customer_id,
    l.day as as_of,
    l.historical_value,
    l.current_value,
    l.potential_value,
    l.historical_level,
    l.current_level,
    l.potential_level,
    case l.current_level || '/' || l.potential_level
        when 'high/high' then 'star'
        when 'high/medium' then 'core'
        when 'high/low' then 'harvest'
        when 'medium/high' then 'rising'
        when 'medium/medium' then 'steady'
        when 'medium/low' then 'fading'
        when 'low/high' then 'prospect'
        when 'low/medium' then 'occasional'
        else 'dormant'
    end as customer_type
from value_matrix_levels l;
