package load

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/sqltest"
)

// FuzzLoadCSV writes arbitrary bytes to a CSV file and loads it into orders or
// customers. Whatever the bytes, Load must not panic; a load that succeeds must
// reconcile (read = loaded + rejected, the table grew by exactly loaded, and
// load_rejects holds one distinct row per rejected row); a load that fails must
// leave every table as it was. The committed corpus is under
// testdata/fuzz/FuzzLoadCSV and runs with `go test`; `make fuzz` explores further.
func FuzzLoadCSV(f *testing.F) {
	seeds := []string{
		"order_id,customer_id,order_ts,amount\no1,c1,2026-01-01 10:00:00,10\n",
		"order_id,customer_id,order_ts,amount\no1,c1,2026-01-01,\"12,5x\"\no1,c9,2027-01-01,1e400\n",
		"order_id;customer_id;order_ts;amount;promo\r\no2;c2;2026-02-30;-3;maybe\r\n",
		"\xef\xbb\xbforder_id,customer_id,order_ts,amount\n\"o3\",\"c1\",\"2026-01-01T10:00\",\"1\"\"2\"\n",
		"order_id,customer_id,order_ts,amount\no4,c1,2026-01-01,1,extra\no5\n\n\n",
		"order_id,customer_id,order_ts,amount\n\"o6,c1,2026-01-01,1\n",
		"order_id,customer_id,order_ts,amount\no7,c\xe8,2026-01-01,1\n",
		"customer_id,name,birth_date,phone_valid\nc1,Ann,1980-01-01,yes\nc1,Ann,1980-01-01,no\n c3 ,\"B, C\",2030-01-01,2\n",
		"customer_id\n",
		"",
		"\n",
		"a,a\n1,2\n",
		"order_id,customer_id,order_ts,amount,amount\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), i%3 == 0)
	}

	ctx := context.Background()
	now := func() time.Time { return fixedNow }
	// One database per fuzz worker: migrating one per input would make the
	// fuzzer ten times slower, and state carried from earlier inputs (keys
	// already loaded) is itself worth exercising.
	db := sqltest.Open(f)
	customers := filepath.Join(f.TempDir(), "customers.csv")
	if err := os.WriteFile(customers, []byte("customer_id,name\nc1,Ann\nc2,Bo\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	if _, err := Load(ctx, db, Request{Table: "customers", Files: []string{customers}, now: now}); err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte, intoCustomers bool) {
		table := "orders"
		if intoCustomers {
			table = "customers"
		}
		file := filepath.Join(t.TempDir(), table+".csv")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		before := fuzzDigest(t, db)
		res, err := Load(ctx, db, Request{Table: table, Files: []string{file}, now: now})
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("load failed with an empty message")
			}
			if !strings.Contains(err.Error(), "load ") {
				t.Errorf("error %q does not say what was being loaded", err)
			}
			if after := fuzzDigest(t, db); !after.equal(before) {
				t.Fatalf("failed load (%v) changed the database:\nbefore %v\nafter  %v", err, before, after)
			}
			return
		}
		if res.Read != res.Loaded+res.Rejected || res.Read < 0 || res.Loaded < 0 || res.Rejected < 0 {
			t.Fatalf("read %d != loaded %d + rejected %d", res.Read, res.Loaded, res.Rejected)
		}
		after := fuzzDigest(t, db)
		if got := after.rows[table] - before.rows[table]; got != res.Loaded {
			t.Errorf("%s grew by %d rows, load says it loaded %d", table, got, res.Loaded)
		}
		if got := after.rows["loads"] - before.rows["loads"]; got != 1 {
			t.Errorf("loads grew by %d rows, want 1", got)
		}
		var rec struct{ Read, Loaded, Rejected, Distinct int64 }
		if err := db.QueryRow(`select rows_read, rows_loaded, rows_rejected,
			(select count(*) from (select distinct row_number from load_rejects where load_id = $1))
			from loads where load_id = $1`, res.LoadID).Scan(&rec.Read, &rec.Loaded, &rec.Rejected, &rec.Distinct); err != nil {
			t.Fatalf("read loads row %d: %v", res.LoadID, err)
		}
		if rec.Read != res.Read || rec.Loaded != res.Loaded || rec.Rejected != res.Rejected || rec.Distinct != res.Rejected {
			t.Errorf("loads row / load_rejects %+v, result read %d loaded %d rejected %d", rec, res.Read, res.Loaded, res.Rejected)
		}
	})
}

// fuzzDigest counts the rows of the tables a load writes and adds a content
// checksum, so "unchanged" means unchanged, not merely the same row counts.
func fuzzDigest(t *testing.T, db *sqlx.DB) fuzzState {
	t.Helper()
	st := fuzzState{rows: map[string]int64{}}
	for _, tbl := range []string{"customers", "orders", "loads", "load_rejects"} {
		var n int64
		var sum string
		// hash(row) is stable within one process; xor of the hashes ignores row order.
		if err := db.QueryRow(`select count(*), coalesce(bit_xor(hash(t)), 0)::varchar from `+ident(tbl)+` t`).Scan(&n, &sum); err != nil {
			t.Fatalf("digest %s: %v", tbl, err)
		}
		st.rows[tbl] = n
		st.sums += tbl + ":" + sum + " "
	}
	return st
}

// fuzzState is fuzzDigest's result: rows per table and one checksum text.
type fuzzState struct {
	rows map[string]int64
	sums string
}

func (s fuzzState) equal(o fuzzState) bool { return s.sums == o.sums && maps.Equal(s.rows, o.rows) }
