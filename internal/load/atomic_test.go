package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/custval/custval/sql/sqltest"
)

// TestFailedLoadChangesNothing runs loads that fail after earlier files, the
// --replace delete, or created customers have already been written inside the
// transaction, and checks every table is exactly as before.
func TestFailedLoadChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "order_id,customer_id,order_ts,amount\no10,c1,2026-01-01 10:00:00,10\no11,c9,2026-01-02 10:00:00,11\n")
	bad := write("bad.csv", "order_id,customer_id,order_ts,amount\no20,c1,2026-01-03 10:00:00,\"12,5x\"\n")
	noCols := write("nocols.csv", "order_id,customer_id\no30,c1\n")
	cats := write("cats.csv", "category,kind\nspa,discretionary\n")
	missing := filepath.Join(dir, "does-not-exist.csv")
	now := func() time.Time { return fixedNow }

	tests := []struct {
		name string
		req  Request
		want error // errors.Is target, or nil for "any error"
	}{
		{"strict fails in the second file", Request{Table: "orders", Files: []string{good, bad}, Strict: true, CreateMissingCustomers: true}, nil},
		{"second file lacks required columns", Request{Table: "orders", Files: []string{good, noCols}, CreateMissingCustomers: true}, ErrMissingColumns},
		{"second file does not exist", Request{Table: "orders", Files: []string{good, missing}, CreateMissingCustomers: true}, os.ErrNotExist},
		{"replace, then a bad file", Request{Table: "categories", Files: []string{cats, missing}, Replace: true}, os.ErrNotExist},
		{"replace orders, then strict failure", Request{Table: "orders", Files: []string{good, bad}, Replace: true, Strict: true, CreateMissingCustomers: true}, nil},
		{"unknown --map target", Request{Table: "orders", Files: []string{good}, Map: map[string]string{"nope": "x"}}, ErrUnknownColumn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := sqltest.Open(t)
			setup(t, db, "testdata/duplicate_ids_in_table")
			before := snapshot(t, db)
			tt.req.now = now
			_, err := Load(ctx, db, tt.req)
			if err == nil {
				t.Fatal("load succeeded, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("failed load changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			// The same database still takes a good load afterwards.
			res, err := Load(ctx, db, Request{Table: "orders", Files: []string{good}, CreateMissingCustomers: true, now: now})
			if err != nil || res.Loaded != 2 {
				t.Errorf("load after failure: %+v, %v", res, err)
			}
		})
	}
}
