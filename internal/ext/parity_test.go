package ext

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/custval/custval/sql/sqltest"
)

// nodeAPIVersion is the stock client the parity test uses: @duckdb/node-api
// at the DuckDB version of go.mod's duckdb-go (1.5.6). The Makefile's
// node-client target installs the same version into build/node.
const nodeAPIVersion = "1.5.6-r.1"

// parityQuery is one named query of testdata/parity.sql.
type parityQuery struct {
	Name    string `json:"name"`
	SQL     string `json:"sql"`
	wantErr string // from a `-- error: TEXT` line: both hosts must fail with TEXT in the message
}

// readQueries splits a file of `-- name: X` blocks.
func readQueries(t *testing.T, path string) []parityQuery {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var qs []parityQuery
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "-- name: "):
			qs = append(qs, parityQuery{Name: strings.TrimPrefix(line, "-- name: ")})
		case len(qs) == 0:
		case strings.HasPrefix(line, "-- error: "):
			qs[len(qs)-1].wantErr = strings.TrimPrefix(line, "-- error: ")
		default:
			qs[len(qs)-1].SQL += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range qs {
		qs[i].SQL = strings.TrimSpace(qs[i].SQL)
		if qs[i].SQL == "" {
			t.Fatalf("%s: query %q is empty", path, qs[i].Name)
		}
	}
	return qs
}

// result is one query's outcome in one host; rows hold DuckDB's own VARCHAR
// rendering of every value (nil for NULL), sorted, since the bulk queries
// group without an order.
type result struct {
	Name    string      `json:"name"`
	Columns int         `json:"columns"`
	Rows    [][]*string `json:"rows"`
	Error   string      `json:"error"`
}

func sortRows(rows [][]*string) {
	key := func(r []*string) string {
		var b strings.Builder
		for _, v := range r {
			if v == nil {
				b.WriteString("\x00NULL")
			} else {
				b.WriteString(*v)
			}
			b.WriteString("\x01")
		}
		return b.String()
	}
	slices.SortFunc(rows, func(a, b []*string) int { return strings.Compare(key(a), key(b)) })
}

// runInCustval runs the queries through custval's own host: duckdb-go with
// package udf registered, on a migrated database.
func runInCustval(t *testing.T, qs []parityQuery) []result {
	return queryAll(t, sqltest.Open(t).DB, qs)
}

// queryAll runs the queries on db, a database opened by custval (store.Open).
func queryAll(t *testing.T, db *sql.DB, qs []parityQuery) []result {
	t.Helper()
	ctx := context.Background()
	var out []result
	for _, q := range qs {
		res := result{Name: q.Name}
		rows, err := db.QueryContext(ctx, "select columns(*)::varchar from ("+q.SQL+")")
		if err != nil {
			res.Error = err.Error()
			out = append(out, res)
			continue
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		res.Columns = len(cols)
		for rows.Next() {
			vals, err := sqltest.ScanStrings(rows)
			if err != nil {
				t.Fatalf("%s: %v", q.Name, err)
			}
			row := make([]*string, len(cols))
			for i, v := range vals {
				if v.Valid {
					s := v.String
					row[i] = &s
				}
			}
			res.Rows = append(res.Rows, row)
		}
		if err := rows.Err(); err != nil {
			res.Rows, res.Error = nil, err.Error()
		}
		rows.Close()
		out = append(out, res)
	}
	return out
}

type nodeOutput struct {
	Client            string   `json:"client"`
	LoadError         *string  `json:"load_error"`
	SetupError        *string  `json:"setup_error"`
	ResultsBeforeLoad []result `json:"results_before_load"`
	Results           []result `json:"results"`
}

// nodeRequest is what testdata/parity.mjs runs in one session of the stock
// client: the setup statements, the before-load queries, LOAD of the
// extension (none when empty), the after-load statements, the queries.
type nodeRequest struct {
	Extension  string        `json:"extension"`
	Database   string        `json:"database"`
	ReadOnly   bool          `json:"read_only"`
	Setup      []string      `json:"setup"`
	BeforeLoad []parityQuery `json:"before_load"`
	AfterLoad  []string      `json:"after_load"`
	Queries    []parityQuery `json:"queries"`
}

// runInNode runs the queries in the stock Node client after loading the extension.
func runInNode(t *testing.T, nodeDir, extension, database string, readOnly bool, qs []parityQuery) nodeOutput {
	t.Helper()
	return runNode(t, nodeDir, nodeRequest{Extension: extension, Database: database, ReadOnly: readOnly, Queries: qs})
}

func runNode(t *testing.T, nodeDir string, req nodeRequest) nodeOutput {
	t.Helper()
	out := runNodeUnchecked(t, nodeDir, req)
	if out.LoadError != nil {
		t.Fatalf("stock client (%s) could not LOAD the extension: %s", out.Client, *out.LoadError)
	}
	if out.SetupError != nil {
		t.Fatalf("stock client (%s): %s", out.Client, *out.SetupError)
	}
	if len(out.Results) != len(req.Queries) || len(out.ResultsBeforeLoad) != len(req.BeforeLoad) {
		t.Fatalf("stock client returned %d+%d results for %d+%d queries",
			len(out.ResultsBeforeLoad), len(out.Results), len(req.BeforeLoad), len(req.Queries))
	}
	return out
}

// runNodeUnchecked runs req and returns what happened, a failed LOAD included.
func runNodeUnchecked(t *testing.T, nodeDir string, req nodeRequest) nodeOutput {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join("testdata", "parity.mjs"), nodeDir)
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err = cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/parity.mjs: %v\n%s", err, stderr.String())
	}
	var out nodeOutput
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("read node output: %v\n%s", err, b)
	}
	return out
}

