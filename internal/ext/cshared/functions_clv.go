package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/custval/custval/internal/clv"
)

// The CLV functions of package udf (udf/clv.go), which the SQL macros
// clv_p_alive, clv_expected_purchases, ... call with a fitted model's params
// text. Their argument checks live in udf's duckdb-go file, so they are
// repeated here with the same wording; the parity test holds both to it.

// errCLVArgument has the text of udf.ErrCLVArgument.
var errCLVArgument = errors.New("invalid clv argument")

var (
	varchar  = kindVarchar
	interval = kindInterval
)

var clvSpecs = []spec{
	{required: 4, function: function{
		name: "clv_p_alive_params", params: []kind{varchar, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: func(r row) (float64, bool, error) {
			m, err := clvPurchase(r, 0)
			if err != nil {
				return 0, false, err
			}
			x, tx, T, err := clvHistory(r, 1)
			if err != nil {
				return 0, false, err
			}
			return m.model.PAlive(x, tx, T), true, nil
		},
	}},
	{required: 5, function: function{
		name: "clv_expected_purchases_params", params: []kind{varchar, interval, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: func(r row) (float64, bool, error) {
			m, err := clvPurchase(r, 0)
			if err != nil {
				return 0, false, err
			}
			months, days, micros, _ := r.Interval(1)
			t, err := clv.HorizonUnits(m.unit, months, days, micros)
			if err != nil {
				return 0, false, fmt.Errorf("%w: %w", errCLVArgument, err)
			}
			x, tx, T, err := clvHistory(r, 2)
			if err != nil {
				return 0, false, err
			}
			return m.model.ExpectedPurchases(t, x, tx, T), true, nil
		},
	}},
	{required: 3, function: function{
		name: "clv_expected_spend_params", params: []kind{varchar, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: func(r row) (float64, bool, error) {
			m, err := clvSpend(r, 0)
			if err != nil {
				return 0, false, err
			}
			x, mx, err := clvSpendHistory(r, 1)
			if err != nil {
				return 0, false, err
			}
			v, err := m.spend.ExpectedSpend(x, mx)
			return v, err == nil, err
		},
	}},
	{required: 8, function: function{
		name: "clv_value_params", params: []kind{varchar, varchar, interval, dbl, dbl, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: func(r row) (float64, bool, error) {
			m, err := clvPurchase(r, 0)
			if err != nil {
				return 0, false, err
			}
			g, err := clvSpend(r, 1)
			if err != nil {
				return 0, false, err
			}
			months, days, micros, _ := r.Interval(2)
			// clv.Value discounts month by month; a part month has no end to discount from.
			if days != 0 || micros != 0 || months < 0 {
				return 0, false, fmt.Errorf("%w: horizon of %d months %d days %d µs: clv_value needs a whole, non-negative number of months, e.g. INTERVAL 12 MONTH or INTERVAL 2 YEAR",
					errCLVArgument, months, days, micros)
			}
			rate := r.Double(3)
			x, tx, T, err := clvHistory(r, 4)
			if err != nil {
				return 0, false, err
			}
			mx := r.Double(7)
			if !(mx >= 0) || math.IsInf(mx, 0) {
				return 0, false, fmt.Errorf("%w: m_x=%v must be a finite number >= 0", errCLVArgument, mx)
			}
			spend, err := g.spend.ExpectedSpend(x, mx)
			if err != nil {
				return 0, false, err
			}
			v, err := clv.Value(m.model, m.unit, int(months), rate, x, tx, T, spend)
			return v, err == nil, err
		},
	}},
}

// clvModel is one parsed params text.
type clvModel struct {
	unit  clv.TimeUnit
	model clv.Model      // purchase models
	spend clv.GammaGamma // gammagamma
	err   error
}

// clvModels caches parsed params by text: a query over a million customers
// has one or two models. Safe for the concurrent chunks of a parallel query.
var clvModels sync.Map

func clvModelOf(text string, spend bool) (*clvModel, error) {
	key := text
	if spend {
		key = "spend:" + text
	}
	if v, ok := clvModels.Load(key); ok {
		m := v.(*clvModel)
		return m, m.err
	}
	m := &clvModel{}
	s, err := clv.ParseStored([]byte(text))
	switch {
	case err != nil:
		m.err = err
	case spend:
		m.unit = s.TimeUnit
		m.spend, m.err = s.GammaGamma()
	default:
		m.unit = s.TimeUnit
		m.model, m.err = s.Transactions()
	}
	// The key outlives the chunk; text aliases DuckDB's memory.
	v, _ := clvModels.LoadOrStore(strings.Clone(key), m)
	m = v.(*clvModel)
	return m, m.err
}

func clvPurchase(r row, k int) (*clvModel, error) {
	text, _ := r.Varchar(k)
	return clvModelOf(text, false)
}

func clvSpend(r row, k int) (*clvModel, error) {
	text, _ := r.Varchar(k)
	return clvModelOf(text, true)
}

// clvHistory reads x, t_x, T from arguments k..k+2 and checks they form a history.
func clvHistory(r row, k int) (x, tx, T float64, err error) {
	x, tx, T = r.Double(k), r.Double(k+1), r.Double(k+2)
	switch {
	case !(x >= 0) || x != math.Trunc(x) || math.IsInf(x, 0):
		err = fmt.Errorf("%w: x=%v must be a whole number >= 0 (repeat purchases)", errCLVArgument, x)
	case !(tx >= 0) || !(tx <= T) || math.IsInf(T, 0):
		err = fmt.Errorf("%w: t_x=%v, T=%v: need 0 <= t_x <= T, finite", errCLVArgument, tx, T)
	}
	return
}

// clvSpendHistory reads x, m_x from arguments k, k+1.
func clvSpendHistory(r row, k int) (x, mx float64, err error) {
	x, mx = r.Double(k), r.Double(k+1)
	switch {
	case !(x >= 0) || x != math.Trunc(x) || math.IsInf(x, 0):
		err = fmt.Errorf("%w: x=%v must be a whole number >= 0 (repeat purchases)", errCLVArgument, x)
	case !(mx >= 0) || math.IsInf(mx, 0):
		err = fmt.Errorf("%w: m_x=%v must be a finite number >= 0", errCLVArgument, mx)
	}
	return
}
