insert into load_rejects (load_id, table_name, file, row_number, line, column_name, raw_value, reason)
select $load_id, $table, $file, row_number, line, column_name, raw_value, reason
from load_out
