package rfm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/custval/custval/internal/txn"
	"github.com/jmoiron/sqlx"
)

// ErrNoOrders means there is nothing to score: no as_of was given and the orders table is empty.
var ErrNoOrders = errors.New("no orders to score")

// Run describes one materialized snapshot.
type Run struct {
	AsOf         time.Time // the day the snapshot is keyed by
	ModelVersion string
	Customers    int64 // rows written
	Replaced     int64 // rows of an earlier snapshot of the same day and model that were replaced
	Parameters   string
	Extended     []Extended // what each Extension added, in order
}

// Extension adds columns to the snapshot's rows inside Score's transaction, so
// the snapshot with every later model's columns is written all or nothing.
type Extension struct {
	Name string
	Add  func(ctx context.Context, tx *sqlx.Tx, asOf time.Time, modelVersion string) (rows int64, err error)
}

// Extended is what one Extension did.
type Extended struct {
	Name string
	Rows int64
}

// Score materializes rfm_v1 for every customer into score_snapshots under (as_of, customer_id, 'rfm_v1'),
// replacing an earlier snapshot of the same day in one transaction: a failed or interrupted run leaves the
// earlier snapshot as it was, and snapshots of other days are never touched.
//
// Each extension runs in the same transaction after the RFM rows are written; an
// error from any of them rolls the whole snapshot back.
func Score(ctx context.Context, db *sqlx.DB, opts Options, exts ...Extension) (Run, error) {
	if err := opts.Validate(); err != nil {
		return Run{}, fmt.Errorf("score %s: %w", ModelVersion, err)
	}
	opts = opts.withDefaults()
	tx, err := txn.Beginx(ctx, db)
	if err != nil {
		return Run{}, fmt.Errorf("score %s: %w", ModelVersion, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit

	var asOf sql.NullTime
	if err := tx.GetContext(ctx, &asOf, mustSQL("resolve_as_of.sql"), opts.args()[0]); err != nil {
		return Run{}, fmt.Errorf("score %s: resolve as_of: %w", ModelVersion, err)
	}
	if !asOf.Valid {
		return Run{}, fmt.Errorf("score %s: %w: load orders first", ModelVersion, ErrNoOrders)
	}
	opts.AsOf = asOf.Time
	run := Run{AsOf: asOf.Time, ModelVersion: ModelVersion, Parameters: opts.parameters(asOf.Time)}
	fail := func(step string, err error) (Run, error) {
		return Run{}, fmt.Errorf("score %s as of %s: %s: %w", ModelVersion, run.AsOf.Format(time.DateOnly), step, err)
	}

	key := []any{sql.Named("as_of", run.AsOf), sql.Named("model_version", ModelVersion)}
	res, err := tx.ExecContext(ctx, mustSQL("clear_snapshot.sql"), key...)
	if err != nil {
		return fail("remove the earlier snapshot", err)
	}
	if run.Replaced, err = res.RowsAffected(); err != nil {
		return fail("remove the earlier snapshot", err)
	}
	if _, err := tx.ExecContext(ctx, mustSQL("clear_run.sql"), key...); err != nil {
		return fail("remove the earlier run", err)
	}
	res, err = tx.ExecContext(ctx, mustSQL("score.sql"), opts.args()...)
	if err != nil {
		return fail("write scores", err)
	}
	if run.Customers, err = res.RowsAffected(); err != nil {
		return fail("write scores", err)
	}
	for _, ext := range exts {
		rows, err := ext.Add(ctx, tx, run.AsOf, ModelVersion)
		if err != nil {
			return fail("add "+ext.Name, err)
		}
		run.Extended = append(run.Extended, Extended{Name: ext.Name, Rows: rows})
	}
	if _, err := tx.ExecContext(ctx, mustSQL("record_run.sql"), append(key,
		sql.Named("parameters", run.Parameters), sql.Named("customers", run.Customers))...); err != nil {
		return fail("record the run", err)
	}
	if err := tx.Commit(); err != nil {
		return fail("commit", err)
	}
	return run, nil
}
