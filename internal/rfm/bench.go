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

// The two parts below bound what any body of rfm_v1 can reach against the floor, measured in the same run: the
// aggregate it cannot do without and the write of its output. docs/rfm.md#speed explains how they add up.

// BenchAggregate materializes only the per-customer aggregate rfm_v1 needs as of asOf (five aggregates over the four
// columns it reads), as a temp table, and drops it.
func BenchAggregate(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	return benchTemp(ctx, db, "rfm_bench_aggregate", mustSQL("bench_aggregate.sql"), sql.Named("as_of", asOf))
}

// PrepareBenchWrite keeps the finished rfm_v1 result as of asOf in the table rfm_bench_result, for BenchWrite.
func PrepareBenchWrite(ctx context.Context, db *sqlx.DB, asOf time.Time) error {
	if _, err := db.ExecContext(ctx, mustSQL("bench_result.sql"), sql.Named("as_of", asOf)); err != nil {
		return fmt.Errorf("bench rfm_bench_result: %w", err)
	}
	return nil
}

// BenchWrite copies the finished result PrepareBenchWrite kept into a temp table, the way BenchScore writes it, and
// drops the copy: the cost of writing rfm_v1's columns with nothing computed.
func BenchWrite(ctx context.Context, db *sqlx.DB) error {
	return benchTemp(ctx, db, "rfm_bench_write", mustSQL("bench_write.sql"))
}

// DropBenchWrite removes the table PrepareBenchWrite made.
func DropBenchWrite(ctx context.Context, db *sqlx.DB) error {
	_, err := db.ExecContext(ctx, "drop table if exists rfm_bench_result")
	return err
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
