drop table if exists load_csv_errors;
drop table if exists load_csv_scans;
drop table if exists load_rows;
drop table if exists load_dups;
drop table if exists load_structural;
drop table if exists load_bad;
drop table if exists load_out
