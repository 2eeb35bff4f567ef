package udf

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/internal/clv"
)

// The CLV functions take a fitted model's parameters explicitly, as the JSON
// text kept in clv_models.params (clv.Stored): a scalar UDF cannot read the
// table it would need. The SQL macros clv_p_alive, clv_expected_purchases,
// clv_expected_spend and clv_value (sql/schema/0032_clv_functions.sql) look the
// model up and call these; see docs/clv.md. NULL in any argument gives NULL.

// ErrCLVArgument means a CLV function got an argument it cannot use: a
// customer history that violates 0 <= t_x <= T, or a horizon that is not a
// whole number of months where one is needed.
var ErrCLVArgument = errors.New("invalid clv argument")

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
		m, err := clvPurchaseArg(args, 0)
		if err != nil {
			return nil, err
		}
		x, tx, T, err := clvHistoryArgs(args, 1)
		if err != nil {
			return nil, err
		}
		return m.Model.PAlive(x, tx, T), nil
	},
}

var clvExpectedPurchasesFunc = Func{
	Name:   "clv_expected_purchases_params",
	Params: []Param{p("params", "VARCHAR"), p("horizon", "INTERVAL"), clvX, clvTX, clvT},
	Result: "DOUBLE",
	Doc:    "expected purchases in the horizon after T given the history, from a purchase model's params",
	Eval: func(args []driver.Value) (any, error) {
		m, err := clvPurchaseArg(args, 0)
		if err != nil {
			return nil, err
		}
		iv, err := clvIntervalArg(args, 1)
		if err != nil {
			return nil, err
		}
		t, err := clv.HorizonUnits(m.Unit, iv.Months, iv.Days, iv.Micros)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrCLVArgument, err)
		}
		x, tx, T, err := clvHistoryArgs(args, 2)
		if err != nil {
			return nil, err
		}
		return m.Model.ExpectedPurchases(t, x, tx, T), nil
	},
}

var clvExpectedSpendFunc = Func{
	Name:   "clv_expected_spend_params",
	Params: []Param{p("spend_params", "VARCHAR"), clvX, clvMX},
	Result: "DOUBLE",
	Doc:    "expected value per future purchase (Gamma-Gamma), from the spend model's params",
	Eval: func(args []driver.Value) (any, error) {
		g, err := clvSpendArg(args, 0)
		if err != nil {
			return nil, err
		}
		x, mx, err := clvSpendHistoryArgs(args, 1)
		if err != nil {
			return nil, err
		}
		return g.ExpectedSpend(x, mx)
	},
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
		m, err := clvPurchaseArg(args, 0)
		if err != nil {
			return nil, err
		}
		g, err := clvSpendArg(args, 1)
		if err != nil {
			return nil, err
		}
		iv, err := clvIntervalArg(args, 2)
		if err != nil {
			return nil, err
		}
		// clv.Value discounts month by month; a part month has no end to discount from.
		if iv.Days != 0 || iv.Micros != 0 || iv.Months < 0 {
			return nil, fmt.Errorf("%w: horizon of %d months %d days %d µs: clv_value needs a whole, non-negative number of months, e.g. INTERVAL 12 MONTH or INTERVAL 2 YEAR",
				ErrCLVArgument, iv.Months, iv.Days, iv.Micros)
		}
		rate, err := clvFloatArg(args, 3, "annual_discount_rate")
		if err != nil {
			return nil, err
		}
		x, tx, T, err := clvHistoryArgs(args, 4)
		if err != nil {
			return nil, err
		}
		mx, err := clvFloatArg(args, 7, "m_x")
		if err != nil {
			return nil, err
		}
		if !(mx >= 0) || math.IsInf(mx, 0) {
			return nil, fmt.Errorf("%w: m_x=%v must be a finite number >= 0", ErrCLVArgument, mx)
		}
		spend, err := g.ExpectedSpend(x, mx)
		if err != nil {
			return nil, err
		}
		return clv.Value(m.Model, m.Unit, int(iv.Months), rate, x, tx, T, spend)
	},
}

// clvFuncs lists the CLV functions, registered by Register after the scores.
var clvFuncs = []Func{clvPAliveFunc, clvExpectedPurchasesFunc, clvExpectedSpendFunc, clvValueFunc}

