-- Keys that really occur more than once in the file, with the row of their first occurrence,
-- from careful pass 1's rows; filled only when pass1_summary found a repeated key.
create or replace temp table load_dups as
{{- if .HasDups}}{{with .KeyCol}}
select {{ident .Name}} as key, min(rn) as first_rn
from load_rows
where {{ident .Name}} is not null
group by {{ident .Name}}
having count(*) > 1
{{- end}}{{else}}
select null::varchar as key, null::bigint as first_rn where false
{{- end}}
