// Package clvfunc evaluates custval's CLV SQL functions (clv_p_alive_params,
// clv_expected_purchases_params, clv_p_purchase_params,
// clv_expected_spend_params, clv_value_params)
// from plain Go values: the argument checks, their wording and the model calls.
// Every host calls it: package udf's duckdb-go row executor and its vectorized
// path, and the loadable extension (internal/ext/cshared), so the three cannot
// drift apart. It imports no driver and no cgo, so the extension can link it.
//
// NULL handling is the caller's: every function is NULL in, NULL out, so the
// functions here are only called on rows without a NULL argument.
package clvfunc

import (
	"errors"
	"fmt"
	"math"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/internal/vector"
)

// ErrArgument means a CLV function got an argument it cannot use: a customer
// history that violates 0 <= t_x <= T, or a horizon that is not a whole
// number of months where one is needed. udf.ErrCLVArgument is this error.
var ErrArgument = errors.New("invalid clv argument")

// Models turns params texts into models through clv.ParseCached, remembering
// the last text of each kind: the rows of a chunk usually share one model (the
// SQL macros pass one model's params), so they skip even the cache lookup.
// The remembered texts may alias the caller's memory (a DuckDB vector): use
// one Models per call (a row, or a chunk), never across calls or goroutines.
type Models struct {
	purchase, spend last
}

type last struct {
	text string
	p    *clv.Parsed
	err  error
	set  bool
}

func (l *last) get(text string, spend bool) (*clv.Parsed, error) {
	if !l.set || text != l.text {
		l.p, l.err = clv.ParseCached(text, spend)
		l.text, l.set = text, true
	}
	return l.p, l.err
}

// Purchase is the purchase model in params.
func (m *Models) Purchase(params string) (*clv.Parsed, error) { return m.purchase.get(params, false) }

// Spend is the Gamma-Gamma spend model in spendParams.
func (m *Models) Spend(spendParams string) (clv.GammaGamma, error) {
	p, err := m.spend.get(spendParams, true)
	if err != nil {
		return clv.GammaGamma{}, err
	}
	return p.Spend, nil
}

// PAlive is clv_p_alive_params(params, x, t_x, T).
func (m *Models) PAlive(params string, x, tx, T float64) (float64, error) {
	pm, err := m.Purchase(params)
	if err != nil {
		return 0, err
	}
	if err := History(x, tx, T); err != nil {
		return 0, err
	}
	return pm.Model.PAlive(x, tx, T), nil
}

// ExpectedPurchases is clv_expected_purchases_params(params, horizon, x, t_x, T);
// the horizon comes as a DuckDB INTERVAL's months, days and microseconds.
func (m *Models) ExpectedPurchases(params string, months, days int32, micros int64, x, tx, T float64) (float64, error) {
	pm, t, err := m.window(params, months, days, micros, x, tx, T)
	if err != nil {
		return 0, err
	}
	return pm.Model.ExpectedPurchases(t, x, tx, T), nil
}

// PPurchase is clv_p_purchase_params(params, horizon, x, t_x, T), with
// ExpectedPurchases' arguments, checks and errors.
func (m *Models) PPurchase(params string, months, days int32, micros int64, x, tx, T float64) (float64, error) {
	pm, t, err := m.window(params, months, days, micros, x, tx, T)
	if err != nil {
		return 0, err
	}
	return pm.Model.PPurchase(t, x, tx, T), nil
}

// window checks the arguments of a function over the horizon after T, in the
// order every such function checks them (params, horizon, history), and
// returns the purchase model and the horizon in its time unit.
func (m *Models) window(params string, months, days int32, micros int64, x, tx, T float64) (*clv.Parsed, float64, error) {
	pm, err := m.Purchase(params)
	if err != nil {
		return nil, 0, err
	}
	t, err := clv.HorizonUnits(pm.Unit, months, days, micros)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrArgument, err)
	}
	if err := History(x, tx, T); err != nil {
		return nil, 0, err
	}
	return pm, t, nil
}

// ExpectedSpend is clv_expected_spend_params(spend_params, x, m_x).
func (m *Models) ExpectedSpend(spendParams string, x, mx float64) (float64, error) {
	g, err := m.Spend(spendParams)
	if err != nil {
		return 0, err
	}
	if err := SpendHistory(x, mx); err != nil {
		return 0, err
	}
	return g.ExpectedSpend(x, mx)
}

