package views

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/migrate"
	"github.com/custval/custval/sql/schema"
	"github.com/custval/custval/sql/sqltest"
)

// checksumsFile pins the sha256 of every published migration: models are never edited once published.
const checksumsFile = "testdata/checksums.golden"

// TestPublishedMigrationsUnchanged fails when a pinned migration changed or disappeared, and when a migration is
// not pinned yet. `make golden` pins new files but never rewrites a pin: a changed model is a new version.
func TestPublishedMigrationsUnchanged(t *testing.T) {
	all, err := migrate.Collect(schema.FS)
	if err != nil {
		t.Fatal(err)
	}
	pins, order, err := readPins(checksumsFile)
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	var added []string
	for _, m := range all {
		present[m.Name] = true
		pin, ok := pins[m.Name]
		switch {
		case !ok && golden.Update():
			pins[m.Name] = m.Checksum
			order = append(order, m.Name)
			added = append(added, m.Name)
		case !ok:
			t.Errorf("%s is not pinned in %s; run `make golden` to pin it once it is ready to publish", m.Name, checksumsFile)
		case pin != m.Checksum:
			t.Errorf("%s changed after it was published (sha256 %s, pinned %s); restore it and add a new migration "+
				"(a new model version) instead", m.Name, m.Checksum, pin)
		}
	}
	for name := range pins {
		if !present[name] {
			t.Errorf("%s is pinned but gone; a published migration is never deleted (drop objects in a new one)", name)
		}
	}
	if len(added) > 0 {
		sort.Strings(order)
		var b bytes.Buffer
		b.WriteString("# sha256 of every published migration in sql/schema; see docs/views.md. Never edit a line.\n")
		for _, name := range order {
			fmt.Fprintf(&b, "%s %s\n", name, pins[name])
		}
		if err := os.WriteFile(checksumsFile, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("pinned %s", strings.Join(added, ", "))
	}
}

func readPins(path string) (map[string]string, []string, error) {
	pins := map[string]string{}
	var order []string
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return pins, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, sum, ok := strings.Cut(line, " ")
		if !ok {
			return nil, nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		pins[name] = sum
		order = append(order, name)
	}
	return pins, order, sc.Err()
}

// TestSchemaGolden keeps the whole schema after a full migrate, as DuckDB itself writes it back
// (EXPORT DATABASE, with every macro's defaults), so any change to a table, view or macro shows in review.
func TestSchemaGolden(t *testing.T) {
	db := sqltest.Open(t)
	dir := t.TempDir()
	if _, err := db.ExecContext(context.Background(), fmt.Sprintf("export database '%s' (format csv)", dir)); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "schema.golden.sql"), normalizeSchema(raw))
}

// normalizeSchema puts one blank line between statements; DuckDB ends each with ";;".
func normalizeSchema(raw []byte) []byte {
	var b bytes.Buffer
	b.WriteString("-- The whole custval schema after every migration, as DuckDB writes it back. Regenerate with `make golden`.\n")
	for _, stmt := range strings.Split(string(raw), ";;") {
		stmt = strings.TrimSpace(stmt)
		if stmt == "" {
			continue
		}
		b.WriteString("\n" + stmt + ";\n")
	}
	return b.Bytes()
}
