// Package custvalue runs the customer value model (customer_value_v1, migration 0022) and the replacement
// prospect funnel (prospect_funnel_v1 and prospect_funnel_gates_v1, 0024 and 0025) from Go. The models are SQL
// table macros over custval's Go functions; docs/customer-value.md documents them.
package custvalue

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

//go:embed sql/*.sql
var sqlFS embed.FS

func mustSQL(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(fmt.Sprintf("custvalue: embedded sql/%s: %v", name, err)) // a build mistake, caught by any test
	}
	return string(b)
}

// AddToSnapshot fills the customer value columns of score_snapshots (serve_cost, net_value, value_class,
// satisfaction_index, satisfaction_level, loyalty_score, loyalty_tier, contact_closeness, lifecycle_stage,
// replacement_readiness, life_changes) for the rows of (asOf, modelVersion), from customer_value_v1 as of asOf
// with its defaults. Call it inside the transaction that wrote the snapshot, after the rows are in, so the
// snapshot stays all or nothing. It returns the rows updated.
func AddToSnapshot(ctx context.Context, tx *sqlx.Tx, asOf time.Time, modelVersion string) (int64, error) {
	d := asOf.Format(time.DateOnly)
	res, err := tx.ExecContext(ctx, mustSQL("snapshot.sql"), sql.Named("as_of", d), sql.Named("model_version", modelVersion))
	if err != nil {
		return 0, fmt.Errorf("add customer value to snapshot %s %s: %w", modelVersion, d, err)
	}
	return res.RowsAffected()
}
