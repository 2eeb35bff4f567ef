-- Give this file's orders the spelling of the category they mean.
update {{ident .Table.Name}} as o
set category = m.known
from load_categories m
where {{if not .WasEmpty}}o.rowid > $before and {{end}}o.category = m.value and m.known is not null
