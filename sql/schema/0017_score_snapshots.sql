-- Score snapshots: `custval score --as-of D` materializes a model's scores for every customer, so history accumulates
-- and later reports can compare dates (segment migration) without recomputing the past.
--
-- score_snapshots is keyed by (as_of, customer_id, model_version); custval score replaces one (as_of, model_version)
-- in a single transaction, so a run is all or nothing and other dates are kept. The key is enforced by that
-- replace, not by an index: DuckDB's primary-key index refuses a delete and re-insert of the same key in one
-- transaction, and would cost more than the insert.
--
-- model_version names the snapshot model that filled the row ('rfm_v1' here). A later snapshot model version adds
-- its columns with `alter table score_snapshots add column ...` in its own migration; those columns stay null in
-- rows of earlier versions, and the rfm columns stay in the same place for every version.

create table score_snapshot_runs (
    as_of         date not null,
    model_version varchar not null,
    parameters    varchar not null,   -- the model arguments, as JSON text
    customers     bigint not null,
    scored_at     timestamp not null  -- when the run committed; bookkeeping only, no score reads it
);

create table score_snapshots (
    as_of          date not null,
    customer_id    varchar not null,
    model_version  varchar not null,
    recency_days   integer,
    frequency      integer,
    monetary       decimal(18, 2),
    margin         decimal(18, 2),
    first_order_on date,
    last_order_on  date,
    tenure_days    integer,
    r_score        integer,
    f_score        integer,
    m_score        integer,
    rfm_cell       varchar,
    segment_8      varchar,
    segment_8_zh   varchar,
    segment_named  varchar,
    segment        varchar
);
