package rfm

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// BenchFloor runs the benchmark floor for scoring: `select customer_id, max(order_ts), count(*), sum(amount)
// from orders group by customer_id`, materialized as a temp table and dropped. `make bench` times it against
// BenchScore on the same data and reports the ratio.
func BenchFloor(ctx context.Context, db *sqlx.DB) error {
	return benchTemp(ctx, db, "rfm_bench_floor", mustSQL("bench_floor.sql"))
}

// BenchScore materializes every rfm_v1 column for every customer as of asOf as a temp table, the way BenchFloor
// materializes the floor, and drops it.
func BenchScore(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	return benchTemp(ctx, db, "rfm_bench_scores", mustSQL("bench_score.sql"), sql.Named("as_of", asOf))
}

func benchTemp(ctx context.Context, db *sqlx.DB, table, query string, args ...any) error {
	conn, err := db.Conn(ctx) // temp tables belong to one connection
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("bench %s: %w", table, err)
	}
	if _, err := conn.ExecContext(ctx, "drop table "+table); err != nil {
		return fmt.Errorf("bench %s: drop: %w", table, err)
	}
	return nil
}
