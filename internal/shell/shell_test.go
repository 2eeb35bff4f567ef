package shell

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/internal/store"
	"github.com/custval/custval/sql/sqltest"
)

// session runs script through a shell on a fresh custval database and
// returns what it wrote to Out and ErrOut, and Run's error.
func session(t *testing.T, cfg Config, script string) (out, errOut string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	if cfg.Out == nil {
		cfg.Out = &o
	}
	if cfg.ErrOut == nil {
		cfg.ErrOut = &e
	}
	ctx := context.Background()
	if cfg.DB == nil {
		cfg.DB = sqltest.Open(t).DB
	}
	sh, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = sh.Run(ctx, NewScanner(strings.NewReader(script)), "script")
	if cerr := sh.Close(); cerr != nil {
		t.Errorf("Close: %v", cerr)
	}
	return o.String(), e.String(), err
}

// The golden transcript covers multi-line statements, quoting, every mode,
// .maxrows, .maxwidth, .schema and how errors are reported while the session goes on.
func TestSessionGolden(t *testing.T) {
	script, err := os.ReadFile("testdata/session.sql")
	if err != nil {
		t.Fatal(err)
	}
	// Not migrated: DuckDB's "Did you mean" hints in the transcript then do not
	// change whenever a migration adds a table.
	db, err := store.Open(context.Background(), ":memory:", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var transcript bytes.Buffer // errors interleaved with results, as on a terminal
	_, _, err = session(t, Config{DB: db.DB, Out: &transcript, ErrOut: &transcript, Interactive: true}, string(script))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	golden.Check(t, filepath.Join("testdata", "session.golden"), transcript.Bytes())
}

// Without a terminal the shell stops at the first error and names its line
// and statement; nothing after it runs.
func TestStopsAtFirstError(t *testing.T) {
	tests := []struct {
		name, script string
		wantErr      string // "" means success
		wantOut      string
	}{
		{"all good", "select 'one' as x;\nselect 'two' as x;\n", "", "two"},
		{"last statement needs no semicolon", "select 'one' as x", "", "one"},
		{"error on line 3", "select 'one' as x;\n\nselect * from nope;\nselect 'never' as x;\n", "script: line 3, statement 2: Catalog Error", "one"},
		{"error inside a multi-line statement", "select 'one' as x;\n-- comment\nselect\n  1 +\n;\n", "script: line 3, statement 2: Parser Error", "one"},
		{"second statement on a line", "select 'one' as x; select nope;\n", "script: line 1, statement 2: Binder Error", "one"},
		{"dot-command error", "select 'one' as x;\n.mode wide\nselect 'never' as x;\n", `script: line 2: .mode: unknown mode "wide"`, "one"},
		{"quit stops without error", "select 'one' as x;\n.quit\nselect 'never' as x;\n", "", "one"},
		{"unclosed string at the end", "select 'one' as x;\nselect 'open\n", "script: line 2, statement 2: Parser Error", "one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := session(t, Config{}, tt.script)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Run: %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Errorf("Run error = %v, want it to start with %q", err, tt.wantErr)
			}
			if !strings.Contains(out, tt.wantOut) || strings.Contains(out, "never") {
				t.Errorf("output:\n%s\nwant %q and not %q", out, tt.wantOut, "never")
			}
			if errOut != "" {
				t.Errorf("non-interactive shell wrote to ErrOut: %q", errOut)
			}
		})
	}
}

