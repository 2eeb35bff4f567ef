package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func writeLoadFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.duckdb")
	customers := writeLoadFile(t, dir, "customers.csv", "customer_id,name\nc1,Ann\nc2,Bob\n")
	orders := writeLoadFile(t, dir, "orders.csv", "OrderNo,customer_id,OrderDate,amount,Notes\no1,c1,2026-01-01 10:00:00,10.5,x\no2,c2,2026-01-02 10:00:00,\"12,5x\",y\no3,c2,2026-01-03 10:00:00,7,z\n")

	out, stderr, code := run(t, "", "load", "customers", customers, "--db", db, "--as-of", "2026-06-30")
	if code != exitOK {
		t.Fatalf("load customers: exit %d, stderr:\n%s", code, stderr)
	}
	if want := "customers: read 2, loaded 2, rejected 0 (load_id 1, as-of 2026-06-30 23:59:59)\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}

	out, stderr, code = run(t, "", "load", "orders", orders, "--db", db, "--map", "order_id=OrderNo", "--map", "order_ts=OrderDate", "--as-of", "2026-06-30 12:00:00")
	if code != exitOK {
		t.Fatalf("load orders: exit %d, stderr:\n%s", code, stderr)
	}
	if want := "orders: read 3, loaded 2, rejected 1 (load_id 2, as-of 2026-06-30 12:00:00)\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	for _, want := range []string{
		"orders.csv: ignoring columns not in orders: Notes\n",
		`load ` + orders + `: row 2, column amount: "12,5x" is not a number` + "\n",
		"1 rows rejected; see them with: select * from load_rejects where load_id = 2\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	out, _, code = run(t, "", "query", "select count(*) as n from orders", "--db", db, "--format", "csv")
	if code != exitOK || out != "n\n2\n" {
		t.Errorf("orders after load: exit %d, %q", code, out)
	}
}

func TestLoadStrictFailsAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.duckdb")
	customers := writeLoadFile(t, dir, "customers.csv", "customer_id\nc1\n")
	orders := writeLoadFile(t, dir, "orders.csv", "order_id,customer_id,order_ts,amount\no1,c1,2026-01-01,1\no2,c1,2026-01-02,\"12,5x\"\n")
	if _, stderr, code := run(t, "", "load", "customers", customers, "--db", db); code != exitOK {
		t.Fatalf("load customers: exit %d: %s", code, stderr)
	}
	out, stderr, code := run(t, "", "load", "orders", orders, "--db", db, "--strict")
	if code != exitError {
		t.Fatalf("strict load: exit %d, want %d", code, exitError)
	}
	if want := `custval: load ` + orders + `: row 2, column amount: "12,5x" is not a number` + "\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	out, _, _ = run(t, "", "query", "select (select count(*) from orders) || '/' || (select count(*) from loads) as n", "--db", db, "--format", "csv")
	if out != "n\n0/1\n" {
		t.Errorf("orders/loads after failed load = %q, want 0 orders and only the customers load", out)
	}
}

func TestLoadExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.duckdb")
	orders := writeLoadFile(t, dir, "orders.csv", "order_id,customer_id\no1,c1\n")
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr string // a regexp the stderr must match
	}{
		{"unknown table", []string{"load", "ordrs", orders}, exitUsage, `unknown table "ordrs"; tables: assets, categories`},
		{"no file", []string{"load", "orders"}, exitUsage, `requires at least 2 arg`},
		{"bad --map", []string{"load", "orders", orders, "--map", "order_ts"}, exitUsage, `--map "order_ts": want TARGET=SOURCE`},
		{"bad --as-of", []string{"load", "orders", orders, "--as-of", "yesterday"}, exitUsage, `--as-of "yesterday"`},
		{"bad --format", []string{"load", "orders", orders, "--format", "xml"}, exitUsage, `--format "xml"`},
		{"bad --delim", []string{"load", "orders", orders, "--delim", ";;"}, exitUsage, `--delim`},
		{"create customers for customers", []string{"load", "customers", orders, "--create-missing-customers"}, exitUsage, `applies to tables with a customer_id`},
		{"missing file", []string{"load", "orders", filepath.Join(dir, "nope.csv")}, exitError, `no such file`},
		{"missing columns", []string{"load", "orders", orders}, exitError, `missing required columns: order_ts, amount; the file has columns: order_id, customer_id; name them with --map order_ts=SOURCE_COLUMN`},
		{"unknown --map target", []string{"load", "orders", orders, "--map", "when=x"}, exitUsage, `--map when=x: orders has no column when; columns: order_id, customer_id`},
		{"unknown --time-zone", []string{"load", "orders", orders, "--time-zone", "Mars/Olympus"}, exitUsage, `time zone "Mars/Olympus": is not a time zone DuckDB knows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, "", append(tt.args, "--db", db)...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
			if !regexp.MustCompile(regexp.QuoteMeta(tt.stderr)).MatchString(stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

// TestLoadTimeZoneAndWarnings: --time-zone converts timestamps written with an
// offset, and what the load normalized or noticed is printed as warnings and
// kept in load_warnings.
func TestLoadTimeZoneAndWarnings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.duckdb")
	customers := writeLoadFile(t, dir, "customers.csv", "customer_id,name\nC001,Ann\n")
	orders := writeLoadFile(t, dir, "orders.csv", "order_id,customer_id,order_ts,amount,category\n"+
		"o1,C001,2026-03-14T10:22:00Z,10,Vehicle Purchase\n"+
		"o2,C001,2026-06-01 09:00:00+02:00,20,spa day\n"+
		"o3,C001,2026-06-02 09:00:00,30,spa day\n")
	if _, stderr, code := run(t, "", "load", "customers", customers, "--db", db, "--as-of", "2026-06-30"); code != exitOK {
		t.Fatalf("load customers: exit %d, stderr:\n%s", code, stderr)
	}
	out, stderr, code := run(t, "", "load", "orders", orders, "--db", db, "--as-of", "2026-06-30", "--time-zone", "Europe/Berlin")
	if code != exitOK {
		t.Fatalf("load orders: exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(out, "orders: read 3, loaded 3, rejected 0") {
		t.Errorf("stdout = %q, want 3 read and loaded", out)
	}
	for _, want := range []string{
		`"spa day" (2 rows)`,
		"warnings; see them with: select * from load_warnings where load_id = 2",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	out, _, code = run(t, "", "query", "select order_id, strftime(order_ts, '%Y-%m-%d %H:%M:%S') as ts, category from orders order by order_id", "--db", db, "--format", "csv")
	want := "order_id,ts,category\n" +
		"o1,2026-03-14 11:22:00,vehicle_purchase\n" + // UTC 10:22 is 11:22 in Berlin (winter time); spelling normalized
		"o2,2026-06-01 09:00:00,spa day\n" + // +02:00 is Berlin summer time: the same clock time
		"o3,2026-06-02 09:00:00,spa day\n" // no zone: stored as written
	if code != exitOK || out != want {
		t.Errorf("orders = %q (exit %d), want %q", out, code, want)
	}
}
