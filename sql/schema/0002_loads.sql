-- Load bookkeeping: one row per `custval load`, and every rejected input row with its reason.
-- loaded + rejected = read holds for every load_id.

create sequence load_id_seq start 1;

create table loads (
    load_id           integer not null,
    table_name        varchar not null,
    files             varchar[] not null,
    as_of             timestamp,          -- rows stamped after this are rejected
    started_at        timestamp not null,
    rows_read         bigint not null,
    rows_loaded       bigint not null,
    rows_rejected     bigint not null,
    customers_created bigint not null default 0
);

create table load_rejects (
    load_id     integer not null,
    table_name  varchar not null,
    file        varchar not null,
    row_number  bigint,    -- data row in the file, 1 = first row after the header
    line        bigint,    -- line in the file, when the CSV reader reports it
    column_name varchar,   -- null when the whole row is malformed
    raw_value   varchar,
    reason      varchar not null
);
