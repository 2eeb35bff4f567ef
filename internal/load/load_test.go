package load

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// fixedNow pins the load's wall clock, and so the default as-of, in tests.
var fixedNow = time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)

// testCase is one directory under testdata/: request.txt, the input files, an
// optional setup/ directory of <table>.csv files loaded first, and want.golden.
type testCase struct {
	req     Request
	records int64 // data records in the files, counted by hand
}

func readCase(t *testing.T, dir string) testCase {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "request.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tc := testCase{req: Request{Map: map[string]string{}, now: func() time.Time { return fixedNow }}}
	tc.records = -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, _ := strings.Cut(line, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch key {
		case "table":
			tc.req.Table = val
		case "files":
			for _, name := range strings.Fields(val) {
				tc.req.Files = append(tc.req.Files, filepath.Join(dir, name))
			}
		case "records":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				t.Fatalf("%s: records: %v", dir, err)
			}
			tc.records = n
		case "map":
			target, source, _ := strings.Cut(val, "=")
			tc.req.Map[target] = source
		case "format":
			tc.req.Format = val
		case "date-format":
			tc.req.DateFormat = val
		case "delim":
			tc.req.Delim = val
		case "decimal-comma":
			tc.req.DecimalComma = true
		case "strict":
			tc.req.Strict = true
		case "create-missing-customers":
			tc.req.CreateMissingCustomers = true
		case "replace":
			tc.req.Replace = true
		case "as-of":
			asOf, err := time.Parse("2006-01-02 15:04:05", val)
			if err != nil {
				t.Fatalf("%s: as-of: %v", dir, err)
			}
			tc.req.AsOf = asOf
		default:
			t.Fatalf("%s: request.txt: unknown key %q", dir, key)
		}
	}
	if tc.req.Table == "" || len(tc.req.Files) == 0 || tc.records < 0 {
		t.Fatalf("%s: request.txt needs table, files and records", dir)
	}
	return tc
}

// setup loads dir/setup/<table>.csv files, customers first; each must load without rejects.
func setup(t *testing.T, db *sqlx.DB, dir string) {
	t.Helper()
	for _, table := range []string{"customers", "orders", "categories", "assets"} {
		file := filepath.Join(dir, "setup", table+".csv")
		if _, err := os.Stat(file); err != nil {
			continue
		}
		res, err := Load(context.Background(), db, Request{Table: table, Files: []string{file}, now: func() time.Time { return fixedNow }})
		if err != nil || res.Rejected != 0 {
			t.Fatalf("setup %s: %+v, %v", file, res, err)
		}
	}
}

func TestLoadGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/request.txt")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases under testdata: %v", err)
	}
	for _, reqFile := range dirs {
		dir := filepath.Dir(reqFile)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ctx := context.Background()
			tc := readCase(t, dir)
			db := sqltest.Open(t)
			setup(t, db, dir)
			before := snapshot(t, db)

			res, loadErr := Load(ctx, db, tc.req)

			var got bytes.Buffer
			if loadErr != nil {
				if after := snapshot(t, db); after != before {
					t.Errorf("failed load changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				fmt.Fprintf(&got, "error: %s\n", strings.ReplaceAll(loadErr.Error(), dir+string(filepath.Separator), ""))
			} else {
				checkReconciles(t, db, res, tc.records)
				writeResult(&got, res, dir)
				fmt.Fprintf(&got, "\n-- load_rejects\n%s", renderQuery(t, db,
					`select regexp_replace(file, '^.*/', '') as file, row_number, line, column_name, raw_value, reason
					 from load_rejects where load_id = $1 order by file, row_number, column_name nulls first, reason`, res.LoadID))
				fmt.Fprintf(&got, "\n-- %s\n%s", tc.req.Table, renderQuery(t, db, `select * from `+ident(tc.req.Table)+` order by all`))
				if tc.req.CreateMissingCustomers {
					fmt.Fprintf(&got, "\n-- customers\n%s", renderQuery(t, db, `select customer_id, name from customers order by all`))
				}
			}
			golden.Check(t, filepath.Join(dir, "want.golden"), got.Bytes())
		})
	}
}

