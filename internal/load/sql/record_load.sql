insert into loads (load_id, table_name, files, as_of, started_at, rows_read, rows_loaded, rows_rejected, customers_created)
values ($load_id, $table, $files, $as_of::timestamp, $started_at::timestamp, $read, $loaded, $rejected, $created)
