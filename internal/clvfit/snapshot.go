package clvfit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrNoModel means there is no converged purchase model with a converged
// gammagamma in its run, fitted as of the date asked for or earlier.
var ErrNoModel = errors.New("no converged clv model; run custval fit clv")

// AddToSnapshot fills the CLV columns of score_snapshots (clv_model_id,
// p_alive, expected_purchases_12m, expected_spend, clv_12m, clv_basis,
// p_purchase_90d, p_purchase_12m, customer_type) for the rows of (asOf,
// modelVersion), from clv_v2 and value_matrix_v1 as of asOf. Call it inside the transaction that wrote the
// snapshot, after the rows are in, so the snapshot stays all or nothing. It
// returns the rows updated, or ErrNoModel (nothing changed) when no model
// fits the date: `custval score` can then warn and keep the snapshot without CLV.
func AddToSnapshot(ctx context.Context, tx *sqlx.Tx, asOf time.Time, modelVersion string) (int64, error) {
	d := asOf.Format(time.DateOnly)
	var ok bool
	if err := tx.GetContext(ctx, &ok, mustSQL("has_model.sql"), sql.Named("as_of", d)); err != nil {
		return 0, fmt.Errorf("add clv to snapshot %s %s: %w", modelVersion, d, err)
	}
	if !ok {
		return 0, fmt.Errorf("add clv to snapshot %s %s: %w fitted as of %s or earlier", modelVersion, d, ErrNoModel, d)
	}
	res, err := tx.ExecContext(ctx, mustSQL("snapshot.sql"), sql.Named("as_of", d), sql.Named("model_version", modelVersion))
	if err != nil {
		return 0, fmt.Errorf("add clv to snapshot %s %s: %w", modelVersion, d, err)
	}
	return res.RowsAffected()
}
