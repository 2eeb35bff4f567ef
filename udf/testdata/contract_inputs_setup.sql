-- Contract rows for TestSQLFromContractTables: the seed-000 customer c1 (20 surveys over five years:
-- 10 neutral, 2 complaints, 5 dissatisfied, 3 satisfied) and a satisfied, engaged customer c2.
insert into surveys (customer_id, survey_ts, rating)
select 'c1', timestamp '2021-01-01' + to_days((i * 91)::integer), r
from unnest(['neutral', 'neutral', 'complaint', 'neutral', 'dissatisfied', 'neutral', 'satisfied', 'neutral',
             'dissatisfied', 'neutral', 'complaint', 'neutral', 'dissatisfied', 'satisfied', 'neutral',
             'dissatisfied', 'neutral', 'dissatisfied', 'neutral', 'satisfied']) with ordinality as u(r, i);
insert into surveys (customer_id, survey_ts, rating) values
    ('c2', timestamp '2025-06-01', 'satisfied'), ('c2', timestamp '2025-11-01', 'very_satisfied');
insert into interactions (customer_id, ts, kind) values
    ('c1', timestamp '2025-03-01', 'call_answered'), ('c2', timestamp '2025-09-01', 'event_attended'),
    ('c2', timestamp '2025-10-01', 'call_answered');
