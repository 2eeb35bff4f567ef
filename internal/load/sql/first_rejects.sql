-- The first rejects of the file, in file order, for messages and --strict.
select row_number, line, column_name, raw_value, reason
from load_out
order by row_number, ord
limit $n
