-- Customer value columns of score_snapshots, filled by custvalue.AddToSnapshot after `custval score` wrote a
-- snapshot's rows: customer_value_v1 at the snapshot's as_of. Classes are stored as VARCHAR, so a stock DuckDB
-- client reads snapshots without custval. They stay null in rows scored before and in rows scored without them.

alter table score_snapshots add column serve_cost double;
alter table score_snapshots add column net_value double;
alter table score_snapshots add column value_class varchar;
alter table score_snapshots add column satisfaction_index double;
alter table score_snapshots add column satisfaction_level varchar;
alter table score_snapshots add column loyalty_score double;
alter table score_snapshots add column loyalty_tier varchar;
alter table score_snapshots add column contact_closeness varchar;
alter table score_snapshots add column lifecycle_stage varchar;
alter table score_snapshots add column replacement_readiness varchar;
alter table score_snapshots add column life_changes varchar;
