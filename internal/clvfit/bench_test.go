package clvfit

import (
	"context"
	"testing"

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
