package udf

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
)

// bareConn opens an in-memory DuckDB (dsn: its options, e.g. "?threads=2")
// with no custval function yet, and one connection of it; both close when the
// test ends.
func bareConn(tb testing.TB, dsn string) (*sql.DB, *sql.Conn) {
	tb.Helper()
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		tb.Fatal(err)
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(context.Background())
	if err != nil {
		db.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close()
		db.Close()
	})
	return db, conn
}

// registerBoth registers every custval function (CLV included) twice on conn:
// vectorized under its own name, and through duckdb-go's row executor (the
// reference) under NAME_row.
func registerBoth(tb testing.TB, conn *sql.Conn) {
	tb.Helper()
	for _, f := range allFuncs() {
		if err := register(conn, f.Name, f, vectorExecutor); err != nil {
			tb.Fatal(err)
		}
		if err := register(conn, f.Name+"_row", f, rowExecutor); err != nil {
			tb.Fatal(err)
		}
	}
}

// parityDB opens an in-memory DuckDB with every custval function registered both ways.
func parityDB(t *testing.T) *sql.DB {
	t.Helper()
	db, conn := bareConn(t, "?threads=2")
	registerBoth(t, conn)
	return db
}

// callArgs names the parity table's column for each parameter of f's overload
// with n parameters.
func callArgs(f Func, n int) string {
	cols := make([]string, n)
	for i, p := range f.Params[:n] {
		cols[i] = p.Name
		if p.Name == "settings" {
			cols[i] = "settings_" + f.Score
		}
	}
	return strings.Join(cols, ", ")
}

// Every function, in every arity, gives the same result vectorized as through
// the row executor, on every row of the edge-case table (testdata/parity_setup.sql).
func TestVectorizedParity(t *testing.T) {
	db := parityDB(t)
	setup, err := os.ReadFile(filepath.Join("testdata", "parity_setup.sql"))
	if err != nil {
		t.Fatal(err)
	}
	// One statement at a time: duckdb-go binds the arguments to every statement of a batch.
	for _, stmt := range strings.Split(string(setup), ";\n") {
		var args []any
		if strings.Contains(stmt, "$rows") {
			args = append(args, sql.Named("rows", 6000))
		}
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.Exec(stmt, args...); err != nil {
			t.Fatalf("parity_setup.sql: %v\n%s", err, stmt)
		}
	}
	for _, f := range registry {
		for _, n := range f.arities() {
			args := callArgs(f, n)
			t.Run(fmt.Sprintf("%s/%d", f.Name, n), func(t *testing.T) {
				// ::varchar prints a DOUBLE exactly (shortest round trip, -0.0 and nan included).
				query := fmt.Sprintf(`select count(*) filter (where v is distinct from r), count(v), min(i) filter (where v is distinct from r),
					first(v order by i) filter (where v is distinct from r), first(r order by i) filter (where v is distinct from r)
					from (select i, %[1]s(%[2]s)::varchar as v, %[1]s_row(%[2]s)::varchar as r from parity)`, f.Name, args)
				var differ, nonNull int64
				var row sql.NullInt64
				var got, want sql.NullString
				if err := db.QueryRow(query).Scan(&differ, &nonNull, &row, &got, &want); err != nil {
					t.Fatalf("%s(%s): %v", f.Name, args, err)
				}
				if differ != 0 {
					t.Errorf("%s(%s): %d rows differ; first, row %d: vectorized %v, row executor %v", f.Name, args, differ, row.Int64, got, want)
				}
				if nonNull == 0 {
					t.Errorf("%s(%s): every result is NULL; the table does not exercise the function", f.Name, args)
				}
			})
		}
	}
}

