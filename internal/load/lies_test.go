package load

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/sqltest"
)

// TestInputsThatLie loads values that look right and are not: orders in the
// future, time zones, mixed date formats, customers differing only in case or
// spaces, currency symbols and thousands separators, unknown categories. Each
// row must be rejected with the documented reason or loaded as the documented
// normalized value (docs/loading.md; the cases are listed in docs/reliability.md).
// Warnings (load_warnings) are checked too: what was normalized or noticed in
// rows that loaded.
func TestInputsThatLie(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 23, 59, 59, 0, time.UTC)
	tests := []struct {
		name  string
		table string
		csv   string
		req   Request
		setup string // categories.csv loaded (appended) before the case, when set
		rows  []lieRow
		// warnings: "column value (rows): warning" for every load_warnings row of the load.
		warnings []string
	}{
		{
			name:  "orders in the future",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"f1,C001,2027-01-01 00:00:00,10\n" +
				"f2,C001,2026-06-30 23:59:59,10\n" +
				"f3,C001,2026-07-01,10\n",
			rows: []lieRow{
				{"f1", "reject: is after the as-of 2026-06-30 23:59:59"},
				{"f2", "order_ts=2026-06-30 23:59:59"},
				{"f3", "reject: is after the as-of 2026-06-30 23:59:59"},
			},
		},
		{
			name:  "birth date in the future",
			table: "customers",
			csv:   "customer_id,birth_date\nb1,2030-01-01\nb2,1980-02-29\n",
			rows: []lieRow{
				{"b1", "reject: is after the as-of 2026-06-30 23:59:59"},
				{"b2", "birth_date=1980-02-29"},
			},
		},
		{
			name:  "timestamps with mixed time zones: converted to the load's zone",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"z1,C001,2026-03-14T10:22:00Z,10\n" +
				"z2,C001,2026-03-14 10:22:00+02:00,10\n" +
				"z3,C001,2026-03-14T10:22:00-0500,10\n" +
				"z4,C001,2026-03-14 10:22:00 CET,10\n" +
				"z5,C001,2026-03-14 10:22:00 America/New_York,10\n" +
				"z6,C001,2026-06-01 09:00:00Z,10\n" + // summer time in Berlin
				"z7,C001,2026-03-14 10:22:00.5+01,10\n" +
				"z8,C001,2026-03-14 10:22:00,10\n" + // no zone: local time, as written
				"z9,C001,2026-03-29 02:30:00,10\n" + // no zone, in Berlin's spring-forward gap: still as written
				"z10,C001,2026-03-14 10:22:00 Mars/Olympus,10\n" +
				"z11,C001,2026-06-30 23:30:00+00:00,10\n" + // 01:30 on 1 July in Berlin: after the as-of
				"z12,C001,2026-06-01 09:00Z,10\n", // DuckDB needs seconds before an offset
			req: Request{TimeZone: "Europe/Berlin"},
			rows: []lieRow{
				{"z1", "order_ts=2026-03-14 11:22:00"},
				{"z2", "order_ts=2026-03-14 09:22:00"},
				{"z3", "order_ts=2026-03-14 16:22:00"},
				{"z4", "order_ts=2026-03-14 10:22:00"},
				{"z5", "order_ts=2026-03-14 15:22:00"}, // New York is on summer time from 8 March 2026
				{"z6", "order_ts=2026-06-01 11:00:00"},
				{"z7", "order_ts=2026-03-14 10:22:00.5"},
				{"z8", "order_ts=2026-03-14 10:22:00"},
				{"z9", "order_ts=2026-03-29 02:30:00"},
				{"z10", "reject: is not a timestamp"},
				{"z11", "reject: is after the as-of 2026-06-30 23:59:59"},
				{"z12", "reject: is not a timestamp"},
			},
		},
		{
			name:  "timestamps with time zones, default zone (DuckDB's TimeZone, UTC in tests)",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"u1,C001,2026-03-14T10:22:00Z,10\nu2,C001,2026-03-14 10:22:00+02:00,10\nu3,C001,2026-03-14 10:22:00,10\n",
			rows: []lieRow{
				{"u1", "order_ts=2026-03-14 10:22:00"},
				{"u2", "order_ts=2026-03-14 08:22:00"},
				{"u3", "order_ts=2026-03-14 10:22:00"},
			},
		},
		{
			name:  "mixed date formats without --date-format: ISO only",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"m1,C001,2026-03-14,1\nm2,C001,14.03.2026,1\nm3,C001,03/14/2026,1\nm4,C001,2026-03-14T10:22,1\n",
			rows: []lieRow{
				{"m1", "order_ts=2026-03-14 00:00:00"},
				{"m2", "reject: is not a timestamp"},
				{"m3", "reject: is not a timestamp"},
				{"m4", "order_ts=2026-03-14 10:22:00"},
			},
		},
		{
			name:  "mixed date formats with --date-format: that format, then ISO",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"d1,C001,2026-03-14,1\nd2,C001,14.03.2026,1\nd3,C001,03/14/2026,1\nd4,C001,01.02.2026,1\n",
			req: Request{DateFormat: "%d.%m.%Y"},
			rows: []lieRow{
				{"d1", "order_ts=2026-03-14 00:00:00"},
				{"d2", "order_ts=2026-03-14 00:00:00"},
				{"d3", "reject: is not a timestamp"},
				{"d4", "order_ts=2026-02-01 00:00:00"}, // day first, as the format says
			},
		},
		{
			name:  "duplicate customers differing in spaces or case",
			table: "customers",
			csv:   "customer_id,name\nK1,first\n K1 ,spaces\nk1,lower case\n",
			rows: []lieRow{
				{"K1", "name=first"},
				{" K1 ", "reject: duplicate customer_id: first seen in row 1"},
				// ids are case-sensitive: k1 is another customer, with a warning
				{"k1", "name=lower case"},
			},
			warnings: []string{
				"customer_id K1 (1): differs only in case from k1: ids are case-sensitive, so these are different customers",
				"customer_id k1 (1): differs only in case from K1: ids are case-sensitive, so these are different customers",
			},
		},
		{
			name:  "a customer differing in case from one already loaded",
			table: "customers",
			csv:   "customer_id,name\nc001,lower\nC002,other\n",
			rows: []lieRow{
				{"c001", "name=lower"},
				{"C002", "name=other"},
			},
			warnings: []string{
				"customer_id c001 (1): differs only in case from C001: ids are case-sensitive, so these are different customers",
			},
		},
		{
			name:  "orders name customers with spaces: trimmed",
			table: "orders",
			csv:   "order_id,customer_id,order_ts,amount\n s1 , C001 ,2026-01-01,1\ns2,c001,2026-01-01,1\n",
			rows: []lieRow{
				{"s1", "customer_id=C001"},
				{"s2", "reject: unknown customer_id: not in customers (but C001 is: ids are case-sensitive)"}, // case matters
			},
		},
		{
			name:  "currency symbols and thousands separators",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount\n" +
				"a1,C001,2026-01-01,$1234.50\na2,C001,2026-01-01,\"1,234.50\"\na3,C001,2026-01-01,€12\n" +
				"a4,C001,2026-01-01,12 EUR\na5,C001,2026-01-01,1 234.50\na6,C001,2026-01-01,-$5\na7,C001,2026-01-01, 1234.5 \n",
			rows: []lieRow{
				{"a1", "reject: is not a number"},
				{"a2", "reject: is not a number"},
				{"a3", "reject: is not a number"},
				{"a4", "reject: is not a number"},
				{"a5", "reject: is not a number"},
				{"a6", "reject: is not a number"},
				{"a7", "amount=1234.50"},
			},
		},
		{
			name:  "thousands separators with --decimal-comma",
			table: "orders",
			csv: "order_id;customer_id;order_ts;amount\n" +
				"c1;C001;2026-01-01;1.234,50\nc2;C001;2026-01-01;1 234,50\nc3;C001;2026-01-01;12,5\nc4;C001;2026-01-01;€ 1.234,50\n" +
				"c5;C001;2026-01-01;1,234.50\nc6;C001;2026-01-01;-1.234.567,5\nc7;C001;2026-01-01;12.34,5\n",
			req: Request{DecimalComma: true},
			rows: []lieRow{
				{"c1", "amount=1234.50"},
				{"c2", "amount=1234.50"},
				{"c3", "amount=12.50"},
				{"c4", "reject: is not a number"},
				// A US-formatted amount under --decimal-comma is rejected, not read as 1.23.
				{"c5", "reject: is not a number"},
				{"c6", "amount=-1234567.50"},
				{"c7", "reject: is not a number"},
			},
		},
		{
			name:  "categories not in the categories table",
			table: "orders",
			csv: "order_id,customer_id,order_ts,amount,category\n" +
				"k1,C001,2026-01-01,5,spa\nk2,C001,2026-01-01,5,Maintenance\nk3,C001,2026-01-01,5, maintenance \n" +
				"k4,C001,2026-01-01,5,Vehicle Purchase\nk5,C001,2026-01-01,5,INSURANCE-renewal\nk6,C001,2026-01-01,5,spa\n" +
				"k7,C001,2026-01-01,5,\"parts, tyres\"\nk8,C001,2026-01-01,5,\n",
			rows: []lieRow{
				// unknown: loaded as written (trimmed) and counted in load_warnings
				{"k1", "category=spa"},
				// known but for case, spaces, - or _: the categories spelling, with a warning
				{"k2", "category=maintenance"},
				{"k3", "category=maintenance"},
				{"k4", "category=vehicle_purchase"},
				{"k5", "category=insurance_renewal"},
				{"k6", "category=spa"},
				{"k7", "category=parts, tyres"},
				{"k8", "category is NULL"},
			},
			warnings: []string{
				"category INSURANCE-renewal (1): normalized to insurance_renewal, as spelled in categories",
				"category Maintenance (1): normalized to maintenance, as spelled in categories",
				"category Vehicle Purchase (1): normalized to vehicle_purchase, as spelled in categories",
				"category parts, tyres (1): not in categories: loyalty rules count it as essential; add it with custval load categories",
				"category spa (2): not in categories: loyalty rules count it as essential; add it with custval load categories",
			},
		},
		{
			name:  "categories known after --replace of categories in the same database",
			table: "orders",
			csv:   "order_id,customer_id,order_ts,amount,category\nr1,C001,2026-01-01,5,Spa Day\n",
			setup: "category,kind\nspa_day,discretionary\n",
			rows: []lieRow{
				{"r1", "category=spa_day"},
			},
			warnings: []string{"category Spa Day (1): normalized to spa_day, as spelled in categories"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := sqltest.Open(t)
			dir := t.TempDir()
			now := func() time.Time { return fixedNow }
			if tt.setup != "" {
				cats := filepath.Join(dir, "categories.csv")
				if err := os.WriteFile(cats, []byte(tt.setup), 0o644); err != nil {
					t.Fatal(err)
				}
				if _, err := Load(ctx, db, Request{Table: "categories", Files: []string{cats}, now: now}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.table == "orders" || tt.name == "a customer differing in case from one already loaded" {
				cust := filepath.Join(dir, "customers.csv")
				if err := os.WriteFile(cust, []byte("customer_id\nC001\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				if _, err := Load(ctx, db, Request{Table: "customers", Files: []string{cust}, now: now}); err != nil {
					t.Fatal(err)
				}
			}
			file := filepath.Join(dir, tt.table+".csv")
			if err := os.WriteFile(file, []byte(tt.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			req := tt.req
			req.Table, req.Files, req.AsOf, req.now = tt.table, []string{file}, asOf, now
			res, err := Load(ctx, db, req)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if res.Read != int64(len(tt.rows)) || res.Read != res.Loaded+res.Rejected {
				t.Errorf("read %d, loaded %d, rejected %d; want %d rows read", res.Read, res.Loaded, res.Rejected, len(tt.rows))
			}
			key := "order_id"
			if tt.table == "customers" {
				key = "customer_id"
			}
			for i, r := range tt.rows {
				got := lieOutcome(t, db, tt.table, key, r, res.LoadID, int64(i+1))
				if got != r.want {
					t.Errorf("row %d (%s): got %q, want %q", i+1, r.key, got, r.want)
				}
			}
			var warnings []string
			if err := db.Select(&warnings, `select column_name || ' ' || file_value || ' (' || row_count || '): ' || warning
				from load_warnings where load_id = $1 order by all`, res.LoadID); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("load_warnings:\n got %q\nwant %q", warnings, tt.warnings)
			}
			if res.WarningsTotal != int64(len(tt.warnings)) {
				t.Errorf("result counts %d warnings, load_warnings holds %d", res.WarningsTotal, len(tt.warnings))
			}
		})
	}
}

// lieRow is one data row of a case and what must become of it.
type lieRow struct {
	key  string // order_id or customer_id as loaded, or as written for a rejected row
	want string // "col=value" for a loaded row, "reject: reason" for a rejected one
}

// lieOutcome describes what became of data row n: "reject: <reasons>" from
// load_rejects, else "col=value" read back from the table.
func lieOutcome(t *testing.T, db *sqlx.DB, table, key string, r lieRow, loadID, n int64) string {
	t.Helper()
	var reasons sql.NullString
	if err := db.QueryRow(`select string_agg(reason, '; ' order by reason) from load_rejects where load_id = $1 and row_number = $2`,
		loadID, n).Scan(&reasons); err != nil {
		t.Fatal(err)
	}
	if reasons.Valid {
		return "reject: " + reasons.String
	}
	col, _, _ := strings.Cut(strings.TrimSuffix(r.want, " is NULL"), "=")
	if strings.HasPrefix(r.want, "reject:") {
		col = key
	}
	var v sql.NullString
	err := db.QueryRow(`select `+ident(col)+`::varchar from `+ident(table)+` where `+ident(key)+` = $1`, r.key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "not loaded and not rejected"
	}
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid {
		return col + " is NULL"
	}
	return col + "=" + v.String
}
