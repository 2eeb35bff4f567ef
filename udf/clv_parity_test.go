package udf

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/internal/clv"
)

// Stored params of the kind clv_models.params holds.
const (
	bgnbdParams  = `{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`
	mbgnbdParams = `{"model":"mbgnbd","time_unit":"day","params":{"r":0.5,"alpha":6.0,"a":0.9,"b":3.0}}`
	paretoParams = `{"model":"paretonbd","time_unit":"week","params":{"r":0.55,"alpha":10.6,"s":0.61,"beta":11.7}}`
	spendParams  = `{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}`
)

// clvParityDB is parityDB with the CLV edge-case table (testdata/clv_parity_setup.sql).
func clvParityDB(t *testing.T) *sql.DB {
	t.Helper()
	db := parityDB(t)
	setup, err := os.ReadFile(filepath.Join("testdata", "clv_parity_setup.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(setup)); err != nil {
		t.Fatalf("clv_parity_setup.sql: %v", err)
	}
	return db
}

// Every CLV function gives bit for bit the same DOUBLE (or NULL) vectorized as
// through the row executor, on every row of the edge-case table.
func TestCLVParity(t *testing.T) {
	db := clvParityDB(t)
	calls := []struct{ name, args string }{
		{"clv_p_alive_params", "m, x, tx, big_t"},
		{"clv_expected_purchases_params", "m, h, x, tx, big_t"},
		{"clv_expected_purchases_params", "m, h_any, x, tx, big_t"},
		{"clv_p_purchase_params", "m, h, x, tx, big_t"},
		{"clv_p_purchase_params", "m, h_any, x, tx, big_t"},
		{"clv_expected_spend_params", "g, x, mx"},
		{"clv_value_params", "m, g, h, rate, x, tx, big_t, mx"},
	}
	covered := map[string]bool{}
	for _, c := range calls {
		covered[c.name] = true
		t.Run(c.name+"("+c.args+")", func(t *testing.T) {
			query := fmt.Sprintf("select i, %[1]s(%[2]s), %[1]s_row(%[2]s) from clv_parity order by i", c.name, c.args)
			rows, err := db.Query(query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var n, nulls, differ int
			for rows.Next() {
				var i int64
				var got, want sql.NullFloat64
				if err := rows.Scan(&i, &got, &want); err != nil {
					t.Fatal(err)
				}
				n++
				if !got.Valid {
					nulls++
				}
				if got.Valid != want.Valid || math.Float64bits(got.Float64) != math.Float64bits(want.Float64) {
					if differ++; differ <= 5 {
						t.Errorf("row %d: vectorized %v (%v), row executor %v (%v)", i, got.Float64, got.Valid, want.Float64, want.Valid)
					}
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if differ > 0 {
				t.Errorf("%d of %d rows differ", differ, n)
			}
			// The table must reach both the NULL rule and the model.
			if nulls == 0 || nulls == n {
				t.Errorf("%d of %d results NULL; the table does not exercise %s", nulls, n, c.name)
			}
		})
	}
	for _, f := range clvFuncs {
		if !covered[f.Name] {
			t.Errorf("%s is not in the parity calls", f.Name)
		}
	}
}

// Constant arguments are folded at plan time; a NULL argument gives NULL even
// where another argument would be an error.
func TestCLVParityConstants(t *testing.T) {
	db := parityDB(t)
	calls := []string{
		"clv_p_alive_params($bg, 0, 0, 0)",
		"clv_p_alive_params($bg, 3, 20, 52)",
		"clv_p_alive_params($mbg, 3, 20, 52)",
		"clv_p_alive_params($pareto, 3, 20, 52)",
		"clv_p_alive_params($pareto, 1e6, 3, 1e300)",
		"clv_p_alive_params(null, 3, 20, 52)",
		"clv_p_alive_params('not json', null, 20, 52)",
		"clv_p_alive_params($bg, -1, null, 52)",
		"clv_p_alive_params($bg, 1, 2, null)",
		"clv_expected_purchases_params($bg, interval 0 month, 3, 20, 52)",
		"clv_expected_purchases_params($mbg, interval 24 month, 3, 20, 52)",
		"clv_expected_purchases_params($pareto, interval 24 month, 0, 0, 52)",
		"clv_expected_purchases_params($bg, interval 36 hour, 3, 20, 52)",
		"clv_expected_purchases_params($bg, null, -1, 20, 52)",
		"clv_expected_purchases_params($bg, interval '-1 month', null, 20, 52)",
		"clv_p_purchase_params($bg, interval 0 month, 3, 20, 52)",
		"clv_p_purchase_params($bg, interval 12 month, 3, 20, 52)",
		"clv_p_purchase_params($mbg, interval 24 month, 3, 20, 52)",
		"clv_p_purchase_params($pareto, interval 90 day, 3, 20, 52)",
		"clv_p_purchase_params($pareto, interval 24 month, 0, 0, 52)",
		"clv_p_purchase_params($pareto, interval 12 month, 1e6, 3, 1e300)",
		"clv_p_purchase_params($bg, interval 36 hour, 3, 20, 52)",
		"clv_p_purchase_params($bg, null, -1, 20, 52)",
		"clv_p_purchase_params($bg, interval '-1 month', null, 20, 52)",
		"clv_p_purchase_params(null, interval 12 month, 3, 20, 52)",
		"clv_expected_spend_params($g, 0, 0)",
		"clv_expected_spend_params($g, 4, 35.5)",
		"clv_expected_spend_params($bg, null, 35.5)",
		"clv_expected_spend_params($g, 4, null)",
		"clv_value_params($bg, $g, interval 24 month, 0.1, 3, 20, 52, 35.5)",
		"clv_value_params($mbg, $g, interval 0 month, 0.1, 3, 20, 52, 35.5)",
		"clv_value_params($pareto, $g, interval 2 year, 0, 0, 0, 52, 0)",
		"clv_value_params($bg, $g, interval 10 day, null, 3, 20, 52, 35.5)",
		"clv_value_params($g, $bg, interval 12 month, 0.1, 3, 20, 52, null)",
		"clv_value_params(null, null, null, null, null, null, null, null)",
	}
	args := []any{sql.Named("bg", bgnbdParams), sql.Named("mbg", mbgnbdParams), sql.Named("pareto", paretoParams), sql.Named("g", spendParams)}
	for _, call := range calls {
		var got, want sql.NullFloat64
		if err := db.QueryRow("select "+call, args...).Scan(&got); err != nil {
			t.Errorf("%s: %v", call, err)
			continue
		}
		if err := db.QueryRow("select "+rowQuery(call), args...).Scan(&want); err != nil {
			t.Errorf("%s: %v", rowQuery(call), err)
			continue
		}
		if got.Valid != want.Valid || math.Float64bits(got.Float64) != math.Float64bits(want.Float64) {
			t.Errorf("%s = %v (%v) vectorized, %v (%v) through the row executor", call, got.Float64, got.Valid, want.Float64, want.Valid)
		}
	}
}

// Rows with a NULL argument give NULL without evaluating the others, also in
// vectors (not folded at plan time) whose other arguments would be errors.
func TestCLVNullBeatsError(t *testing.T) {
	db := clvParityDB(t)
	queries := []string{
		"select count(*), count(clv_p_alive_params('not json', x, tx, big_t)) from clv_parity where x is null",
		"select count(*), count(clv_p_alive_params(m, -x - 1, tx, big_t)) from clv_parity where m is null or tx is null or big_t is null",
		"select count(*), count(clv_expected_purchases_params(m, -h_any - interval 1 day, x, tx, big_t)) from clv_parity where x is null",
		"select count(*), count(clv_p_purchase_params(m, -h_any - interval 1 day, x, tx, big_t)) from clv_parity where x is null",
		"select count(*), count(clv_p_purchase_params('not json', h, -x - 1, tx, big_t)) from clv_parity where x is null or h is null or tx is null or big_t is null",
		"select count(*), count(clv_expected_spend_params(m, x, mx)) from clv_parity where mx is null or x is null",
		"select count(*), count(clv_value_params(m, g, h_any + interval 1 day, rate, x, tx, big_t, mx)) from clv_parity where rate is null",
	}
	for _, q := range queries {
		for _, query := range []string{q, rowQuery(q)} {
			var rows, nonNull int64
			if err := db.QueryRow(query).Scan(&rows, &nonNull); err != nil {
				t.Errorf("%s: %v", query, err)
				continue
			}
			if rows == 0 || nonNull != 0 {
				t.Errorf("%s: %d rows, %d not NULL; want some rows, all NULL", query, rows, nonNull)
			}
		}
	}
}

// Errors read the same in both executors and wrap the same causes: bad params
// text, a purchase model where a spend model belongs and back, and every
// argument check, also when the failing row is deep inside a later chunk.
func TestCLVParityErrors(t *testing.T) {
	db := parityDB(t)
	cases := []struct {
		query string
		want  string // in the message of both
	}{
		{"select clv_p_alive_params('not json', 1, 1, 2)", "decode stored clv model"},
		{"select clv_p_alive_params('{\"model\":\"bogus\",\"time_unit\":\"week\",\"params\":{}}', 1, 1, 2)", clv.ErrUnknownModel.Error()},
		{"select clv_p_alive_params('{\"model\":\"bgnbd\",\"time_unit\":\"month\",\"params\":{\"r\":1,\"alpha\":1,\"a\":1,\"b\":1}}', 1, 1, 2)", "time unit"},
		{"select clv_p_alive_params('{\"model\":\"bgnbd\",\"time_unit\":\"week\",\"params\":{\"r\":1,\"alpha\":1,\"a\":1}}', 1, 1, 2)", clv.ErrBadParams.Error()},
		{"select clv_p_alive_params('{\"model\":\"bgnbd\",\"time_unit\":\"week\",\"params\":{\"r\":0,\"alpha\":1,\"a\":1,\"b\":1}}', 1, 1, 2)", clv.ErrBadParams.Error()},
		{"select clv_p_alive_params($g, 1, 1, 2)", "spend model"},
		{"select clv_expected_spend_params($bg, 1, 2)", clv.ErrUnknownModel.Error()},
		{"select clv_p_alive_params($bg, -1, 1, 2)", "x=-1 must be a whole number"},
		{"select clv_p_alive_params($bg, 1.5, 1, 2)", "x=1.5 must be a whole number"},
		{"select clv_p_alive_params($bg, 'nan'::double, 1, 2)", "x=NaN"},
		{"select clv_p_alive_params($bg, 'inf'::double, 1, 2)", "x=+Inf"},
		{"select clv_p_alive_params($bg, 1, 3, 2)", "need 0 <= t_x <= T"},
		{"select clv_p_alive_params($bg, 1, -1, 2)", "need 0 <= t_x <= T"},
		{"select clv_p_alive_params($bg, 0, 0, -1)", "need 0 <= t_x <= T"},
		{"select clv_p_alive_params($bg, 1, 1, 'inf'::double)", "need 0 <= t_x <= T"},
		{"select clv_expected_purchases_params($bg, interval '-1 month', 1, 1, 2)", "must not be negative"},
		{"select clv_expected_purchases_params($pareto, interval 12 month, 1, 5, 2)", "need 0 <= t_x <= T"},
		{"select clv_p_purchase_params($bg, interval '-1 month', 1, 1, 2)", "must not be negative"},
		{"select clv_p_purchase_params($bg, interval '-3 days', -1, 5, 2)", "must not be negative"},
		{"select clv_p_purchase_params($pareto, interval 12 month, 1, 5, 2)", "need 0 <= t_x <= T"},
		{"select clv_p_purchase_params($mbg, interval 90 day, 2.5, 1, 2)", "x=2.5 must be a whole number"},
		{"select clv_p_purchase_params('not json', interval 90 day, 1, 1, 2)", "decode stored clv model"},
		{"select clv_p_purchase_params($g, interval 90 day, 1, 1, 2)", "spend model"},
		{"select count(clv_p_purchase_params($bg, interval 12 month, 1, case when i = 6000 then 3 else 1 end, 2)) from range(10000) t(i)", "need 0 <= t_x <= T"},
		{"select clv_expected_spend_params($g, 1, -0.5)", "m_x=-0.5 must be a finite number"},
		{"select clv_expected_spend_params($g, 2.5, 1)", "x=2.5"},
		{"select clv_expected_spend_params('{\"model\":\"gammagamma\",\"time_unit\":\"week\",\"params\":{\"p\":1,\"q\":0.5,\"gamma\":1}}', 1, 1)", clv.ErrUndefined.Error()},
		{"select clv_value_params($bg, $g, interval 10 day, 0.1, 1, 1, 2, 3)", "needs a whole, non-negative number of months"},
		{"select clv_value_params($bg, $g, interval '-3 months', 0.1, 1, 1, 2, 3)", "needs a whole, non-negative number of months"},
		{"select clv_value_params($bg, $g, interval 12 month, -1, 1, 1, 2, 3)", "must be > -1"},
		{"select clv_value_params($bg, $g, interval 12 month, 0.1, 1, 1, 2, 'inf'::double)", "m_x=+Inf"},
		{"select clv_value_params($bg, $bg, interval 12 month, 0.1, 1, 1, 2, 3)", clv.ErrUnknownModel.Error()},
		{"select clv_value_params($mbg, $g, interval 12 month, 0.1, 1, 3, 2, 3)", "need 0 <= t_x <= T"},
		{"select count(clv_p_alive_params($bg, case when i = 5000 then -3 else i % 7 end, 0, 10)) from range(10000) t(i)", "x=-3"},
		{"select count(clv_value_params(case when i = 7000 then 'nope' else $bg end, $g, interval 1 year, 0.1, 1, 1, 2, 3)) from range(10000) t(i)", "decode stored clv model"},
	}
	args := []any{sql.Named("bg", bgnbdParams), sql.Named("mbg", mbgnbdParams), sql.Named("pareto", paretoParams), sql.Named("g", spendParams)}
	for _, c := range cases {
		// duckdb-go refuses named arguments the statement does not use.
		var used []any
		for _, a := range args {
			if strings.Contains(c.query, "$"+a.(sql.NamedArg).Name) {
				used = append(used, a)
			}
		}
		_, gotErr := db.Exec(c.query, used...)
		_, wantErr := db.Exec(rowQuery(c.query), used...)
		if gotErr == nil || wantErr == nil {
			t.Errorf("%s: errors %v vectorized, %v through the row executor; want both to fail", c.query, gotErr, wantErr)
			continue
		}
		got, want := functionError(gotErr), functionError(wantErr)
		if got != want {
			t.Errorf("%s: error\n%s vectorized,\n%s through the row executor", c.query, got, want)
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.query, got, c.want)
		}
	}
}

// The argument checks' errors wrap ErrCLVArgument; a value of the wrong type
// (which DuckDB's casts prevent) is ErrUnexpectedValue.
func TestCLVArgumentErrors(t *testing.T) {
	cases := []struct {
		f    Func
		args []driver.Value
		want error
	}{
		{clvPAliveFunc, []driver.Value{bgnbdParams, 1.0, 3.0, 2.0}, ErrCLVArgument},
		{clvPAliveFunc, []driver.Value{bgnbdParams, -1.0, 1.0, 2.0}, ErrCLVArgument},
		{clvExpectedSpendFunc, []driver.Value{spendParams, 1.0, -1.0}, ErrCLVArgument},
		{clvExpectedPurchasesFunc, []driver.Value{bgnbdParams, duckdb.Interval{Months: -1}, 1.0, 1.0, 2.0}, ErrCLVArgument},
		{clvPPurchaseFunc, []driver.Value{bgnbdParams, duckdb.Interval{Days: -1}, 1.0, 1.0, 2.0}, ErrCLVArgument},
		{clvPPurchaseFunc, []driver.Value{paretoParams, duckdb.Interval{Months: 12}, 1.0, 5.0, 2.0}, ErrCLVArgument},
		{clvPPurchaseFunc, []driver.Value{bgnbdParams, "12 months", 1.0, 1.0, 2.0}, ErrUnexpectedValue},
		{clvValueFunc, []driver.Value{bgnbdParams, spendParams, duckdb.Interval{Months: 1, Days: 1}, 0.1, 1.0, 1.0, 2.0, 3.0}, ErrCLVArgument},
		{clvPAliveFunc, []driver.Value{bgnbdParams, int64(1), 1.0, 2.0}, ErrUnexpectedValue},
		{clvValueFunc, []driver.Value{bgnbdParams, spendParams, "12 months", 0.1, 1.0, 1.0, 2.0, 3.0}, ErrUnexpectedValue},
	}
	for _, c := range cases {
		v, err := c.f.Eval(c.args)
		if !errors.Is(err, c.want) || v != nil {
			t.Errorf("%s%v = %v, %v; want nil and an error wrapping %v", c.f.Name, c.args, v, err, c.want)
		}
	}
}
