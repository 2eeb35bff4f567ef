// Package sqltest opens throwaway custval databases for tests.
package sqltest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/store"
)

// Open returns a migrated in-memory custval database, closed when the test ends.
func Open(tb testing.TB) *sqlx.DB {
	tb.Helper()
	return open(tb, ":memory:")
}

// OpenFile is Open on a database file in the test's temp dir; it returns the path too.
func OpenFile(tb testing.TB) (*sqlx.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.duckdb")
	return open(tb, path), path
}

func open(tb testing.TB, path string) *sqlx.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := store.Migrate(ctx, db); err != nil {
		tb.Fatalf("migrate %s: %v", path, err)
	}
	return db
}

// BenchFile opens, as it is (not migrated), the database a file benchmark runs
// on: $CUSTVAL_BENCH_DB, for example 1M demo customers; the benchmark skips
// when it is not set. asOf is $CUSTVAL_BENCH_AS_OF (YYYY-MM-DD), else def.
func BenchFile(b *testing.B, def time.Time) (db *sqlx.DB, asOf time.Time) {
	b.Helper()
	path := os.Getenv("CUSTVAL_BENCH_DB")
	if path == "" {
		b.Skip("set $CUSTVAL_BENCH_DB to a custval database with orders")
	}
	asOf = def
	if s := os.Getenv("CUSTVAL_BENCH_AS_OF"); s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			b.Fatalf("$CUSTVAL_BENCH_AS_OF: %v", err)
		}
		asOf = d
	}
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, asOf
}
