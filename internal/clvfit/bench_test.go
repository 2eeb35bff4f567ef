package clvfit

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/sqltest"
)

// BenchmarkRunCDNOW times the whole fit path on CDNOW: SQL summary, collapse, BG/NBD and Gamma-Gamma fits, store.
func BenchmarkRunCDNOW(b *testing.B) {
	db := sqltest.Open(b)
	loadCDNOW(b, db)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Run(ctx, db, Options{AsOf: cdnowAsOf, HoldoutMonths: 9}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCLVV1CDNOW times clv_v1 over CDNOW's 2,357 customers: the summary and four UDF calls per customer.
func BenchmarkCLVV1CDNOW(b *testing.B) {
	db := sqltest.Open(b)
	loadCDNOW(b, db)
	ctx := context.Background()
	if _, err := Run(ctx, db, Options{AsOf: cdnowAsOf}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var n int
		if err := db.GetContext(ctx, &n, `select count(clv_12m) from clv_v1(date '1998-06-30')`); err != nil {
			b.Fatal(err)
		}
		if n != 2357 {
			b.Fatalf("clv_v1 returned %d customers, want 2357", n)
		}
	}
}

// TestBenchCLVV1: the clv_v1 and clv_v2 benchmarks and their floor run on a fitted database.
func TestBenchCLVV1(t *testing.T) {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	ctx := context.Background()
	if _, err := Run(ctx, db, Options{AsOf: cdnowAsOf}); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(context.Context, *sqlx.DB, time.Time) error{"clv_v1": BenchCLVV1, "clv_v2": BenchCLVV2, "floor": BenchCLVV1Floor} {
		if err := f(ctx, db, cdnowAsOf); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkRunFile times Run (the default models) on an existing custval database named by $CUSTVAL_BENCH_DB,
// for example `custval demo --customers 1000000` (opened as is, not migrated), as of $CUSTVAL_BENCH_AS_OF
// (default 2026-06-30). With -cpuprofile it shows where a large fit spends its time.
func BenchmarkRunFile(b *testing.B) {
	db, asOf := sqltest.BenchFile(b, time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
	ctx := context.Background()
	var res Result
	for b.Loop() {
		var err error
		if res, err = Run(ctx, db, Options{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
		if err := res.Err(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Histories), "histories")
	b.ReportMetric(res.Customers, "customers")
}
