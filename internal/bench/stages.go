package bench

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/custval/custval/internal/benchcase"
	"github.com/custval/custval/internal/clvfit"
	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/internal/load"
	"github.com/custval/custval/internal/rfm"
	"github.com/custval/custval/udf"
)

// AsOf is the as-of date of the generated data and of every scored stage.
var AsOf = demo.DefaultAsOf

// Generate is the per-scale setup: demo data for env.Customers customers, timed once.
func Generate(ctx context.Context, env *Env) (Row, error) {
	start := time.Now()
	sum, err := demo.Generate(ctx, env.DB, demo.Options{Customers: env.Customers, Seed: 1, AsOf: AsOf})
	if err != nil {
		return Row{}, err
	}
	return Row{
		Customers: env.Customers, Stage: "demo generate (all tables)", Ours: time.Since(start), Runs: 1,
		Extra: fmt.Sprintf("%d orders", sum.Orders),
	}, nil
}

// sqlString quotes a path as a SQL string literal: COPY and read_csv take no bound path.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// LoadOrders times `custval load orders FILE` against DuckDB reading the same CSV into a table.
func LoadOrders() Stage {
	csvPath := func(env *Env) string { return filepath.Join(env.Dir, "orders.csv") }
	return Stage{
		Name:      "load orders.csv",
		FloorDesc: "`create table as select * from read_csv(file)`",
		Setup: func(ctx context.Context, env *Env) error {
			_, err := env.DB.ExecContext(ctx, "copy (select * from orders) to "+sqlString(csvPath(env))+" (header)")
			return err
		},
		Before: func(ctx context.Context, env *Env) error {
			_, err := env.DB.ExecContext(ctx, "delete from orders; checkpoint")
			return err
		},
		Ours: func(ctx context.Context, env *Env) error {
			res, err := load.Load(ctx, env.DB, load.Request{Table: "orders", Files: []string{csvPath(env)}})
			if err != nil {
				return err
			}
			if res.Rejected != 0 {
				return fmt.Errorf("load rejected %d rows of clean demo data", res.Rejected)
			}
			return nil
		},
		Floor: func(ctx context.Context, env *Env) error {
			_, err := env.DB.ExecContext(ctx, "create or replace table bench_floor_orders as select * from read_csv("+sqlString(csvPath(env))+", header = true); drop table bench_floor_orders")
			return err
		},
	}
}

// rfmFloor and its description are the floor of every rfm_v1 stage: the bare per-customer aggregate, materialized.
const rfmFloorDesc = "`group by customer_id` of max(order_ts), count(*), sum(amount)"

func rfmFloor(ctx context.Context, env *Env) error { return rfm.BenchFloor(ctx, env.DB) }

// ScoreRFM times every rfm_v1 column for every customer against the bare per-customer aggregate.
func ScoreRFM() Stage {
	return Stage{
		Name:      "rfm_v1 scores and segments",
		FloorDesc: rfmFloorDesc,
		Ours:      func(ctx context.Context, env *Env) error { return rfm.BenchScore(ctx, env.DB, AsOf) },
		Floor:     rfmFloor,
	}
}

// RFMParts times, against the same floor as ScoreRFM, the two costs no body of rfm_v1 can avoid: the per-customer
// aggregate it needs and writing its finished columns. Together they bound the rfm_v1 ratio from below.
func RFMParts() []Stage {
	return []Stage{
		{
			Name:      "rfm_v1 part: its aggregate",
			FloorDesc: rfmFloorDesc,
			Ours:      func(ctx context.Context, env *Env) error { return rfm.BenchAggregate(ctx, env.DB, AsOf) },
			Floor:     rfmFloor,
		},
		{
			Name:      "rfm_v1 part: writing its 17 columns",
			FloorDesc: rfmFloorDesc,
			Setup:     func(ctx context.Context, env *Env) error { return rfm.PrepareBenchWrite(ctx, env.DB, AsOf) },
			Teardown:  func(ctx context.Context, env *Env) error { return rfm.DropBenchWrite(ctx, env.DB) },
			Ours:      func(ctx context.Context, env *Env) error { return rfm.BenchWrite(ctx, env.DB) },
			Floor:     rfmFloor,
		},
	}
}

