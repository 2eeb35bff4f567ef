package clvfit

import (
	"context"
	"database/sql"
	"math"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/sql/sqltest"
)

// summaryRow is one row of clv_summary_v1.
type summaryRow struct {
	CustomerID string          `db:"customer_id"`
	X          float64         `db:"x"`
	TX         float64         `db:"t_x"`
	T          float64         `db:"T"`
	MX         float64         `db:"m_x"`
	Holdout    sql.NullFloat64 `db:"holdout_purchases"`
}

func sqlSummary(t *testing.T, db *sqlx.DB, asOf string, unit clv.TimeUnit, holdoutEnd any) map[string]summaryRow {
	t.Helper()
	var rows []summaryRow
	if err := db.SelectContext(context.Background(), &rows,
		`select customer_id, x::double as x, t_x, "T", m_x, holdout_purchases::double as holdout_purchases
		from clv_summary_v1($as_of::date, time_unit := $unit, holdout_end := $holdout_end::date)`,
		sql.Named("as_of", asOf), sql.Named("unit", string(unit)), sql.Named("holdout_end", holdoutEnd)); err != nil {
		t.Fatalf("clv_summary_v1(%s, %s): %v", asOf, unit, err)
	}
	out := make(map[string]summaryRow, len(rows))
	for _, r := range rows {
		out[r.CustomerID] = r
	}
	return out
}

// goSummary applies clv.Summarize, the reference, to every customer's order lines.
func goSummary(t *testing.T, db *sqlx.DB, asOf string, unit clv.TimeUnit, holdoutDays int) map[string]summaryRow {
	t.Helper()
	var lines []struct {
		CustomerID string    `db:"customer_id"`
		OrderTS    time.Time `db:"order_ts"`
		Amount     float64   `db:"amount"`
	}
	if err := db.SelectContext(context.Background(), &lines,
		`select customer_id, order_ts, amount::double as amount from orders order by customer_id, order_ts, order_id`); err != nil {
		t.Fatal(err)
	}
	byCustomer := map[string][]clv.Purchase{}
	for _, l := range lines {
		byCustomer[l.CustomerID] = append(byCustomer[l.CustomerID], clv.Purchase{Day: l.OrderTS, Amount: l.Amount})
	}
	end, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]summaryRow{}
	for id, ps := range byCustomer {
		c, holdout, ok, err := clv.Summarize(ps, end, unit, holdoutDays)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			out[id] = summaryRow{CustomerID: id, X: c.X, TX: c.TX, T: c.T, MX: c.MX, Holdout: sql.NullFloat64{Float64: holdout, Valid: true}}
		}
	}
	return out
}

// compareSummaries checks the SQL summary equals clv.Summarize customer by
// customer: x, t_x and T exactly, m_x to 1e-9 relative (SQL sums exact decimals,
// Go sums float64s), and the holdout purchase days when asked for.
func compareSummaries(t *testing.T, got, want map[string]summaryRow, holdout bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("clv_summary_v1 has %d customers, clv.Summarize %d", len(got), len(want))
	}
	bad := 0
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("customer %s: missing from clv_summary_v1", id)
			continue
		}
		if g.X != w.X || g.TX != w.TX || g.T != w.T || math.Abs(g.MX-w.MX) > 1e-9*math.Max(1, w.MX) ||
			(holdout && g.Holdout.Float64 != w.Holdout.Float64) || holdout != g.Holdout.Valid {
			if bad++; bad <= 10 {
				t.Errorf("customer %s: clv_summary_v1 x=%v t_x=%v T=%v m_x=%v holdout=%v; clv.Summarize x=%v t_x=%v T=%v m_x=%v holdout=%v",
					id, g.X, g.TX, g.T, g.MX, g.Holdout, w.X, w.TX, w.T, w.MX, w.Holdout.Float64)
			}
		}
	}
}

func TestSummaryMatchesGoOnCDNOW(t *testing.T) {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	// Calibration to 1997-09-30, holdout to 1998-06-30 (273 days = 39 weeks), as in the papers.
	for _, unit := range []clv.TimeUnit{clv.Week, clv.Day} {
		got := sqlSummary(t, db, "1997-09-30", unit, "1998-06-30")
		want := goSummary(t, db, "1997-09-30", unit, 273)
		if len(want) != 2357 {
			t.Fatalf("clv.Summarize gives %d CDNOW customers, want 2357", len(want))
		}
		compareSummaries(t, got, want, true)
	}
	compareSummaries(t, sqlSummary(t, db, "1998-06-30", clv.Week, nil), goSummary(t, db, "1998-06-30", clv.Week, 0), false)
}

