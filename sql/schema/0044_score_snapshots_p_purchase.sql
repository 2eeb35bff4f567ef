-- P(purchase) columns of score_snapshots, filled by clvfit.AddToSnapshot from clv_v2 at the snapshot's as_of, so
-- the history of snapshots keeps how likely each customer was to buy, not only how much. They stay null in rows
-- scored without a converged CLV model and in rows of snapshots taken before this migration. From here the snapshots
-- read clv_v2, not clv_v1 as the note in 0043 still says; their other CLV columns are the same values.

alter table score_snapshots add column p_purchase_90d double;
alter table score_snapshots add column p_purchase_12m double;
