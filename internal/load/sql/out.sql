-- This file's rejects with row numbers counted over every record, malformed ones included:
-- a well-formed record's ordinality k becomes k + (malformed records before it).
-- A malformed record's row is its line less the header and the blank lines before it.
create or replace temp table load_out as
with malformed as (
    select *, line - 1 - blank_before as row_number,
           line - 1 - blank_before - row_number() over (order by line) as good_before
    from load_structural
)
select b.rn + (select count(*) from malformed x where x.good_before < b.rn) as row_number,
       null::bigint as line, b.ord, b.column_name, b.raw_value,
       case when b.code = 'duplicate'
            then b.reason || ': first seen in row '
                 || (b.ref_rn + (select count(*) from malformed x where x.good_before < b.ref_rn))
            else b.reason end as reason
from load_bad b
union all
select row_number, line, -1 as ord, column_name, raw_value, reason
from malformed
