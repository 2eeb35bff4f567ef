-- After the insert: this file's order categories that are not, spelled exactly so, in
-- categories, with their row counts, and the category each one means when it differs only in
-- case, surrounding spaces or space/-/_ ("Vehicle Purchase" is vehicle_purchase).
create or replace temp table load_categories as
with unknown as (
    select category as value, count(*) as rows
    from {{ident .Table.Name}}
    where {{if not .WasEmpty}}rowid > $before and {{end}}category is not null and category not in (select category from categories)
    group by category
)
select u.value, u.rows, min(k.category) as known
from unknown u
left join categories k
    on regexp_replace(lower(trim(k.category)), '[\s_-]+', '_', 'g') = regexp_replace(lower(trim(u.value)), '[\s_-]+', '_', 'g')
group by u.value, u.rows
