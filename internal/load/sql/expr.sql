{{/* Shared expressions. Identifiers come from the fixed contract, or are the file's own
     column names quoted with ident; every value is a bound $parameter. */}}

{{/* The file as rows, numbered by s.ordinality when .Numbered. DuckDB checks the UTF-8 of the CSV
     columns a query reads, so "r is not null" makes every pass read every column and skip the same
     rows. Numbering costs: "with ordinality" runs as a streaming window that roughly doubles the
     CPU time of a read, so a clean file is read once without it. */}}
{{define "reader" -}}
(select * from
{{- if eq .Format "csv"}} (select * from read_csv($file, auto_detect = false, header = true, delim = $delim, quote = '"', escape = '"',
    columns = struct_pack({{range $i, $c := .CSVColumns}}{{if $i}}, {{end}}{{ident $c}} := 'varchar'{{end}}),
    store_rejects = true, rejects_table = 'load_csv_errors', rejects_scan = 'load_csv_scans')
    {{- if .Numbered}} with ordinality{{end}}) as r where r is not null) as s
{{- else if eq .Format "parquet"}} read_parquet($file){{if .Numbered}} with ordinality{{end}}) as s
{{- else}} read_json($file){{if .Numbered}} with ordinality{{end}}) as s{{end}}
{{- end}}

{{/* A JSON-typed column (mixed types in a JSON-lines file) is read as its text, without JSON quotes. */}}
{{define "raw"}}{{if not .Src}}null::varchar{{else if .SrcJSON}}(s.{{ident .Src}} ->> '$'){{else}}s.{{ident .Src}}::varchar{{end}}{{end}}

{{/* clean: the value trimmed, NULL when blank. trim() decodes every character to find Unicode
     spaces; an ASCII value (as many bytes as characters) can only have the space itself to cut,
     so one without a leading or trailing space skips trim, with the same result. */}}
{{define "clean"}}{{template "trimmed" (sqlOf "raw" .)}}{{end}}
{{define "trimmed"}}nullif(case when strlen({{.}}) = length({{.}}) and not prefix({{.}}, ' ') and not suffix({{.}}, ' ') then {{.}} else trim({{.}}) end, ''){{end}}

{{/* typed_of: the typed value of column .C computed from .Clean, SQL for its trimmed text
     (null when blank). "1.234,50" with --decimal-comma is 1234.50: "." and " " may only group the integer
     part by threes, so "1,234.50" stays unparsable and is rejected instead of read as 1.23; an enum is normalized
     ("Very Satisfied" -> very_satisfied) and mapped through its aliases ("5" -> very_satisfied). */}}
{{define "number"}}{{if .C.P.DecimalComma}}case when regexp_full_match({{.Clean}}, '[+-]?([0-9]{1,3}([. ][0-9]{3})+|[0-9]*)(,[0-9]+)?') then replace(replace(replace({{.Clean}}, '.', ''), ' ', ''), ',', '.') else {{.Clean}} end{{else}}{{.Clean}}{{end}}{{end}}
{{define "enum_norm"}}regexp_replace(lower({{.Clean}}), '[\s_-]+', '_', 'g'){{end}}
{{define "enum_value"}}{{if .C.Aliases}}case {{template "enum_norm" .}}{{range $k, $v := .C.Aliases}} when {{str $k}} then {{str $v}}{{end}} else {{template "enum_norm" .}} end{{else}}{{template "enum_norm" .}}{{end}}{{end}}

{{/* An ISO timestamp. One written with a UTC offset or a zone name ("...Z", "...+02:00", "...-0500",
     "... CET", "... Europe/Berlin") is converted to the load's zone ($time_zone); DuckDB's plain
     timestamp cast would drop the offset and keep the clock time, so mixed offsets would mis-order.
     One without is taken as written: it is already local time (and casting it through a zone would
     move clock times that fall in a daylight-saving gap). The pattern costs about as much as the cast. */}}
{{define "iso_timestamp"}}case when regexp_matches({{.Clean}}, '\d:\d\d(:\d\d(\.\d*)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?|[A-Za-z][A-Za-z0-9/_+-]*)\s*$') then timezone($time_zone, try_cast({{.Clean}} as timestamptz)) else try_cast({{.Clean}} as timestamp) end{{end}}

{{define "typed_of" -}}
{{- $k := .C.Kind -}}
{{- if eq $k "decimal"}}try_cast({{template "number" .}} as decimal(18, 2))
{{- else if eq $k "date"}}{{if .C.P.HasDateFormat}}coalesce(try_strptime({{.Clean}}, $date_format)::date, try_cast({{.Clean}} as date)){{else}}try_cast({{.Clean}} as date){{end}}
{{- else if eq $k "timestamp"}}{{if .C.P.HasDateFormat}}coalesce(try_strptime({{.Clean}}, $date_format), {{template "iso_timestamp" .}}){{else}}{{template "iso_timestamp" .}}{{end}}
{{- else if eq $k "bool"}}try_cast({{.Clean}} as boolean)
{{- else if eq $k "enum"}}case when list_contains([{{range $i, $v := .C.Values}}{{if $i}}, {{end}}{{str $v}}{{end}}], {{template "enum_value" .}}) then {{template "enum_value" .}} end
{{- else}}{{.Clean}}{{end -}}
{{- end}}

