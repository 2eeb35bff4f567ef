-- Prospect funnel: the replacement-campaign screening of prospect_funnel_v1 (sql/schema/0024_prospect_funnel_v1.sql)
-- and its gate counts prospect_funnel_gates_v1 (0025) as of one day, with their default negative_changes and
-- change_months (docs/customer-value.md#the-prospect-funnel). Grain: one row per gate (gates), per funnel stage
-- (funnel), per gate and reason class (by_reason), per prospect (prospects).
-- Historical value is the customer's net revenue (rfm_v1 monetary: all purchases minus refunds up to as_of).

-- name: gates :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param min_loyalty enum(unknown|transactional|developing|loyal) = developing -- the lowest loyalty tier that passes gate 4
select gate, name, entering, surviving, dropped
from prospect_funnel_gates_v1(as_of := $as_of, min_loyalty := $min_loyalty)
order by gate;

-- name: funnel :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param min_loyalty enum(unknown|transactional|developing|loyal) = developing -- the lowest loyalty tier that passes gate 4
-- Stage 0 is every customer (entering gate 1), then the customers left after each gate.
with
gates as (
    select gate, name, entering, surviving
    from prospect_funnel_gates_v1(as_of := $as_of, min_loyalty := $min_loyalty)
)

select 0 as stage, 'all customers' as name, entering as customers
from gates
where gate = 1
union all
select gate, 'after ' || name, surviving
from gates
order by stage;

-- name: by_reason :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param min_loyalty enum(unknown|transactional|developing|loyal) = developing -- the lowest loyalty tier that passes gate 4
-- Every dropped customer once, at the first gate failed. The reason class leaves out the per-customer details of
-- prospect_funnel_v1's reason (asset id and age, satisfaction index, amount spent).
with
dropped as (
    select
        failed_gate,
        failed_gate_name,
        case failed_gate
            when 1 then case
                when asset_id is null then 'no asset on record'
                when asset_age_years is null then 'newest asset has no purchase date'
                else 'newest asset too young: the replacement window is not open yet'
            end
            when 2 then 'contact closeness is ' || contact_closeness::varchar
            when 3 then 'unsatisfied'
            when 4 then 'loyalty tier ' || loyalty_tier::varchar || ' is below ' || $min_loyalty
            when 5 then 'recently renewed: major repair and parts spend in the last 12 months'
            else reason
        end as reason
    from prospect_funnel_v1(as_of := $as_of, min_loyalty := $min_loyalty)
    where not passed
)

select
    failed_gate as gate,
    failed_gate_name as gate_name,
    reason,
    count(*) as customers
from dropped
group by failed_gate, failed_gate_name, reason
order by failed_gate, customers desc, reason;

-- name: prospects :many
-- @param as_of date = null -- the day the report looks from; the day of the latest order when not given
-- @param min_loyalty enum(unknown|transactional|developing|loyal) = developing -- the lowest loyalty tier that passes gate 4
-- @param limit integer = 50 -- prospects listed, highest historical value first
with
funnel as (
    select
        customer_id, asset_id, asset_age_years, replacement_readiness, contact_closeness, satisfaction_level,
        loyalty_tier
    from prospect_funnel_v1(as_of := $as_of, min_loyalty := $min_loyalty)
    where passed
),

value as (
    select r.customer_id, r.monetary, r.last_order_on
    from rfm_v1(as_of := $as_of) as r
    join funnel as f on f.customer_id = r.customer_id
)

select
    f.customer_id,
    c.name,
    c.store_id,
    f.asset_id,
    round(f.asset_age_years, 1) as asset_age_years,
    f.replacement_readiness::varchar as replacement_readiness,
    f.loyalty_tier::varchar as loyalty_tier,
    f.satisfaction_level::varchar as satisfaction_level,
    f.contact_closeness::varchar as contact_closeness,
    coalesce(v.monetary, 0) as historical_value,
    v.last_order_on
from funnel as f
left join customers as c on c.customer_id = f.customer_id
left join value as v on v.customer_id = f.customer_id
order by historical_value desc, f.asset_age_years desc nulls last, f.customer_id
limit $limit;
