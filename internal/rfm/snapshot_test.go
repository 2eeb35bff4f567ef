package rfm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/render"
	"github.com/custval/custval/sql/sqltest"
)

type snapshotCount struct {
	AsOf      time.Time `db:"as_of"`
	Rows      int64     `db:"rows"`
	Customers int64     `db:"customers"`
	MaxR      int64     `db:"max_r"`
}

func snapshotCounts(t *testing.T, db interface {
	SelectContext(context.Context, any, string, ...any) error
}) map[string]snapshotCount {
	t.Helper()
	var rows []snapshotCount
	if err := db.SelectContext(context.Background(), &rows, `select as_of, count(*) as rows,
		count(distinct customer_id) as customers, max(r_score) as max_r
		from score_snapshots where model_version = 'rfm_v1' group by as_of order by as_of`); err != nil {
		t.Fatal(err)
	}
	out := map[string]snapshotCount{}
	for _, r := range rows {
		out[r.AsOf.Format(time.DateOnly)] = r
	}
	return out
}

// checkSnapshotRun fails t unless the snapshot of day holds customers rows, one per customer, all from the run
// scored with k bins, and the run record says so.
func checkSnapshotRun(t *testing.T, db *sqlx.DB, day string, customers int64, k int) {
	t.Helper()
	got := snapshotCounts(t, db)[day]
	var params string
	if err := db.GetContext(context.Background(), &params,
		`select parameters from score_snapshot_runs where as_of = $1::date`, day); err != nil {
		t.Fatal(err)
	}
	if got.Rows != customers || got.Customers != got.Rows || got.MaxR != int64(k) ||
		!strings.Contains(params, fmt.Sprintf(`"k":%d`, k)) {
		t.Errorf("snapshot of %s is %+v with run %s, want %d customers from the run with k=%d", day, got, params, customers, k)
	}
}

