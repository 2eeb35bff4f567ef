-- Interactions per kind, in the data contract's order.
select kind as name, count(*) as n
from interactions
group by kind
order by list_position(['call_answered', 'call_unanswered', 'call_refused', 'visit', 'event_attended',
    'referral_made', 'post', 'suggestion', 'membership_renewal', 'email_opened', 'complaint'], kind)
