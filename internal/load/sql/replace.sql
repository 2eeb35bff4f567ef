delete from {{ident .Table.Name}}
