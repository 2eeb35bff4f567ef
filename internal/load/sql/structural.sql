-- Run right after pass 1, whose reader errors it reads: the records the CSV reader could not
-- split into the header's columns (bad quoting, wrong column count, invalid UTF-8).
-- DuckDB numbers lines from 1 = the header, a record with quoted newlines counting once,
-- and counts blank lines; blank_before (set by the loader) is how many precede the record.
create or replace temp table load_structural as
select line, byte_position, 0::bigint as blank_before, column_name, raw_value,
       'malformed row: ' || case error_type
           when 'TOO MANY COLUMNS' then 'too many columns (expected ' || expected || ', found ' || max_found || ')'
           when 'MISSING COLUMNS' then 'too few columns (expected ' || expected || ', found ' || min_found || ')'
           when 'UNQUOTED VALUE' then 'a quoted value is not closed properly'
           when 'INVALID ENCODING' then 'not valid UTF-8'
           when 'INVALID UNICODE' then 'not valid UTF-8'
           when 'LINE SIZE OVER MAXIMUM' then 'longer than the maximum line size'
           else lower(error_type) || ' (' || error_message || ')'
       end as reason
from (
    select line, min(line_byte_position) as byte_position,
           arg_min(error_type, byte_position) as error_type,
           arg_min(error_message, byte_position) as error_message,
           max(try_cast(regexp_extract(error_message, 'Expected Number of Columns: (\d+)', 1) as integer)) as expected,
           min(try_cast(regexp_extract(error_message, 'Found: (\d+)', 1) as integer)) as min_found,
           max(try_cast(regexp_extract(error_message, 'Found: (\d+)', 1) as integer)) as max_found,
           case when count(distinct column_name) = 1 and bool_and(error_type <> 'TOO MANY COLUMNS' and error_type <> 'MISSING COLUMNS')
                then min(column_name) end as column_name,
           min(csv_line) as raw_value
    from {{if eq .Format "csv"}}load_csv_errors{{else}}(select null::bigint as line, null::bigint as line_byte_position, null::bigint as byte_position,
        null::varchar as column_name, null::varchar as csv_line, null::varchar as error_type,
        null::varchar as error_message where false){{end}}
    group by line
)
