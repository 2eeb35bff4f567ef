-- The optimistic path: read, type, check and insert in one statement, as DuckDB's own
-- "create table as select * from read_csv" reads once and writes once. The first row with a
-- problem raises an error, which aborts the transaction: the load then starts over and reads
-- this file the careful way (rows.sql, rejects.sql), which describes every problem.
-- Malformed CSV records are set aside by the reader (load_csv_errors) and do not stop it;
-- repeated keys within the file are found afterwards on the inserted rows (fast_repeats.sql).
insert into {{ident .Table.Name}} ({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}})
with {{template "checked_rows" .}}
select {{range $i, $c := .Cols}}{{if $i}}, {{end}}{{if .FromTyped}}typed_{{.Ord}}{{else}}val_{{.Ord}}{{end}}{{end}}
from flagged
where case when is_bad then error('custval-load: a row has a problem') else true end
