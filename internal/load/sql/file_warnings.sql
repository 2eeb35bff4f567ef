-- This file's warnings, for messages: the first few, and how many there are.
select column_name, file_value, row_count, warning, count(*) over () as total
from load_warnings
where load_id = $load_id and file = $file
order by column_name, file_value
limit $n