{{/* The value inserted into the table: identifiers trimmed, other text as it is in the file. */}}
{{define "typed"}}{{if and (eq .Kind "text") (not .Trim)}}{{template "raw" .}}{{else}}{{typedOf . (sqlOf "clean" .)}}{{end}}{{end}}

{{define "problem"}}{'ord': {{.C.Ord}}, 'column_name': {{str .C.Name}}, 'raw_value': raw_{{.C.Ord}}, 'code': {{str .Code}}, 'reason': {{.Reason}}, 'ref_rn': {{.Ref}}}{{end}}

{{/* In rejects.sql, over columns raw_N, clean_N and typed_N: bad_N is true when column N
     fails a check, check_N describes the problem. */}}
{{define "bad" -}}
({{if .Required}}clean_{{.Ord}} is null{{else}}false{{end}}
{{- if ne .Kind "text"}} or (clean_{{.Ord}} is not null and typed_{{.Ord}} is null){{end}}
{{- if eq .Kind "date"}} or typed_{{.Ord}} > $as_of::timestamp::date{{end}}
{{- if eq .Kind "timestamp"}} or typed_{{.Ord}} > $as_of::timestamp{{end}})
{{- end}}

{{define "check" -}}
case
{{- if .Required}}
            when clean_{{.Ord}} is null then {{problem . "value" "'missing required value'" "null::bigint"}}
{{- end}}
{{- if eq .Kind "decimal"}}
            when clean_{{.Ord}} is not null and typed_{{.Ord}} is null then {{problem . "value" (print "case when regexp_full_match(" (sqlOf "number" (typedArgs . (print "clean_" .Ord))) ", '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') then 'is out of range for decimal(18,2)' else 'is not a number' end") "null::bigint"}}
{{- else if eq .Kind "date"}}
            when clean_{{.Ord}} is not null and typed_{{.Ord}} is null then {{problem . "value" "'is not a date'" "null::bigint"}}
            when typed_{{.Ord}} > $as_of::timestamp::date then {{problem . "value" "'is after the as-of ' || strftime($as_of::timestamp, '%Y-%m-%d %H:%M:%S')" "null::bigint"}}
{{- else if eq .Kind "timestamp"}}
            when clean_{{.Ord}} is not null and typed_{{.Ord}} is null then {{problem . "value" "'is not a timestamp'" "null::bigint"}}
            when typed_{{.Ord}} > $as_of::timestamp then {{problem . "value" "'is after the as-of ' || strftime($as_of::timestamp, '%Y-%m-%d %H:%M:%S')" "null::bigint"}}
{{- else if eq .Kind "bool"}}
            when clean_{{.Ord}} is not null and typed_{{.Ord}} is null then {{problem . "value" "'is not a boolean (true/false, yes/no, 1/0)'" "null::bigint"}}
{{- else if eq .Kind "enum"}}
            when clean_{{.Ord}} is not null and typed_{{.Ord}} is null then {{problem . "value" (str (print "is not a valid " .Name " (" .Describe ")")) "null::bigint"}}
{{- end}}
        end
{{- end}}

{{/* checked_rows: the CTEs cleaned, typed, flagged and bad over the file. Values are trimmed and cast
     once (clean_N, typed_N); a column whose inserted value is not typed_N has it in val_N (see
     planCol.FromTyped); bad keeps the rows with any problem. Duplicates within the file
     are known (first_rn, from load_dups) only in pass 2: .DupsKnown. */}}
{{define "checked_rows" -}}
cleaned as (
    select {{if .Numbered}}s.ordinality{{else}}null::bigint{{end}} as rn
{{- range .Cols}}{{if .Checked}}
        , {{template "raw" .}} as raw_{{.Ord}}, {{template "clean" .}} as clean_{{.Ord}}
{{- end}}{{if not .FromTyped}}
        , {{template "typed" .}} as val_{{.Ord}}
{{- end}}{{end}}
{{- with .KeyCol}}
        , {{template "typed" .}} as key_value
        , {{if .P.DupsKnown}}d.first_rn{{else}}null::bigint as first_rn{{end}}
        , {{template "typed" .}} in (select {{ident .Name}} from {{ident .P.Table.Name}}) as key_exists
{{- end}}
{{- with .CustCol}}
        , {{template "typed" .}} in (select customer_id from customers) as customer_known
{{- end}}
    from {{template "reader" .}}
{{- if .DupsKnown}}{{with .KeyCol}}
    left join load_dups d on d.key = {{template "typed" .}}
{{- end}}{{end}}
), typed as (
    select *
{{- range .Cols}}{{if .Checked}}
        , {{typedOf . (print "clean_" .Ord)}} as typed_{{.Ord}}
{{- end}}{{end}}
    from cleaned
), flagged as (
    select *, coalesce(false
{{- range .Cols}}{{if .Checked}}
        or {{template "bad" .}}
{{- end}}{{end}}
{{- with .KeyCol}}
        or (first_rn is not null and rn <> first_rn) or key_exists
{{- end}}
{{- with .CustCol}}
        or not customer_known
{{- end}}, false) as is_bad
    from typed
), bad as (
    select * from flagged where is_bad
)
{{- end}}
