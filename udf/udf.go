// Package udf holds custval's scoring rules as pure Go functions, and the thin
// adapters that register them as DuckDB scalar functions.
//
// The pure functions (satisfaction.go, loyalty.go, contact.go, lifecycle.go,
// replacement.go, value.go) import no driver types, so a loadable extension can
// reuse them unchanged. Register installs them, and the CLV functions (clv.go),
// vectorized through DuckDB's C API (vector.go, vector_funcs.go, vector_clv.go:
// one Go call per chunk, vectors read in place);
// adapters.go and duckdb.go are the same functions through duckdb-go's row
// executor, the fallback and the reference the vectorized path is tested against.
package udf

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"

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

	// vectorized computes a whole chunk in place with Eval's semantics
	// (vector_funcs.go, vector_clv.go); Register uses it when it can reach DuckDB's C API.
	vectorized vectorFunc
	// nullInNullOut keeps DuckDB's default NULL handling (a NULL argument gives
	// NULL, Eval is not called): the CLV functions. The scores document their
	// own NULL handling instead.
	nullInNullOut bool
}

// arities lists the parameter counts of f's overloads: every required
// parameter, then each optional one in turn.
func (f Func) arities() []int {
	var out []int
	for n := range len(f.Params) + 1 {
		if n == len(f.Params) || f.Params[n].Optional {
			out = append(out, n)
		}
	}
	return out
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

// allFuncs is what Register registers: the registry, then the CLV functions (clv.go).
func allFuncs() []Func {
	return append(registry[:len(registry):len(registry)], clvFuncs...)
}

// Register registers every custval function on conn; the functions are then
// visible to every connection of the same database.
func Register(ctx context.Context, conn *sql.Conn) error {
	_ = ctx
	_, err := registerFuncs(conn)
	return err
}

// fallbackOnce logs once per process that the row executor is in use.
var fallbackOnce sync.Once

// reachConnection is rawConnection; TestRowExecutorFallback replaces it.
var reachConnection = rawConnection

// registerFuncs registers the registry's functions and the CLV functions
// vectorized through DuckDB's C API, or, when the driver's connection cannot
// be reached (rawconn.go), through duckdb-go's row executor; it returns which.
func registerFuncs(conn *sql.Conn) (executorKind, error) {
	err := registerAll(conn, vectorExecutor)
	if !errors.Is(err, errNoRawConn) {
		return vectorExecutor, err
	}
	fallbackOnce.Do(func() {
		log.Printf("custval: %v; using duckdb-go's row executor for the custval functions (several times slower)", err)
	})
	return rowExecutor, registerAll(conn, rowExecutor)
}

func registerAll(conn *sql.Conn, exec executorKind) error {
	for _, f := range allFuncs() {
		if err := register(conn, f.Name, f, exec); err != nil {
			return err
		}
	}
	return nil
}

func register(conn *sql.Conn, name string, f Func, exec executorKind) error {
	if exec == vectorExecutor {
		return conn.Raw(func(driverConn any) error {
			raw, err := reachConnection(driverConn)
			if err != nil {
				return err
			}
			return registerVector(raw, name, f)
		})
	}
	overloads, err := scalarFuncs(f)
	if err != nil {
		return fmt.Errorf("register udf %s: %w", name, err)
	}
	if err := duckdb.RegisterScalarUDFSet(conn, name, overloads...); err != nil {
		return fmt.Errorf("register udf %s: %w", name, err)
	}
	return nil
}
