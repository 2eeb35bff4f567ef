-- Careful pass 3: every row without a problem goes to the table, typed in pass 1.
insert into {{ident .Table.Name}} ({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}})
select {{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}}
from load_rows
{{- if .Numbered}}
where rn not in (select rn from load_bad)
{{- end}}
