-- Upsell: the seed 002 levers per active customer. Active: the three highest recency scores of rfm_v1 as of one day
-- (the two lowest are the win-back report's). Peers: the customers of the same segment_named.
-- Grain: one row per customer with at least one lever (customers), one row per lever (levers).
--
-- ticket:     the customer's mean ticket (monetary / purchases) is below ticket_below x the median ticket of peers
-- cross_sell: a category at least min_peer_share of peers have bought that the customer never has (the most
--             common such category is named)
-- low_margin: every purchase of the customer is in a category whose margin_class is 'low'
-- referral:   the customer made a referral (interactions.kind = 'referral_made') in the 730 days up to as_of

-- name: levers :table
-- @param as_of date = null -- the scoring day; the day of the latest order when not given
-- @param ticket_below number = 0.75 -- ticket lever: mean ticket below this fraction of the peers' median ticket
-- @param min_peer_share number = 0.5 -- cross-sell lever: share of peers who bought the category
-- One row per active customer with every lever measured, read by both queries below.
with
scores as (
    select customer_id, as_of, segment_named, frequency, monetary, coalesce(margin, 0) as margin,
        case when frequency > 0 then monetary / frequency end as ticket
    from rfm_v1(as_of := $as_of)
    where r_score >= 3
),

peer_tickets as (
    select segment_named, quantile_cont(ticket, 0.5) as peer_ticket, count(*) as peers
    from scores
    group by segment_named
),

-- One pass over the active customers' purchases: which categories each bought, and at what margin class.
bought as (
    select o.customer_id, o.category, bool_and(k.margin_class = 'low') as low_margin
    from orders as o
    join scores as s on s.customer_id = o.customer_id
    left join categories as k on k.category = o.category
    where o.amount > 0 and o.order_ts < s.as_of + interval 1 day and o.category is not null
    group by o.customer_id, o.category
),

penetration as (
    select s.segment_named, b.category, count(*) / any_value(p.peers) as peer_share
    from bought as b
    join scores as s on s.customer_id = b.customer_id
    join peer_tickets as p on p.segment_named = s.segment_named
    group by s.segment_named, b.category
),

cross_sell as (
    select s.customer_id, arg_max(n.category, (n.peer_share, n.category)) as category, max(n.peer_share) as peer_share
    from scores as s
    join penetration as n on n.segment_named = s.segment_named and n.peer_share >= $min_peer_share
    where not exists (select 1 from bought as b where b.customer_id = s.customer_id and b.category = n.category)
    group by s.customer_id
),

low_margin as (
    select customer_id, bool_and(coalesce(low_margin, false)) as low_margin_only
    from bought
    group by customer_id
),

referrals as (
    select i.customer_id, count(*) as referrals
    from interactions as i
    join scores as s on s.customer_id = i.customer_id
    where i.kind = 'referral_made' and i.ts < s.as_of + interval 1 day and i.ts >= s.as_of + interval 1 day - interval 730 day
    group by i.customer_id
)

select
    s.customer_id,
    s.segment_named,
    s.frequency,
    s.monetary,
    s.margin,
    s.ticket,
    p.peer_ticket,
    s.ticket / nullif(p.peer_ticket, 0) as ticket_ratio,
    x.category as cross_sell_category,
    x.peer_share as cross_sell_peer_share,
    coalesce(l.low_margin_only, false) as low_margin_only,
    coalesce(r.referrals, 0) as referrals,
    coalesce(s.ticket < $ticket_below * p.peer_ticket, false) as ticket_lever
from scores as s
join peer_tickets as p on p.segment_named = s.segment_named
left join cross_sell as x on x.customer_id = s.customer_id
left join low_margin as l on l.customer_id = s.customer_id
left join referrals as r on r.customer_id = s.customer_id;

-- name: customers :many
-- @param lever enum(all|ticket|cross_sell|low_margin|referral) = all -- only customers with this lever
-- @param limit integer = 100 -- customers listed, highest margin first
select
    v.customer_id,
    c.name,
    v.segment_named,
    v.frequency as purchases,
    v.margin,
    round(v.ticket, 2) as ticket,
    round(v.peer_ticket, 2) as peer_ticket,
    round(v.ticket_ratio, 2) as ticket_ratio,
    v.cross_sell_category,
    round(v.cross_sell_peer_share, 3) as cross_sell_peer_share,
    v.low_margin_only,
    v.referrals,
    concat_ws(', ',
        case when v.ticket_lever then 'ticket' end,
        case when v.cross_sell_category is not null then 'cross_sell' end,
        case when v.low_margin_only then 'low_margin' end,
        case when v.referrals > 0 then 'referral' end) as levers
from levers as v
left join customers as c on c.customer_id = v.customer_id
where case $lever
        when 'ticket' then v.ticket_lever
        when 'cross_sell' then v.cross_sell_category is not null
        when 'low_margin' then v.low_margin_only
        when 'referral' then v.referrals > 0
        else v.ticket_lever or v.cross_sell_category is not null or v.low_margin_only or v.referrals > 0
    end
order by v.margin desc, v.customer_id
limit $limit;

-- name: by_lever :many
-- Every active customer counted under each lever they have (a customer can have several), by segment.
select
    u.lever,
    v.segment_named,
    count(*) as customers,
    sum(v.margin) as margin
from levers as v,
    unnest([
        case when v.ticket_lever then 'ticket' end,
        case when v.cross_sell_category is not null then 'cross_sell' end,
        case when v.low_margin_only then 'low_margin' end,
        case when v.referrals > 0 then 'referral' end]) as u(lever)
where u.lever is not null
group by u.lever, v.segment_named
order by
    case u.lever when 'ticket' then 1 when 'cross_sell' then 2 when 'low_margin' then 3 else 4 end,
    v.segment_named;
