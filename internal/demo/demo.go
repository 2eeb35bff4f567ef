// Package demo generates a deterministic, realistic data set for a car dealer and repair shop
// into the contract tables: customers, their vehicles, orders, surveys, interactions and profile
// changes. The generator is SQL over range() inside DuckDB: sql/plan/*.sql plans every customer and
// vehicle in temporary tables, sql/gen/*.sql writes the tables from the plan in one transaction;
// this file only runs the steps in order.
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

	"github.com/custval/custval/internal/txn"
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

//go:embed sql/plan/*.sql sql/gen/*.sql sql/cleanup.sql sql/summary/*.sql
var sqlFS embed.FS

// paramsStep is the one step that takes bind parameters; later steps read them as variables.
const paramsStep = "sql/plan/00_params.sql"

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
	if err := write(ctx, db, opts); err != nil {
		return Summary{}, err
	}
	s, err := Summarize(ctx, db, opts.AsOf)
	if err != nil {
		return Summary{}, err
	}
	s.Seed = opts.Seed
	return s, nil
}

// write runs the generator on one connection, which it gives back before Generate summarizes:
// a pool of one connection must not deadlock.
func write(ctx context.Context, db *sqlx.DB, opts Options) (err error) {
	// One connection for every step: the plan's temporary tables, macros and variables live on it.
	conn, err := db.Connx(ctx)
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	defer conn.Close()
	defer func() {
		// After a failure too, so the connection goes back to the pool as it came.
		if cerr := cleanup(context.WithoutCancel(ctx), conn); err == nil {
			err = cerr
		}
	}()

	// The plan (sql/plan: per-customer and per-vehicle temporary tables) is committed before the
	// transaction that writes the contract tables: DuckDB reads rows a transaction has not yet
	// committed with one thread only, so with the plan inside it every step ran on one core.
	if err := runSteps(ctx, conn, "sql/plan/*.sql", opts); err != nil {
		return err
	}
	tx, err := txn.Beginx(ctx, conn)
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	if err := runSteps(ctx, tx, "sql/gen/*.sql", opts); err != nil {
		return err
	}
	start := time.Now()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("generate demo data: commit: %w", err)
	}
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "demo: %-24s %s\n", "commit", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// runSteps runs the generator's SQL files matching pattern in file-name order.
func runSteps(ctx context.Context, db sqlx.ExecerContext, pattern string, opts Options) error {
	steps, err := fs.Glob(sqlFS, pattern)
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	for _, step := range steps {
		body, err := fs.ReadFile(sqlFS, step)
		if err != nil {
			return fmt.Errorf("generate demo data: %w", err)
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
		if _, err := db.ExecContext(ctx, string(body), args...); err != nil {
			return fmt.Errorf("generate demo data: step %s: %w", path.Base(step), err)
		}
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "demo: %-24s %s\n", path.Base(step), time.Since(start).Round(time.Millisecond))
		}
	}
	return nil
}

// cleanup drops the generator's temporary tables, macros and variables from conn.
func cleanup(ctx context.Context, conn *sqlx.Conn) error {
	body, err := fs.ReadFile(sqlFS, "sql/cleanup.sql")
	if err != nil {
		return fmt.Errorf("generate demo data: %w", err)
	}
	if _, err := conn.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("generate demo data: clean up: %w", err)
	}
	return nil
}
