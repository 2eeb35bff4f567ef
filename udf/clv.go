package udf

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/internal/clvfunc"
)

// The CLV functions take a fitted model's parameters explicitly, as the JSON
// text kept in clv_models.params (clv.Stored): a scalar UDF cannot read the
// table it would need. The SQL macros clv_p_alive, clv_expected_purchases,
// clv_expected_spend and clv_value (sql/schema/0032_clv_functions.sql) and
// clv_p_purchase (0040_clv_p_purchase.sql) look the model up and call these;
// see docs/clv.md. NULL in any argument gives NULL.
// The checks and the model calls are internal/clvfunc's, shared with the
// vectorized path (vector_clv.go) and the loadable extension; the adapters
// here only unbox what duckdb-go's row executor passes.

// ErrCLVArgument means a CLV function got an argument it cannot use: a
// customer history that violates 0 <= t_x <= T, or a horizon that is not a
// whole number of months where one is needed.
var ErrCLVArgument = clvfunc.ErrArgument

var (
	clvX  = p("x", "DOUBLE")
	clvTX = p("t_x", "DOUBLE")
	clvT  = p("T", "DOUBLE")
	clvMX = p("m_x", "DOUBLE")
)

var clvPAliveFunc = Func{
	Name:   "clv_p_alive_params",
	Params: []Param{p("params", "VARCHAR"), clvX, clvTX, clvT},
	Result: "DOUBLE",
	Doc:    "probability the customer is still active at T, from a purchase model's params (clv_models.params)",
	Eval: func(args []driver.Value) (any, error) {
		var a clvArgs
		params, x, tx, T := a.text(args, 0, "params"), a.float(args, 1, "x"), a.float(args, 2, "t_x"), a.float(args, 3, "T")
		if a.err != nil {
			return nil, a.err
		}
		var m clvfunc.Models
		return orNil(m.PAlive(params, x, tx, T))
	},
	nullInNullOut: true,
	vectorized:    clvVector((*clvfunc.Models).PAliveRow),
}

var clvExpectedPurchasesFunc = Func{
	Name:          "clv_expected_purchases_params",
	Params:        []Param{p("params", "VARCHAR"), p("horizon", "INTERVAL"), clvX, clvTX, clvT},
	Result:        "DOUBLE",
	Doc:           "expected purchases in the horizon after T given the history, from a purchase model's params",
	Eval:          windowEval((*clvfunc.Models).ExpectedPurchases),
	nullInNullOut: true,
	vectorized:    clvVector((*clvfunc.Models).ExpectedPurchasesRow),
}

var clvPPurchaseFunc = Func{
	Name:          "clv_p_purchase_params",
	Params:        []Param{p("params", "VARCHAR"), p("horizon", "INTERVAL"), clvX, clvTX, clvT},
	Result:        "DOUBLE",
	Doc:           "probability of at least one purchase in the horizon after T given the history, from a purchase model's params",
	Eval:          windowEval((*clvfunc.Models).PPurchase),
	nullInNullOut: true,
	vectorized:    clvVector((*clvfunc.Models).PPurchaseRow),
}

var clvExpectedSpendFunc = Func{
	Name:   "clv_expected_spend_params",
	Params: []Param{p("spend_params", "VARCHAR"), clvX, clvMX},
	Result: "DOUBLE",
	Doc:    "expected value per future purchase (Gamma-Gamma), from the spend model's params",
	Eval: func(args []driver.Value) (any, error) {
		var a clvArgs
		spendParams, x, mx := a.text(args, 0, "spend_params"), a.float(args, 1, "x"), a.float(args, 2, "m_x")
		if a.err != nil {
			return nil, a.err
		}
		var m clvfunc.Models
		return orNil(m.ExpectedSpend(spendParams, x, mx))
	},
	nullInNullOut: true,
	vectorized:    clvVector((*clvfunc.Models).ExpectedSpendRow),
}

var clvValueFunc = Func{
	Name: "clv_value_params",
	Params: []Param{
		p("params", "VARCHAR"), p("spend_params", "VARCHAR"), p("horizon", "INTERVAL"), p("annual_discount_rate", "DOUBLE"),
		clvX, clvTX, clvT, clvMX,
	},
	Result: "DOUBLE",
	Doc:    "discounted expected value of the purchases in a whole-month horizon, from purchase and spend params",
	Eval: func(args []driver.Value) (any, error) {
		var a clvArgs
		params, spendParams, iv := a.text(args, 0, "params"), a.text(args, 1, "spend_params"), a.interval(args, 2)
		rate := a.float(args, 3, "annual_discount_rate")
		x, tx, T, mx := a.float(args, 4, "x"), a.float(args, 5, "t_x"), a.float(args, 6, "T"), a.float(args, 7, "m_x")
		if a.err != nil {
			return nil, a.err
		}
		var m clvfunc.Models
		return orNil(m.Value(params, spendParams, iv.Months, iv.Days, iv.Micros, rate, x, tx, T, mx))
	},
	nullInNullOut: true,
	vectorized:    clvVector((*clvfunc.Models).ValueRow),
}

// clvFuncs lists the CLV functions, registered by Register after the scores.
var clvFuncs = []Func{clvPAliveFunc, clvExpectedPurchasesFunc, clvPPurchaseFunc, clvExpectedSpendFunc, clvValueFunc}

// CLVFuncs lists the CLV functions for `custval udfs` and the docs.
func CLVFuncs() []Func { return clvFuncs }

// windowEval is the row adapter of a function over (params, horizon, x, t_x,
// T), the arguments clv_expected_purchases_params and clv_p_purchase_params share.
func windowEval(eval func(m *clvfunc.Models, params string, months, days int32, micros int64, x, tx, T float64) (float64, error)) func([]driver.Value) (any, error) {
	return func(args []driver.Value) (any, error) {
		var a clvArgs
		params, iv := a.text(args, 0, "params"), a.interval(args, 1)
		x, tx, T := a.float(args, 2, "x"), a.float(args, 3, "t_x"), a.float(args, 4, "T")
		if a.err != nil {
			return nil, a.err
		}
		var m clvfunc.Models
		return orNil(eval(&m, params, iv.Months, iv.Days, iv.Micros, x, tx, T))
	}
}

// orNil returns v as the row executor's result, or only the error.
func orNil(v float64, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}

// clvArgs unboxes the row executor's values, keeping the first error. The
// functions have DuckDB's default NULL handling, so no value is NULL here.
type clvArgs struct{ err error }

func (a *clvArgs) text(args []driver.Value, i int, name string) string {
	s, ok := args[i].(string)
	if !ok && a.err == nil {
		a.err = unexpected(name, args[i])
	}
	return s
}

func (a *clvArgs) float(args []driver.Value, i int, name string) float64 {
	v, ok := args[i].(float64)
	if !ok && a.err == nil {
		a.err = unexpected(name, args[i])
	}
	return v
}

func (a *clvArgs) interval(args []driver.Value, i int) duckdb.Interval {
	iv, ok := args[i].(duckdb.Interval)
	if !ok && a.err == nil {
		a.err = unexpected("horizon", args[i])
	}
	return iv
}
