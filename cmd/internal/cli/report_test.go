package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custval/custval/sql/sqltest"
)

// reportDB writes a database file holding the reports package's fixture shop.
func reportDB(t *testing.T) string {
	t.Helper()
	db, path := sqltest.OpenFile(t)
	fx, err := os.ReadFile(filepath.Join("..", "..", "..", "reports", "testdata", "fixture.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(fx)); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	if err := db.Close(); err != nil { // the CLI opens the file read-only on its own
		t.Fatal(err)
	}
	return path
}

// userReports writes a reports dir with a report that filters on a text
// parameter, and one overriding the built-in data-quality.
func userReports(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"by-segment/report.json":   `{"title": "Customers of a region"}`,
		"by-segment/queries.sql":   "-- name: customers :many\n-- @param segment text\nselect customer_id from customers where region = $segment order by customer_id;\n",
		"data-quality/report.json": `{"title": "Shop-specific quality"}`,
		"data-quality/q.sql":       "-- name: orders :one\nselect count(*) as orders from orders;\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReportRun(t *testing.T) {
	db := reportDB(t)
	dir := userReports(t)
	out := filepath.Join(t.TempDir(), "quality.html")
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantOut   string // substring of stdout
		wantErr   string // substring of stderr
		wantQuiet bool   // stderr must be empty
	}{
		{"md to stdout", []string{"report", "run", "data-quality", "--db", db}, exitOK, "# Data quality", "report data-quality: 9 queries", false},
		{"csv one query", []string{"report", "run", "data-quality", "--db", db, "--format", "csv", "--query", "top_customers", "-p", "top=1"}, exitOK,
			"customer_id,name,region,orders,revenue,margin,last_order\nC002,", "", false},
		{"html file quiet", []string{"report", "run", "data-quality", "--db", db, "-o", out, "--quiet"}, exitOK, "", "", true},
		{"csv needs query", []string{"report", "run", "data-quality", "--db", db, "--format", "csv"}, exitUsage, "", "pick one for csv with --query: summary, table_counts", false},
		{"unknown param", []string{"report", "run", "data-quality", "--db", db, "--param", "segment=x"}, exitUsage, "",
			`unknown parameter "segment" for report data-quality; valid: months (integer), top (integer)`, false},
		{"bad value", []string{"report", "run", "data-quality", "--db", db, "--param", "rank_by=luck"}, exitUsage, "", "want one of revenue, margin, orders", false},
		{"unknown report", []string{"report", "run", "nope", "--db", db}, exitUsage, "", "known reports: campaign-lists, data-quality, migration", false},
		{"unknown format", []string{"report", "run", "data-quality", "--db", db, "--format", "pdf"}, exitUsage, "", `unknown format "pdf"`, false},
		{"missing database", []string{"report", "run", "data-quality", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, exitError, "", "custval init", false},
		{"user report", []string{"report", "run", "by-segment", "--reports-dir", dir, "--db", db, "-p", "segment=south", "--format", "csv"}, exitOK, "customer_id\nC003\nC004\n", "", false},
		{"user override", []string{"report", "run", "data-quality", "--reports-dir", dir, "--db", db, "--format", "json"}, exitOK, `"title": "Shop-specific quality"`, "", false},
		{"required missing", []string{"report", "run", "by-segment", "--reports-dir", dir, "--db", db}, exitUsage, "", "needs --param segment=<text>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, stdout)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, stderr)
			}
			if tt.wantQuiet && (stderr != "" || stdout != "") {
				t.Errorf("--quiet printed stdout %q, stderr %q", stdout, stderr)
			}
		})
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(page), "<!DOCTYPE html>") || !strings.Contains(string(page), "<svg") {
		t.Errorf("%s is not an html report with charts", out)
	}
}

func TestReportInjectionLeavesDatabaseUntouched(t *testing.T) {
	db := reportDB(t)
	dir := userReports(t)
	count := func() string {
		out, stderr, code := run(t, "", "report", "run", "data-quality", "--db", db, "--format", "csv", "--query", "table_counts", "-q")
		if code != exitOK {
			t.Fatalf("count rows: exit %d: %s", code, stderr)
		}
		return out
	}
	before := count()
	stdout, stderr, code := run(t, "", "report", "run", "by-segment", "--reports-dir", dir, "--db", db, "--format", "csv",
		"--param", `segment=x'); drop table orders; --`)
	if code != exitOK || stdout != "customer_id\n" {
		t.Errorf("injection attempt: exit %d, stdout %q, stderr %q; want an empty result", code, stdout, stderr)
	}
	if after := count(); after != before {
		t.Errorf("row counts changed:\nbefore %s\nafter %s", before, after)
	}
}

func TestReportListAndShow(t *testing.T) {
	dir := userReports(t)
	out, stderr, code := run(t, "", "report", "list", "--reports-dir", dir)
	if code != exitOK {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	// Column widths follow the longest report name; compare the words.
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"by-segment", "data-quality " + dir + " (overrides builtin) Shop-specific quality"} {
		if !strings.Contains(flat, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, "", "report", "show", "data-quality")
	if code != exitOK {
		t.Fatalf("show: exit %d", code)
	}
	for _, want := range []string{"rank_by       enum(revenue|margin|orders)  revenue", "generated_at", "top_customers", "uses $region, $rank_by, $top"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	// A broken user report is listed with its error and list exits 1.
	if err := os.WriteFile(filepath.Join(dir, "by-segment", "queries.sql"), []byte("-- name: x :many\nselect $nope;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, "", "report", "list", "--reports-dir", dir)
	if code != exitError || !strings.Contains(out, "uses $nope") {
		t.Errorf("list with a broken report: exit %d, out:\n%s", code, out)
	}
}
