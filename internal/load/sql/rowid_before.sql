-- The highest row id in the table before this file's insert (-1 when empty): rows appended
-- in the transaction get higher ids, so "rowid > before" picks this file's rows.
select coalesce(max(rowid), -1) from {{ident .Table.Name}}