// CLVFuncs lists the CLV functions for `custval udfs` and the docs.
func CLVFuncs() []Func { return clvFuncs }

// registerCLV registers the CLV functions on conn. They have no optional
// parameters and keep DuckDB's default NULL handling (NULL in, NULL out).
func registerCLV(conn *sql.Conn) error {
	for _, f := range clvFuncs {
		infos := make([]duckdb.TypeInfo, len(f.Params))
		for i, prm := range f.Params {
			var err error
			switch prm.Type {
			case "INTERVAL":
				infos[i], err = duckdb.NewTypeInfo(duckdb.TYPE_INTERVAL)
			default:
				infos[i], err = typeInfo(prm.Type)
			}
			if err != nil {
				return fmt.Errorf("register udf %s: parameter %s: %w", f.Name, prm.Name, err)
			}
		}
		result, err := typeInfo(f.Result)
		if err != nil {
			return fmt.Errorf("register udf %s: result: %w", f.Name, err)
		}
		impl := &scalarUDF{
			config: duckdb.ScalarFuncConfig{InputTypeInfos: infos, ResultTypeInfo: result},
			executor: duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
				v, err := f.Eval(values)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", f.Name, err)
				}
				return v, nil
			}},
		}
		if err := duckdb.RegisterScalarUDF(conn, f.Name, impl); err != nil {
			return fmt.Errorf("register udf %s: %w", f.Name, err)
		}
	}
	return nil
}

func clvPurchaseArg(args []driver.Value, i int) (*clv.Parsed, error) {
	s, ok := args[i].(string)
	if !ok {
		return nil, unexpected("params", args[i])
	}
	return clv.ParseCached(s, false)
}

func clvSpendArg(args []driver.Value, i int) (clv.GammaGamma, error) {
	s, ok := args[i].(string)
	if !ok {
		return clv.GammaGamma{}, unexpected("spend_params", args[i])
	}
	m, err := clv.ParseCached(s, true)
	if err != nil {
		return clv.GammaGamma{}, err
	}
	return m.Spend, nil
}

func clvIntervalArg(args []driver.Value, i int) (duckdb.Interval, error) {
	iv, ok := args[i].(duckdb.Interval)
	if !ok {
		return duckdb.Interval{}, unexpected("horizon", args[i])
	}
	return iv, nil
}

func clvFloatArg(args []driver.Value, i int, name string) (float64, error) {
	v, ok := args[i].(float64)
	if !ok {
		return 0, unexpected(name, args[i])
	}
	return v, nil
}

// clvHistoryArgs reads x, t_x, T from args[i:i+3] and checks they form a history.
func clvHistoryArgs(args []driver.Value, i int) (x, tx, T float64, err error) {
	if x, err = clvFloatArg(args, i, "x"); err != nil {
		return
	}
	if tx, err = clvFloatArg(args, i+1, "t_x"); err != nil {
		return
	}
	if T, err = clvFloatArg(args, i+2, "T"); err != nil {
		return
	}
	switch {
	case !(x >= 0) || x != math.Trunc(x) || math.IsInf(x, 0):
		err = fmt.Errorf("%w: x=%v must be a whole number >= 0 (repeat purchases)", ErrCLVArgument, x)
	case !(tx >= 0) || !(tx <= T) || math.IsInf(T, 0):
		err = fmt.Errorf("%w: t_x=%v, T=%v: need 0 <= t_x <= T, finite", ErrCLVArgument, tx, T)
	}
	return
}

// clvSpendHistoryArgs reads x, m_x from args[i:i+2].
func clvSpendHistoryArgs(args []driver.Value, i int) (x, mx float64, err error) {
	if x, err = clvFloatArg(args, i, "x"); err != nil {
		return
	}
	if mx, err = clvFloatArg(args, i+1, "m_x"); err != nil {
		return
	}
	switch {
	case !(x >= 0) || x != math.Trunc(x) || math.IsInf(x, 0):
		err = fmt.Errorf("%w: x=%v must be a whole number >= 0 (repeat purchases)", ErrCLVArgument, x)
	case !(mx >= 0) || math.IsInf(mx, 0):
		err = fmt.Errorf("%w: m_x=%v must be a finite number >= 0", ErrCLVArgument, mx)
	}
	return
}
