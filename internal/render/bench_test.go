package render

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/sql/sqltest"
)

const benchRows = 100_000

// benchResult is benchRows rows shaped like a customer score export: ids,
// text, Unicode segment names, money as DECIMAL, dates, timestamps, doubles
// and some NULLs.
func benchResult() *Result {
	res := &Result{
		Columns: []string{"customer_id", "name", "segment", "revenue", "first_order", "last_order_ts", "score", "region"},
		Types:   []string{"BIGINT", "VARCHAR", "VARCHAR", "DECIMAL(18,2)", "DATE", "TIMESTAMP", "DOUBLE", "VARCHAR"},
	}
	segments := []string{"重要价值客户", "Champions", "At Risk", "Loyal, \"core\""}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range benchRows {
		var region any = "north"
		if i%7 == 0 {
			region = nil
		}
		res.Rows = append(res.Rows, []any{
			int64(i),
			fmt.Sprintf("Customer %d", i),
			segments[i%len(segments)],
			duckdb.Decimal{Width: 18, Scale: 2, Value: big.NewInt(int64(i*137%1000000) - 5000)},
			day.AddDate(0, 0, i%2000),
			day.Add(time.Duration(i) * 97 * time.Second),
			float64(i%1000) / 7,
			region,
		})
	}
	return res
}

func benchmarkWrite(b *testing.B, write func(io.Writer, Source) error) {
	res := benchResult()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := write(io.Discard, res.Source()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// Rendering alone, from rows already in memory.
func BenchmarkWriteCSV100k(b *testing.B)  { benchmarkWrite(b, WriteCSV) }
func BenchmarkWriteJSON100k(b *testing.B) { benchmarkWrite(b, WriteJSON) }
func BenchmarkWriteMarkdown100k(b *testing.B) {
	benchmarkWrite(b, WriteMarkdown)
}
func BenchmarkWriteTable100k(b *testing.B) {
	benchmarkWrite(b, func(w io.Writer, src Source) error { return WriteTable(w, src, Options{MaxRows: DefaultMaxRows}) })
}

const benchQuery = `select range as customer_id, 'Customer ' || range as name,
    ['重要价值客户', 'Champions', 'At Risk', 'Loyal, "core"'][range % 4 + 1] as segment,
    ((range * 137 % 1000000) - 5000) / 100 :: decimal(18,2) as revenue,
    date '2020-01-01' + (range % 2000)::integer as first_order,
    timestamp '2020-01-01' + to_seconds(range * 97) as last_order_ts,
    (range % 1000) / 7 as score,
    case when range % 7 = 0 then null else 'north' end as region
from range(100000)`

// The whole path of `custval query --format csv|json`: DuckDB runs the query,
// database/sql hands over the rows, render writes them.
func benchmarkQuery(b *testing.B, format Format) {
	db := sqltest.Open(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rows, err := Query(ctx, db.DB, benchQuery)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(io.Discard, format, rows, Options{}); err != nil {
			b.Fatal(err)
		}
		rows.Close()
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkQueryCSV100k(b *testing.B)  { benchmarkQuery(b, CSV) }
func BenchmarkQueryJSON100k(b *testing.B) { benchmarkQuery(b, JSON) }

// The floor for BenchmarkQueryCSV100k: DuckDB writing the same result as CSV itself.
func BenchmarkDuckDBCopyCSV100k(b *testing.B) {
	db := sqltest.Open(b)
	path := filepath.Join(b.TempDir(), "out.csv")
	for b.Loop() {
		if _, err := db.Exec("copy (" + benchQuery + ") to '" + path + "' (format csv)"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
