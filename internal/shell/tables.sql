-- Names of the tables and views .tables lists: the user's, in every attached database.
select table_name as name
from duckdb_tables()
where not internal
union
select view_name
from duckdb_views()
where not internal
order by name