// DDL and DML print nothing, as in the DuckDB shell; their effects persist on the session's connection.
func TestStatementsWithoutResults(t *testing.T) {
	script := "create temp table t(a int);\ninsert into t values (1), (2);\nset threads = 1;\nbegin;\nupdate t set a = a * 10;\ncommit;\n.mode csv\nselect sum(a) as s from t;\n"
	out, _, err := session(t, Config{}, script)
	if err != nil {
		t.Fatal(err)
	}
	if out != "s\n30\n" {
		t.Errorf("output = %q, want only the select's CSV %q", out, "s\n30\n")
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	script := ".mode csv\n.output result.csv\nselect 'to file' as x;\n.output\nselect 'to screen' as y;\n.output missing/dir/x.csv\n"
	out, errOut, err := session(t, Config{Dir: dir, Interactive: true}, script)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "result.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "x\nto file\n" {
		t.Errorf("result.csv = %q, want %q", got, "x\nto file\n")
	}
	if out != "y\nto screen\n" {
		t.Errorf("screen = %q, want only the second result", out)
	}
	if !strings.Contains(errOut, "Error: .output: open") {
		t.Errorf("ErrOut = %q, want an .output error for a missing directory", errOut)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("setup.sql", "create temp table t as\n  select range as n from range(3);\n.mode csv\n")
	write("broken.sql", "select 1;\n\nselect * from nope;\nselect 'never';\n")
	tests := []struct {
		name, script string
		interactive  bool
		wantOut      string
		wantErr      string // in Run's error, or ErrOut when interactive
	}{
		{"statements and dot-commands", ".read setup.sql\nselect count(*) as c from t;\n", false, "c\n3\n", ""},
		{"error in the file names its line", ".read broken.sql\n", false, "", "script: line 1: " + filepath.Join(dir, "broken.sql") + ": line 3, statement 2: Catalog Error"},
		{"interactive goes on after it", ".read broken.sql\n.mode csv\nselect 'next' as x;\n", true, "x\nnext\n", "Error: " + filepath.Join(dir, "broken.sql") + ": line 3, statement 2"},
		{"missing file", ".read nothing.sql\n", false, "", "script: line 1: .read: open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := session(t, Config{Dir: dir, Interactive: tt.interactive}, tt.script)
			gotErr := errOut
			if err != nil {
				gotErr = err.Error()
			}
			if tt.wantErr == "" && gotErr != "" || !strings.HasPrefix(gotErr, tt.wantErr) {
				t.Errorf("error = %q, want it to start with %q", gotErr, tt.wantErr)
			}
			if !strings.HasSuffix(out, tt.wantOut) || strings.Contains(out, "never") {
				t.Errorf("output = %q, want it to end with %q", out, tt.wantOut)
			}
		})
	}
}

// The list of .tables is checked against duckdb_tables() and duckdb_views()
// read directly; .schema NAME prints exactly that table's statement.
func TestTablesAndSchema(t *testing.T) {
	db := sqltest.Open(t)
	if _, err := db.Exec("create table zz_shell_t(a int); create view zz_shell_v as select 1 as one"); err != nil {
		t.Fatal(err)
	}
	var want []string
	if err := db.Select(&want, "select table_name from duckdb_tables() where not internal union select view_name from duckdb_views() where not internal"); err != nil {
		t.Fatal(err)
	}
	out, _, err := session(t, Config{DB: db.DB, Width: func() int { return 1 }}, ".tables\n")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(out)
	if len(got) != len(want) {
		t.Errorf(".tables listed %d names, duckdb_tables/views have %d: %v", len(got), len(want), got)
	}
	for _, n := range []string{"zz_shell_t", "zz_shell_v", "orders"} {
		if !strings.Contains(out, n+"\n") {
			t.Errorf(".tables output lacks %s:\n%s", n, out)
		}
	}
	out, _, err = session(t, Config{DB: db.DB}, ".schema ZZ_SHELL_T\n")
	if err != nil || out != "CREATE TABLE zz_shell_t(a INTEGER);\n" {
		t.Errorf(".schema zz_shell_t = %q, %v", out, err)
	}
	_, _, err = session(t, Config{DB: db.DB}, ".schema nothing_here\n")
	if err == nil || !strings.Contains(err.Error(), `no table or view named "nothing_here"`) {
		t.Errorf(".schema of a missing name: %v", err)
	}
}

