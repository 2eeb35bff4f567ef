-- Careful pass 1 (a file the optimistic insert found problems in): every record, numbered
-- (rn), with the values to insert already typed, and is_bad set when any value,
-- key-in-table or customer check fails. Duplicates within the file are found afterwards on
-- this table (pass1_summary, dups). The insert copies the good rows from here, so the rows are
-- cast once. Columns are named as in the contract table.
create or replace temp table load_rows as
with {{template "checked_rows" .}}
select {{if .Numbered}}rn, {{end}}is_bad
{{- range .Cols}}
    , {{if .FromTyped}}typed_{{.Ord}}{{else}}val_{{.Ord}}{{end}} as {{ident .Name}}
{{- end}}
from flagged
