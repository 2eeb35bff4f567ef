package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// run executes custval in-process and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "shop.duckdb")
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "", "version")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "custval ") || !strings.Contains(out, "duckdb v1.5.6") {
		t.Errorf("version output = %q, want custval and duckdb v1.5.6", out)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"version", "--nope"}, exitUsage},
		{"extra argument", []string{"version", "x"}, exitUsage},
		{"help", []string{"--help"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, "", tt.args...)
			if code != tt.want {
				t.Errorf("custval %v exit = %d, want %d; stderr:\n%s", tt.args, code, tt.want, stderr)
			}
		})
	}
}

func TestInitIsIdempotent(t *testing.T) {
	db := tempDB(t)
	out, _, code := run(t, "", "init", "--db", db)
	if code != exitOK || !strings.Contains(out, "schema up to date") {
		t.Fatalf("first init: exit %d, out %q", code, out)
	}
	if strings.Contains(out, " 0 migrations applied") {
		t.Errorf("first init applied nothing: %q", out)
	}
	out, _, code = run(t, "", "init", "--db", db)
	if code != exitOK || !strings.Contains(out, " 0 migrations applied") {
		t.Errorf("second init: exit %d, out %q, want 0 migrations applied", code, out)
	}
}

func TestDBFromEnvironment(t *testing.T) {
	f := newFactory(nil, nil, nil)
	f.getenv = func(k string) string {
		if k == "CUSTVAL_DB" {
			return "/data/env.duckdb"
		}
		return ""
	}
	if got := f.DBPath(); got != "/data/env.duckdb" {
		t.Errorf("DBPath() with $CUSTVAL_DB = %q", got)
	}
	f.dbFlag = "flag.duckdb"
	if got := f.DBPath(); got != "flag.duckdb" {
		t.Errorf("DBPath() with --db = %q, want the flag to win", got)
	}
	f.dbFlag, f.getenv = "", func(string) string { return "" }
	if got := f.DBPath(); got != "custval.duckdb" {
		t.Errorf("DBPath() default = %q", got)
	}
}
