// Package demo generates a deterministic, realistic data set for a car dealer and repair shop
// into the contract tables: customers, their vehicles, orders, surveys, interactions and profile
// changes. The generator is SQL over range() inside DuckDB (sql/gen/*.sql); this file only runs
// the steps in order, in one transaction.
package demo

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/jmoiron/sqlx"
)

// Defaults used for zero Options fields.
const (
	DefaultCustomers = 10000
	DefaultSeed      = 1
	MaxCustomers     = 99_999_999 // customer ids have eight digits
)

// DefaultAsOf is the day the demo data ends when Options.AsOf is zero.
var DefaultAsOf = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)

//go:embed sql/gen/*.sql sql/summary/*.sql
var sqlFS embed.FS

// paramsStep is the one step that takes bind parameters; later steps read them as variables.
const paramsStep = "sql/gen/00_params.sql"

// Options choose the size and content of the demo data. Zero fields take the defaults.
type Options struct {
	Customers int       // number of customers (about 11 orders each); 0 means DefaultCustomers
	Seed      int64     // same seed, same data, byte for byte; 0 means DefaultSeed
	AsOf      time.Time // the day the data ends: every event happens before it; zero means DefaultAsOf

	Progress io.Writer // if not nil, gets one line per generator step with its duration
}

func (o Options) withDefaults() Options {
	if o.Customers == 0 {
		o.Customers = DefaultCustomers
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.AsOf.IsZero() {
		o.AsOf = DefaultAsOf
	}
	y, m, d := o.AsOf.Date()
	o.AsOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return o
}

// Generate replaces the contents of the contract tables (all but categories) of a migrated
// database with demo data, in one transaction, and returns the summary of what is now there.
func Generate(ctx context.Context, db *sqlx.DB, opts Options) (Summary, error) {
	opts = opts.withDefaults()
	if opts.Customers < 1 || opts.Customers > MaxCustomers {
		return Summary{}, fmt.Errorf("generate demo data: %d customers: want 1 to %d", opts.Customers, MaxCustomers)
	}
	steps, err := fs.Glob(sqlFS, "sql/gen/*.sql")
	if err != nil {
		return Summary{}, fmt.Errorf("generate demo data: %w", err)
	}
	// The transaction also pins one connection, which the steps' temp tables and macros need.
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return Summary{}, fmt.Errorf("generate demo data: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	for _, step := range steps {
		body, err := fs.ReadFile(sqlFS, step)
		if err != nil {
			return Summary{}, fmt.Errorf("generate demo data: %w", err)
		}
		var args []any
		if step == paramsStep {
			args = []any{
				sql.Named("seed", opts.Seed),
				sql.Named("customers", opts.Customers),
				sql.Named("as_of", opts.AsOf.Format(time.DateOnly)),
			}
		}
		start := time.Now()
		if _, err := tx.ExecContext(ctx, string(body), args...); err != nil {
			return Summary{}, fmt.Errorf("generate demo data: step %s: %w", path.Base(step), err)
		}
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "demo: %-24s %s\n", path.Base(step), time.Since(start).Round(time.Millisecond))
		}
	}
	start := time.Now()
	if err := tx.Commit(); err != nil {
		return Summary{}, fmt.Errorf("generate demo data: commit: %w", err)
	}
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "demo: %-24s %s\n", "commit", time.Since(start).Round(time.Millisecond))
	}
	s, err := Summarize(ctx, db, opts.AsOf)
	if err != nil {
		return Summary{}, err
	}
	s.Seed = opts.Seed
	return s, nil
}
