package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQueryOutput(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"csv", "", []string{"query", "select 1 as a, 'x,y' as b, null as c", "--format", "csv"}, "a,b,c\n1,\"x,y\",\n"},
		{"json from stdin", "select 42 as answer, 12.50::decimal(18,2) as amount", []string{"query", "-", "--format", "json"},
			"[\n{\"answer\":42,\"amount\":12.50}\n]\n"},
		{"markdown", "", []string{"query", "select 'a|b' as s", "--format", "markdown"}, "| s |\n| --- |\n| a\\|b |\n"},
		{"last statement is printed", "", []string{"query", "create temp table t as select 1 as a; select count(*) as n from t;", "--format", "csv"}, "n\n1\n"},
		{"table", "", []string{"query", "select 7 as n, date '2026-06-30' as d"},
			"┌───────┬────────────┐\n│   n   │     d      │\n│ int32 │    date    │\n├───────┼────────────┤\n│     7 │ 2026-06-30 │\n└───────┴────────────┘\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, tt.stdin, append(tt.args, "--db", db)...)
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
			if out != tt.want {
				t.Errorf("stdout =\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		name       string
		stdin      string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"sql error", "", []string{"query", "selec 1"}, exitError, `custval: run query: Parser Error: syntax error at or near "selec"`},
		{"unknown table", "", []string{"query", "select * from nowhere"}, exitError, "Table with name nowhere does not exist"},
		{"no sql on stdin", "  \n", []string{"query", "-"}, exitUsage, "no SQL given"},
		{"unknown format", "", []string{"query", "select 1", "--format", "xml"}, exitUsage, `unknown format "xml"`},
		{"parquet needs -o", "", []string{"query", "select 1", "--format", "parquet"}, exitUsage, "--format parquet needs -o FILE"},
		{"max-rows is for tables", "", []string{"query", "select 1", "--format", "csv", "--max-rows", "5"}, exitUsage, "--max-rows applies to --format table only"},
		{"no argument", "", []string{"query"}, exitUsage, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := run(t, tt.stdin, append(tt.args, "--db", db)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr =\n%s\nwant it to contain %q", stderr, tt.wantStderr)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestQueryOutputFile(t *testing.T) {
	db := tempDB(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	out, stderr, code := run(t, "", "query", "select 1 as a", "--format", "csv", "-o", path, "--db", db)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q; stderr:\n%s", code, out, stderr)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\n1\n" {
		t.Errorf("%s = %q, %v; want \"a\\n1\\n\"", path, b, err)
	}
	// A failing query leaves the file as it was.
	if _, _, code := run(t, "", "query", "selec 2", "--format", "csv", "-o", path, "--db", db); code != exitError {
		t.Errorf("failing query: exit %d, want %d", code, exitError)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\n1\n" {
		t.Errorf("after a failing query %s = %q, want it unchanged", path, b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("output directory holds %d files, want only out.csv (no temporary file left)", len(entries))
	}
}

func TestQueryParquet(t *testing.T) {
	db := tempDB(t)
	path := filepath.Join(t.TempDir(), "O'Neil's orders.parquet")
	_, stderr, code := run(t, "", "query", "select range as n, 'r' || range as s from range(5)", "--format", "parquet", "-o", path, "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	// Read it back through custval; the path is an ordinary SQL string literal there.
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	out, stderr, code := run(t, "", "query", "select count(*) as n, sum(n) as total, max(s) as s from read_parquet("+lit+")", "--format", "csv", "--db", db)
	if code != exitOK || out != "n,total,s\n5,10,r4\n" {
		t.Errorf("read back: exit %d, stdout %q, want \"n,total,s\\n5,10,r4\\n\"; stderr:\n%s", code, out, stderr)
	}
}

func TestQueryReadOnly(t *testing.T) {
	db := tempDB(t)
	if _, stderr, code := run(t, "", "init", "--db", db); code != exitOK {
		t.Fatalf("init: exit %d; %s", code, stderr)
	}
	out, stderr, code := run(t, "", "query", "--read-only", "select count(*) as n from customers", "--format", "csv", "--db", db)
	if code != exitOK || out != "n\n0\n" {
		t.Errorf("read-only select: exit %d, stdout %q; stderr:\n%s", code, out, stderr)
	}
	_, stderr, code = run(t, "", "query", "--read-only", "create table scratch(a integer)", "--db", db)
	if code != exitError || !strings.Contains(stderr, "read-only") {
		t.Errorf("read-only create table: exit %d, stderr:\n%s\nwant exit 1 naming read-only mode", code, stderr)
	}
	missing := filepath.Join(t.TempDir(), "missing.duckdb")
	if _, _, code := run(t, "", "query", "--read-only", "select 1", "--db", missing); code != exitError {
		t.Errorf("read-only on a missing file: exit %d, want %d", code, exitError)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("read-only query created %s", missing)
	}
}

func TestQueryWidthFromColumns(t *testing.T) {
	db := tempDB(t)
	t.Setenv("COLUMNS", "40")
	out, stderr, code := run(t, "", "query", "select repeat('x', 100) as long, 1 as n", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if n := utf8.RuneCountInString(line); n > 40 {
			t.Errorf("line is %d columns wide with COLUMNS=40:\n%s", n, out)
		}
	}
	out, _, _ = run(t, "", "query", "select repeat('x', 100) as long", "--max-width", "200", "--db", db)
	if !strings.Contains(out, strings.Repeat("x", 100)) {
		t.Errorf("--max-width 200 cut a 100-character value:\n%s", out)
	}
}
