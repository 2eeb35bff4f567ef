-- CLV columns of score_snapshots, filled by clvfit.AddToSnapshot after `custval score` wrote a snapshot's rows:
-- clv_v1 and value_matrix_v1 at the snapshot's as_of. They stay null in rows scored without a converged CLV model
-- and in rows of earlier snapshots.

alter table score_snapshots add column clv_model_id bigint;
alter table score_snapshots add column p_alive double;
alter table score_snapshots add column expected_purchases_12m double;
alter table score_snapshots add column expected_spend double;
alter table score_snapshots add column clv_12m double;
alter table score_snapshots add column clv_basis varchar;
alter table score_snapshots add column customer_type varchar;