// Constant arguments are folded at plan time through the same code; these
// calls cover NULL literals, casts (DATE, DECIMAL) and NULLs inside lists and maps.
func TestVectorizedParityConstants(t *testing.T) {
	db := parityDB(t)
	calls := []string{
		"satisfaction_index(['neutral', 'complaint'], [timestamp '2026-01-01', timestamp '2025-01-01'], timestamp '2026-01-01')",
		"satisfaction_index(null, null, timestamp '2026-01-01')",
		"satisfaction_index(['satisfied', null], [null, timestamp '2025-01-01'], date '2026-01-01')",
		"satisfaction_index([]::varchar[], []::timestamp[], timestamp '2026-01-01', map {'half_life_days': 10})",
		"satisfaction_level(null, null, null)",
		"satisfaction_level(['complaint'], [timestamp '2025-12-01'], timestamp '2026-01-01', null)",
		"satisfaction_level(list_transform(range(5000), x -> 'very_satisfied'), null, timestamp '2026-01-01')",
		"loyalty_score(null, null, null, 1, null, null, null)",
		"loyalty_score(0.15, 3, 5, 15, 3, 5 * 365.25, ['event_attended', null, 'post'], map {'weight_tenure': null})",
		"loyalty_tier(0.5, 1, 1, null, 0, 100, [])",
		"loyalty_tier(0.15, 3, 5, 15, 3, 5 * 365.25, [], map {'loyal_from': 90})",
		"contact_closeness(null, null, null, null, null, timestamp '2026-01-01')",
		"contact_closeness(true, true, false, [], [], null)",
		"contact_closeness(true, false, false, ['bogus', 'event_attended'], [null, timestamp '2025-12-01'], timestamp '2026-01-01')",
		"contact_closeness(false, false, false, ['call_answered'], null, timestamp '2026-01-01', map {'window_days': 30})",
		"lifecycle_stage('nan'::double, 180, 5, 1000)",
		"lifecycle_stage('inf'::double, 180, 5, 1000, null, map {'at_risk_ratio': 2})",
		"lifecycle_stage(200, null, 1, 400, 365)",
		"replacement_readiness(6, 3000, 20000)",
		"replacement_readiness(null, 100)",
		"replacement_readiness(6, 0, null, map {'window_open_years': 7})",
		"value_class(1234.56::decimal(18, 2), 0, 0.3, 2000)",
		"value_class('inf'::double, 'inf'::double, 0, 1)",
		"value_class(800, 100, 0.1, 2000, map {'growth_from': 0.05})",
	}
	for _, call := range calls {
		name, rest, _ := strings.Cut(call, "(")
		var got, want sql.NullString
		if err := db.QueryRow("select (" + call + ")::varchar").Scan(&got); err != nil {
			t.Errorf("%s: %v", call, err)
			continue
		}
		if err := db.QueryRow("select (" + name + "_row(" + rest + ")::varchar").Scan(&want); err != nil {
			t.Errorf("%s_row: %v", name, err)
			continue
		}
		if got != want {
			t.Errorf("%s = %v vectorized, %v through the row executor", call, got, want)
		}
	}
}

// Errors read the same in both executors, also when the failing row is deep
// inside a later chunk.
func TestVectorizedParityErrors(t *testing.T) {
	db := parityDB(t)
	queries := []string{
		"select satisfaction_level(['great'], null, timestamp '2026-01-01')",
		"select satisfaction_index(['neutral'], [], timestamp '2026-01-01')",
		"select satisfaction_index(['neutral'], null, timestamp '2026-01-01', map {'half_life_days': 0})",
		"select lifecycle_stage(1, 1, 1, 1, null, map {'at_risk': 2})",
		"select replacement_readiness(6, 0, null, map {'overdue_years': -1})",
		"select value_class(1, 1, 1, 1, map {'growth_from': 'nan'::double})",
		"select contact_closeness(true, true, false, ['phone'], [timestamp '2025-01-01'], timestamp '2026-01-01')",
		"select contact_closeness(true, true, false, ['visit'], [], timestamp '2026-01-01')",
		"select loyalty_tier(0, 0, 0, 1, 0, 0, ['visit', 'posted'])",
		"select loyalty_score(0, 0, 0, 1, 0, 0, [], map {'weight_voice': 1e9})",
		"select count(satisfaction_level(case when i = 5000 then ['neutral', 'very_unhappy'] else ['neutral'] end, null, timestamp '2026-01-01')) from range(10000) t(i)",
		"select count(lifecycle_stage(i, 30, 4, 400, null, case when i = 7000 then map {'lost_ratio': -5} end)) from range(10000) t(i)",
	}
	for _, q := range queries {
		_, gotErr := db.Exec(q)
		_, wantErr := db.Exec(rowQuery(q))
		if gotErr == nil || wantErr == nil {
			t.Errorf("%s: errors %v vectorized, %v through the row executor; want both to fail", q, gotErr, wantErr)
			continue
		}
		if got, want := functionError(gotErr), functionError(wantErr); got != want {
			t.Errorf("%s: error\n%s vectorized,\n%s through the row executor", q, got, want)
		}
	}
}

