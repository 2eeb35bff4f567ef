-- model: customer_value_v1
-- kind: table macro
-- description: customer value beyond RFM as of a date: margin after serve cost, satisfaction, loyalty, closeness, lifecycle, replacement readiness, value class and recent life changes
-- grain: one row per customer in customers
-- columns: customer_id, as_of, store_id, region, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_cell, segment_8, segment_named, refunds, margin, serve_cost, net_value, margin_12m, margin_prior_12m, growth, value_class, surveys, satisfaction_index, satisfaction_level, discretionary_share, loyalty_score, loyalty_tier, contact_closeness, typical_interval_days, main_category, category_norm_days, lifecycle_stage, asset_id, asset_age_years, asset_price, major_spend_12m, replacement_readiness, moved, income_up, income_down, married, marriage_ended, new_child, job_change, life_changes, life_change_summary
-- call: customer_value_v1(as_of := latest order date, change_months := 24, valuable_quantile := 0.8)
--
-- Calls custval's Go functions (satisfaction_level, loyalty_tier, contact_closeness, lifecycle_stage,
-- replacement_readiness, value_class, ...): it runs in custval (`custval query`, `custval shell`) or in a DuckDB
-- client that loaded the custval extension, not in a stock DuckDB client. Every column, its source and its range is
-- documented in docs/customer-value.md. Each source table is read once and aggregated once per customer; the
-- functions are called once per customer. Nothing reads the clock: as_of defaults to the day of the latest order,
-- and everything up to the end of that day counts.

-- customer_value_income_rank_v1(band): a sortable rank of an income band label, so a change can be called up or
-- down: the first number in the label, nudged down for 'under ...' and up for 'over ...' / '...+'. 'under 30k' <
-- '30k-50k' < '50k-80k' < '80k-120k' < 'over 120k'; plain numbers rank as themselves; NULL when there is no number.
create macro customer_value_income_rank_v1(band) as
    try_cast(regexp_extract(replace(band, ',', ''), '([0-9]+([.][0-9]+)?)', 1) as double)
        + case
            when lower(trim(band)) similar to '(under|below|less than|<).*' then -0.5
            when lower(trim(band)) similar to '(over|above|more than|>).*' or trim(band) like '%+' then 0.5
            else 0
        end;

create macro customer_value_v1(as_of := null, change_months := 24, valuable_quantile := 0.8) as table
with
settings as (
    select
        d as as_of,
        d + interval 1 day as end_ts,
        case
            when change_months::integer >= 1 then (d - to_months(change_months::integer))::date
            else error('customer_value: change_months must be at least 1, got ' || change_months::varchar)
        end as change_from,
        case
            when valuable_quantile::double > 0 and valuable_quantile::double < 1 then valuable_quantile::double
            else error('customer_value: valuable_quantile must be between 0 and 1, got ' || valuable_quantile::varchar)
        end as valuable_q,
        score_settings_map('satisfaction') as satisfaction_settings,
        score_settings_map('loyalty') as loyalty_settings,
        score_settings_map('contact') as contact_settings,
        score_settings_map('lifecycle') as lifecycle_settings,
        score_settings_map('replacement') as replacement_settings,
        score_settings_map('value') as value_settings,
        coalesce(score_settings_map('lifecycle')['min_orders_for_rhythm'], 3) as min_orders_for_rhythm,
        -- contact_closeness only counts interactions in its window: pass just those (and a day more), which gives
        -- the same class for a fraction of the list conversion.
        d + interval 1 day - to_days(ceil(coalesce(score_settings_map('contact')['window_days'], 730))::integer + 1)
            as contact_from,
        serve_cost_settings_map() as serve
    from (select coalesce(as_of::date, (select max(order_ts)::date from orders where as_of is null)) as d)
),

