package rfm

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/sql/sqltest"
)

// BenchmarkScoreVsFloor times rfm_v1 materialized for every customer against the bare per-customer aggregate on the
// same demo data, and reports the ratio. `make bench` does the same at 1M customers through BenchFloor and BenchScore.
func BenchmarkScoreVsFloor(b *testing.B) {
	ctx := context.Background()
	db := sqltest.Open(b)
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: 20000}); err != nil {
		b.Fatal(err)
	}
	var floor, score time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if err := BenchFloor(ctx, db); err != nil {
			b.Fatal(err)
		}
		floor += time.Since(start)
		start = time.Now()
		if err := BenchScore(ctx, db, demo.DefaultAsOf); err != nil {
			b.Fatal(err)
		}
		score += time.Since(start)
	}
	b.ReportMetric(float64(score)/float64(floor), "score/floor")
}

// BenchmarkScoreVsFloorFile is the same measurement on an existing custval database named by $CUSTVAL_BENCH_DB
// (for example 1M customers / 10M orders; opened as is, not migrated), scoring as of $CUSTVAL_BENCH_AS_OF (default 2026-06-30).
func BenchmarkScoreVsFloorFile(b *testing.B) {
	db, asOf := sqltest.BenchFile(b, demo.DefaultAsOf)
	ctx := context.Background()
	if err := PrepareBenchWrite(ctx, db, asOf); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { DropBenchWrite(ctx, db) })
	// The floor, rfm_v1, and the two parts that bound it from below, alternated so drift hits all alike.
	steps := []struct {
		unit string
		run  func() error
	}{
		{"floor", func() error { return BenchFloor(ctx, db) }},
		{"score", func() error { return BenchScore(ctx, db, asOf) }},
		{"aggregate", func() error { return BenchAggregate(ctx, db, asOf) }},
		{"write", func() error { return BenchWrite(ctx, db) }},
	}
	times := make([][]time.Duration, len(steps))
	for b.Loop() {
		for i, s := range steps {
			start := time.Now()
			if err := s.run(); err != nil {
				b.Fatalf("%s: %v", s.unit, err)
			}
			times[i] = append(times[i], time.Since(start))
		}
	}
	med := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		slices.Sort(s)
		return s[len(s)/2]
	}
	floor := med(times[0])
	b.ReportMetric(floor.Seconds(), "floor-s")
	for i, s := range steps[1:] {
		b.ReportMetric(med(times[i+1]).Seconds(), s.unit+"-s")
		b.ReportMetric(float64(med(times[i+1]))/float64(floor), s.unit+"/floor")
	}
}

// The lower-bound parts must measure rfm_v1's own work: the aggregate part computes exactly the per-customer values
// rfm_v1 reports, and the write part copies every rfm_v1 column for every customer.
func TestBenchPartsMeasureRFMWork(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: 3000}); err != nil {
		t.Fatal(err)
	}
	asOf := demo.DefaultAsOf.AddDate(0, -3, 0) // orders after as_of exist and must be left out
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, mustSQL("bench_aggregate.sql"), sql.Named("as_of", asOf)); err != nil {
		t.Fatal(err)
	}
	var differ, customers int
	err = conn.QueryRowContext(ctx, `
		with part as (
			select customer_id, last_purchase_ts::date as last_on, first_purchase_ts::date as first_on,
				purchases::integer as frequency, net_amount::decimal(18, 2) as monetary,
				net_margin::decimal(18, 2) as margin
			from rfm_bench_aggregate),
		full_rfm as (
			select customer_id, last_order_on, first_order_on, frequency, monetary, margin
			from rfm_v1(as_of := $as_of::date))
		select
			(select count(*) from (from part except all from full_rfm))
				+ (select count(*) from (from full_rfm except all from part)),
			(select count(*) from full_rfm)`, sql.Named("as_of", asOf)).Scan(&differ, &customers)
	if err != nil {
		t.Fatal(err)
	}
	if differ != 0 || customers < 1000 {
		t.Fatalf("aggregate part differs from rfm_v1 on %d rows (%d customers)", differ, customers)
	}

	if err := PrepareBenchWrite(ctx, db, asOf); err != nil {
		t.Fatal(err)
	}
	var kept, columns int
	if err := db.QueryRowContext(ctx, `select count(*) from rfm_bench_result`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `select count(*) from (describe rfm_bench_result)`).Scan(&columns); err != nil {
		t.Fatal(err)
	}
	if kept != customers || columns != 17 {
		t.Fatalf("write part keeps %d rows of %d columns, want %d rows of rfm_v1's 17 columns", kept, columns, customers)
	}
	if err := BenchWrite(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := DropBenchWrite(ctx, db); err != nil {
		t.Fatal(err)
	}
}
