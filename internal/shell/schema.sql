-- The create statements .schema prints; $1 names one table or view, '' means all.
select sql
from (
    select table_name as name, sql from duckdb_tables() where not internal
    union all
    select view_name, sql from duckdb_views() where not internal
)
where $1 = '' or lower(name) = lower($1)
order by name