-- Orders up to as_of, with the gap in days from the customer's previous purchase day (0 for a second order on the
-- same day, which the median below skips: the rhythm is between purchase days).
order_rows as (
    select
        o.customer_id,
        o.order_ts,
        o.amount,
        o.cost,
        o.category,
        k.kind,
        o.order_ts >= s.end_ts - interval 12 month as in_12m,
        o.order_ts >= s.end_ts - interval 24 month and o.order_ts < s.end_ts - interval 12 month as in_prior_12m,
        case
            when o.amount > 0 then date_diff('day',
                lag(o.order_ts::date) over (partition by o.customer_id, o.amount > 0 order by o.order_ts),
                o.order_ts::date)
        end as gap_days
    from orders as o
    cross join settings as s
    left join categories as k on k.category = o.category
    where o.order_ts < s.end_ts
),

customer_orders as (
    select
        customer_id,
        count(*) filter (amount > 0) as purchases,
        count(*) filter (amount < 0) as refunds,
        sum(amount - cost) as margin,
        coalesce(sum(amount - cost) filter (in_12m), 0) as margin_12m,
        coalesce(sum(amount - cost) filter (in_prior_12m), 0) as margin_prior_12m,
        sum(amount) filter (amount > 0) as positive_spend,
        coalesce(sum(amount) filter (amount > 0 and kind = 'discretionary'), 0) as discretionary_spend,
        count(distinct category) filter (amount > 0 and kind = 'discretionary') as discretionary_categories,
        count(distinct category) filter (amount > 0) as categories,
        count(*) filter (amount > 0 and category in ('insurance_renewal', 'extended_warranty')) as renewal_orders,
        coalesce(sum(amount) filter (in_12m and category in ('repair', 'parts')), 0) as major_spend_12m,
        min(order_ts) filter (amount > 0) as first_purchase_ts,
        max(order_ts) filter (amount > 0) as last_purchase_ts,
        median(gap_days) filter (gap_days > 0) as typical_interval_days,
        histogram(category) filter (amount > 0 and category is not null) as category_counts
    from order_rows
    group by customer_id
),

-- The main category: the one bought most often, ties to the first name.
customer_main as (
    select
        *,
        list_sort(list_transform(map_entries(category_counts),
            lambda e: {'n': -e.value, 'category': e.key}))[1].category as main_category
    from customer_orders
),

-- The category norm: the median of the customers' own rhythms among those of the category with enough orders.
category_norms as (
    select m.main_category, median(m.typical_interval_days)::double as category_norm_days
    from customer_main as m, settings as s
    where m.purchases >= s.min_orders_for_rhythm and m.typical_interval_days is not null
    group by m.main_category
),

-- The functions take parallel lists (kinds and their times). One list of pairs, split afterwards, keeps them
-- aligned without sorting inside the aggregate; the functions do not depend on the order.
customer_surveys as (
    select
        v.customer_id,
        count(*) as surveys,
        list({'rating': v.rating, 'ts': v.survey_ts}) as answers
    from surveys as v, settings as s
    where v.survey_ts < s.end_ts
    group by v.customer_id
),

-- Staff-handled contacts and complaints count toward serve_cost. contact_closeness gets the interactions of its
-- window; loyalty gets the kinds it counts (events, referrals, posts, suggestions, membership renewals) and
-- ignores the others, so they are left out of its list.
customer_interactions as (
    select
        i.customer_id,
        list({'kind': i.kind, 'ts': i.ts}) filter (i.ts >= s.contact_from) as recent,
        list(i.kind) filter (i.kind in ('event_attended', 'referral_made', 'post', 'suggestion', 'membership_renewal'))
            as engagement_kinds,
        count(*) filter (i.kind in ('call_answered', 'call_unanswered', 'call_refused', 'visit')) as contacts,
        count(*) filter (i.kind = 'complaint') as complaints
    from interactions as i, settings as s
    where i.ts < s.end_ts
    group by i.customer_id
),

