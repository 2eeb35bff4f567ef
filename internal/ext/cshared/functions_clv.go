package main

import (
	"github.com/custval/custval/internal/clvfunc"
	"github.com/custval/custval/internal/vector"
)

// The CLV functions of package udf (udf/clv.go), which the SQL macros
// clv_p_alive, clv_expected_purchases, clv_p_purchase, ... call with a fitted
// model's params text. Their argument checks, error wording and model calls
// are internal/clvfunc's, the code package udf runs in both its executors; a
// row reaches them only without a NULL argument (defaultNulls), as there.

var (
	varchar  = kindVarchar
	interval = kindInterval
)

var clvSpecs = []spec{
	{required: 4, function: function{
		name: "clv_p_alive_params", params: []kind{varchar, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: clvNumber((*clvfunc.Models).PAliveRow),
	}},
	{required: 5, function: function{
		name: "clv_expected_purchases_params", params: []kind{varchar, interval, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: clvNumber((*clvfunc.Models).ExpectedPurchasesRow),
	}},
	{required: 5, function: function{
		name: "clv_p_purchase_params", params: []kind{varchar, interval, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: clvNumber((*clvfunc.Models).PPurchaseRow),
	}},
	{required: 3, function: function{
		name: "clv_expected_spend_params", params: []kind{varchar, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: clvNumber((*clvfunc.Models).ExpectedSpendRow),
	}},
	{required: 8, function: function{
		name: "clv_value_params", params: []kind{varchar, varchar, interval, dbl, dbl, dbl, dbl, dbl}, result: kindDouble, defaultNulls: true,
		number: clvNumber((*clvfunc.Models).ValueRow),
	}},
}

// clvNumber adapts a clvfunc row evaluator; the chunk's scratch holds its
// Models, so rows sharing a params text look it up once per chunk.
func clvNumber(eval func(*clvfunc.Models, vector.Row) (float64, error)) func(r row) (float64, bool, error) {
	return func(r row) (float64, bool, error) {
		v, err := eval(&r.clv, r.Row)
		return v, err == nil, err
	}
}
