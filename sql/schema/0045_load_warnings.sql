-- What a load noticed or normalized in rows it did load (they are not rejects): an order
-- category spelled differently from categories, one not in categories at all, a customer_id
-- that differs from another only in case. One row per file, column and value.

create table load_warnings (
    load_id     integer not null,
    table_name  varchar not null,
    file        varchar not null,
    column_name varchar not null,
    file_value  varchar,           -- the value in the file (trimmed), before any normalization
    row_count   bigint not null,   -- rows of the file with this value
    warning     varchar not null
);
