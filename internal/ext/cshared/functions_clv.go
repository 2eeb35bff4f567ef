package main

import (
	"errors"
	"fmt"
	"math"

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
			return m.Model.PAlive(x, tx, T), true, nil
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
			t, err := clv.HorizonUnits(m.Unit, months, days, micros)
			if err != nil {
				return 0, false, fmt.Errorf("%w: %w", errCLVArgument, err)
			}
			x, tx, T, err := clvHistory(r, 2)
			if err != nil {
				return 0, false, err
			}
			return m.Model.ExpectedPurchases(t, x, tx, T), true, nil
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
			v, err := m.Spend.ExpectedSpend(x, mx)
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
			spend, err := g.Spend.ExpectedSpend(x, mx)
			if err != nil {
				return 0, false, err
			}
			v, err := clv.Value(m.Model, m.Unit, int(months), rate, x, tx, T, spend)
			return v, err == nil, err
		},
	}},
}

func clvPurchase(r row, k int) (*clv.Parsed, error) {
	text, _ := r.Varchar(k)
	return clv.ParseCached(text, false)
}

func clvSpend(r row, k int) (*clv.Parsed, error) {
	text, _ := r.Varchar(k)
	return clv.ParseCached(text, true)
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
