-- Drops the generator's temporary tables, macros and variables: after a run, and after a failed
-- one, so the pooled connection is left as it was found.
drop table if exists demo_assets;
drop table if exists demo_cust;
drop table if exists demo_numbers;
drop table if exists demo_params;
drop macro if exists demo_mix;
drop macro if exists demo_ua;
drop macro if exists demo_ub;
drop macro if exists demo_uc;
drop macro if exists demo_pick;
drop macro if exists demo_count;
drop macro if exists demo_date;
drop macro if exists demo_ts;
drop macro if exists demo_region;
drop macro if exists demo_store_id;
drop macro if exists demo_customer_id;
reset variable demo_seed_key;
reset variable demo_customers;
reset variable demo_as_of_day;
