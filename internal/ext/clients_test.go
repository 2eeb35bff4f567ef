package ext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custval/custval/internal/store"
	"github.com/custval/custval/sql/sqltest"
)

// The database file as an interface (issue 7, section 3), and the macros LOAD
// creates for an analyst's own tables: a demo database made with the custval
// CLI, read by the stock Node client with and without the extension, against
// custval's own answers on the same file.

// demoAsOf is the day the demo data ends, the CLV fit and the snapshot are as of.
const demoAsOf = "2026-06-30"

// custvalBinary builds cmd/custval once per test binary.
func custvalBinary(t *testing.T, root string) string {
	t.Helper()
	return fixture(t, "custval", func(dir string) (string, error) {
		bin := filepath.Join(dir, "custval")
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/custval")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("build custval: %v\n%s", err, out)
		}
		return bin, nil
	})
}

// demoDatabase makes a database as an analyst would: `custval demo`, `custval
// fit clv`, `custval score`, and two views of their own through `custval
// query`, one plain SQL, one calling a custval function with the database's
// settings. It also exports orders (Parquet), customers (CSV) and the fitted
// models (Parquet) next to it. It returns the database's path.
func demoDatabase(t *testing.T, root string) string {
	t.Helper()
	bin := custvalBinary(t, root)
	return fixture(t, "demo", func(dir string) (string, error) {
		db := filepath.Join(dir, "demo.duckdb")
		steps := [][]string{
			{"demo", "--db", db, "--customers", "2000", "--as-of", demoAsOf},
			{"fit", "clv", "--db", db, "--as-of", demoAsOf},
			{"score", "--db", db, "--as-of", demoAsOf},
			{"query", "--db", db, `create view top_customers as
				select customer_id, sum(amount) as spend, count(*) as orders from orders group by customer_id;
			create view lifecycle_now as
				select customer_id, recency_days, frequency,
					lifecycle_stage(recency_days, 60, frequency, tenure_days, null, score_settings_map('lifecycle')) as stage
				from rfm_v1(as_of := date '` + demoAsOf + `');
			select count(*) from duckdb_views() where not internal`},
			{"query", "--db", db, "--read-only", "from orders", "--format", "parquet", "-o", filepath.Join(dir, "orders.parquet")},
			{"query", "--db", db, "--read-only", "from customers", "--format", "csv", "-o", filepath.Join(dir, "customers.csv")},
			{"query", "--db", db, "--read-only", "from clv_models", "--format", "parquet", "-o", filepath.Join(dir, "clv_models.parquet")},
		}
		for _, args := range steps {
			cmd := exec.Command(bin, args...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				return "", fmt.Errorf("custval %s: %v\n%s", strings.Join(args[:2], " "), err, out)
			}
		}
		return db, nil
	})
}

// queryFile runs the queries in custval (duckdb-go with custval's functions)
// on a database file opened read-only, and closes it.
func queryFile(t *testing.T, path string, qs []parityQuery) []result {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return queryAll(t, db.DB, qs)
}

func q(name, sql string) parityQuery { return parityQuery{Name: name, SQL: sql} }

