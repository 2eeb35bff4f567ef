package clvfit

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/sql/sqltest"
)

var (
	cdnowAsOf   = time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)
	fixedFitted = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
)

// round reports whether v rounds to want at the given decimals.
func round(v float64, decimals int) float64 {
	s := math.Pow(10, float64(decimals))
	return math.Round(v*s) / s
}

// The whole DB path on CDNOW: load → clv_summary_v1 → fit → clv_models and clv_holdout, reproducing the published
// figures. BG/NBD: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4 (Fader, Hardie & Lee 2005, §7); Gamma-Gamma:
// p 6.25, q 3.74, γ 15.44 (Fader & Hardie 2013). Calibration 1997-01-01..1997-09-30, holdout to 1998-06-30
// (39 weeks): 1882 actual repeat purchases (FHL 2005; docs/clv.md).
func TestFitCDNOWThroughDatabase(t *testing.T) {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	ctx := context.Background()
	res, err := Run(ctx, db, Options{AsOf: cdnowAsOf, HoldoutMonths: 9, Models: []string{"bgnbd", "gammagamma"}, Now: fixedFitted})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("CDNOW fits did not converge: %v", err)
	}
	if got := res.CalibrationEnd.Format(time.DateOnly); got != "1997-09-30" {
		t.Errorf("calibration end = %s, want 1997-09-30", got)
	}
	if res.HoldoutLength != 39 {
		t.Errorf("holdout length = %v weeks, want 39", res.HoldoutLength)
	}

	type row struct {
		ID            int64   `db:"id"`
		Model         string  `db:"model"`
		Params        string  `db:"params"`
		LogLikelihood float64 `db:"log_likelihood"`
		Customers     int64   `db:"n_customers"`
		Histories     int64   `db:"n_histories"`
		Converged     bool    `db:"converged"`
		Iterations    int     `db:"iterations"`
		CalEnd        string  `db:"calibration_end"`
		AsOf          string  `db:"as_of"`
		Holdout       int     `db:"holdout_months"`
		Fingerprint   string  `db:"data_fingerprint"`
	}
	var rows []row
	if err := db.SelectContext(ctx, &rows, `select id, model, params::varchar as params, log_likelihood, n_customers,
		n_histories, converged, iterations, calibration_end::varchar as calibration_end, as_of::varchar as as_of,
		holdout_months, data_fingerprint from clv_models order by position`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("clv_models has %d rows, want 2", len(rows))
	}
	published := []struct {
		model    string
		params   map[string]float64
		decimals int
		ll       float64 // rounded to 1 dp; NaN: not printed
		n, hist  int64
	}{
		{"bgnbd", map[string]float64{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}, 3, -9582.4, 2357, 1016},
		{"gammagamma", map[string]float64{"p": 6.25, "q": 3.74, "gamma": 15.44}, 2, -4055.9, 946, 760},
	}
	for i, want := range published {
		got := rows[i]
		if got.Model != want.model || !got.Converged || got.Customers != want.n || got.Histories != want.hist ||
			got.CalEnd != "1997-09-30" || got.AsOf != "1998-06-30" || got.Holdout != 9 || got.Iterations == 0 ||
			len(got.Fingerprint) != 64 || got.ID != res.Models[i].ID {
			t.Errorf("clv_models row %d = %+v, want model %s converged, %d customers, %d histories, calibration to 1997-09-30",
				i, got, want.model, want.n, want.hist)
		}
		if round(got.LogLikelihood, 1) != want.ll {
			t.Errorf("%s log-likelihood = %.4f, want %.1f", want.model, got.LogLikelihood, want.ll)
		}
		s, err := clv.ParseStored([]byte(got.Params))
		if err != nil {
			t.Fatalf("%s params %s: %v", want.model, got.Params, err)
		}
		if s.TimeUnit != clv.Week || s.Model != want.model {
			t.Errorf("%s params = %s, want model %s in weeks", want.model, got.Params, want.model)
		}
		for name, v := range want.params {
			if round(s.Params[name], want.decimals) != v {
				t.Errorf("%s %s = %v, published %v", want.model, name, s.Params[name], v)
			}
		}
	}

	var holdout []struct {
		Bucket    string   `db:"bucket"`
		Customers int64    `db:"customers"`
		Actual    float64  `db:"actual"`
		Predicted float64  `db:"predicted"`
		Tracking  *float64 `db:"tracking"`
		Buyers    int64    `db:"buyers"`
		PBuyers   float64  `db:"predicted_buyers"`
	}
	if err := db.SelectContext(ctx, &holdout, `select bucket, customers, actual, predicted, tracking, buyers, predicted_buyers from clv_holdout
		where model_id = $1 order by bucket_order`, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	// docs/clv.md: customers, mean actual purchases and customers who bought per bucket, and BG/NBD's
	// conditional expectation.
	wantBuckets := []struct {
		bucket            string
		customers, buyers int64
		actual, predict   float64 // per customer, 3 dp
	}{
		{"0", 1411, 193, 0.237, 0.225}, {"1", 439, 157, 0.697, 0.523}, {"2", 214, 125, 1.393, 1.044},
		{"3", 100, 59, 1.560, 1.520}, {"4", 62, 49, 2.532, 2.164}, {"5", 38, 26, 2.947, 2.654},
		{"6", 29, 19, 3.862, 3.504}, {"7+", 64, 56, 6.359, 6.157},
	}
	if len(holdout) != len(wantBuckets)+1 {
		t.Fatalf("clv_holdout has %d rows for bgnbd, want %d", len(holdout), len(wantBuckets)+1)
	}
	for i, w := range wantBuckets {
		g := holdout[i]
		n := float64(g.Customers)
		if g.Bucket != w.bucket || g.Customers != w.customers || round(g.Actual/n, 3) != w.actual ||
			round(g.Predicted/n, 3) != w.predict || g.Tracking != nil || g.Buyers != w.buyers ||
			!(g.PBuyers > 0 && g.PBuyers < n) {
			t.Errorf("bucket %d = %s: %d customers, actual %.3f, predicted %.3f each, %d buyers (Σ P %.1f); want %s: %d, %.3f, %.3f, %d",
				i, g.Bucket, g.Customers, g.Actual/n, g.Predicted/n, g.Buyers, g.PBuyers, w.bucket, w.customers, w.actual, w.predict, w.buyers)
		}
	}
	total := holdout[len(holdout)-1]
	if total.Bucket != "total" || total.Customers != 2357 || total.Actual != 1882 || round(total.Predicted, 1) != 1653.4 ||
		total.Tracking == nil || total.Buyers != 684 || round(total.PBuyers, 1) != 617.0 {
		t.Errorf("total = %+v, want 2357 customers, 1882 actual, 1653.4 predicted, a tracking forecast, 684 buyers, 617.0 expected", total)
	}
}

