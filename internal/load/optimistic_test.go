package load

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/sql/sqltest"
)

// TestOptimisticThenCareful follows a load of three files into a table that
// already has rows: the first file is clean and loads optimistically, the
// second repeats a key within itself (found after its optimistic insert, by
// the row-id check) and has no other problem, so the load starts over and
// reads it and the third file the careful way. The result must be what the
// careful path alone gives: the repeat rejected, everything else loaded once.
func TestOptimisticThenCareful(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	dir := t.TempDir()
	now := func() time.Time { return fixedNow }
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, r := range []Request{
		{Table: "customers", Files: []string{write("customers.csv", "customer_id\nc1\nc2\n")}},
		{Table: "orders", Files: []string{write("old.csv", "order_id,customer_id,order_ts,amount\nold1,c1,2026-01-01,1\n")}},
	} {
		r.now = now
		if res, err := Load(ctx, db, r); err != nil || res.Rejected != 0 {
			t.Fatalf("setup %v: %+v, %v", r.Files, res, err)
		}
	}
	head := "order_id,customer_id,order_ts,amount\n"
	files := []string{
		write("a.csv", head+"a1,c1,2026-01-02,1\na2,c2,2026-01-03,2\n"),
		write("b.csv", head+"b1,c1,2026-01-04,3\nb2,c1,2026-01-05,4\nb1,c2,2026-01-06,5\n"),
		write("c.csv", head+"c1,c2,2026-01-07,6\n"),
	}
	var progress bytes.Buffer
	res, err := Load(ctx, db, Request{Table: "orders", Files: files, Progress: &progress, now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 6 || res.Loaded != 5 || res.Rejected != 1 {
		t.Errorf("read %d, loaded %d, rejected %d; want 6, 5, 1", res.Read, res.Loaded, res.Rejected)
	}
	var got []string
	if err := db.Select(&got, `select order_id from orders order by all`); err != nil {
		t.Fatal(err)
	}
	if want := "a1 a2 b1 b2 c1 old1"; strings.Join(got, " ") != want {
		t.Errorf("orders %v, want %s", got, want)
	}
	var reason string
	if err := db.Get(&reason, `select file || ' row ' || row_number || ': ' || reason from load_rejects where load_id = $1`, res.LoadID); err != nil {
		t.Fatal(err)
	}
	if want := files[1] + " row 3: duplicate order_id: first seen in row 1"; reason != want {
		t.Errorf("reject %q, want %q", reason, want)
	}
	// The passes each file went through, in order: a optimistic, b optimistic and found
	// wanting, then a again optimistic, and b and c careful.
	steps := regexp.MustCompile(`(?m)^.*/([abc]\.csv): (reading, checking and inserting|pass 1/3|.*loading again)`).FindAllStringSubmatch(progress.String(), -1)
	var trail []string
	for _, s := range steps {
		trail = append(trail, s[1]+" "+map[string]string{"reading, checking and inserting": "optimistic", "pass 1/3": "careful"}[s[2]])
	}
	want := "a.csv optimistic|b.csv optimistic|b.csv |a.csv optimistic|b.csv careful|c.csv careful"
	if strings.Join(trail, "|") != want {
		t.Errorf("passes %q, want %q\nprogress:\n%s", strings.Join(trail, "|"), want, progress.String())
	}
}

// TestUnknownTimeZone: a zone DuckDB does not know fails the load before anything is read.
func TestUnknownTimeZone(t *testing.T) {
	db := sqltest.Open(t)
	file := filepath.Join(t.TempDir(), "customers.csv")
	if err := os.WriteFile(file, []byte("customer_id\nc1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(context.Background(), db, Request{Table: "customers", Files: []string{file}, TimeZone: "Mars/Olympus"})
	if !errors.Is(err, ErrUnknownZone) || !strings.Contains(err.Error(), `"Mars/Olympus"`) {
		t.Fatalf("got %v, want an error naming the zone and wrapping ErrUnknownZone", err)
	}
	var n int
	if err := db.Get(&n, `select count(*) from customers`); err != nil || n != 0 {
		t.Errorf("customers: %d rows, %v; want none", n, err)
	}
}
