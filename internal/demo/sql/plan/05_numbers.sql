-- The customer numbers as a table: range() is read by one thread only, a table by row groups in
-- parallel, so the plan below uses both cores. Rows are in the order of range(), and the plan
-- (and every table built from it) keeps that order.
create or replace temp table demo_numbers as
select i from range(1, getvariable('demo_customers') + 1) r(i);