// fixtureOrders exercises the policy: refunds, zero-value orders, same-day duplicates, refund-only days, a refund
// before the first purchase, a customer whose purchases all come after as_of, and a refund-only customer.
const fixtureOrders = `insert into orders (order_id, customer_id, order_ts, amount, cost) values
	('a1', 'a', '2026-01-05 09:00', 100.00, 60.00),
	('a2', 'a', '2026-01-05 17:30', 20.00, 10.00),   -- same day as a1: one purchase
	('a3', 'a', '2026-01-19 10:00', 50.00, 30.00),
	('a4', 'a', '2026-01-19 11:00', 50.00, 30.00),   -- same-day duplicate
	('a5', 'a', '2026-02-02 12:00', -30.00, -18.00), -- refund-only day: not a purchase, lowers m_x
	('a6', 'a', '2026-03-02 12:00', 0.00, 0.00),     -- zero-value order: a purchase
	('b1', 'b', '2026-01-01 08:00', -10.00, null),   -- refund before the first purchase: does not start the clock
	('b2', 'b', '2026-01-08 08:00', 40.00, null),
	('b3', 'b', '2026-01-22 08:00', 10.00, null),
	('b4', 'b', '2026-01-22 09:00', -25.00, null),   -- refund on a purchase day: still a purchase day
	('b5', 'b', '2026-04-01 08:00', 80.00, null),    -- after as_of: holdout
	('c1', 'c', '2026-02-01 08:00', 70.00, 35.00),   -- one purchase: x = 0
	('d1', 'd', '2026-04-10 08:00', 30.00, null),    -- first purchase after as_of: not in the summary
	('e1', 'e', '2026-02-10 08:00', -15.00, null),   -- only refunds: not in the summary
	('f1', 'f', '2026-01-10 08:00', 10.00, 5.00),
	('f2', 'f', '2026-02-10 08:00', -50.00, -25.00), -- refunds exceed repeat spend: m_x floored at 0
	('f3', 'f', '2026-02-11 08:00', 5.00, 2.00)`

func openFixture(t *testing.T) *sqlx.DB {
	t.Helper()
	db := sqltest.Open(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `insert into customers (customer_id) values ('a'), ('b'), ('c'), ('d'), ('e'), ('f')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, fixtureOrders); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSummaryMatchesGoOnFixture(t *testing.T) {
	db := openFixture(t)
	for _, unit := range []clv.TimeUnit{clv.Week, clv.Day} {
		got := sqlSummary(t, db, "2026-03-31", unit, "2026-06-30")
		compareSummaries(t, got, goSummary(t, db, "2026-03-31", unit, 91), true)
	}
	// The policy by hand, in days as of 2026-03-31.
	want := map[string]summaryRow{
		"a": {X: 2, TX: 56, T: 85, MX: (100 - 30 + 0) / 2.0, Holdout: sql.NullFloat64{Valid: true}},
		"b": {X: 1, TX: 14, T: 82, MX: 0, Holdout: sql.NullFloat64{Float64: 1, Valid: true}}, // 10 − 25 nets to −15: floored
		"c": {X: 0, TX: 0, T: 58, MX: 0, Holdout: sql.NullFloat64{Valid: true}},
		"f": {X: 1, TX: 32, T: 80, MX: 0, Holdout: sql.NullFloat64{Valid: true}},
	}
	got := sqlSummary(t, db, "2026-03-31", clv.Day, "2026-06-30")
	for id := range want {
		w := want[id]
		w.CustomerID = id
		want[id] = w
	}
	compareSummaries(t, got, want, true)
}

func TestSummaryRejectsUnknownUnit(t *testing.T) {
	db := openFixture(t)
	var n int
	err := db.GetContext(context.Background(), &n, `select count(*) from clv_summary_v1(date '2026-03-31', time_unit := 'month')`)
	if err == nil || !contains(err.Error(), "time_unit must be 'week' or 'day', got 'month'") {
		t.Errorf("time_unit 'month': err = %v, want the time_unit message", err)
	}
}
