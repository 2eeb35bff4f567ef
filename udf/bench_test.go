package udf

import (
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/internal/benchcase"
)

var (
	benchRows    = flag.Int("bench.rows", 10_000_000, "input rows of the executor benchmarks")
	benchThreads = flag.Int("bench.threads", 1, "DuckDB threads in the executor benchmarks (0: all cores)")
)

// benchCase reads benchcases/NAME.sql (internal/benchcase's format).
func benchCase(tb testing.TB, name string) benchcase.Case {
	tb.Helper()
	body, err := fs.ReadFile(BenchCases(), name+".sql")
	if err != nil {
		tb.Fatal(err)
	}
	c, err := benchcase.Parse(name, body)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// benchDB opens an in-memory DuckDB with every custval function registered
// vectorized under its own name and through duckdb-go's row executor under
// NAME_row (rowQuery), and runs the case's setup for rows rows.
func benchDB(tb testing.TB, setup []string, rows, threads int) *sql.DB {
	tb.Helper()
	dsn := ""
	if threads > 0 {
		dsn = fmt.Sprintf("?threads=%d", threads)
	}
	db, conn := bareConn(tb, dsn)
	registerBoth(tb, conn)
	conn.Close()
	for _, stmt := range setup {
		if _, err := db.Exec(stmt, sql.Named("rows", rows)); err != nil {
			tb.Fatalf("setup: %v\n%s", err, stmt)
		}
	}
	return db
}

// rowQuery calls the row-executor copies (NAME_row) of the functions in query.
func rowQuery(query string) string {
	for _, f := range allFuncs() {
		query = strings.ReplaceAll(query, f.Name+"(", f.Name+"_row(")
	}
	return query
}

func queryInt(tb testing.TB, db *sql.DB, query string) int64 {
	tb.Helper()
	var n sql.NullInt64
	if err := db.QueryRow(query).Scan(&n); err != nil {
		tb.Fatalf("%v\n%s", err, query)
	}
	return n.Int64
}

var benchCases = []string{"lifecycle_stage", "value_class", "satisfaction_level", "contact_closeness", "replacement_readiness"}

// TestUDFMatchesPlainSQL cross-checks each UDF against the same rule written
// in plain SQL (the benchmark's baseline) on generated rows, vectorized and
// through the row executor, on two threads, which also exercises concurrent calls.
func TestUDFMatchesPlainSQL(t *testing.T) {
	for _, name := range benchCases {
		s := benchCase(t, name)
		db := benchDB(t, s.Setup, 50_000, 2)
		want := queryInt(t, db, s.SQL)
		for _, exec := range []struct {
			label        string
			check, query string
		}{
			{"vector", s.Check, s.UDF},
			{"row", rowQuery(s.Check), rowQuery(s.UDF)},
		} {
			if n := queryInt(t, db, exec.check); n != 0 {
				t.Errorf("%s (%s executor): %d rows where the UDF and plain SQL disagree", name, exec.label, n)
			}
			if got := queryInt(t, db, exec.query); got != want {
				t.Errorf("%s (%s executor): benchmark queries differ: udf %d, sql %d", name, exec.label, got, want)
			}
		}
	}
}

// BenchmarkExecutors times each case's plain-SQL rule, the UDF vectorized
// (what Register installs) and the UDF through duckdb-go's row executor, over
// -bench.rows rows (default 10M). After one untimed run of each, the three run
// in turn on the same data, once per iteration and in rotating order, so drift
// in machine load hits them alike: run with -benchtime 3x for three rounds. It reports wall and process CPU time
// per query (vector_ms, vector_cpu_ms, ...; CPU is steadier on a shared
// machine) and each UDF relative to plain SQL (vector_x_sql, vector_x_sql_cpu, ...).
//
//	go test ./udf -run '^$' -bench Executors -benchtime 3x
func BenchmarkExecutors(b *testing.B) {
	for _, name := range benchCases {
		b.Run(name, func(b *testing.B) {
			s := benchCase(b, name)
			db := benchDB(b, s.Setup, *benchRows, *benchThreads)
			benchVariants(b, db, s)
		})
	}
}

// benchVariants runs s's plain-SQL rule, the UDF vectorized and the UDF
// through the row executor in turn on db and reports their times.
func benchVariants(b *testing.B, db *sql.DB, s benchcase.Case) {
	variants := []struct{ label, query string }{{"sql", s.SQL}, {"vector", s.UDF}, {"row", rowQuery(s.UDF)}}
	// One untimed run each first: the first query to build the group-by's
	// lists pays for DuckDB growing its memory, which would bias whichever runs first.
	for _, v := range variants {
		queryInt(b, db, v.query)
	}
	wall := make([]time.Duration, len(variants))
	cpu := make([]time.Duration, len(variants))
	for round := 0; b.Loop(); round++ {
		for k := range variants {
			i := (round + k) % len(variants) // rotate who goes first
			start, cpuStart := time.Now(), cpuTime()
			queryInt(b, db, variants[i].query)
			wall[i] += time.Since(start)
			cpu[i] += cpuTime() - cpuStart
		}
	}
	for i, v := range variants {
		b.ReportMetric(float64(wall[i].Milliseconds())/float64(b.N), v.label+"_ms")
		b.ReportMetric(float64(cpu[i].Milliseconds())/float64(b.N), v.label+"_cpu_ms")
		if i > 0 {
			b.ReportMetric(float64(wall[i])/float64(wall[0]), v.label+"_x_sql")
			if cpu[0] > 0 {
				b.ReportMetric(float64(cpu[i])/float64(cpu[0]), v.label+"_x_sql_cpu")
			}
		}
	}
}

// TestCLVMatchesPlainSQL cross-checks clv_p_alive_params (BG/NBD) against
// P(alive) written in plain SQL (the CLV benchmark's baseline), vectorized and
// through the row executor, on two threads.
func TestCLVMatchesPlainSQL(t *testing.T) {
	s := clvBenchCase(t)
	db := benchDB(t, s.Setup, 50_000, 2)
	want := queryInt(t, db, s.SQL)
	if want == 0 {
		t.Fatal("the plain-SQL baseline counts no customer; the case tests nothing")
	}
	for _, exec := range []struct{ label, check, query string }{
		{"vector", s.Check, s.UDF},
		{"row", rowQuery(s.Check), rowQuery(s.UDF)},
	} {
		if n := queryInt(t, db, exec.check); n != 0 {
			t.Errorf("clv_p_alive_params (%s executor): %d rows where the UDF and plain SQL disagree", exec.label, n)
		}
		if got := queryInt(t, db, exec.query); got != want {
			t.Errorf("clv_p_alive_params (%s executor): benchmark queries differ: udf %d, sql %d", exec.label, got, want)
		}
	}
}

// clvBenchCase reads testdata/clv_bench.sql.
func clvBenchCase(tb testing.TB) benchcase.Case {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "clv_bench.sql"))
	if err != nil {
		tb.Fatal(err)
	}
	c, err := benchcase.Parse("clv_p_alive", body)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

var benchCLVRows = flag.Int("bench.clvrows", 1_000_000, "customer histories of BenchmarkCLVExecutors")

// BenchmarkCLVExecutors is BenchmarkExecutors for clv_p_alive_params over
// -bench.clvrows histories (default 1M), against BG/NBD's P(alive) in plain SQL:
//
//	go test ./udf -run '^$' -bench CLVExecutors -benchtime 3x
func BenchmarkCLVExecutors(b *testing.B) {
	s := clvBenchCase(b)
	db := benchDB(b, s.Setup, *benchCLVRows, *benchThreads)
	benchVariants(b, db, s)
}
