package session

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/internal/demo"
	"github.com/custval/custval/internal/store"
	"github.com/custval/custval/sql/sqltest"
)

func TestQualify(t *testing.T) {
	own := map[string]bool{"helper_v1": true, "rules": true, "seg_v1": true}
	tests := []struct {
		name, in, want string
	}{
		{"call", "select helper_v1(x) from t", "select custval.main.helper_v1(x) from t"},
		{"table and type", "from rules r, orders o where o.s::seg_v1 = r.s",
			"from custval.main.rules r, orders o where o.s::custval.main.seg_v1 = r.s"},
		{"definition", "create or replace macro helper_v1(a) as a + 1", "create or replace macro helper_v1(a) as a + 1"},
		{"type definition", "create type seg_v1 as enum ('a')", "create type seg_v1 as enum ('a')"},
		{"if not exists", "create table if not exists rules (a int)", "create table if not exists rules (a int)"},
		{"insert", "insert into rules values (1)", "insert into custval.main.rules values (1)"},
		{"string", "select error('helper_v1: rules must be set') from rules",
			"select error('helper_v1: rules must be set') from custval.main.rules"},
		{"doubled quote", "select 'it''s helper_v1', helper_v1(1)", "select 'it''s helper_v1', custval.main.helper_v1(1)"},
		{"quoted identifier", `select "rules", "a""rules" from rules`, `select "rules", "a""rules" from custval.main.rules`},
		{"comments", "-- rules\nselect /* helper_v1( */ 1 from rules", "-- rules\nselect /* helper_v1( */ 1 from custval.main.rules"},
		{"dotted", "select r.rules, rules.a, x.helper_v1 from custval.main.rules",
			"select r.rules, rules.a, x.helper_v1 from custval.main.rules"},
		{"case and prefix", "select HELPER_V1(1), helper_v10(1), my_rules", "select custval.main.HELPER_V1(1), helper_v10(1), my_rules"},
		{"number", "select 1e5, 2.5::seg_v1", "select 1e5, 2.5::custval.main.seg_v1"},
	}
	for _, tt := range tests {
		s := script{name: tt.name, tokens: lex(tt.in)}
		if got := s.qualified(own); got != tt.want {
			t.Errorf("%s: qualified(%q)\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestCreated(t *testing.T) {
	s := script{tokens: lex(`create table a (x int); create or replace macro b(x) as x;
		create type c as enum ('create table z'); create table if not exists d (y int); -- create table e
		insert into a values (1); alter table a add column q int; create temp macro f() as table select 1`)}
	got := s.created()
	want := []string{"a", "b", "c", "d", "f"}
	if !slices.Equal(got, want) {
		t.Errorf("created() = %q, want %q", got, want)
	}
}

// TestStatementsKeepContractUnqualified: the analyst's tables are found by
// the caller's search path, custval's own objects in the custval catalog.
func TestStatementsKeepContractUnqualified(t *testing.T) {
	stmts, err := Statements()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, s := range stmts {
		all.WriteString(s.SQL)
	}
	for _, want := range []string{"from orders as o", "custval.main.segment_rules", "custval.main.score_settings_map(",
		"custval.main.rfm_v1(", "::custval.main.rfm_segment_8_v1", "custval.main.clv_models"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the session SQL has no %q", want)
		}
	}
	for _, bad := range []string{"custval.main.orders", "custval.main.customers", "custval.main.surveys", "custval.main.satisfaction_index"} {
		if strings.Contains(all.String(), bad) {
			t.Errorf("the session SQL has %q: the analyst's tables and the Go functions must stay unqualified", bad)
		}
	}
}

// contractTables are the tables a session's macros read from the analyst's database.
var contractTables = []string{"customers", "orders", "categories", "surveys", "interactions", "assets", "profile_changes"}

// TestMacrosOverAnalystTables runs every table macro the session creates in a
// database that holds only the contract tables (copied through Parquet from a
// custval database), called as custval.main.NAME(...), and requires the
// results of the same macro in the custval database itself.
func TestMacrosOverAnalystTables(t *testing.T) {
	if testing.Short() {
		t.Skip("generates demo data and runs every macro twice; skipped with -short")
	}
	ctx := context.Background()
	dir := t.TempDir()

	// custval's own database, with demo data.
	custval := sqltest.Open(t)
	if _, err := demo.Generate(ctx, custval, demo.Options{Customers: 300, Seed: 7, AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, table := range contractTables {
		path := filepath.Join(dir, table+".parquet")
		if _, err := custval.ExecContext(ctx, fmt.Sprintf("copy %s to '%s' (format parquet)", table, path)); err != nil {
			t.Fatal(err)
		}
	}

	// The analyst's database: just the tables, and the session in the custval catalog.
	analyst, err := store.Open(ctx, ":memory:", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer analyst.Close()
	conn, err := analyst.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, table := range contractTables {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("create table %s as from '%s'", table, filepath.Join(dir, table+".parquet"))); err != nil {
			t.Fatal(err)
		}
	}
	run(t, conn, "attach ':memory:' as "+Catalog, "use "+Catalog)
	stmts, err := Statements()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.SQL); err != nil {
			t.Fatalf("run %s: %v", s.Name, err)
		}
	}
	run(t, conn, "use memory")

	var macros []string
	rows, err := conn.QueryContext(ctx, `select distinct function_name from duckdb_functions()
		where database_name = $1 and function_type = 'table_macro' order by 1`, Catalog)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		macros = append(macros, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for _, want := range []string{"rfm_v1", "customer_value_v1", "prospect_funnel_gates_v1", "clv_summary_v1", "value_matrix"} {
		if !slices.Contains(macros, want) {
			t.Fatalf("table macros in the custval catalog: %q; want %s among them", macros, want)
		}
	}

	calls := []string{}
	for _, m := range macros {
		calls = append(calls, m+"()")
	}
	calls = append(calls,
		"rfm_v1(as_of := date '2025-12-31', months := 12, k := 4, statistic := 'median')",
		"rfm_thresholds_v1(r_cuts := [30, 90, 180, 365])",
		"customer_value_v1(as_of := date '2025-12-31', change_months := 12)",
		"prospect_funnel_v1(min_loyalty := 'transactional')",
		"clv_summary_v1(time_unit := 'day')")
	for _, call := range calls {
		want, wantErr := rowsOf(ctx, custval.DB, "from "+call)
		got, gotErr := rowsOf(ctx, conn, "from "+Catalog+".main."+call)
		switch {
		case wantErr != nil || gotErr != nil:
			// clv_v1 and value_matrix need a fitted model: both fail alike.
			if wantErr == nil || gotErr == nil || firstLine(wantErr) != firstLine(gotErr) {
				t.Errorf("%s: custval database error %v; analyst database error %v", call, wantErr, gotErr)
			}
		case len(want) == 0 && !slices.Contains([]string{"clv()", "clv_v1()", "clv_v2()"}, call):
			// Without a fitted model (clv_models is empty) clv_v1 and clv_v2 have no rows; the other macros must have some.
			t.Errorf("%s: no rows in the custval database", call)
		case !slices.Equal(got, want):
			t.Errorf("%s: %d rows over the analyst's tables, %d in the custval database; first difference: %s",
				call, len(got), len(want), firstDifference(got, want))
		}
	}
}

func run(t *testing.T, conn *sql.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rowsOf renders every row with DuckDB's own VARCHAR casts, sorted.
func rowsOf(ctx context.Context, db querier, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "select columns(*)::varchar from ("+query+")")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals, err := sqltest.ScanStrings(rows)
		if err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = "NULL"
			if v.Valid {
				parts[i] = "'" + v.String + "'"
			}
		}
		out = append(out, strings.Join(parts, ", "))
	}
	slices.Sort(out)
	return out, rows.Err()
}

func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d: got (%s), want (%s)", i, got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}
