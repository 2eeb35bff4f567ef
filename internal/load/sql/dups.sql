-- Keys that really occur more than once in the file, with the row of their first occurrence.
-- Reads the file again only when pass 1 found a repeated hash.
create or replace temp table load_dups as
{{- if .HasDupHashes}}{{with .KeyCol}}
select {{template "typed" .}} as key, min(s.ordinality) as first_rn
from {{template "reader" .P}}
where hash({{template "typed" .}}) in (select h from load_keys where not is_total)
group by {{template "typed" .}}
having {{template "typed" .}} is not null and count(*) > 1
{{- end}}{{else}}
select null::varchar as key, null::bigint as first_rn where false
{{- end}}