// functionError is a query error from the function's own name on: the row
// executor's errors carry duckdb-go's prefix, the vectorized ones do not.
func functionError(err error) string {
	msg := strings.ReplaceAll(err.Error(), "_row:", ":")
	for _, f := range allFuncs() {
		if i := strings.Index(msg, f.Name+": "); i >= 0 {
			return msg[i:]
		}
	}
	return msg
}

// The vectorized path is what Register uses with the pinned driver. If this
// fails after a duckdb-go upgrade, rawconn.go no longer finds the connection
// and custval runs on the (slower) row executor: adapt rawConnection.
func TestVectorizedPathActive(t *testing.T) {
	_, conn := bareConn(t, "")
	if err := conn.Raw(func(driverConn any) error {
		_, err := rawConnection(driverConn)
		return err
	}); err != nil {
		t.Fatalf("rawConnection: %v", err)
	}
	checkRegisters(t, conn, vectorExecutor)
	if _, err := rawConnection("not a connection"); err == nil {
		t.Errorf("rawConnection(string) succeeded, want an error")
	}
}

// checkRegisters registers the custval functions on conn and checks that want
// is the executor used and that a score and a CLV function answer. A CLV
// function's error tells the executors apart: duckdb-go prefixes the row
// executor's errors with its own text, the vectorized path does not.
func checkRegisters(t *testing.T, conn *sql.Conn, want executorKind) {
	t.Helper()
	exec, err := registerFuncs(conn)
	if err != nil {
		t.Fatal(err)
	}
	if exec != want {
		t.Fatalf("registerFuncs used the %s executor, want %s", exec, want)
	}
	ctx := context.Background()
	var got string
	if err := conn.QueryRowContext(ctx, "select lifecycle_stage(274, 182.5, 10, 2000)").Scan(&got); err != nil || got != "at_risk" {
		t.Errorf("lifecycle_stage(274, 182.5, 10, 2000) = %q, %v; want at_risk", got, err)
	}
	var pAlive float64
	if err := conn.QueryRowContext(ctx, "select clv_p_alive_params($1, 0, 0, 10)", bgnbdParams).Scan(&pAlive); err != nil || pAlive != 1 {
		t.Errorf("clv_p_alive_params(bgnbd, 0, 0, 10) = %v, %v; want 1 (no repeat purchase: alive)", pAlive, err)
	}
	_, err = conn.ExecContext(ctx, "select clv_p_alive_params($1, 2, 5, 1)", bgnbdParams)
	if err == nil {
		t.Fatal("clv_p_alive_params with t_x > T: no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "clv_p_alive_params: "+ErrCLVArgument.Error()) {
		t.Errorf("clv_p_alive_params with t_x > T: error %q, want it to name the function and %q", msg, ErrCLVArgument)
	}
	if rowPrefix := strings.Contains(msg, "API error"); rowPrefix != (want == rowExecutor) {
		t.Errorf("clv_p_alive_params ran through the wrong executor, want %s: error %q", want, msg)
	}
}

// When the connection cannot be reached, Register falls back to the row
// executor and the functions still work.
func TestRowExecutorFallback(t *testing.T) {
	defer func(f func(any) (mapping.Connection, error)) { reachConnection = f }(reachConnection)
	reachConnection = func(any) (mapping.Connection, error) {
		return mapping.Connection{}, fmt.Errorf("%w: simulated driver change", errNoRawConn)
	}
	_, conn := bareConn(t, "")
	checkRegisters(t, conn, rowExecutor)
}
