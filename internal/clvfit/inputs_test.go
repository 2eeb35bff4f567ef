package clvfit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/sql/sqltest"
)

// TestReadInputsMatchesCollapse: inputs.sql, which computes the summary its
// own faster way, gives the same distinct histories (with holdout purchases)
// and spend rows, in the same order and to the bit, as clv.Collapse and
// clv.CollapseSpend on the per-customer rows of clv_summary_v1.
func TestReadInputsMatchesCollapse(t *testing.T) {
	cases := []struct {
		name, calibrationEnd, asOf string
		holdoutMonths              int
		start                      string // calibration start, or ""
		load                       func(t *testing.T) *sqlx.DB
	}{
		{"cdnow with holdout", "1997-09-30", "1998-06-30", 9, "", cdnowDB},
		{"cdnow", "1998-06-30", "1998-06-30", 0, "", cdnowDB},
		{"cdnow from 1997-02-15", "1997-09-30", "1998-06-30", 9, "1997-02-15", cdnowDB},
		{"fixture with holdout", "2026-03-31", "2026-06-30", 3, "", openFixture},
		{"fixture from 2026-01-06", "2026-03-31", "2026-06-30", 3, "2026-01-06", openFixture},
		{"refunds before the first purchase", "2026-03-31", "2026-03-31", 0, "", refundsFirstDB},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.load(t)
			asOf, _ := time.Parse(time.DateOnly, tt.asOf)
			cal, _ := time.Parse(time.DateOnly, tt.calibrationEnd)
			for _, unit := range []clv.TimeUnit{clv.Week, clv.Day} {
				opts := Options{AsOf: asOf, HoldoutMonths: tt.holdoutMonths, TimeUnit: unit}.withDefaults()
				if tt.start != "" {
					opts.CalibrationStart, _ = time.Parse(time.DateOnly, tt.start)
				}
				for _, withSpend := range []bool{false, true} {
					hs, spend, err := readInputs(context.Background(), db, opts, cal, withSpend)
					if err != nil {
						t.Fatal(err)
					}
					var holdoutEnd any
					if tt.holdoutMonths > 0 {
						holdoutEnd = tt.asOf
					}
					var cs []clv.Customer
					holdout, buyers := map[[3]float64]float64{}, map[[3]float64]float64{}
					for _, r := range sqlSummaryFrom(t, db, tt.calibrationEnd, unit, holdoutEnd, tt.start) {
						cs = append(cs, clv.Customer{X: r.X, TX: r.TX, T: r.T, MX: r.MX})
						holdout[[3]float64{r.X, r.TX, r.T}] += r.Holdout.Float64
						if r.Holdout.Float64 > 0 {
							buyers[[3]float64{r.X, r.TX, r.T}]++
						}
					}
					var want []history
					for _, h := range clv.Collapse(cs) {
						key := [3]float64{h.X, h.TX, h.T}
						want = append(want, history{h.X, h.TX, h.T, h.Count, holdout[key], buyers[key]})
					}
					if !slices.Equal(hs, want) {
						t.Errorf("%s: histories differ from clv.Collapse: %s", unit, firstDiff(hs, want))
					}
					var wantSpend []clv.Spend
					if withSpend {
						wantSpend = clv.CollapseSpend(cs)
					}
					if !slices.Equal(spend, wantSpend) {
						t.Errorf("%s, with spend %v: spend rows differ from clv.CollapseSpend: %s", unit, withSpend, firstDiff(spend, wantSpend))
					}
				}
			}
		})
	}
}

// sqlSummaryFrom is sqlSummary with a calibration start ("" for none).
func sqlSummaryFrom(t *testing.T, db *sqlx.DB, asOf string, unit clv.TimeUnit, holdoutEnd any, start string) []summaryRow {
	t.Helper()
	var startArg any
	if start != "" {
		startArg = start
	}
	var rows []summaryRow
	if err := db.SelectContext(context.Background(), &rows,
		`select customer_id, x::double as x, t_x, "T", m_x, holdout_purchases::double as holdout_purchases
		from clv_summary_v1($as_of::date, time_unit := $unit, calibration_start := $start::date, holdout_end := $holdout_end::date)`,
		sql.Named("as_of", asOf), sql.Named("unit", string(unit)), sql.Named("start", startArg), sql.Named("holdout_end", holdoutEnd)); err != nil {
		t.Fatalf("clv_summary_v1(%s, %s, from %q): %v", asOf, unit, start, err)
	}
	return rows
}

// refundsFirstDB has customers whose refund-only days before the first
// purchase must not lower the repeat spend (and one after it that must).
func refundsFirstDB(t *testing.T) *sqlx.DB {
	db := sqltest.Open(t)
	if _, err := db.ExecContext(context.Background(), `
		insert into customers (customer_id) values ('g'), ('h');
		insert into orders (order_id, customer_id, order_ts, amount, cost) values
			('g1', 'g', '2026-01-01 08:00', -5.00, null),
			('g2', 'g', '2026-01-03 08:00', -7.50, null),
			('g3', 'g', '2026-01-10 08:00', 20.00, null),
			('g4', 'g', '2026-01-20 08:00', 30.00, null),
			('g5', 'g', '2026-02-20 08:00', 12.25, null),
			('h1', 'h', '2026-01-02 08:00', -9.00, null),
			('h2', 'h', '2026-01-05 08:00', 40.00, null),
			('h3', 'h', '2026-01-09 08:00', -4.00, null),
			('h4', 'h', '2026-03-01 08:00', 16.00, null)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func cdnowDB(t *testing.T) *sqlx.DB {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	return db
}

// firstDiff describes where got and want first differ.
func firstDiff[T comparable](got, want []T) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("got %d rows, want %d", len(got), len(want))
}

// TestFingerprintFormat pins the bytes the fingerprint hashes, so a stored
// fingerprint stays comparable across versions.
func TestFingerprintFormat(t *testing.T) {
	cal := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	opts := Options{TimeUnit: clv.Week}
	hs := []clv.History{{X: 0, TX: 0, T: 38.857142857142854, Count: 1411}, {X: 2, TX: 1.5, T: 1e21, Count: 3}}
	spend := []clv.Spend{{X: 1, MX: 11.77, Count: 2}}
	h := sha256.New()
	fmt.Fprintf(h, "clv_summary_v1 1997-09-30 week \nh 0 0 38.857142857142854 1411\nh 2 1.5 1e+21 3\ns 1 11.77 2\n")
	if got, want := fingerprint(opts, cal, hs, spend), hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("fingerprint = %s, want %s", got, want)
	}
}