-- The newest asset owned on as_of (latest purchased_on, ties to the highest asset_id): a customer who bought a new
-- car last year is not a replacement prospect for the old one.
customer_assets as (
    select
        a.customer_id,
        max({'purchased_on': a.purchased_on, 'asset_id': a.asset_id, 'price': a.price}) as newest
    from assets as a, settings as s
    where a.purchased_on <= s.as_of
    group by a.customer_id
),

customer_changes as (
    select
        p.customer_id,
        bool_or(p.field = 'address') as moved,
        bool_or(p.field = 'income_band'
            and customer_value_income_rank_v1(p.new_value) > customer_value_income_rank_v1(p.old_value)) as income_up,
        bool_or(p.field = 'income_band'
            and customer_value_income_rank_v1(p.new_value) < customer_value_income_rank_v1(p.old_value)) as income_down,
        bool_or(p.field = 'marital_status' and lower(p.new_value) = 'married') as married,
        bool_or(p.field = 'marital_status' and lower(p.new_value) in ('divorced', 'separated', 'widowed'))
            as marriage_ended,
        bool_or(p.field = 'household_size' and try_cast(p.new_value as double) > try_cast(p.old_value as double))
            as new_child,
        bool_or(p.field = 'employer') as job_change,
        string_agg(p.changed_on::varchar || ' ' || p.field || ': ' || coalesce(p.old_value, '?') || ' -> '
            || coalesce(p.new_value, '?'), '; ' order by p.changed_on, p.field) as life_change_summary
    from profile_changes as p, settings as s
    where p.changed_on > s.change_from and p.changed_on <= s.as_of
    group by p.customer_id
),

joined as (
    select
        c.customer_id,
        s.as_of,
        c.store_id,
        c.region,
        r.recency_days,
        r.frequency,
        r.monetary,
        r.r_score,
        r.f_score,
        r.m_score,
        r.rfm_cell,
        r.segment_8,
        r.segment_named,
        coalesce(o.refunds, 0) as refunds,
        o.margin::double as margin,
        (s.serve['order_cost'] * coalesce(o.purchases, 0)
            + s.serve['refund_cost'] * coalesce(o.refunds, 0)
            + s.serve['contact_cost'] * coalesce(i.contacts, 0)
            + s.serve['complaint_cost'] * coalesce(i.complaints, 0))::double as serve_cost,
        o.margin_12m::double as margin_12m,
        o.margin_prior_12m::double as margin_prior_12m,
        case
            when o.margin_prior_12m > 0 then ((o.margin_12m - o.margin_prior_12m) / o.margin_prior_12m)::double
        end as growth,
        coalesce(v.surveys, 0) as surveys,
        satisfaction_index(list_transform(v.answers, lambda e: e.rating), list_transform(v.answers, lambda e: e.ts),
            s.end_ts, s.satisfaction_settings) as satisfaction_index,
        satisfaction_level(list_transform(v.answers, lambda e: e.rating), list_transform(v.answers, lambda e: e.ts),
            s.end_ts, s.satisfaction_settings) as satisfaction_level,
        (o.discretionary_spend / o.positive_spend)::double as discretionary_share,
        datediff('day', least(c.joined_on, o.first_purchase_ts::date), s.as_of)::double as tenure_days,
        o.discretionary_categories,
        o.categories,
        o.purchases,
        o.renewal_orders,
        coalesce(list_transform(i.recent, lambda e: e.kind), []::varchar[]) as recent_kinds,
        coalesce(list_transform(i.recent, lambda e: e.ts), []::timestamp[]) as recent_ts,
        coalesce(i.engagement_kinds, []::varchar[]) as engagement_kinds,
        c.phone_valid,
        c.email_opt_in,
        c.do_not_contact,
        datediff('day', o.last_purchase_ts::date, s.as_of)::double as days_since_last,
        o.typical_interval_days::double as typical_interval_days,
        o.main_category,
        n.category_norm_days,
        a.newest.asset_id as asset_id,
        (datediff('day', a.newest.purchased_on, s.as_of) / 365.25)::double as asset_age_years,
        a.newest.price::double as asset_price,
        coalesce(o.major_spend_12m, 0)::double as major_spend_12m,
        coalesce(p.moved, false) as moved,
        coalesce(p.income_up, false) as income_up,
        coalesce(p.income_down, false) as income_down,
        coalesce(p.married, false) as married,
        coalesce(p.marriage_ended, false) as marriage_ended,
        coalesce(p.new_child, false) as new_child,
        coalesce(p.job_change, false) as job_change,
        p.life_change_summary
    from customers as c
    cross join settings as s
    left join customer_main as o on o.customer_id = c.customer_id
    left join category_norms as n on n.main_category = o.main_category
    left join customer_surveys as v on v.customer_id = c.customer_id
    left join customer_interactions as i on i.customer_id = c.customer_id
    left join customer_assets as a on a.customer_id = c.customer_id
    left join customer_changes as p on p.customer_id = c.customer_id
    left join rfm_v1(as_of := as_of) as r on r.customer_id = c.customer_id
),

