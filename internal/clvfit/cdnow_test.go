package clvfit

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/jmoiron/sqlx"
)

// cdnowElog finds cdnowElog.csv: $CUSTVAL_CDNOW, else shared/data/cdnow in the
// package directory or any parent. The data is never committed.
func cdnowElog(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("CUSTVAL_CDNOW"); d != "" {
		return filepath.Join(d, "cdnowElog.csv")
	}
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "shared", "data", "cdnow", "cdnowElog.csv")
		if _, err := os.Stat(c); err == nil {
			return c
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	tb.Skip("CDNOW sample not found: set CUSTVAL_CDNOW to the folder holding cdnowElog.csv (see shared/data/cdnow/SOURCE.md)")
	return ""
}

// loadCDNOW loads the CDNOW sample into the contract tables: one customer per
// sampleid, one order per transaction line (dated at midnight, amount = sales).
func loadCDNOW(tb testing.TB, db *sqlx.DB) {
	tb.Helper()
	path := cdnowElog(tb)
	ctx := context.Background()
	for _, q := range []string{
		`create temp table cdnow as
			select row_number() over () as line, sampleid::varchar as customer_id,
				strptime(date::varchar, '%Y%m%d') as order_ts, sales::decimal(18, 2) as amount
			from read_csv($path, header = true, types = {'date': 'VARCHAR'})`,
		`insert into customers (customer_id) select distinct customer_id from cdnow`,
		`insert into orders (order_id, customer_id, order_ts, amount) select line::varchar, customer_id, order_ts, amount from cdnow`,
		`drop table cdnow`,
	} {
		var err error
		if q[:6] == "create" {
			_, err = db.ExecContext(ctx, q, sql.Named("path", path))
		} else {
			_, err = db.ExecContext(ctx, q)
		}
		if err != nil {
			tb.Fatalf("load %s: %v", path, err)
		}
	}
}
