-- Pass 3: every row without a problem goes to the table, typed in pass 1. Unnumbered rows
-- come from a file without bad rows (malformed ones never reach load_rows): all go.
insert into {{ident .Table.Name}} ({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}})
select {{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}}
from load_rows
{{- if .Numbered}}
where rn not in (select rn from load_bad)
{{- end}}
