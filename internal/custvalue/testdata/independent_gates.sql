-- An independent re-derivation of the prospect funnel's gates for the test, from the contract tables and
-- custval's functions called directly: it shares no SQL with customer_value_v1 or prospect_funnel_v1.
-- $as_of is the day; everything before the end of that day counts. Returns gate, surviving.
with
params as (select $as_of::date as d, $as_of::date + interval 1 day as t),
ranked_assets as (
    select a.*, row_number() over (partition by a.customer_id order by a.purchased_on desc, a.asset_id desc) as n
    from assets a, params p
    where a.purchased_on <= p.d
),
repair as (
    select o.customer_id, sum(o.amount) as spend
    from orders o, params p
    where o.category in ('repair', 'parts') and o.order_ts < p.t and o.order_ts >= p.t - interval 1 year
    group by all
),
readiness as (
    select c.customer_id,
        replacement_readiness(date_diff('day', a.purchased_on, p.d) / 365.25, coalesce(r.spend, 0), a.price) as rr
    from customers c cross join params p
    left join ranked_assets a on a.customer_id = c.customer_id and a.n = 1
    left join repair r on r.customer_id = c.customer_id
),
contact as (
    select c.customer_id,
        contact_closeness(c.phone_valid, c.email_opt_in, c.do_not_contact,
            coalesce((select list(kind order by ts) from interactions i where i.customer_id = c.customer_id and i.ts < p.t), []),
            coalesce((select list(ts order by ts) from interactions i where i.customer_id = c.customer_id and i.ts < p.t), []),
            p.t) as closeness
    from customers c, params p
),
satisfaction as (
    select c.customer_id,
        satisfaction_level(
            (select list(rating order by survey_ts) from surveys s where s.customer_id = c.customer_id and s.survey_ts < p.t),
            (select list(survey_ts order by survey_ts) from surveys s where s.customer_id = c.customer_id and s.survey_ts < p.t),
            p.t) as level
    from customers c, params p
),
spend as (
    select o.customer_id,
        sum(o.amount) filter (o.amount > 0 and k.kind = 'discretionary') / sum(o.amount) filter (o.amount > 0) as share,
        count(distinct o.category) filter (o.amount > 0 and k.kind = 'discretionary') as dcats,
        count(distinct o.category) filter (o.amount > 0) as cats,
        count(*) filter (o.amount > 0) as n,
        count(*) filter (o.amount > 0 and o.category in ('insurance_renewal', 'extended_warranty')) as renewals,
        min(o.order_ts) filter (o.amount > 0) as first_ts
    from orders o join categories k on k.category = o.category, params p
    where o.order_ts < p.t
    group by all
),
loyalty as (
    select c.customer_id,
        loyalty_tier(coalesce(s.share, 0), s.dcats, s.cats, s.n, s.renewals,
            date_diff('day', least(c.joined_on, s.first_ts::date), p.d),
            coalesce((select list(kind) from interactions i where i.customer_id = c.customer_id and i.ts < p.t), [])) as tier
    from customers c cross join params p left join spend s on s.customer_id = c.customer_id
),
band(label, r) as (values ('under 30k', 1), ('30k-50k', 2), ('50k-80k', 3), ('80k-120k', 4), ('over 120k', 5)),
negative as (
    select distinct x.customer_id
    from profile_changes x, params p
    where x.changed_on <= p.d and x.changed_on > (p.d - interval 24 month)::date
        and ((x.field = 'income_band'
                and (select r from band where label = x.new_value) < (select r from band where label = x.old_value))
            or (x.field = 'marital_status' and x.new_value in ('divorced', 'separated', 'widowed')))
),
g as (
    select
        rr.rr in ('window_open', 'overdue', 'recently_renewed') as g1,
        ct.closeness not in ('unreachable', 'do_not_contact') as g2,
        sa.level <> 'unsatisfied' as g3,
        lo.tier in ('developing', 'loyal') as g4,
        rr.rr <> 'recently_renewed' as g5,
        ng.customer_id is null as g6
    from customers c
    join readiness rr using (customer_id)
    join contact ct using (customer_id)
    join satisfaction sa using (customer_id)
    join loyalty lo using (customer_id)
    left join negative ng using (customer_id)
)
select 1 as gate, count(*) filter (coalesce(g1, false)) as surviving from g
union all select 2, count(*) filter (g1 and g2) from g
union all select 3, count(*) filter (g1 and g2 and g3) from g
union all select 4, count(*) filter (g1 and g2 and g3 and g4) from g
union all select 5, count(*) filter (g1 and g2 and g3 and g4 and g5) from g
union all select 6, count(*) filter (g1 and g2 and g3 and g4 and g5 and g6) from g
order by gate
