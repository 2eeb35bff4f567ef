package clvfit

import (
	"context"
	"database/sql"
	"math"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/internal/clv"
)

// The published CDNOW parameters, weekly.
const (
	bgParams  = `{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`
	pnParams  = `{"model":"paretonbd","time_unit":"week","params":{"r":0.553,"alpha":10.578,"s":0.606,"beta":11.669}}`
	ggParams  = `{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}`
	dayParams = `{"model":"bgnbd","time_unit":"day","params":{"r":0.243,"alpha":30.898,"a":0.793,"b":2.426}}`
)

var (
	bg = clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	pn = clv.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	gg = clv.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
)

// insertModel stores a model row as custval fit clv would; it returns its id.
func insertModel(t *testing.T, db *sqlx.DB, run int64, position int, model, asOf, params string, converged bool) int64 {
	t.Helper()
	var id int64
	if err := db.GetContext(context.Background(), &id, mustSQL("insert_model.sql"),
		sql.Named("run_id", run), sql.Named("position", position), sql.Named("model", model), sql.Named("as_of", asOf),
		sql.Named("calibration_start", nil), sql.Named("calibration_end", asOf), sql.Named("holdout_months", 0),
		sql.Named("time_unit", "week"), sql.Named("params", params), sql.Named("log_likelihood", -1.0),
		sql.Named("n_customers", 1), sql.Named("n_histories", 1), sql.Named("converged", converged),
		sql.Named("message", "test"), sql.Named("iterations", 1), sql.Named("fitted_at", fixedFitted()),
		sql.Named("data_fingerprint", "test")); err != nil {
		t.Fatal(err)
	}
	return id
}

