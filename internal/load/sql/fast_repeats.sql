-- After the optimistic insert: does a key occur more than once among this file's rows?
-- Distinct 64-bit hashes never miss a repeat (equal keys hash equal); a collision only
-- sends the file down the careful path, which compares the keys themselves.
select count({{ident .KeyCol.Name}}) - count(distinct hash({{ident .KeyCol.Name}}))
from {{ident .Table.Name}}
{{- if not .WasEmpty}}
where rowid > $before
{{- end}}
