-- Pass 3: every row without a problem goes to the table, typed.
insert into {{ident .Table.Name}} ({{range $i, $c := .Cols}}{{if $i}}, {{end}}{{ident $c.Name}}{{end}})
select
{{- range $i, $c := .Cols}}
    {{if $i}}, {{end}}{{template "typed" $c}}
{{- end}}
from {{template "reader" .}}
{{- if .HasBad}}
where s.ordinality not in (select rn from load_bad)
{{- end}}
