// Package udf holds custval's scoring rules as pure Go functions, and the thin
// adapters that register them as DuckDB scalar functions.
//
// The pure functions (satisfaction.go, loyalty.go, contact.go, lifecycle.go,
// replacement.go, value.go) import no driver types, so a loadable extension can
// reuse them unchanged; adapters.go converts DuckDB values, and duckdb.go
// registers the overloads.
package udf

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Param is one SQL parameter of a custval function.
type Param struct {
	Name     string
	Type     string // DuckDB type as printed: DOUBLE, BIGINT, BOOLEAN, TIMESTAMP, VARCHAR[], TIMESTAMP[], MAP(VARCHAR, DOUBLE)
	Optional bool   // trailing parameter that may be left out; an overload without it is registered too
}

// Func describes one custval function for registration, `custval udfs` and the docs.
type Func struct {
	Name   string
	Params []Param
	Result string // DOUBLE, or ENUM for a class: see Values
	// Values are the classes an ENUM result can take, in order (NULL aside). An
	// ENUM is written without a cgo call per row, unlike VARCHAR, compares with
	// strings ('lost' = lifecycle_stage(...)), and sorts in this order.
	Values []string
	Doc    string // one line
	Score  string // settings group in score_settings, e.g. "satisfaction"
	// Eval computes one row. args holds the values DuckDB passed (NULL as nil),
	// one per parameter of the overload called: optional parameters left out are
	// simply missing at the end. It must be safe for concurrent use.
	Eval func(args []driver.Value) (any, error)
}

// Signature renders the function as `name(a T, b T[, c T[, d T]]) -> R`.
func (f Func) Signature() string {
	var b strings.Builder
	b.WriteString(f.Name)
	b.WriteString("(")
	opened := 0
	for i, p := range f.Params {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		if p.Optional {
			b.WriteString(" [") // the space keeps "VARCHAR[] [, x]" readable
			opened++
		}
		b.WriteString(sep + p.Name + " " + p.Type)
	}
	b.WriteString(strings.Repeat("]", opened) + ") -> " + f.resultType())
	return b.String()
}

// resultType renders the result, e.g. ENUM('new', 'active').
func (f Func) resultType() string {
	if f.Result != "ENUM" {
		return f.Result
	}
	return "ENUM('" + strings.Join(f.Values, "', '") + "')"
}

// settingsParam is the optional last parameter of every score: overrides of its
// documented defaults, e.g. map {'half_life_days': 180}; see docs/scores/README.md.
var settingsParam = Param{Name: "settings", Type: "MAP(VARCHAR, DOUBLE)", Optional: true}

// registry lists every custval function, in the order `custval udfs` prints them.
var registry = []Func{
	satisfactionIndexFunc,
	satisfactionLevelFunc,
	loyaltyScoreFunc,
	loyaltyTierFunc,
	contactClosenessFunc,
	lifecycleStageFunc,
	replacementReadinessFunc,
	valueClassFunc,
}

// Funcs lists every custval function, in the order `custval udfs` prints them.
func Funcs() []Func {
	return registry
}

// Register registers every custval function on conn; the functions are then
// visible to every connection of the same database.
func Register(ctx context.Context, conn *sql.Conn) error {
	_ = ctx
	for _, f := range registry {
		if err := register(conn, f.Name, f, rowExecutor); err != nil {
			return err
		}
	}
	return registerCLV(conn) // CLV functions: udf/clv.go
}

func register(conn *sql.Conn, name string, f Func, exec executorKind) error {
	overloads, err := scalarFuncs(f, exec)
	if err != nil {
		return fmt.Errorf("register udf %s: %w", name, err)
	}
	if err := duckdb.RegisterScalarUDFSet(conn, name, overloads...); err != nil {
		return fmt.Errorf("register udf %s: %w", name, err)
	}
	return nil
}
