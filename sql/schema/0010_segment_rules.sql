-- segment_rules: the rules behind rfm_v1's segment_named, editable by analysts without touching code.
-- Rules of one rule_set are tried in position order; the first whose inclusive R, F and M score ranges all
-- contain the customer's scores names the segment; a customer no rule matches is 'Others'.
-- `custval score` checks the rule set in use and warns about rules an earlier rule shadows and cells no rule covers.
-- The shipped 'default' set is written for 5 bins per dimension and covers each of the 125 cells exactly once
-- (see docs/rfm.md); no positional uniqueness is enforced so that reordering with plain updates never trips a
-- constraint: equal positions are tried in segment name order, and the checker warns about them.

create table segment_rules (
    rule_set    varchar not null default 'default',
    position    integer not null,
    segment     varchar not null,
    r_min       integer not null check (r_min between 1 and 10),
    r_max       integer not null check (r_max between 1 and 10),
    f_min       integer not null check (f_min between 1 and 10),
    f_max       integer not null check (f_max between 1 and 10),
    m_min       integer not null check (m_min between 1 and 10),
    m_max       integer not null check (m_max between 1 and 10),
    description varchar
);

insert into segment_rules (rule_set, position, segment, r_min, r_max, f_min, f_max, m_min, m_max, description) values
    ('default',  1, 'Champions',          4, 5, 4, 5, 4, 5, 'bought recently, buy often and spend the most'),
    ('default',  2, 'Loyal Customers',    3, 5, 3, 5, 3, 5, 'buy regularly and spend well'),
    ('default',  3, 'Potential Loyalist', 4, 5, 2, 5, 1, 5, 'recent customers with more than one purchase'),
    ('default',  4, 'New Customers',      4, 5, 1, 1, 1, 5, 'bought recently, only once'),
    ('default',  5, 'Promising',          3, 3, 1, 1, 1, 5, 'fairly recent first-time buyers'),
    ('default',  6, 'Need Attention',     3, 3, 2, 5, 1, 5, 'fairly recent repeat buyers who are not yet loyal'),
    ('default',  7, 'Can''t Lose Them',   1, 2, 4, 5, 4, 5, 'used to buy often and spend the most, not seen for long'),
    ('default',  8, 'At Risk',            1, 2, 3, 5, 1, 5, 'bought often, not seen for long'),
    ('default',  9, 'About To Sleep',     2, 2, 1, 2, 1, 5, 'few purchases, slipping away'),
    ('default', 10, 'Lost',               1, 1, 1, 2, 1, 5, 'few purchases, longest gone');
