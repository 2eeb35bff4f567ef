package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// Golden files for every CLI test live in testdata/; `make golden` rewrites them.
var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v; run `make golden` to create it", err)
	}
	if !bytes.Equal([]byte(got), want) {
		t.Errorf("output differs from %s; run `make golden` to accept\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
