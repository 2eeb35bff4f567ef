// Package sqltest opens throwaway custval databases for tests.
package sqltest

import (
	"context"
	"path/filepath"
	"testing"

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