// checkHoldout on distinct histories equals clv.CheckHoldout on one row per customer.
func TestHoldoutMatchesCheckHoldout(t *testing.T) {
	db := sqltest.Open(t)
	loadCDNOW(t, db)
	opts := Options{AsOf: cdnowAsOf, HoldoutMonths: 9}.withDefaults()
	cal := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	hs, _, err := readInputs(context.Background(), db, opts, cal, false)
	if err != nil {
		t.Fatal(err)
	}
	m := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	got := checkHoldout(m, hs, 39)
	var cs []clv.Customer
	var actual []float64
	for _, r := range sqlSummary(t, db, "1997-09-30", clv.Week, "1998-06-30") {
		cs = append(cs, clv.Customer{X: r.X, TX: r.TX, T: r.T})
		actual = append(actual, r.Holdout.Float64)
	}
	want, err := clv.CheckHoldout(m, cs, actual, 39, HoldoutTop)
	if err != nil {
		t.Fatal(err)
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	if !close(got.Actual, want.Actual) || !close(got.Predicted, want.Predicted) || !close(got.Tracking, want.Tracking) ||
		!close(got.Buyers, want.Buyers) || !close(got.PredictedBuyers, want.PredictedBuyers) {
		t.Errorf("totals: got actual %v predicted %v tracking %v buyers %v (Σ P %v), clv.CheckHoldout %v %v %v %v (%v)",
			got.Actual, got.Predicted, got.Tracking, got.Buyers, got.PredictedBuyers,
			want.Actual, want.Predicted, want.Tracking, want.Buyers, want.PredictedBuyers)
	}
	for i := range want.Rows {
		g, w := got.Rows[i], want.Rows[i]
		if g.X != w.X || g.OrMore != w.OrMore || !close(g.Customers, w.Customers) || !close(g.Actual, w.Actual) || !close(g.Predicted, w.Predicted) ||
			!close(g.Buyers, w.Buyers) || !close(g.PredictedBuyers, w.PredictedBuyers) {
			t.Errorf("bucket %d: got %+v, clv.CheckHoldout %+v", i, g, w)
		}
	}
}

// A fit that does not converge is stored with converged = false, reported by Err, and never used.
func TestNonConvergedFitIsStoredButNeverUsed(t *testing.T) {
	db := sqltest.Open(t)
	ctx := context.Background()
	// Every customer buys exactly once: nothing identifies the dropout process.
	if _, err := db.ExecContext(ctx, `insert into customers (customer_id) select 'c' || i from range(200) t(i);
		insert into orders (order_id, customer_id, order_ts, amount)
		select 'o' || i, 'c' || i, timestamp '2026-01-01' + to_days((i % 90)::integer), 10 from range(200) t(i)`); err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Models: []string{"bgnbd"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err == nil || !errors.Is(err, clv.ErrNotConverged) {
		t.Fatalf("Err() = %v, want ErrNotConverged", err)
	}
	var converged []bool
	if err := db.SelectContext(ctx, &converged, `select converged from clv_models`); err != nil {
		t.Fatal(err)
	}
	if len(converged) != 1 || converged[0] {
		t.Errorf("clv_models converged = %v, want one row, false", converged)
	}
	var v float64
	err = db.GetContext(ctx, &v, `select clv_p_alive(1, 1, 2)`)
	if err == nil || !contains(err.Error(), "no converged purchase model") {
		t.Errorf("clv_p_alive with only a non-converged model: err = %v, want 'no converged purchase model'", err)
	}
}

func TestOptionsValidate(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		opts Options
		want string // substring of the error; "" for none
	}{
		{"defaults", Options{AsOf: asOf}, ""},
		{"no as-of", Options{}, "as-of date is required"},
		{"unit", Options{AsOf: asOf, TimeUnit: "month"}, `time unit "month"`},
		{"holdout", Options{AsOf: asOf, HoldoutMonths: -1}, "must be >= 0"},
		{"model", Options{AsOf: asOf, Models: []string{"bgnbd", "nbd"}}, `model "nbd": unknown clv model`},
		{"twice", Options{AsOf: asOf, Models: []string{"bgnbd", "bgnbd"}}, "given twice"},
		{"start", Options{AsOf: asOf, CalibrationStart: asOf}, "must be before as-of"},
	}
	for _, tt := range tests {
		err := tt.opts.Validate()
		if (tt.want == "") != (err == nil) || (err != nil && !contains(err.Error(), tt.want)) {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.want)
		}
	}
}
