insert into load_warnings (load_id, table_name, file, column_name, file_value, row_count, warning)
select $load_id, $table, $file, 'category', value, rows,
       case when known is not null
            then 'normalized to ' || known || ', as spelled in categories'
            else 'not in categories: loyalty rules count it as essential; add it with custval load categories'
       end
from load_categories