-- valuable_net: the valuable_quantile of net value over customers whose net value is positive (value_class needs
-- the population, which a scalar function cannot see).
value_cut as (
    -- quantile_cont needs a constant level, so it takes the argument clamped; settings.valuable_q checks its range.
    select quantile_cont(j.margin - j.serve_cost, greatest(least(valuable_quantile::double, 1), 0)) as valuable_net
    from joined as j
    where j.margin - j.serve_cost > 0
)

select
    j.customer_id,
    j.as_of,
    j.store_id,
    j.region,
    j.recency_days,
    j.frequency,
    j.monetary,
    j.r_score,
    j.f_score,
    j.m_score,
    j.rfm_cell,
    j.segment_8,
    j.segment_named,
    j.refunds,
    j.margin,
    j.serve_cost,
    j.margin - j.serve_cost as net_value,
    j.margin_12m,
    j.margin_prior_12m,
    j.growth,
    value_class(j.margin, j.serve_cost, j.growth, case when s.valuable_q is not null then vc.valuable_net end,
        s.value_settings) as value_class,
    j.surveys,
    j.satisfaction_index,
    j.satisfaction_level,
    j.discretionary_share,
    loyalty_score(j.discretionary_share, j.discretionary_categories, j.categories, j.purchases, j.renewal_orders,
        j.tenure_days, j.engagement_kinds, s.loyalty_settings) as loyalty_score,
    loyalty_tier(j.discretionary_share, j.discretionary_categories, j.categories, j.purchases, j.renewal_orders,
        j.tenure_days, j.engagement_kinds, s.loyalty_settings) as loyalty_tier,
    contact_closeness(j.phone_valid, j.email_opt_in, j.do_not_contact, j.recent_kinds, j.recent_ts, s.end_ts,
        s.contact_settings) as contact_closeness,
    j.typical_interval_days,
    j.main_category,
    j.category_norm_days,
    lifecycle_stage(j.days_since_last, j.typical_interval_days, j.purchases, j.tenure_days, j.category_norm_days,
        s.lifecycle_settings) as lifecycle_stage,
    j.asset_id,
    j.asset_age_years,
    j.asset_price,
    j.major_spend_12m,
    replacement_readiness(j.asset_age_years, j.major_spend_12m, j.asset_price, s.replacement_settings)
        as replacement_readiness,
    j.moved,
    j.income_up,
    j.income_down,
    j.married,
    j.marriage_ended,
    j.new_child,
    j.job_change,
    list_filter([
        case when j.moved then 'moved' end,
        case when j.income_up then 'income_up' end,
        case when j.income_down then 'income_down' end,
        case when j.married then 'married' end,
        case when j.marriage_ended then 'marriage_ended' end,
        case when j.new_child then 'new_child' end,
        case when j.job_change then 'job_change' end], lambda x: x is not null) as life_changes,
    j.life_change_summary
from joined as j
cross join settings as s
cross join value_cut as vc;
