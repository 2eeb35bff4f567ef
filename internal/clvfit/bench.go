package clvfit

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// BenchCLVV1 materializes every clv_v1 column for every customer as of asOf
// as a temp table and drops it: the throughput of the model functions over
// all customers. It needs a converged fit as of asOf or earlier.
func BenchCLVV1(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	return benchTemp(ctx, db, "clv_bench_v1", mustSQL("bench_clv_v1.sql"), asOf)
}

// BenchCLVV2 materializes clv_v2 as of asOf (bench_clv_v2.sql): clv_v1 and two
// P(purchase) columns, against BenchCLVV1Floor too.
func BenchCLVV2(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	return benchTemp(ctx, db, "clv_bench_v2", mustSQL("bench_clv_v2.sql"), asOf)
}

// BenchCLVV1Floor materializes the same rows without the model functions
// (bench_clv_floor.sql), the way BenchCLVV1 materializes clv_v1.
func BenchCLVV1Floor(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	return benchTemp(ctx, db, "clv_bench_floor", mustSQL("bench_clv_floor.sql"), asOf)
}

func benchTemp(ctx context.Context, db *sqlx.DB, table, query string, asOf time.Time) error {
	conn, err := db.Conn(ctx) // temp tables belong to one connection
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, query, sql.Named("as_of", day(asOf))); err != nil {
		return fmt.Errorf("bench %s: %w", table, err)
	}
	if _, err := conn.ExecContext(ctx, "drop table "+table); err != nil {
		return fmt.Errorf("bench %s: drop: %w", table, err)
	}
	return nil
}
