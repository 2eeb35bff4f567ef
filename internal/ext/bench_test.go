package ext

import (
	"context"
	"database/sql"
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/custval/custval/internal/benchcase"
	"github.com/custval/custval/internal/store"
	"github.com/custval/custval/udf"
)

var (
	benchRows    = flag.Int("ext.rows", 10_000_000, "input rows of BenchmarkExtension")
	benchThreads = flag.Int("ext.threads", 1, "DuckDB threads in BenchmarkExtension (0: all cores)")
)

// benchCases reads the cases package udf benchmarks its duckdb-go UDFs with,
// so all three ways (plain SQL, duckdb-go UDF, extension) run the very same SQL.
func benchCases(tb testing.TB) []benchcase.Case {
	tb.Helper()
	cases, err := benchcase.Read(udf.BenchCases())
	if err != nil {
		tb.Fatal(err)
	}
	return cases
}

// timeInCustval runs a case through custval's host, duckdb-go with the udf
// package's UDFs, and returns the plain-SQL and UDF times.
func timeInCustval(b *testing.B, c benchcase.Case) (sqlTime, udfTime time.Duration) {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:", store.Options{Threads: *benchThreads})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, s := range c.Setup {
		if _, err := db.ExecContext(ctx, s, sql.Named("rows", *benchRows)); err != nil {
			b.Fatalf("%s: setup: %v", c.Name, err)
		}
	}
	var n sql.NullInt64
	if err := db.QueryRowContext(ctx, c.Check).Scan(&n); err != nil || n.Int64 != 0 {
		b.Fatalf("%s: the UDF and plain SQL disagree on %d rows (%v)", c.Name, n.Int64, err)
	}
	for _, q := range []struct {
		sql string
		d   *time.Duration
	}{{c.SQL, &sqlTime}, {c.UDF, &udfTime}} {
		start := time.Now()
		if err := db.QueryRowContext(ctx, q.sql).Scan(&n); err != nil {
			b.Fatalf("%s: %v", c.Name, err)
		}
		*q.d = time.Since(start)
	}
	return sqlTime, udfTime
}

// BenchmarkExtension times each rule three ways over -ext.rows rows (10M by
// default), once each: as plain SQL, through the extension in the stock Node
// client, and through custval's duckdb-go UDF; the ratios are to plain SQL in
// the same host.
//
//	go test ./internal/ext -run '^$' -bench Extension -benchtime 1x
func BenchmarkExtension(b *testing.B) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	nodeDir := nodeClient(b, root)
	lib := buildExtension(b, root)
	cases := benchCases(b)

	nb, err := TimeInNode(context.Background(), nodeDir, lib, *benchRows, *benchThreads, 1, cases)
	if err != nil {
		b.Fatal(err)
	}

	b.Logf("%d rows, %d thread(s); ms, and ratio to plain SQL in the same host", *benchRows, *benchThreads)
	b.Logf("%-22s %9s %9s %7s | %9s %9s %7s | %s", "case", "sql(node)", "extension", "ratio", "sql(go)", "udf(go)", "ratio", "udf/extension")
	for i, c := range cases {
		n := nb[i]
		if n.Mismatches != 0 {
			b.Errorf("%s: the extension and plain SQL disagree on %d rows", c.Name, n.Mismatches)
		}
		sqlGo, udfGo := timeInCustval(b, c)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		sqlNode, ext := ms(n.SQL[0]), ms(n.Ext[0])
		b.Logf("%-22s %9.0f %9.0f %7.2f | %9.0f %9.0f %7.2f | %.1f", c.Name, sqlNode, ext, ext/sqlNode,
			ms(sqlGo), ms(udfGo), ms(udfGo)/ms(sqlGo), ms(udfGo)/ext)
		b.ReportMetric(ext/sqlNode, c.Name+"_ext/sql")
		b.ReportMetric(ms(udfGo)/ms(sqlGo), c.Name+"_udf/sql")
	}
}
