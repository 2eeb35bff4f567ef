package rfm

import (
	"context"
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
	var floor, score []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := BenchFloor(ctx, db); err != nil {
			b.Fatal(err)
		}
		floor = append(floor, time.Since(start))
		start = time.Now()
		if err := BenchScore(ctx, db, asOf); err != nil {
			b.Fatal(err)
		}
		score = append(score, time.Since(start))
	}
	med := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		slices.Sort(s)
		return s[len(s)/2]
	}
	b.ReportMetric(med(floor).Seconds(), "floor-s")
	b.ReportMetric(med(score).Seconds(), "score-s")
	b.ReportMetric(float64(med(score))/float64(med(floor)), "score/floor")
}
