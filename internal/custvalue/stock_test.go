package custvalue_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the plain driver: a stock DuckDB without custval's functions

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/sql/sqltest"
)

// A database holding the customer value models still opens in a stock DuckDB: the RFM models and the
// snapshot table work there, and only the models that call custval's functions fail, naming the function.
func TestStockClientOpensDatabase(t *testing.T) {
	db, path := sqltest.OpenFile(t)
	if _, err := demo.Generate(context.Background(), db, demo.Options{Customers: 50, Seed: 3, AsOf: demoAsOf}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	stock, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer stock.Close()
	for _, q := range []string{
		`select count(*) from rfm_v1()`,
		`select count(*) from rfm_segment_summary_v1()`,
		`select count(*), count(value_class) from score_snapshots`,
		`select count(*) from serve_cost_settings`,
	} {
		if _, err := stock.Exec(q); err != nil {
			t.Errorf("stock client: %s: %v", q, err)
		}
	}
	for _, q := range []string{`from customer_value_v1() limit 1`, `from prospect_funnel_gates_v1()`} {
		_, err := stock.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("stock client: %s: err = %v, want a missing-function error (the model needs custval's functions)", q, err)
		}
	}
}
