package rfm

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/sql/sqltest"
)

// cdnowFile finds the CDNOW sample (../shared/data/cdnow/cdnowElog.csv next to the repository): $CUSTVAL_CDNOW
// (the file or its directory), else the first shared/data/cdnow found walking up from the test's directory.
func cdnowFile(t *testing.T) string {
	t.Helper()
	if env := os.Getenv("CUSTVAL_CDNOW"); env != "" {
		if st, err := os.Stat(env); err == nil && st.IsDir() {
			env = filepath.Join(env, "cdnowElog.csv")
		}
		if _, err := os.Stat(env); err != nil {
			t.Fatalf("$CUSTVAL_CDNOW=%s: %v", os.Getenv("CUSTVAL_CDNOW"), err)
		}
		return env
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "data", "cdnow", "cdnowElog.csv")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("CDNOW sample not found: no shared/data/cdnow/cdnowElog.csv above the test directory; " +
				"set $CUSTVAL_CDNOW to the file or its directory to run this cross-check")
		}
		dir = parent
	}
}

// parseCents reads a decimal such as "29.33", "59.3" or "0" exactly, without floating point.
func parseCents(s string) (int64, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than 2 decimals", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	if strings.HasPrefix(whole, "-") {
		return w*100 - f, nil
	}
	return w*100 + f, nil
}

// readCDNOW parses the event log in Go: one order per line, customer = masterid, amount = sales.
func readCDNOW(t *testing.T, path string) []refOrder {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "masterid,sampleid,date,cds,sales" {
		t.Fatalf("%s: unexpected header %v", path, recs[0])
	}
	var out []refOrder
	for i, r := range recs[1:] {
		when, err := time.Parse("20060102", r[2])
		if err != nil {
			t.Fatalf("%s: line %d: %v", path, i+2, err)
		}
		cents, err := parseCents(r[4])
		if err != nil {
			t.Fatalf("%s: line %d: sales %v", path, i+2, err)
		}
		out = append(out, refOrder{ID: fmt.Sprintf("cd%d", i+1), Customer: r[0], TS: when, Amount: cents})
	}
	return out
}

// The CDNOW sample: 2,357 customers, 6,919 orders, 1997-01 to 1998-06, with zero-value orders. DuckDB reads the
// CSV itself; the Go reference parses it separately.
func TestRFMMatchesReferenceOnCDNOW(t *testing.T) {
	path := cdnowFile(t)
	db := sqltest.Open(t)
	if _, err := db.ExecContext(context.Background(), `insert into orders (order_id, customer_id, order_ts, amount)
		select 'cd' || row_number() over (), masterid::varchar, strptime(date::varchar, '%Y%m%d'), sales::decimal(18, 2)
		from read_csv($path, header = true, columns = {'masterid': 'bigint', 'sampleid': 'bigint', 'date': 'varchar',
			'cds': 'bigint', 'sales': 'varchar'})`, sql.Named("path", path)); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	orders := readCDNOW(t, path)
	var n int
	if err := db.GetContext(context.Background(), &n, "select count(*) from orders"); err != nil || n != len(orders) {
		t.Fatalf("loaded %d orders (err %v), the file has %d", n, err, len(orders))
	}
	crossCheckDB(t, db, orders, map[string]Options{
		"default":          {},
		"median":           {Statistic: "median"},
		"k3":               {K: 3},
		"k10":              {K: 10},
		"as of 1997-09-30": {AsOf: date("1997-09-30")},
		"last 6 months":    {Months: 6},
		"explicit cuts":    {RCuts: []float64{30, 90, 180, 365}, FCuts: []float64{1, 2, 3, 5}, MCuts: []float64{20, 50, 100, 250}},
	})
}

// The demo data set: a realistic dealer history with refunds and unknown costs, generated inside DuckDB.
func TestRFMMatchesReferenceOnDemoData(t *testing.T) {
	db := sqltest.Open(t)
	if _, err := demo.Generate(context.Background(), db, demo.Options{Customers: 1500, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	orders := readOrders(t, db)
	if len(orders) == 0 {
		t.Fatal("demo generated no orders")
	}
	crossCheckDB(t, db, orders, map[string]Options{
		"default":        {AsOf: demo.DefaultAsOf},
		"median k4":      {AsOf: demo.DefaultAsOf, K: 4, Statistic: "median"},
		"last 12 months": {AsOf: demo.DefaultAsOf, Months: 12},
		"a year earlier": {AsOf: demo.DefaultAsOf.AddDate(-1, 0, 0)},
	})
}
