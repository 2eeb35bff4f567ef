-- Customers with an invalid phone who answered a call; do-not-contact customers who were called or
-- e-mailed after they asked us to stop, who opted in to e-mail, or whose refusal is not recorded.
select 'unreachable answered' as problem, c.customer_id from customers c
join interactions i on i.customer_id = c.customer_id and i.kind = 'call_answered'
where not c.phone_valid
union all
select 'contacted after opting out', c.customer_id from customers c
join interactions stop on stop.customer_id = c.customer_id and stop.detail = 'asked not to be contacted again'
join interactions i on i.customer_id = c.customer_id and i.ts > stop.ts
    and i.kind in ('call_answered', 'call_unanswered', 'call_refused', 'email_opened')
where c.do_not_contact
union all
select 'do not contact, yet e-mail opt-in', c.customer_id from customers c
where c.do_not_contact and c.email_opt_in
union all
select 'do not contact without a recorded refusal', c.customer_id from customers c
where c.do_not_contact and not exists (
    select 1 from interactions i
    where i.customer_id = c.customer_id and i.kind = 'call_refused' and i.detail = 'asked not to be contacted again')
