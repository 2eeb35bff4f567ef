package demo

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// TestContentGolden pins the generated data itself: per table, the row count and an md5 over
// every row in physical (rowid) order. The summary golden would miss a changed value that keeps
// the totals, and TestSameSeedSameData only compares two runs of the same code; this test keeps
// a rewrite of the generator (for speed, say) from changing the data or its row order silently.
// It writes to a database file, the path `custval demo` takes.
func TestContentGolden(t *testing.T) {
	db, _ := sqltest.OpenFile(t)
	if _, err := Generate(context.Background(), db, Options{Customers: 3000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	sums := checksums(t, db)
	for _, table := range tables {
		var n int64
		// table comes from the fixed list, never from input.
		if err := db.QueryRowx("select count(*) from " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "%-16s %8d %s\n", table, n, sums[table])
	}
	// The same seed must give the same data: accept a difference only if the change is intended.
	golden.Check(t, filepath.Join("testdata", "content.golden"), buf.Bytes())
}