func queryFloat(t *testing.T, db *sqlx.DB, q string, args ...any) sql.NullFloat64 {
	t.Helper()
	var v sql.NullFloat64
	if err := db.GetContext(context.Background(), &v, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func TestCLVFunctionsRoundTrip(t *testing.T) {
	db := openFixture(t)
	// Run 1: bgnbd + gammagamma; run 2 (later as_of): paretonbd + gammagamma, and a non-converged bgnbd.
	bgID := insertModel(t, db, 1, 1, "bgnbd", "2026-01-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-01-31", ggParams, true)
	pnID := insertModel(t, db, 2, 1, "paretonbd", "2026-02-28", pnParams, true)
	insertModel(t, db, 2, 2, "gammagamma", "2026-02-28", ggParams, true)
	insertModel(t, db, 3, 1, "bgnbd", "2026-03-31", bgParams, false)

	year, _ := clv.HorizonUnits(clv.Week, 12, 0, 0)
	histories := [][3]float64{{0, 0, 38.86}, {2, 30.43, 38.86}, {26, 30.86, 31}, {1, 5, 5}}
	for _, h := range histories {
		x, tx, T := h[0], h[1], h[2]
		args := []any{sql.Named("x", x), sql.Named("tx", tx), sql.Named("T", T), sql.Named("bg", bgParams), sql.Named("pn", pnParams)}
		spend, err := gg.ExpectedSpend(x, 30)
		if err != nil {
			t.Fatal(err)
		}
		value, err := clv.Value(pn, clv.Week, 12, 0.1, x, tx, T, spend)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			q    string
			want float64
		}{
			{`select clv_p_alive_params($bg, $x, $tx, $T)`, bg.PAlive(x, tx, T)},
			{`select clv_p_alive_params($pn, $x, $tx, $T)`, pn.PAlive(x, tx, T)},
			// Latest converged purchase model: run 2's paretonbd (run 3's bgnbd did not converge).
			{`select clv_p_alive($x, $tx, $T)`, pn.PAlive(x, tx, T)},
			{`select clv_p_alive(` + itoa(bgID) + `, $x, $tx, $T)`, bg.PAlive(x, tx, T)},
			{`select clv_p_alive('bgnbd', $x, $tx, $T)`, bg.PAlive(x, tx, T)},
			{`select clv_expected_purchases_params($bg, interval 12 month, $x, $tx, $T)`, bg.ExpectedPurchases(year, x, tx, T)},
			{`select clv_expected_purchases_params($bg, interval 1 year, $x, $tx, $T)`, bg.ExpectedPurchases(year, x, tx, T)},
			{`select clv_expected_purchases_params($bg, interval 273 day, $x, $tx, $T)`, bg.ExpectedPurchases(39, x, tx, T)},
			{`select clv_expected_purchases(interval 12 month, $x, $tx, $T)`, pn.ExpectedPurchases(year, x, tx, T)},
			{`select clv_expected_purchases('bgnbd', interval 12 month, $x, $tx, $T)`, bg.ExpectedPurchases(year, x, tx, T)},
			{`select clv_p_purchase_params($bg, interval 12 month, $x, $tx, $T)`, bg.PPurchase(year, x, tx, T)},
			{`select clv_p_purchase_params($pn, interval 273 day, $x, $tx, $T)`, pn.PPurchase(39, x, tx, T)},
			{`select clv_p_purchase(interval 12 month, $x, $tx, $T)`, pn.PPurchase(year, x, tx, T)},
			{`select clv_p_purchase('bgnbd', interval 12 month, $x, $tx, $T)`, bg.PPurchase(year, x, tx, T)},
			{`select clv_p_purchase(` + itoa(bgID) + `, interval 273 day, $x, $tx, $T)`, bg.PPurchase(39, x, tx, T)},
			{`select clv_expected_spend($x, 30)`, spend},
			{`select clv_expected_spend(` + itoa(bgID) + `, $x, 30)`, spend},
			{`select clv_value(interval 12 month, 0.1, $x, $tx, $T, 30)`, value},
			{`select clv_value(` + itoa(pnID) + `, interval 12 month, 0.1, $x, $tx, $T, 30)`, value},
		}
		for _, tt := range tests {
			got := queryFloat(t, db, tt.q, args...)
			if !got.Valid || !near(got.Float64, tt.want) {
				t.Errorf("%s with x=%v t_x=%v T=%v = %v, want %v", tt.q, x, tx, T, got, tt.want)
			}
		}
	}
	// The same horizon in a daily model: E[Y] of a weekly history scaled to days is the same quantity.
	dayBG := clv.BGNBD{R: 0.243, Alpha: 30.898, A: 0.793, B: 2.426}
	if got, want := queryFloat(t, db, `select clv_expected_purchases_params($1, interval 12 month, 2, 213.01, 272.02)`, dayParams),
		dayBG.ExpectedPurchases(12*clv.DaysPerMonth, 2, 213.01, 272.02); !near(got.Float64, want) {
		t.Errorf("daily model over 12 months = %v, want %v", got, want)
	}
}

func itoa(v int64) string { return sqlInt(v) }

func TestCLVFunctionsNullAndErrors(t *testing.T) {
	db := openFixture(t)
	insertModel(t, db, 1, 1, "bgnbd", "2026-01-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-01-31", ggParams, true)
	for _, q := range []string{
		`select clv_p_alive(null, 1, 2)`,
		`select clv_p_alive(1, null, 2)`,
		`select clv_p_alive_params(null, 1, 1, 2)`,
		`select clv_expected_purchases(null::interval, 1, 1, 2)`,
		`select clv_p_purchase(null::interval, 1, 1, 2)`,
		`select clv_p_purchase('bgnbd', interval 12 month, 1, null, 2)`,
		`select clv_expected_spend(1, null)`,
		`select clv_value(interval 12 month, null, 1, 1, 2, 10)`,
		`select clv_value(interval 12 month, 0.1, 1, 1, 2, null)`,
	} {
		if got := queryFloat(t, db, q); got.Valid {
			t.Errorf("%s = %v, want NULL", q, got.Float64)
		}
	}
	errs := []struct{ q, want string }{
		{`select clv_value(interval 10 day, 0.1, 1, 1, 2, 10)`, "clv_value needs a whole, non-negative number of months"},
		{`select clv_value(interval '1 month 2 days', 0.1, 1, 1, 2, 10)`, "whole, non-negative number of months"},
		{`select clv_p_alive(1, 3, 2)`, "t_x=3, T=2: need 0 <= t_x <= T"},
		{`select clv_p_alive(1.5, 1, 2)`, "x=1.5 must be a whole number"},
		{`select clv_expected_spend(1, -5)`, "m_x=-5 must be a finite number >= 0"},
		{`select clv_expected_purchases(-interval 1 month, 1, 1, 2)`, "must not be negative"},
		{`select clv_p_purchase(-interval 1 month, 1, 1, 2)`, "must not be negative"},
		{`select clv_p_purchase(interval 12 month, 1, 3, 2)`, "t_x=3, T=2: need 0 <= t_x <= T"},
		{`select clv_p_purchase('paretonbd', interval 12 month, 1, 1, 2)`, "no converged purchase model paretonbd"},
		{`select clv_p_alive('paretonbd', 1, 1, 2)`, "no converged purchase model paretonbd"},
		{`select clv_p_alive(99, 1, 1, 2)`, "no converged purchase model 99"},
		{`select clv_p_alive_params('{"model":"gammagamma","time_unit":"week","params":{"p":1,"q":2,"gamma":3}}', 1, 1, 2)`, "is a spend model"},
		{`select clv_p_alive_params('{"model":"bgnbd","time_unit":"month","params":{}}', 1, 1, 2)`, `time unit "month"`},
		{`select clv_expected_spend_params('{"model":"gammagamma","time_unit":"week","params":{"p":1,"q":0.5,"gamma":3}}', 1, 10)`, "undefined for these parameters"},
	}
	for _, e := range errs {
		var v sql.NullFloat64
		err := db.GetContext(context.Background(), &v, e.q)
		if err == nil || !contains(err.Error(), e.want) {
			t.Errorf("%s: err = %v, want it to mention %q", e.q, err, e.want)
		}
	}
}

// clv_v1 on the fixture equals the Go computation from clv.Summarize, customer by customer, including the margin ratio.
func TestCLVV1OnFixture(t *testing.T) {
	db := openFixture(t)
	id := insertModel(t, db, 1, 1, "bgnbd", "2026-03-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-03-31", ggParams, true)
	insertModel(t, db, 2, 1, "paretonbd", "2026-04-30", pnParams, true) // fitted as of a later date: not used
	insertModel(t, db, 2, 2, "gammagamma", "2026-04-30", ggParams, true)

	var rows []struct {
		CustomerID string          `db:"customer_id"`
		ModelID    int64           `db:"model_id"`
		Model      string          `db:"model"`
		X          float64         `db:"x"`
		TX         float64         `db:"t_x"`
		T          float64         `db:"T"`
		MX         float64         `db:"m_x"`
		PAlive     float64         `db:"p_alive"`
		Expected   float64         `db:"expected_purchases_12m"`
		Spend      float64         `db:"expected_spend"`
		Ratio      sql.NullFloat64 `db:"margin_ratio"`
		Basis      string          `db:"clv_basis"`
		CLV        float64         `db:"clv_12m"`
	}
	if err := db.SelectContext(context.Background(), &rows, `select customer_id, model_id, model, x::double as x, t_x, "T", m_x,
		p_alive, expected_purchases_12m, expected_spend, margin_ratio, clv_basis, clv_12m
		from clv_v1(date '2026-03-31') order by customer_id`); err != nil {
		t.Fatal(err)
	}
	want := goSummary(t, db, "2026-03-31", clv.Week, 0)
	// Σ(amount − cost) / Σ amount over costed lines to as_of; b has no cost, f's costed revenue is negative.
	ratios := map[string]float64{"a": 78.0 / 190, "c": 0.5}
	if len(rows) != len(want) {
		t.Fatalf("clv_v1 has %d customers, want %d", len(rows), len(want))
	}
	year, _ := clv.HorizonUnits(clv.Week, 12, 0, 0)
	for _, r := range rows {
		w := want[r.CustomerID]
		spend, err := gg.ExpectedSpend(w.X, w.MX)
		if err != nil {
			t.Fatal(err)
		}
		value, err := clv.Value(bg, clv.Week, 12, 0.1, w.X, w.TX, w.T, spend)
		if err != nil {
			t.Fatal(err)
		}
		ratio, costed := ratios[r.CustomerID]
		basis := "revenue"
		if costed {
			basis = "margin"
			value *= ratio
		}
		if r.ModelID != id || r.Model != "bgnbd" || r.X != w.X || !near(r.TX, w.TX) || !near(r.T, w.T) || !near(r.MX, w.MX) ||
			!near(r.PAlive, bg.PAlive(w.X, w.TX, w.T)) || !near(r.Expected, bg.ExpectedPurchases(year, w.X, w.TX, w.T)) ||
			!near(r.Spend, spend) || r.Basis != basis || r.Ratio.Valid != costed || !near(r.Ratio.Float64, ratio) || !near(r.CLV, value) {
			t.Errorf("clv_v1 customer %s = %+v; want model %d, summary %+v, spend %v, basis %s ratio %v, clv %v",
				r.CustomerID, r, id, w, spend, basis, ratio, value)
		}
	}
}

// clv_v2 is clv_v1's rows, unchanged, with P(purchase) over 90 days and 12 months from the same model, equal to
// the Go model's customer by customer.
func TestCLVV2OnFixture(t *testing.T) {
	db := openFixture(t)
	insertModel(t, db, 1, 1, "bgnbd", "2026-03-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-03-31", ggParams, true)
	pnID := insertModel(t, db, 2, 1, "paretonbd", "2026-03-31", pnParams, true)
	insertModel(t, db, 2, 2, "gammagamma", "2026-03-31", ggParams, true)
	ctx := context.Background()
	year, _ := clv.HorizonUnits(clv.Week, 12, 0, 0)
	for _, c := range []struct {
		model string
		m     clv.Model
		id    int64
	}{{"'bgnbd'", bg, 0}, {"null", pn, pnID}} {
		// The shared columns: the same rows as clv_v1, both ways.
		var extra int
		if err := db.GetContext(ctx, &extra, `select count(*) from (
			(select * exclude (p_purchase_90d, p_purchase_12m) from clv_v2(date '2026-03-31', model := `+c.model+`)
			 except all select * from clv_v1(date '2026-03-31', model := `+c.model+`))
			union all
			(select * from clv_v1(date '2026-03-31', model := `+c.model+`)
			 except all select * exclude (p_purchase_90d, p_purchase_12m) from clv_v2(date '2026-03-31', model := `+c.model+`)))`); err != nil {
			t.Fatal(err)
		}
		if extra != 0 {
			t.Errorf("model %s: clv_v2 and clv_v1 differ in %d rows of their shared columns", c.model, extra)
		}
		var rows []struct {
			CustomerID string  `db:"customer_id"`
			ModelID    int64   `db:"model_id"`
			X          float64 `db:"x"`
			TX         float64 `db:"t_x"`
			T          float64 `db:"T"`
			P90        float64 `db:"p_purchase_90d"`
			P12        float64 `db:"p_purchase_12m"`
		}
		if err := db.SelectContext(ctx, &rows, `select customer_id, model_id, x::double as x, t_x, "T", p_purchase_90d, p_purchase_12m
			from clv_v2(date '2026-03-31', model := `+c.model+`) order by customer_id`); err != nil {
			t.Fatal(err)
		}
		want := goSummary(t, db, "2026-03-31", clv.Week, 0)
		if len(rows) != len(want) || len(rows) == 0 {
			t.Fatalf("model %s: clv_v2 has %d customers, want %d", c.model, len(rows), len(want))
		}
		for _, r := range rows {
			w := want[r.CustomerID]
			if (c.id != 0 && r.ModelID != c.id) || !near(r.P90, c.m.PPurchase(90.0/7, w.X, w.TX, w.T)) || !near(r.P12, c.m.PPurchase(year, w.X, w.TX, w.T)) {
				t.Errorf("model %s: clv_v2 customer %s = %+v; want P(purchase) %v in 90 days, %v in 12 months", c.model, r.CustomerID, r,
					c.m.PPurchase(90.0/7, w.X, w.TX, w.T), c.m.PPurchase(year, w.X, w.TX, w.T))
			}
		}
	}
	// The pointer follows clv_v2.
	var cols int
	if err := db.GetContext(ctx, &cols, `select count(*) from (describe from clv(date '2026-03-31')) where column_name like 'p_purchase_%'`); err != nil || cols != 2 {
		t.Errorf("clv(): %d p_purchase columns (err %v), want clv_v2's 2", cols, err)
	}
}

func TestValueMatrixOnFixture(t *testing.T) {
	db := openFixture(t)
	insertModel(t, db, 1, 1, "bgnbd", "2026-03-31", bgParams, true)
	insertModel(t, db, 1, 2, "gammagamma", "2026-03-31", ggParams, true)
	var rows []struct {
		CustomerID string  `db:"customer_id"`
		Historical float64 `db:"historical_value"`
		Current    float64 `db:"current_value"`
		Potential  float64 `db:"potential_value"`
		HLevel     string  `db:"historical_level"`
		CLevel     string  `db:"current_level"`
		PLevel     string  `db:"potential_level"`
		Type       string  `db:"customer_type"`
	}
	if err := db.SelectContext(context.Background(), &rows, `select * exclude (as_of) from value_matrix_v1(date '2026-03-31') order by customer_id`); err != nil {
		t.Fatal(err)
	}
	clv12 := map[string]float64{}
	var cs []struct {
		ID  string  `db:"customer_id"`
		CLV float64 `db:"clv_12m"`
	}
	if err := db.SelectContext(context.Background(), &cs, `select customer_id, clv_12m from clv_v1(date '2026-03-31')`); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		clv12[c.ID] = c.CLV
	}
	// Margin to date (a line without cost at its amount): a 78, b 15, c 35, e −15, f −17; positive terciles of
	// {15, 35, 78}: cume_dist 1/3 low, 2/3 medium, 1 high; <= 0 low. Everything is within the last 12 months.
	want := map[string]struct {
		value float64
		level string
	}{"a": {78, "high"}, "b": {15, "low"}, "c": {35, "medium"}, "e": {-15, "low"}, "f": {-17, "low"}}
	types := map[string]string{
		"high/high": "star", "high/medium": "core", "high/low": "harvest", "medium/high": "rising", "medium/medium": "steady",
		"medium/low": "fading", "low/high": "prospect", "low/medium": "occasional", "low/low": "dormant",
	}
	if len(rows) != len(want) {
		t.Fatalf("value_matrix_v1 has %d customers, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		w := want[r.CustomerID]
		if !near(r.Historical, w.value) || !near(r.Current, w.value) || r.HLevel != w.level || r.CLevel != w.level ||
			!near(r.Potential, clv12[r.CustomerID]) || r.Type != types[r.CLevel+"/"+r.PLevel] {
			t.Errorf("value_matrix_v1 customer %s = %+v, want value %v level %s, potential %v, type of its cell",
				r.CustomerID, r, w.value, w.level, clv12[r.CustomerID])
		}
	}
}
