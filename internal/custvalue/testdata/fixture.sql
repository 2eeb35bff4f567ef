-- Hand-made customers, each built to fall at a known gate of prospect_funnel_v1 as of 2026-06-30.
-- Every one but F1_YOUNG owns a car bought 2020-03-01 (6.3 years old, price 30,000): the window is open.
insert into customers (customer_id, joined_on, phone_valid, email_opt_in, do_not_contact) values
    ('F0_PASS',      date '2020-03-01', true,  true,  false),
    ('F1_YOUNG',     date '2020-03-01', true,  true,  false),
    ('F2_UNREACH',   date '2020-03-01', false, false, false),
    ('F3_UNSAT',     date '2020-03-01', true,  true,  false),
    ('F4_REPAIRS',   date '2020-03-01', true,  true,  false),
    ('F5_BIGREPAIR', date '2020-03-01', true,  true,  false),
    ('F6_INCOME',    date '2020-03-01', true,  true,  false);

insert into assets (asset_id, customer_id, purchased_on, price)
select 'A_' || customer_id, customer_id,
    case customer_id when 'F1_YOUNG' then date '2024-06-01' else date '2020-03-01' end, 30000
from customers where customer_id like 'F%';

-- A loyal customer's history: service, and also accessories, detailing and two insurance renewals.
create temp table fixture_loyal_orders (n integer, ts timestamp, amount decimal(18, 2), category varchar);
insert into fixture_loyal_orders values
    (1, timestamp '2021-03-10 10:00', 300, 'maintenance'),
    (2, timestamp '2021-09-10 10:00', 800, 'accessories'),
    (3, timestamp '2022-03-10 10:00', 300, 'maintenance'),
    (4, timestamp '2022-09-10 10:00', 600, 'insurance_renewal'),
    (5, timestamp '2023-09-10 10:00', 600, 'insurance_renewal'),
    (6, timestamp '2024-09-10 10:00', 400, 'detailing'),
    (7, timestamp '2025-09-10 10:00', 300, 'maintenance'),
    (8, timestamp '2026-03-10 10:00', 500, 'accessories');

insert into orders (order_id, customer_id, order_ts, amount, cost, category)
select c.customer_id || '-' || o.n, c.customer_id, o.ts, o.amount, o.amount * 0.6, o.category
from customers c, fixture_loyal_orders o
where c.customer_id in ('F0_PASS', 'F1_YOUNG', 'F2_UNREACH', 'F3_UNSAT', 'F5_BIGREPAIR', 'F6_INCOME');

-- Repairs only, however often: not loyal.
insert into orders (order_id, customer_id, order_ts, amount, cost, category)
select 'F4-' || i, 'F4_REPAIRS', timestamp '2020-06-01 09:00' + to_months(i * 6), 400, 300, 'repair'
from range(12) t(i);

-- A major repair three months ago: 5,000 on a 30,000 car renewed its youth.
insert into orders (order_id, customer_id, order_ts, amount, cost, category) values
    ('F5-big', 'F5_BIGREPAIR', timestamp '2026-04-01 10:00', 5000, 3500, 'repair');

-- Two-way engagement for everyone reachable.
insert into interactions (customer_id, ts, kind)
select customer_id, ts, kind
from customers, (values (timestamp '2025-11-05 11:00', 'call_answered'), (timestamp '2026-02-14 15:00', 'event_attended')) e(ts, kind)
where customer_id like 'F%' and customer_id <> 'F2_UNREACH';

insert into surveys (customer_id, survey_ts, rating)
select customer_id, ts, case when customer_id = 'F3_UNSAT' then 'complaint' else 'satisfied' end
from customers, (values (timestamp '2025-05-01 12:00'), (timestamp '2026-01-20 12:00'), (timestamp '2026-05-20 12:00')) s(ts)
where customer_id like 'F%';

insert into profile_changes (customer_id, changed_on, field, old_value, new_value) values
    ('F6_INCOME', date '2025-10-01', 'income_band', '50k-80k', '30k-50k'),
    ('F0_PASS',   date '2025-10-01', 'income_band', '30k-50k', '50k-80k'),
    ('F0_PASS',   date '2023-01-01', 'marital_status', 'married', 'divorced');  -- older than 24 months: ignored
