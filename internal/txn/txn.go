// Package txn begins transactions that a cancelled context cannot leave half begun.
//
// duckdb-go runs BEGIN TRANSACTION under the caller's context. When that
// context ends while BEGIN is in flight, DuckDB may have opened the transaction
// although the driver reports an error; database/sql then returns the
// connection to the pool inside an open (soon aborted) transaction, and every
// later statement on it fails with "Current transaction is aborted". So BEGIN
// runs without the caller's cancellation; the statements inside the
// transaction still take ctx, and cancelling them rolls the work back through
// the caller's deferred Rollback.
package txn

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// Beginner is a *sql.DB or *sql.Conn.
type Beginner interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}

// Beginnerx is a *sqlx.DB or *sqlx.Conn.
type Beginnerx interface {
	BeginTxx(context.Context, *sql.TxOptions) (*sqlx.Tx, error)
}

// Begin starts a transaction on db. If ctx is already done it returns ctx's
// error and starts nothing.
func Begin(ctx context.Context, db Beginner) (*sql.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return db.BeginTx(context.WithoutCancel(ctx), nil)
}

// Beginx is Begin for sqlx.
func Beginx(ctx context.Context, db Beginnerx) (*sqlx.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return db.BeginTxx(context.WithoutCancel(ctx), nil)
}
