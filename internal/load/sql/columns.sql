-- The file's columns, as the reader sees them.
select column_name, column_type from (describe select * from {{template "reader" .}})
