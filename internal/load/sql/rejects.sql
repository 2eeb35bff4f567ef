-- Careful pass 2, run only when pass 1 found problems: every problem of every row, one row per
-- problem; good rows produce nothing. Only the bad rows get their problems described.
-- code: value (unparsable, missing, out of range, after the as-of), duplicate (key seen in an
-- earlier row of the file), exists (key already in the table), orphan (unknown customer),
-- create (unknown customer, to be created with --create-missing-customers).
create or replace temp table load_bad as
with {{template "checked_rows" .}}
select rn, p.ord, p.column_name, p.raw_value, p.code, p.reason, p.ref_rn
from (
    select rn, unnest(list_filter([
{{- range .Cols}}{{if .Checked}}
        {{template "check" .}},
{{- end}}{{end}}
{{- with .KeyCol}}
        case when first_rn is not null and rn <> first_rn
            then {{problem . "duplicate" (str (print "duplicate " .Name)) "first_rn"}} end,
        case when key_exists
            then {{problem . "exists" (str (print .Name " already in " .P.Table.Name)) "null::bigint"}} end,
{{- end}}
{{- with .CustCol}}
        case when not customer_known
            then {{problem . (codeOrphan .P) (print "'unknown customer_id: not in customers' || coalesce(' (but ' || (select min(k.customer_id) from customers k where lower(k.customer_id) = lower(typed_" .Ord ")) || ' is: ids are case-sensitive)', '')") "null::bigint"}} end,
{{- end}}
        null
    ], x -> x is not null)) as p
    from bad
)