// Value is clv_value_params(params, spend_params, horizon, annual_discount_rate, x, t_x, T, m_x).
func (m *Models) Value(params, spendParams string, months, days int32, micros int64, rate, x, tx, T, mx float64) (float64, error) {
	pm, err := m.Purchase(params)
	if err != nil {
		return 0, err
	}
	g, err := m.Spend(spendParams)
	if err != nil {
		return 0, err
	}
	// clv.Value discounts month by month; a part month has no end to discount from.
	if days != 0 || micros != 0 || months < 0 {
		return 0, fmt.Errorf("%w: horizon of %d months %d days %d µs: clv_value needs a whole, non-negative number of months, e.g. INTERVAL 12 MONTH or INTERVAL 2 YEAR",
			ErrArgument, months, days, micros)
	}
	if err := History(x, tx, T); err != nil {
		return 0, err
	}
	if !(mx >= 0) || math.IsInf(mx, 0) {
		return 0, fmt.Errorf("%w: m_x=%v must be a finite number >= 0", ErrArgument, mx)
	}
	spend, err := g.ExpectedSpend(x, mx)
	if err != nil {
		return 0, err
	}
	return clv.Value(pm.Model, pm.Unit, int(months), rate, x, tx, T, spend)
}

// History checks that x, t_x, T form a calibration history.
func History(x, tx, T float64) error {
	if err := repeats(x); err != nil {
		return err
	}
	if !(tx >= 0) || !(tx <= T) || math.IsInf(T, 0) {
		return fmt.Errorf("%w: t_x=%v, T=%v: need 0 <= t_x <= T, finite", ErrArgument, tx, T)
	}
	return nil
}

// SpendHistory checks x and m_x, the history the spend model reads.
func SpendHistory(x, mx float64) error {
	if err := repeats(x); err != nil {
		return err
	}
	if !(mx >= 0) || math.IsInf(mx, 0) {
		return fmt.Errorf("%w: m_x=%v must be a finite number >= 0", ErrArgument, mx)
	}
	return nil
}

func repeats(x float64) error {
	if !(x >= 0) || x != math.Trunc(x) || math.IsInf(x, 0) {
		return fmt.Errorf("%w: x=%v must be a whole number >= 0 (repeat purchases)", ErrArgument, x)
	}
	return nil
}

// The ...Row methods evaluate one row of a DuckDB chunk whose arguments are in
// the SQL function's parameter order and none is NULL (a row with a NULL gives
// NULL without a call); both hosts' vectorized paths call them.

// PAliveRow is PAlive over (params VARCHAR, x, t_x, T DOUBLE).
func (m *Models) PAliveRow(r vector.Row) (float64, error) {
	params, _ := r.Varchar(0)
	return m.PAlive(params, r.Double(1), r.Double(2), r.Double(3))
}

// ExpectedPurchasesRow is ExpectedPurchases over (params VARCHAR, horizon INTERVAL, x, t_x, T DOUBLE).
func (m *Models) ExpectedPurchasesRow(r vector.Row) (float64, error) {
	params, _ := r.Varchar(0)
	months, days, micros, _ := r.Interval(1)
	return m.ExpectedPurchases(params, months, days, micros, r.Double(2), r.Double(3), r.Double(4))
}

// PPurchaseRow is PPurchase over (params VARCHAR, horizon INTERVAL, x, t_x, T DOUBLE).
func (m *Models) PPurchaseRow(r vector.Row) (float64, error) {
	params, _ := r.Varchar(0)
	months, days, micros, _ := r.Interval(1)
	return m.PPurchase(params, months, days, micros, r.Double(2), r.Double(3), r.Double(4))
}

// ExpectedSpendRow is ExpectedSpend over (spend_params VARCHAR, x, m_x DOUBLE).
func (m *Models) ExpectedSpendRow(r vector.Row) (float64, error) {
	spendParams, _ := r.Varchar(0)
	return m.ExpectedSpend(spendParams, r.Double(1), r.Double(2))
}

// ValueRow is Value over (params, spend_params VARCHAR, horizon INTERVAL,
// annual_discount_rate, x, t_x, T, m_x DOUBLE).
func (m *Models) ValueRow(r vector.Row) (float64, error) {
	params, _ := r.Varchar(0)
	spendParams, _ := r.Varchar(1)
	months, days, micros, _ := r.Interval(2)
	return m.Value(params, spendParams, months, days, micros, r.Double(3), r.Double(4), r.Double(5), r.Double(6), r.Double(7))
}