func TestColumns(t *testing.T) {
	tests := []struct {
		names []string
		width int
		want  string
	}{
		{nil, 80, ""},
		{[]string{"a", "bb", "c"}, 80, "a   bb  c\n"},
		{[]string{"a", "bb", "c"}, 8, "a   c\nbb\n"},
		{[]string{"a", "bb", "c"}, 1, "a\nbb\nc\n"},
	}
	for _, tt := range tests {
		if got := columns(tt.names, tt.width); got != tt.want {
			t.Errorf("columns(%q, %d) = %q, want %q", tt.names, tt.width, got, tt.want)
		}
	}
}

// scripted is a LineReader that plays lines and errors and records history.
type scripted struct {
	inputs  []any // string or error
	history []string
	prompts []string
	onRead  func(n int)
}

func (s *scripted) ReadLine(prompt string) (string, error) {
	s.prompts = append(s.prompts, prompt)
	n := len(s.prompts) - 1
	if s.onRead != nil {
		s.onRead(n)
	}
	if n >= len(s.inputs) {
		return "", io.EOF
	}
	switch in := s.inputs[n].(type) {
	case error:
		return "", in
	default:
		return in.(string), nil
	}
}

func (s *scripted) SaveHistory(e string) { s.history = append(s.history, e) }

func runScripted(t *testing.T, cfg Config, r LineReader) (string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cfg.Out, cfg.ErrOut, cfg.Interactive = &out, &errOut, true
	if cfg.DB == nil {
		cfg.DB = sqltest.Open(t).DB
	}
	ctx := context.Background()
	sh, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Close()
	if err := sh.Run(ctx, r, "terminal"); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String(), errOut.String()
}

// Ctrl-C while typing drops the statement typed so far; prompts show when a
// statement continues; history keeps whole statements on one line.
func TestInteractiveEditing(t *testing.T) {
	r := &scripted{inputs: []any{
		".mode csv",
		"select 'dropped'", "as x", ErrInterrupt,
		"select 'kept'", "  as x;",
		"select 'two' as a; select", "'three' as b;",
	}}
	out, errOut := runScripted(t, Config{}, r)
	if want := "x\nkept\na\ntwo\nb\nthree\n"; out != want {
		t.Errorf("output = %q, want %q", out, want)
	}
	if errOut != "" {
		t.Errorf("ErrOut = %q", errOut)
	}
	wantPrompts := []string{Prompt, Prompt, ContinuePrompt, ContinuePrompt, Prompt, ContinuePrompt, Prompt, ContinuePrompt, Prompt}
	if strings.Join(r.prompts, "|") != strings.Join(wantPrompts, "|") {
		t.Errorf("prompts = %q, want %q", r.prompts, wantPrompts)
	}
	wantHistory := []string{".mode csv", "select 'kept' as x;", "select 'two' as a;", "select 'three' as b;"}
	if strings.Join(r.history, "|") != strings.Join(wantHistory, "|") {
		t.Errorf("history = %q, want %q", r.history, wantHistory)
	}
}

// Ctrl-C (SIGINT on the Interrupt channel) cancels the running statement and
// the session goes on with the next one.
func TestInterruptCancelsStatement(t *testing.T) {
	interrupt := make(chan os.Signal, 1)
	stop := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		// Keep pressing Ctrl-C until the long statement has ended: one press
		// could land before it starts, where the shell ignores it.
		defer close(stopped)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				select {
				case interrupt <- os.Interrupt:
				default:
				}
			}
		}
	}()
	r := &scripted{
		inputs: []any{"select count(*) from range(100000000000);", ".mode csv", "select 'still here' as x;"},
		onRead: func(n int) {
			if n == 1 { // the long statement has returned
				close(stop)
				<-stopped
			}
		},
	}
	start := time.Now()
	out, errOut := runScripted(t, Config{Interrupt: interrupt}, r)
	if errOut != "Error: query cancelled\n" {
		t.Errorf("ErrOut = %q, want the cancel reported", errOut)
	}
	if out != "x\nstill here\n" {
		t.Errorf("output = %q, want the statement after the cancelled one", out)
	}
	t.Logf("cancelled after %v", time.Since(start))
}