func TestScoreReplacesOneDayAndKeepsOthers(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(200, 9))

	first, err := Score(ctx, db, Options{AsOf: date("2026-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	if first.Customers == 0 || first.Replaced != 0 {
		t.Fatalf("first run = %+v, want customers and nothing replaced", first)
	}
	if _, err := Score(ctx, db, Options{AsOf: date("2025-12-31")}); err != nil {
		t.Fatal(err)
	}
	again, err := Score(ctx, db, Options{AsOf: date("2026-06-30"), K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if again.Replaced != first.Customers || again.Customers != first.Customers {
		t.Errorf("re-run = %+v, want %d rows replaced by %d", again, first.Customers, first.Customers)
	}
	counts := snapshotCounts(t, db)
	if len(counts) != 2 {
		t.Fatalf("snapshots = %+v, want two days", counts)
	}
	june := counts["2026-06-30"]
	if june.Rows != first.Customers || june.Customers != june.Rows || june.MaxR != 3 {
		t.Errorf("2026-06-30 snapshot = %+v, want %d distinct customers scored with k=3", june, first.Customers)
	}
	if dec := counts["2025-12-31"]; dec.Rows == 0 || dec.MaxR != 5 {
		t.Errorf("2025-12-31 snapshot = %+v, want it kept as scored (k=5)", dec)
	}

	// The snapshot holds exactly what rfm_v1 returns.
	var diff int
	cols := "customer_id, as_of, recency_days, frequency, monetary, margin, first_order_on, last_order_on, tenure_days, " +
		"r_score, f_score, m_score, rfm_cell, segment_8, segment_8_zh, segment_named, segment"
	snap := "select " + cols + " from score_snapshots where as_of = date '2026-06-30' and model_version = 'rfm_v1'"
	macro := "select " + cols + " from rfm_v1(date '2026-06-30', k := 3)"
	if err := db.GetContext(ctx, &diff, "select count(*) from (("+snap+" except all "+macro+") union all ("+
		macro+" except all "+snap+"))"); err != nil {
		t.Fatal(err)
	}
	if diff != 0 {
		t.Errorf("%d rows differ between the snapshot and rfm_v1", diff)
	}

	var runs []struct {
		AsOf       time.Time `db:"as_of"`
		Parameters string    `db:"parameters"`
		Customers  int64     `db:"customers"`
	}
	if err := db.SelectContext(ctx, &runs, `select as_of, parameters, customers from score_snapshot_runs order by as_of`); err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || !strings.Contains(runs[1].Parameters, `"k":3`) || runs[1].Customers != again.Customers {
		t.Errorf("runs = %+v, want one per day, the June one with k=3", runs)
	}
}

// A run that fails after removing the old rows rolls back: the earlier snapshot and its run record stay.
func TestFailedScoreLeavesEarlierSnapshot(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(100, 4))
	before, err := Score(ctx, db, Options{AsOf: date("2026-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	// Monetary beyond DECIMAL(18,2) fails inside the insert, after the delete ran.
	loadOrders(t, db, []refOrder{
		{ID: "huge1", Customer: "whale", TS: date("2026-06-01"), Amount: 600_000_000_000_000_000},
		{ID: "huge2", Customer: "whale", TS: date("2026-06-02"), Amount: 600_000_000_000_000_000},
	})
	_, err = Score(ctx, db, Options{AsOf: date("2026-06-30"), K: 3})
	if err == nil {
		t.Fatal("Score succeeded; want the overflow to fail it")
	}
	if !strings.Contains(err.Error(), "write scores") {
		t.Errorf("error = %v, want it to say the write failed", err)
	}
	checkSnapshotRun(t, db, "2026-06-30", before.Customers, 5) // the earlier run's rows and record
}

// Extensions run inside Score's transaction: their rows are reported, and one that
// fails rolls back the whole snapshot, RFM rows included.
func TestExtensionsShareTheSnapshotTransaction(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(100, 4))
	before, err := Score(ctx, db, Options{AsOf: date("2026-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	count := Extension{Name: "count", Add: func(ctx context.Context, tx *sqlx.Tx, asOf time.Time, version string) (int64, error) {
		var n int64
		err := tx.GetContext(ctx, &n, `select count(*) from score_snapshots where as_of = $1 and model_version = $2`, asOf, version)
		return n, err
	}}
	run, err := Score(ctx, db, Options{AsOf: date("2026-06-30")}, count)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Extended) != 1 || run.Extended[0].Rows != run.Customers {
		t.Errorf("Extended = %+v, want the extension to see the %d new rows inside the transaction", run.Extended, run.Customers)
	}
	boom := errors.New("boom")
	failing := Extension{Name: "failing", Add: func(context.Context, *sqlx.Tx, time.Time, string) (int64, error) { return 0, boom }}
	if _, err := Score(ctx, db, Options{AsOf: date("2026-06-30"), K: 3}, count, failing); !errors.Is(err, boom) {
		t.Fatalf("Score with a failing extension: err = %v, want boom", err)
	}
	checkSnapshotRun(t, db, "2026-06-30", before.Customers, 5) // the earlier run's rows and record
}

// An interrupted run (context cancelled at some point) leaves either the complete new snapshot or the old one.
func TestInterruptedScoreIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(3000, 8))
	before, err := Score(ctx, db, Options{AsOf: date("2026-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	// The sweep lands the cancellation on every statement of the run, BEGIN included: a cancelled BEGIN
	// once left the pooled connection inside an aborted transaction (see internal/txn).
	var sweep []time.Duration
	for after := time.Duration(0); after < 500*time.Microsecond; after += 5 * time.Microsecond {
		sweep = append(sweep, after)
	}
	for after := 500 * time.Microsecond; after <= 20*time.Millisecond; after += 500 * time.Microsecond {
		sweep = append(sweep, after)
	}
	for _, after := range sweep {
		cctx, cancel := context.WithTimeout(ctx, after)
		_, err := Score(cctx, db, Options{AsOf: date("2026-06-30"), K: 3})
		cancel()
		got := snapshotCounts(t, db)["2026-06-30"]
		var params string
		if err := db.GetContext(ctx, &params, `select parameters from score_snapshot_runs where as_of = date '2026-06-30'`); err != nil {
			t.Fatal(err)
		}
		newRun := strings.Contains(params, `"k":3`)
		if got.Rows != before.Customers || got.Customers != got.Rows || (got.MaxR == 3) != newRun {
			t.Errorf("cancelled after %v (err %v): snapshot %+v with run %s; want %d rows all from one run",
				after, err, got, params, before.Customers)
		}
		if err != nil && !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "nterrupt") {
			t.Logf("cancelled after %v: %v", after, err)
		}
	}
}

func TestScoreWithoutOrders(t *testing.T) {
	db := sqltest.Open(t)
	_, err := Score(context.Background(), db, Options{})
	if !errors.Is(err, ErrNoOrders) {
		t.Errorf("Score on an empty database: err = %v, want ErrNoOrders", err)
	}
}

// The summary printed after scoring, read from the snapshot, equals rfm_segment_summary_v1 computed from orders.
func TestSnapshotSummaryMatchesMacro(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(400, 6))
	opts := Options{AsOf: date("2026-06-30"), K: 4, Statistic: "median"}
	if _, err := Score(ctx, db, opts); err != nil {
		t.Fatal(err)
	}
	fromSnapshot, err := SnapshotSummary(ctx, db, opts.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `from rfm_segment_summary_v1(date '2026-06-30', k := 4, statistic := 'median')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	fromMacro, err := readResult(rows)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := render.WriteCSV(&a, fromSnapshot.Source()); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteCSV(&b, fromMacro.Source()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("summary from the snapshot:\n%s\nfrom rfm_segment_summary_v1:\n%s", a.String(), b.String())
	}
	if n := len(fromSnapshot.Rows); n < 4 {
		t.Errorf("summary has %d rows, want segments of both schemes", n)
	}
	// Shares add up to one per scheme.
	sums := map[string]float64{}
	for _, r := range fromSnapshot.Rows {
		sums[r[1].(string)] += r[5].(float64)
	}
	for scheme, s := range sums {
		if s < 0.999999 || s > 1.000001 {
			t.Errorf("%s customer shares add up to %v", scheme, s)
		}
	}
}

func TestThresholdsExplainEveryScore(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(500, 11))
	q, err := os.ReadFile("testdata/thresholds_explain.sql")
	if err != nil {
		t.Fatal(err)
	}
	var failing []struct {
		Customer  string   `db:"customer_id"`
		Dimension string   `db:"dimension"`
		Value     *float64 `db:"value"`
		Score     int64    `db:"score"`
		Lower     *float64 `db:"lower_bound"`
		Upper     *float64 `db:"upper_bound"`
	}
	if err := db.SelectContext(ctx, &failing, string(q)); err != nil {
		t.Fatal(err)
	}
	for i, f := range failing {
		if i == 10 {
			t.Errorf("... %d in all", len(failing))
			break
		}
		t.Errorf("customer %s: %s %v has score %d outside its bounds (%v, %v]", f.Customer, f.Dimension, f.Value, f.Score, f.Lower, f.Upper)
	}
	var total, counted int64
	if err := db.GetContext(ctx, &total, `select 3 * count(*) from rfm_v1(date '2026-06-30', k := 4)`); err != nil {
		t.Fatal(err)
	}
	if err := db.GetContext(ctx, &counted, `select sum(customers) from rfm_thresholds_v1(date '2026-06-30', k := 4)`); err != nil {
		t.Fatal(err)
	}
	if total != counted {
		t.Errorf("rfm_thresholds_v1 counts %d customer-scores, rfm_v1 has %d", counted, total)
	}
}

// The pointers return exactly what their versions return.
func TestPointersFollowV1(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	loadOrders(t, db, varied(150, 12))
	for _, pair := range [][2]string{
		{"rfm(date '2026-06-30', k := 4)", "rfm_v1(date '2026-06-30', k := 4)"},
		{"rfm_thresholds(months := 12)", "rfm_thresholds_v1(months := 12)"},
		{"rfm_segment_summary(statistic := 'median')", "rfm_segment_summary_v1(statistic := 'median')"},
	} {
		var n int
		q := "select count(*) from ((from " + pair[0] + " except all from " + pair[1] + ") union all (from " +
			pair[1] + " except all from " + pair[0] + "))"
		if err := db.GetContext(ctx, &n, q); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s and %s differ in %d rows", pair[0], pair[1], n)
		}
	}
}
