-- After a customers insert: new customer_ids equal to another customer's but for case. Ids
-- are case-sensitive (source systems treat them so), so both stay; the warning says so.
insert into load_warnings (load_id, table_name, file, column_name, file_value, row_count, warning)
select $load_id, $table, $file, 'customer_id', n.customer_id, 1,
       'differs only in case from ' || min(c.customer_id) || ': ids are case-sensitive, so these are different customers'
from customers n
join customers c on lower(c.customer_id) = lower(n.customer_id) and c.customer_id <> n.customer_id
{{- if not .WasEmpty}}
where n.rowid > $before
{{- end}}
group by n.customer_id