// TestDatabaseFileInStockClient: everything custval persists reads in a stock
// client without the extension, except what calls custval's functions, which
// fails with DuckDB's Catalog Error until the extension is loaded, and then
// answers as in custval.
func TestDatabaseFileInStockClient(t *testing.T) {
	root, nodeDir, lib := stockClientSetup(t)
	db := demoDatabase(t, root)

	day := "date '" + demoAsOf + "'"
	plain := []parityQuery{
		q("contract table orders", "select count(*) as n, sum(amount) as amount, max(order_ts) as last from orders"),
		q("contract table customers", "from customers"),
		q("plain view", "from top_customers"),
		q("plain table macro rfm_v1", "from rfm_v1(as_of := "+day+")"),
		q("plain table macro rfm_segment_summary", "from rfm_segment_summary()"),
		q("plain table macro clv_summary_v1", "from clv_summary_v1(as_of := "+day+")"),
		q("plain scalar macro score_settings_map", "select score_settings_map('lifecycle') as m"),
		q("score snapshots", "from score_snapshots"),
		q("fitted models", "select id, model, as_of, converged, params from clv_models"),
	}
	udfBacked := []parityQuery{
		q("view calling lifecycle_stage with settings", "from lifecycle_now"),
		q("customer_value_v1", "from customer_value_v1(as_of := "+day+")"),
		q("customer_value pointer with arguments", "from customer_value(as_of := date '2025-12-31', change_months := 12)"),
		q("prospect_funnel_v1", "from prospect_funnel_v1(as_of := "+day+")"),
		q("prospect_funnel_gates_v1", "from prospect_funnel_gates_v1(as_of := "+day+", min_loyalty := 'transactional')"),
		q("clv_v1", "from clv_v1(as_of := "+day+")"),
		q("clv pointer (clv_v2)", "from clv(as_of := "+day+")"),
		q("value_matrix_v1", "from value_matrix_v1(as_of := "+day+")"),
		q("scalar macro clv_p_alive", `select customer_id, clv_p_alive(x, t_x, "T") as p from clv_summary_v1(as_of := `+day+`)`),
		q("scalar macro clv_p_purchase", `select customer_id, clv_p_purchase(interval 90 day, x, t_x, "T") as p from clv_summary_v1(as_of := `+day+`)`),
	}
	all := append(append([]parityQuery{}, plain...), udfBacked...)
	want := queryFile(t, db, all)

	// One session, as an analyst would: query, see what fails, LOAD, query again.
	got := runNode(t, nodeDir, nodeRequest{Database: db, ReadOnly: true, BeforeLoad: all, Extension: lib, Queries: all})
	before := got.ResultsBeforeLoad
	compareResults(t, plain, before[:len(plain)], want[:len(plain)])
	for i, query := range udfBacked {
		r := before[len(plain)+i]
		if !strings.Contains(r.Error, "Catalog Error: Scalar Function with name") || !strings.Contains(r.Error, "does not exist") {
			t.Errorf("%s before LOAD: error %q, %d rows; want DuckDB's Catalog Error for a missing custval function", query.Name, r.Error, len(r.Rows))
		}
	}
	compareResults(t, all, got.Results, want)

	// A database file named custval.duckdb is attached as catalog custval: LOAD
	// then adds the functions only, and the file's own macros answer.
	named := filepath.Join(t.TempDir(), "custval.duckdb")
	copyFile(t, db, named)
	qs := []parityQuery{udfBacked[1], q("catalogs", "select database_name from duckdb_databases() where not internal")}
	got = runNode(t, nodeDir, nodeRequest{Database: named, ReadOnly: true, Extension: lib, Queries: qs})
	compareResults(t, qs[:1], got.Results[:1], want[len(plain)+1:len(plain)+2])
	if r := got.Results[1]; r.Error != "" || len(r.Rows) != 1 || *r.Rows[0][0] != "custval" {
		t.Errorf("catalogs after LOAD into custval.duckdb: %v (error %q); want just the file's, custval", r.Rows, r.Error)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMacrosOnLoadOverAnalystTables: in a fresh in-memory database holding
// only the analyst's orders (from Parquet) and customers (a view over CSV),
// LOAD creates custval's macros, which answer as custval does on the same data.
func TestMacrosOnLoadOverAnalystTables(t *testing.T) {
	root, nodeDir, lib := stockClientSetup(t)
	db := demoDatabase(t, root)
	dir := filepath.Dir(db)
	file := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	setup := []string{
		"create table orders as from " + file("orders.parquet"),
		"create view customers as from read_csv(" + file("customers.csv") + ")",
	}

	t.Run("qualified", func(t *testing.T) {
		// custval.NAME(...) reads the caller's orders; the fitted models go into custval's own clv_models.
		calls := []string{
			"rfm_v1()",
			"rfm_v1(as_of := date '2025-12-31', months := 12, k := 4, statistic := 'median')",
			"rfm_thresholds_v1()",
			"rfm_segment_summary()",
			"clv_summary_v1(as_of := date '" + demoAsOf + "', time_unit := 'day')",
			"clv_v1(as_of := date '" + demoAsOf + "')",
			"clv_v2(as_of := date '" + demoAsOf + "')",
		}
		var ours, theirs []parityQuery
		for _, c := range calls {
			ours = append(ours, q(c, "from "+c))
			theirs = append(theirs, q(c, "from custval."+c))
		}
		// A scalar macro over the CLV summary: the latest fitted model's P(purchase within a quarter).
		scalar := `select customer_id, %sclv_p_purchase(interval 3 month, x, t_x, "T") as p
			from %sclv_summary_v1(as_of := date '` + demoAsOf + `')`
		ours = append(ours, q("clv_p_purchase", fmt.Sprintf(scalar, "", "")))
		theirs = append(theirs, q("clv_p_purchase", fmt.Sprintf(scalar, "custval.", "custval.")))
		want := queryFile(t, db, ours)
		got := runNode(t, nodeDir, nodeRequest{
			Extension: lib, Database: ":memory:", Setup: setup,
			AfterLoad: []string{"insert into custval.clv_models from " + file("clv_models.parquet")},
			Queries: append(theirs,
				q("the analyst's database", "select table_name from duckdb_tables() where database_name = 'memory'")),
		})
		compareResults(t, theirs, got.Results[:len(theirs)], want)
		// LOAD wrote nothing to the analyst's database.
		if r := got.Results[len(theirs)]; r.Error != "" || len(r.Rows) != 1 || *r.Rows[0][0] != "orders" {
			t.Errorf("tables in the analyst's database after LOAD: %v (error %q); want just orders", r.Rows, r.Error)
		}
	})

	t.Run("on the search path", func(t *testing.T) {
		// With custval.main after the analyst's catalog, bare names work, and the
		// contract tables the analyst lacks (surveys, assets, ...) are custval's empty ones.
		qs := []parityQuery{
			q("rfm_v1", "from rfm_v1()"),
			q("customer_value_v1 over orders and customers only", "from customer_value_v1(as_of := date '"+demoAsOf+"')"),
			q("prospect_funnel_gates", "from prospect_funnel_gates()"),
		}
		// custval's answer on the same data: a custval database holding just those two tables.
		custval := sqltest.Open(t)
		for _, s := range []string{
			"insert into orders from " + file("orders.parquet"),
			"insert into customers from read_csv(" + file("customers.csv") + ")",
		} {
			if _, err := custval.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		want := queryAll(t, custval.DB, qs)
		got := runNode(t, nodeDir, nodeRequest{
			Extension: lib, Database: ":memory:", Setup: setup,
			AfterLoad: []string{"set search_path = 'memory.main,custval.main'"},
			Queries:   qs,
		})
		compareResults(t, qs, got.Results, want)
	})
}
