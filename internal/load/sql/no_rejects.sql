-- Pass 2 for a file without problems: an empty list of them.
create or replace temp table load_bad as
select null::bigint as rn, null::integer as ord, null::varchar as column_name, null::varchar as raw_value,
       null::varchar as code, null::varchar as reason, null::bigint as ref_rn
where false