// requireNode names the variable that turns a missing Node.js into a failure
// (CI sets it); otherwise the tests that need a stock client skip.
const requireNode = "CUSTVAL_REQUIRE_NODE"

// nodeClient returns the npm prefix holding @duckdb/node-api, installing it
// into build/node as `make node-client` does when it is missing.
func nodeClient(t testing.TB, root string) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv(requireNode) != "" {
				t.Fatalf("the stock DuckDB client needs Node.js and npm (%s not found) and %s is set", tool, requireNode)
			}
			t.Skipf("the stock DuckDB client needs Node.js and npm (%s not found); install them, or set %s to make this a failure", tool, requireNode)
		}
	}
	dir := filepath.Join(root, "build", "node")
	pkg := filepath.Join(dir, "node_modules", "@duckdb", "node-api", "package.json")
	if b, err := os.ReadFile(pkg); err == nil {
		var p struct{ Version string }
		if json.Unmarshal(b, &p) == nil && p.Version == nodeAPIVersion {
			return dir
		}
	}
	cmd := exec.Command("npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "@duckdb/node-api@"+nodeAPIVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("install the stock client (run `make node-client`): npm install @duckdb/node-api@%s: %v\n%s", nodeAPIVersion, err, out)
	}
	return dir
}

// sharedExtension builds the extension once per test binary (see TestMain).
func sharedExtension(t testing.TB, root string) string {
	t.Helper()
	return fixture(t, "extension", func(dir string) (string, error) {
		return buildExtensionIn(root, dir)
	})
}

// buildExtension builds the extension as `make extension` does, into a temp dir.
func buildExtension(t testing.TB, root string) string {
	t.Helper()
	lib, err := buildExtensionIn(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func buildExtensionIn(root, dir string) (string, error) {
	// go test caches a passing result by the files the test itself opens;
	// read the extension's sources so that editing them reruns the test.
	for _, src := range []string{"internal/ext/cshared", "internal/ext/include", "internal/ext/session", "sql/schema"} {
		err := filepath.WalkDir(filepath.Join(root, src), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = os.ReadFile(path)
			return err
		})
		if err != nil {
			return "", err
		}
	}
	overlay, err := DriverFreeOverlay(filepath.Join(root, "udf"))
	if err != nil {
		return "", err
	}
	overlayPath := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayPath, overlay, 0o644); err != nil {
		return "", err
	}
	lib := filepath.Join(dir, "custval.duckdb_extension")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-overlay", overlayPath, "-o", lib, "./internal/ext/cshared")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the extension: %v\n%s", err, out)
	}
	if err := checkSymbols(lib); err != nil {
		return "", err
	}
	if err := AppendFile(lib, Metadata{ABI: "C_STRUCT", Version: "test", MinCAPI: "v1.2.0", Platform: "linux_amd64"}); err != nil {
		return "", err
	}
	return lib, nil
}

