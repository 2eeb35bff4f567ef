package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeTB records what Check reports instead of failing the test; Fatal stops Check's goroutine,
// as testing does.
type fakeTB struct {
	testing.TB // nil: a method Check should not call panics
	failed     bool
	fatal      bool
	msgs       []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.failed = true
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	f.fatal = true
	runtime.Goexit()
}

// check runs Check with a fake TB and -update set to upd, and returns what it reported.
func check(t *testing.T, upd bool, path string, got string) *fakeTB {
	t.Helper()
	old := *update
	*update = upd
	defer func() { *update = old }()
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(f, path, []byte(got))
	}()
	<-done
	return f
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMatchPasses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	writeFile(t, path, "a\nb\n")
	if f := check(t, false, path, "a\nb\n"); f.failed {
		t.Errorf("Check with matching output failed: %q", f.msgs)
	}
}

func TestDifferenceFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	writeFile(t, path, "one\ntwo\nthree\n")
	tests := []struct {
		name, got string
		want      []string // in the message
	}{
		{"changed line", "one\nTWO\nthree\n", []string{"line 2", ">    2 | TWO", ">    2 | two"}},
		{"extra line", "one\ntwo\nthree\nfour\n", []string{"line 4", "got 4 lines, want 3", ">    4 | four", ">    4 | (end of file)"}},
		{"missing final newline", "one\ntwo\nthree", []string{"line 3", `got "three", want "three\n"`}},
		{"empty", "", []string{"line 1", "got 0 lines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := check(t, false, path, tt.got)
			if !f.failed || f.fatal {
				t.Fatalf("failed = %v, fatal = %v; want a non-fatal failure", f.failed, f.fatal)
			}
			msg := strings.Join(f.msgs, "\n")
			for _, want := range append([]string{path, "run `make golden` to accept"}, tt.want...) {
				if !strings.Contains(msg, want) {
					t.Errorf("message does not contain %q:\n%s", want, msg)
				}
			}
		})
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "one\ntwo\nthree\n" {
		t.Errorf("golden file after failed checks = %q, %v; want it unchanged", b, err)
	}
}

func TestMissingFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.golden")
	f := check(t, false, path, "x\n")
	if !f.fatal {
		t.Fatalf("Check on a missing golden file: fatal = false, messages %q", f.msgs)
	}
	msg := strings.Join(f.msgs, "\n")
	for _, want := range []string{path, "does not exist", "run `make golden`", "to create it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message does not contain %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("Check without -update created %s (stat: %v)", path, err)
	}
}

func TestUpdateWrites(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, before string // before "" means no file yet
	}{
		{"new file in a new directory", filepath.Join(dir, "sub", "new.golden"), ""},
		{"differing file", filepath.Join(dir, "old.golden"), "stale\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != "" {
				writeFile(t, tt.path, tt.before)
			}
			got := "fresh " + tt.name + "\n"
			if f := check(t, true, tt.path, got); f.failed {
				t.Fatalf("Check with -update failed: %q", f.msgs)
			}
			b, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != got {
				t.Errorf("golden file after -update = %q, want %q", b, got)
			}
			// The rewritten file now passes without -update.
			if f := check(t, false, tt.path, got); f.failed {
				t.Errorf("Check after -update failed: %q", f.msgs)
			}
		})
	}
}

func TestUpdateReportsFlag(t *testing.T) {
	old := *update
	defer func() { *update = old }()
	for _, v := range []bool{true, false} {
		*update = v
		if got := Update(); got != v {
			t.Errorf("with -update=%v, Update() = %v", v, got)
		}
	}
}
