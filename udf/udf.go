// Package udf holds custval's scoring rules as pure Go functions, and the thin
// adapters that register them as DuckDB scalar functions.
package udf

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// Func describes one registered function for `custval udfs` and the docs.
type Func struct {
	Name      string
	Signature string // e.g. "lifecycle_stage(days_since_last DOUBLE, ...) -> VARCHAR"
	Doc       string // one line
	New       func() (duckdb.ScalarFunc, error)
}

// Funcs lists every custval function, in the order `custval udfs` prints them.
func Funcs() []Func {
	return registry
}

// registry is filled by each function's file.
var registry []Func

// Register registers every custval function on conn; the functions are then
// visible to every connection of the same database.
func Register(ctx context.Context, conn *sql.Conn) error {
	_ = ctx
	for _, f := range registry {
		impl, err := f.New()
		if err != nil {
			return fmt.Errorf("register udf %s: %w", f.Name, err)
		}
		if err := duckdb.RegisterScalarUDF(conn, f.Name, impl); err != nil {
			return fmt.Errorf("register udf %s: %w", f.Name, err)
		}
	}
	return nil
}
