package udf_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/custval/custval/sql/sqltest"
	"github.com/custval/custval/udf"
)

// scalar runs a one-value query and renders NULL as "NULL".
func scalar(t *testing.T, db interface {
	QueryRow(string, ...any) *sql.Row
}, query string) (string, error) {
	t.Helper()
	var v sql.NullString
	if err := db.QueryRow(query).Scan(&v); err != nil {
		return "", err
	}
	if !v.Valid {
		return "NULL", nil
	}
	return v.String, nil
}

// One round trip per function: a typical call, NULL in, and a settings override.
func TestSQLRoundTrip(t *testing.T) {
	db := sqltest.Open(t)
	const ts = "[timestamp '2025-10-01', timestamp '2025-11-01']"
	const asOf = "timestamp '2026-01-01'"
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"satisfaction_index", "select round(satisfaction_index(['neutral', 'complaint'], [timestamp '2026-01-01', timestamp '2026-01-01'], " + asOf + "), 4)", "12.5"},
		{"satisfaction_index NULL ratings", "select satisfaction_index(null, " + ts + ", " + asOf + ")", "NULL"},
		{"satisfaction_index empty list", "select satisfaction_index([]::varchar[], []::timestamp[], " + asOf + ")", "NULL"},
		{"satisfaction_index NULL as_of", "select satisfaction_index(['satisfied', 'neutral'], " + ts + ", null)", "NULL"},
		{"satisfaction_index NULL element", "select satisfaction_index(['satisfied', null], " + ts + ", " + asOf + ")", "75"},
		{"satisfaction_index NULL ts", "select satisfaction_index(['satisfied', 'neutral'], null, " + asOf + ")", "62.5"},
		{"satisfaction_index DATE as_of", "select satisfaction_index(['satisfied'], [date '2025-01-01'], date '2026-01-01')", "75"},
		{"satisfaction_level huge list", "select satisfaction_level(list_transform(range(100000), x -> 'neutral'), null, " + asOf + ")", "neutral"},
		{"satisfaction_level", "select satisfaction_level(['satisfied', 'very_satisfied'], " + ts + ", " + asOf + ")", "satisfied"},
		{"satisfaction_level NULL", "select satisfaction_level(null, null, null)", "unknown"},
		{"satisfaction_level settings", "select satisfaction_level(['satisfied'], [timestamp '2025-12-01'], " + asOf + ", map {'satisfied_from': 80})", "neutral"},
		{"satisfaction_level NULL settings", "select satisfaction_level(['satisfied'], [timestamp '2025-12-01'], " + asOf + ", null)", "satisfied"},
		{"loyalty_score", "select round(loyalty_score(0.15, 3, 5, 15, 3, 5 * 365.25, []), 4)", "60"},
		{"loyalty_score NULL orders", "select loyalty_score(0.5, 1, 1, null, 0, 100, [])", "NULL"},
		{"loyalty_score NULL others", "select loyalty_score(null, null, null, 1, null, null, null)", "0"},
		{"loyalty_tier", "select loyalty_tier(0.15, 3, 5, 15, 3, 5 * 365.25, ['event_attended', null])", "loyal"},
		{"loyalty_tier repairs only", "select loyalty_tier(0, 0, 4, 40, 0, 3000, ['call_answered', 'visit'])", "transactional"},
		{"loyalty_tier NULL orders", "select loyalty_tier(0.5, 1, 1, null, 0, 100, [])", "unknown"},
		{"loyalty_tier settings", "select loyalty_tier(0.15, 3, 5, 15, 3, 5 * 365.25, [], map {'loyal_from': 90})", "developing"},
		{"contact_closeness", "select contact_closeness(true, false, false, ['call_answered', 'event_attended'], " + ts + ", " + asOf + ")", "close"},
		{"contact_closeness NULL flags", "select contact_closeness(null, null, null, null, null, " + asOf + ")", "unreachable"},
		{"contact_closeness NULL as_of", "select contact_closeness(true, true, false, [], [], null)", "NULL"},
		{"contact_closeness settings", "select contact_closeness(true, false, false, ['call_answered', 'event_attended'], " + ts + ", " + asOf + ", map {'window_days': 30})", "cold"},
		{"lifecycle_stage", "select lifecycle_stage(274, 182.5, 10, 2000)", "at_risk"},
		{"lifecycle_stage norm", "select lifecycle_stage(200, null, 1, 400, 365)", "active"},
		{"lifecycle_stage NULL days", "select lifecycle_stage(null, 180, 5, 1000)", "NULL"},
		{"lifecycle_stage NULL orders", "select lifecycle_stage(10, 180, null, 1000)", "NULL"},
		{"lifecycle_stage NaN days", "select lifecycle_stage('nan'::double, 180, 5, 1000)", "NULL"},
		{"lifecycle_stage Inf days", "select lifecycle_stage('inf'::double, 180, 5, 1000)", "lost"},
		{"lifecycle_stage settings", "select lifecycle_stage(274, 182.5, 10, 2000, null, map {'at_risk_ratio': 2})", "active"},
		{"replacement_readiness", "select replacement_readiness(6, 3000, 20000)", "recently_renewed"},
		{"replacement_readiness two args", "select replacement_readiness(8.5, 100)", "overdue"},
		{"replacement_readiness NULL age", "select replacement_readiness(null, 100)", "NULL"},
		{"replacement_readiness NULL spend", "select replacement_readiness(6, null)", "window_open"},
		{"replacement_readiness settings", "select replacement_readiness(6, 0, null, map {'window_open_years': 7})", "not_yet"},
		{"value_class", "select value_class(5000, 5200, 0.5, 1000)", "negative"},
		{"value_class DECIMAL input", "select value_class(1234.56::decimal(18, 2), 0, 0.3, 2000)", "most_growth"},
		{"value_class NULL margin", "select value_class(null, 1, 1, 1)", "NULL"},
		{"value_class NULL threshold", "select value_class(1e9, 0, 0, null)", "maintain"},
		{"value_class settings", "select value_class(800, 100, 0.1, 2000, map {'growth_from': 0.05})", "most_growth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scalar(t, db, tt.query)
			if err != nil {
				t.Fatalf("%s: %v", tt.query, err)
			}
			if got != tt.want {
				t.Errorf("%s = %s, want %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestSQLErrors(t *testing.T) {
	db := sqltest.Open(t)
	tests := []struct {
		query string
		want  string
	}{
		{"select satisfaction_level(['great'], null, timestamp '2026-01-01')", `satisfaction_level: unknown survey rating "great"`},
		{"select satisfaction_index(['neutral'], [], timestamp '2026-01-01')", "satisfaction_index: lists differ in length: 1 ratings, 0 timestamps"},
		{"select lifecycle_stage(1, 1, 1, 1, null, map {'at_risk': 2})", `lifecycle_stage: unknown setting "at_risk"; known: at_risk_ratio,`},
		{"select replacement_readiness(6, 0, null, map {'overdue_years': -1})", "replacement_readiness: setting out of range: overdue_years = -1, want 0..1000"},
		{"select contact_closeness(true, true, false, ['phone'], [timestamp '2025-01-01'], timestamp '2026-01-01')", `contact_closeness: unknown interaction kind "phone"`},
		{"select loyalty_tier(0, 0, 0, 1, 0, 0, ['visit', 'posted'])", `loyalty_tier: unknown interaction kind "posted"`},
	}
	for _, tt := range tests {
		_, err := scalar(t, db, tt.query)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want it to contain %q", tt.query, err, tt.want)
		}
	}
}

// The inputs the customer-value view will pass, computed from contract tables
// with group by and list(); the seed-000 customer comes out unsatisfied.
func TestSQLFromContractTables(t *testing.T) {
	db := sqltest.Open(t)
	setup, err := os.ReadFile(filepath.Join("testdata", "contract_inputs_setup.sql"))
	if err != nil {
		t.Fatal(err)
	}
	query, err := os.ReadFile(filepath.Join("testdata", "contract_inputs_query.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(setup)); err != nil {
		t.Fatalf("insert: %v", err)
	}
	rows, err := db.Query(string(query), sql.Named("as_of", "2026-01-01"))
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id, level, closeness string
		if err := rows.Scan(&id, &level, &closeness); err != nil {
			t.Fatal(err)
		}
		got = append(got, id+" "+level+" "+closeness)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := "c1 unsatisfied official; c2 satisfied close"
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("levels = %q, want %q", g, want)
	}
}

// score_settings ships exactly the built-in defaults, so a view passing
// score_settings_map(...) computes what a call without settings computes.
func TestScoreSettingsTableMatchesDefaults(t *testing.T) {
	db := sqltest.Open(t)
	rows, err := db.Query(`select score, setting, value, default_value, doc from score_settings order by all`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	inTable := map[string]udf.Setting{}
	for rows.Next() {
		var s udf.Setting
		var def float64
		if err := rows.Scan(&s.Score, &s.Name, &s.Default, &def, &s.Doc); err != nil {
			t.Fatal(err)
		}
		if def != s.Default {
			t.Errorf("score_settings %s.%s: value %v, default_value %v; want equal as shipped", s.Score, s.Name, s.Default, def)
		}
		inTable[s.Score+"."+s.Name] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, want := range udf.Settings() {
		key := want.Score + "." + want.Name
		got, ok := inTable[key]
		if !ok {
			t.Errorf("score_settings lacks %s; add it in a new migration", key)
			continue
		}
		if got.Default != want.Default || got.Doc != want.Doc {
			t.Errorf("score_settings %s = %v %q, want %v %q", key, got.Default, got.Doc, want.Default, want.Doc)
		}
		delete(inTable, key)
	}
	for key := range inTable {
		t.Errorf("score_settings has %s, which no function reads", key)
	}
	// Every score's map is accepted by its functions.
	for _, q := range []string{
		"select satisfaction_index(['neutral'], null, timestamp '2026-01-01', score_settings_map('satisfaction'))",
		"select loyalty_score(0, 0, 0, 1, 0, 0, [], score_settings_map('loyalty'))",
		"select contact_closeness(true, true, false, [], [], timestamp '2026-01-01', score_settings_map('contact'))",
		"select lifecycle_stage(1, 1, 1, 1, null, score_settings_map('lifecycle'))",
		"select replacement_readiness(1, 1, null, score_settings_map('replacement'))",
		"select value_class(1, 1, 1, 1, score_settings_map('value'))",
		"select value_class(1, 1, 1, 1, score_settings_map('no such score'))",
	} {
		if _, err := scalar(t, db, q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// No custval name may shadow or be shadowed by a DuckDB built-in.
func TestNoBuiltinCollision(t *testing.T) {
	plain, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	rows, err := plain.Query(`select distinct function_name from duckdb_functions()`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	builtin := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		builtin[strings.ToLower(name)] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !builtin["list_sum"] {
		t.Fatalf("duckdb_functions() lacks list_sum; the query did not list built-ins")
	}
	names := []string{"score_settings_map"}
	for _, f := range append(udf.Funcs(), udf.CLVFuncs()...) {
		names = append(names, f.Name)
	}
	for _, name := range names {
		if builtin[name] {
			t.Errorf("custval function %s collides with a DuckDB built-in", name)
		}
	}
}

// A function registered once is usable from every pooled connection.
func TestSecondConnection(t *testing.T) {
	db := sqltest.Open(t)
	ctx := context.Background()
	c1, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	for i, c := range []*sql.Conn{c1, c2} {
		var got string
		if err := c.QueryRowContext(ctx, "select lifecycle_stage(60, 182.5, 10, 2000)").Scan(&got); err != nil || got != "active" {
			t.Errorf("connection %d: lifecycle_stage = %q, %v; want active", i+1, got, err)
		}
	}
}
