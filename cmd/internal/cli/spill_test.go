package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/internal/store"
)

// spillQuery is a scoring-sized job: every order widened to ~500 bytes,
// joined with itself on the wide value (the join's hash table holds every
// order), then grouped by customer. Its working set is about twice the 100 MB
// limit below on the demo data, so DuckDB must spill the join to --temp-dir.
// The result is one row of sums and an md5 over every customer's figures, so
// a lost or doubled row changes it.
const spillQuery = `with a as (
    select order_id, customer_id, amount, repeat(order_id, 60) as p from orders
), b as (
    select order_id, repeat(order_id, 60) as q from orders
), j as (
    select a.customer_id, a.amount, length(a.p) + length(b.q) as w
    from a join b on a.order_id = b.order_id and a.p = b.q
), per_customer as (
    select customer_id, count(*) as n, sum(amount) as total, sum(w) as w from j group by customer_id
)
select count(*) as customers, sum(n) as orders, sum(total) as revenue, sum(w) as width,
       md5(string_agg(customer_id || ':' || n || ':' || total || ':' || w, ',' order by customer_id)) as digest
from per_customer`

// TestMemoryLimitSpills runs spillQuery through `custval query` three ways on
// one demo database: without a limit (the reference), with --memory-limit 100MB
// and --temp-dir (must give the same result and write spill files there), and
// with the limit but spilling switched off (must fail: the data does not fit,
// so the second run really spilled rather than fitting in memory).
func TestMemoryLimitSpills(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a demo database")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "big.duckdb")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, db, demo.Options{Customers: 20000}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	want, stderr, code := run(t, "", "query", spillQuery, "--db", path, "--format", "csv")
	if code != exitOK {
		t.Fatalf("query without a limit: exit %d: %s", code, stderr)
	}

	tmp := t.TempDir()
	var spilled atomic.Int64
	done := make(chan struct{})
	go func() { // spill files exist only while the query runs
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				entries, _ := os.ReadDir(tmp)
				if int64(len(entries)) > spilled.Load() {
					spilled.Store(int64(len(entries)))
				}
			}
		}
	}()
	got, stderr, code := run(t, "", "query", spillQuery, "--db", path, "--format", "csv", "--memory-limit", "100MB", "--temp-dir", tmp)
	close(done)
	if code != exitOK {
		t.Fatalf("query with --memory-limit 100MB: exit %d: %s", code, stderr)
	}
	if got != want {
		t.Errorf("with --memory-limit 100MB:\n%s\nwithout a limit:\n%s", got, want)
	}
	if spilled.Load() == 0 {
		t.Errorf("no file appeared in --temp-dir %s while the query ran", tmp)
	}

	_, stderr, code = run(t, "", "query", "set temp_directory = ''; "+spillQuery, "--db", path, "--format", "csv", "--memory-limit", "100MB")
	if code == exitOK || !strings.Contains(strings.ToLower(stderr), "memory") {
		t.Errorf("with 100MB and no place to spill: exit %d, stderr %q; want an out-of-memory error", code, stderr)
	}
	t.Logf("result %q; up to %d spill files", strings.TrimSpace(want), spilled.Load())
}