// checkSymbols requires the entry point DuckDB looks up, and no DuckDB symbol
// left to the dynamic linker: every DuckDB call must go through the v1.2.0
// function-pointer struct, or the extension would bind to one DuckDB build.
func checkSymbols(lib string) error {
	f, err := elf.Open(lib)
	if err != nil {
		return err
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil {
		return err
	}
	entry := false
	var problems []string
	for _, s := range syms {
		undefined := s.Section == elf.SHN_UNDEF
		if s.Name == "custval_init_c_api" && !undefined && elf.ST_TYPE(s.Info) == elf.STT_FUNC {
			entry = true
		}
		if undefined && strings.HasPrefix(s.Name, "duckdb") {
			problems = append(problems, fmt.Sprintf("%s needs symbol %s from the loading process; call it through the C API struct instead", lib, s.Name))
		}
	}
	if !entry {
		problems = append(problems, lib+" does not export custval_init_c_api, the entry point DuckDB calls on LOAD")
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// stockClientSetup is what every test with the stock Node client needs: the
// repository root, the folder the Node client is installed in, and the built
// extension. It skips with -short: these tests build and start other programs.
func stockClientSetup(t *testing.T) (root, nodeDir, lib string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the extension (and custval) and starts Node; skipped with -short")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root, nodeClient(t, root), sharedExtension(t, root)
}

// TestParityWithStockClient runs testdata/parity.sql in custval and in the
// stock Node client with the extension loaded, and requires the same answers.
func TestParityWithStockClient(t *testing.T) {
	_, nodeDir, lib := stockClientSetup(t)

	qs := append([]parityQuery{{Name: "duckdb version", SQL: "select version() as v"}}, readQueries(t, filepath.Join("testdata", "parity.sql"))...)
	hook := parityQuery{Name: "load hook macro", SQL: "select custval.extension_version() as v"}
	node := runInNode(t, nodeDir, lib, ":memory:", false, append(slices.Clone(qs), hook))
	ours := runInCustval(t, qs)

	compareResults(t, qs, node.Results[:len(qs)], ours)

	checkHook(t, "in-memory database", node.Results[len(qs)])

	// A custval database file opened read-only: LOAD must not write to it, and
	// the functions and the hook's macros must still be there.
	db, path := sqltest.OpenFile(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro := runInNode(t, nodeDir, lib, path, true, []parityQuery{hook, {Name: "function", SQL: "select lifecycle_stage(100, 30, 5, 400) as s"}})
	checkHook(t, "read-only custval database", ro.Results[0])
	if r := ro.Results[1]; r.Error != "" || len(r.Rows) != 1 || r.Rows[0][0] == nil {
		t.Errorf("read-only custval database: lifecycle_stage gave rows %v, error %q", r.Rows, r.Error)
	}
}

// compareResults requires the stock client's results to equal custval's,
// query by query: the same rows in any order, or both failing with the
// error a query's `-- error:` line names.
func compareResults(t *testing.T, qs []parityQuery, got, want []result) {
	t.Helper()
	for i, q := range qs {
		got, want := got[i], want[i]
		if q.wantErr != "" || want.Error != "" || got.Error != "" {
			if q.wantErr == "" {
				t.Errorf("%s: custval error %q, stock client error %q; want both to succeed", q.Name, want.Error, got.Error)
				continue
			}
			if !strings.Contains(want.Error, q.wantErr) || !strings.Contains(got.Error, q.wantErr) {
				t.Errorf("%s: custval error %q, stock client error %q; want both to mention %q", q.Name, want.Error, got.Error, q.wantErr)
			}
			continue
		}
		sortRows(got.Rows)
		sortRows(want.Rows)
		if got.Columns != want.Columns || len(got.Rows) != len(want.Rows) {
			t.Errorf("%s: stock client gave %d columns x %d rows, custval %d x %d", q.Name, got.Columns, len(got.Rows), want.Columns, len(want.Rows))
			continue
		}
		if len(want.Rows) == 0 {
			t.Errorf("%s: no rows; a parity query must return some", q.Name)
		}
		shown := 0
		for r := range want.Rows {
			if !slices.EqualFunc(got.Rows[r], want.Rows[r], func(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }) {
				if shown++; shown <= 5 {
					t.Errorf("%s: row %d: stock client %s, custval %s", q.Name, r, render(got.Rows[r]), render(want.Rows[r]))
				}
			}
		}
		if shown > 5 {
			t.Errorf("%s: %d rows differ in all", q.Name, shown)
		}
	}
}

func checkHook(t *testing.T, where string, h result) {
	t.Helper()
	if h.Error != "" || len(h.Rows) != 1 || h.Rows[0][0] == nil || !strings.Contains(*h.Rows[0][0], "custval") {
		t.Errorf("%s: after LOAD, custval.extension_version() gave rows %v, error %q; want the macro the load hook creates", where, h.Rows, h.Error)
	}
}

func render(row []*string) string {
	parts := make([]string, len(row))
	for i, v := range row {
		if v == nil {
			parts[i] = "NULL"
		} else {
			parts[i] = "'" + *v + "'"
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
