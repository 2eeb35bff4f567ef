package udf

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

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
// with the given executor, and runs the case's setup for rows rows.
func benchDB(tb testing.TB, exec executorKind, setup []string, rows, threads int) *sql.DB {
	tb.Helper()
	dsn := ""
	if threads > 0 {
		dsn = fmt.Sprintf("?threads=%d", threads)
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		tb.Fatal(err)
	}
	db := sql.OpenDB(connector)
	tb.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range registry {
		if err := register(conn, f.Name, f, exec); err != nil {
			tb.Fatal(err)
		}
	}
	conn.Close()
	for _, stmt := range setup {
		if _, err := db.Exec(stmt, sql.Named("rows", rows)); err != nil {
			tb.Fatalf("setup: %v\n%s", err, stmt)
		}
	}
	return db
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
// in plain SQL (the benchmark's baseline) on generated rows, under both executors
// and several threads, which also exercises concurrent calls.
func TestUDFMatchesPlainSQL(t *testing.T) {
	for _, name := range benchCases {
		for _, exec := range []executorKind{rowExecutor, chunkExecutor} {
			s := benchCase(t, name)
			db := benchDB(t, exec, s.Setup, 50_000, 2)
			if n := queryInt(t, db, s.Check); n != 0 {
				t.Errorf("%s (executor %d): %d rows where the UDF and plain SQL disagree", name, exec, n)
			}
			if got, want := queryInt(t, db, s.UDF), queryInt(t, db, s.SQL); got != want {
				t.Errorf("%s (executor %d): benchmark queries differ: udf %d, sql %d", name, exec, got, want)
			}
		}
	}
}

// BenchmarkExecutors times each case's plain-SQL rule and the UDF under the
// row and the chunk executor, over -bench.rows rows (default 10M: run with
// -benchtime 1x). It reports wall time (ns/op, ms/op) and the process CPU time
// (cpu_ms/op, steadier on a shared machine), and both relative to plain SQL in
// the same run (x_sql, x_sql_cpu).
//
//	go test ./udf -run '^$' -bench Executors -benchtime 1x
func BenchmarkExecutors(b *testing.B) {
	for _, name := range benchCases {
		s := benchCase(b, name)
		var sqlTime, sqlCPU time.Duration
		for _, v := range []struct {
			label string
			exec  executorKind
			query string
		}{
			{"sql", rowExecutor, s.SQL},
			{"row", rowExecutor, s.UDF},
			{"chunk", chunkExecutor, s.UDF},
		} {
			b.Run(name+"/"+v.label, func(b *testing.B) {
				db := benchDB(b, v.exec, s.Setup, *benchRows, *benchThreads)
				b.ResetTimer()
				cpu := cpuTime()
				for b.Loop() {
					queryInt(b, db, v.query)
				}
				cpuPerOp := (cpuTime() - cpu) / time.Duration(b.N)
				perOp := b.Elapsed() / time.Duration(b.N)
				if v.label == "sql" {
					sqlTime, sqlCPU = perOp, cpuPerOp
				} else if sqlTime > 0 {
					b.ReportMetric(float64(perOp)/float64(sqlTime), "x_sql")
					if sqlCPU > 0 {
						b.ReportMetric(float64(cpuPerOp)/float64(sqlCPU), "x_sql_cpu")
					}
				}
				b.ReportMetric(float64(perOp.Milliseconds()), "ms/op")
				b.ReportMetric(float64(cpuPerOp.Milliseconds()), "cpu_ms/op")
			})
		}
	}
}
