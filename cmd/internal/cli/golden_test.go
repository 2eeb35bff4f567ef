package cli

import (
	"path/filepath"
	"testing"

	goldenfile "github.com/custval/custval/internal/golden"
)

// golden compares got with testdata/name, or rewrites it under -update (`make golden`).
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}