// UDFCases times each custval function against the same rule as plain SQL with DOUBLE literals
// (udf.BenchCases), over rowsPerCustomer rows per customer of the scale point. The functions run
// as store.Open registers them: vectorized through DuckDB's C API (udf/vector.go).
func UDFCases(rowsPerCustomer int) ([]Stage, error) {
	cases, err := benchcase.Read(udf.BenchCases())
	if err != nil {
		return nil, err
	}
	var out []Stage
	for _, c := range cases {
		count := func(query string) func(ctx context.Context, env *Env) error {
			return func(ctx context.Context, env *Env) error {
				var n sql.NullInt64
				return env.DB.QueryRowContext(ctx, query).Scan(&n)
			}
		}
		out = append(out, Stage{
			Name:      "udf " + c.Name,
			FloorDesc: "the same rule as plain SQL, DOUBLE literals",
			Setup: func(ctx context.Context, env *Env) error {
				for _, s := range c.Setup {
					if _, err := env.DB.ExecContext(ctx, s, sql.Named("rows", env.Customers*rowsPerCustomer)); err != nil {
						return err
					}
				}
				var bad int64
				if err := env.DB.QueryRowContext(ctx, c.Check).Scan(&bad); err != nil || bad != 0 {
					return fmt.Errorf("%s: udf and plain SQL disagree on %d rows (err %v)", c.Name, bad, err)
				}
				return nil
			},
			Ours:  count(c.UDF),
			Floor: count(c.SQL),
		})
	}
	return out, nil
}

// FitCLV times `custval fit clv` (summary in SQL, BG/NBD and Gamma-Gamma fits, storing the models)
// against the bare per-customer, per-day aggregate the summary is built on.
func FitCLV() Stage {
	return Stage{
		Name:      "fit clv (bgnbd + gammagamma)",
		FloorDesc: "`group by customer_id, order_ts::date`, then per customer",
		Ours: func(ctx context.Context, env *Env) error {
			res, err := clvfit.Run(ctx, env.DB, clvfit.Options{AsOf: AsOf})
			if err != nil {
				return err
			}
			return res.Err()
		},
		Floor: func(ctx context.Context, env *Env) error {
			_, err := env.DB.ExecContext(ctx, `create or replace temp table bench_floor_days as
				select customer_id, count(*) as days, min(d) as first_day, max(d) as last_day, sum(net) as net
				from (select customer_id, order_ts::date as d, sum(amount) as net from orders group by all)
				group by customer_id;
				drop table bench_floor_days`)
			return err
		},
	}
}

// CLVV1 times every clv_v1 column for every customer, materialized (the UDF throughput of clv_p_alive,
// clv_expected_purchases, clv_expected_spend and clv_value), against the same rows without the model functions.
func CLVV1() Stage {
	return Stage{
		Name:      "clv_v1 materialized",
		FloorDesc: clvFloorDesc,
		Setup:     fitCLV,
		Ours:      func(ctx context.Context, env *Env) error { return clvfit.BenchCLVV1(ctx, env.DB, AsOf) },
		Floor:     func(ctx context.Context, env *Env) error { return clvfit.BenchCLVV1Floor(ctx, env.DB, AsOf) },
	}
}

// CLVV2 is CLVV1 for clv_v2: the same columns and P(purchase) over 90 days and 12 months, against the same floor.
func CLVV2() Stage {
	return Stage{
		Name:      "clv_v2 materialized",
		FloorDesc: clvFloorDesc,
		Setup:     fitCLV,
		Ours:      func(ctx context.Context, env *Env) error { return clvfit.BenchCLVV2(ctx, env.DB, AsOf) },
		Floor:     func(ctx context.Context, env *Env) error { return clvfit.BenchCLVV1Floor(ctx, env.DB, AsOf) },
	}
}

const clvFloorDesc = "the same summary and margin rows without the four model functions"

// fitCLV fits the default models, which the clv_v* stages read.
func fitCLV(ctx context.Context, env *Env) error {
	res, err := clvfit.Run(ctx, env.DB, clvfit.Options{AsOf: AsOf})
	if err != nil {
		return err
	}
	return res.Err()
}