// checkReconciles asserts read = loaded + rejected against the file's record
// count and against what the database holds.
func checkReconciles(t *testing.T, db *sqlx.DB, res Result, records int64) {
	t.Helper()
	if res.Read != records {
		t.Errorf("read %d rows, want %d data records in the files", res.Read, records)
	}
	if res.Read != res.Loaded+res.Rejected {
		t.Errorf("read %d != loaded %d + rejected %d", res.Read, res.Loaded, res.Rejected)
	}
	var sum struct{ Read, Loaded, Rejected int64 }
	for _, f := range res.PerFile {
		if f.Read != f.Loaded+f.Rejected {
			t.Errorf("%s: read %d != loaded %d + rejected %d", f.File, f.Read, f.Loaded, f.Rejected)
		}
		sum.Read, sum.Loaded, sum.Rejected = sum.Read+f.Read, sum.Loaded+f.Loaded, sum.Rejected+f.Rejected
	}
	if sum.Read != res.Read || sum.Loaded != res.Loaded || sum.Rejected != res.Rejected {
		t.Errorf("per-file sums %+v differ from totals %+v", sum, res)
	}
	var rec struct{ Read, Loaded, Rejected, Distinct int64 }
	err := db.QueryRow(`select rows_read, rows_loaded, rows_rejected,
		(select count(*) from (select distinct file, row_number from load_rejects where load_id = $1))
		from loads where load_id = $1`, res.LoadID).Scan(&rec.Read, &rec.Loaded, &rec.Rejected, &rec.Distinct)
	if err != nil {
		t.Fatalf("read loads row: %v", err)
	}
	if rec.Read != res.Read || rec.Loaded != res.Loaded || rec.Rejected != res.Rejected {
		t.Errorf("loads row %+v, result %+v", rec, res)
	}
	if rec.Distinct != res.Rejected {
		t.Errorf("load_rejects holds %d distinct rows, result says %d rejected", rec.Distinct, res.Rejected)
	}
}

func writeResult(w *bytes.Buffer, res Result, dir string) {
	fmt.Fprintf(w, "read %d, loaded %d, rejected %d, customers created %d\n", res.Read, res.Loaded, res.Rejected, res.CustomersCreated)
	for _, f := range res.PerFile {
		fmt.Fprintf(w, "%s (%s): read %d, loaded %d, rejected %d", filepath.Base(f.File), f.Format, f.Read, f.Loaded, f.Rejected)
		if f.Empty {
			w.WriteString(", empty")
		}
		if len(f.Ignored) > 0 {
			fmt.Fprintf(w, ", ignored columns %s", strings.Join(f.Ignored, ", "))
		}
		w.WriteString("\n")
	}
	for _, r := range res.FirstRejects {
		fmt.Fprintf(w, "%s\n", strings.ReplaceAll(r.Error(), dir+string(filepath.Separator), ""))
	}
}

// renderQuery prints a query's rows as tab-separated text with a header; NULL prints as NULL.
func renderQuery(t *testing.T, db *sqlx.DB, q string, args ...any) string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(strings.Join(cols, "\t") + "\n")
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteString("\t")
			}
			b.WriteString(cell(v))
		}
		b.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format("2006-01-02 15:04:05")
	case string:
		return strconv.Quote(v)
	default:
		return fmt.Sprint(v)
	}
}

// snapshot renders every table's contents, so a failed load can be shown to change nothing.
// (load_id_seq is not transactional in DuckDB: a failed load uses up its id; docs/loading.md says so.)
func snapshot(t *testing.T, db *sqlx.DB) string {
	t.Helper()
	var tables []string
	if err := db.Select(&tables, `select table_name from duckdb_tables() where database_name = current_database() and not temporary order by all`); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tbl := range tables {
		fmt.Fprintf(&b, "-- %s\n%s", tbl, renderQuery(t, db, `select * from `+ident(tbl)+` order by all`))
	}
	return b.String()
}
