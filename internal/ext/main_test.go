package ext

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Fixtures that take long to build (the extension, the custval binary, the
// demo database) are built once per test binary, in one temp dir that TestMain
// removes.
var fixtures struct {
	mu    sync.Mutex
	dir   string
	built map[string]fixtureResult
}

type fixtureResult struct {
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtures.dir != "" {
		os.RemoveAll(fixtures.dir)
	}
	os.Exit(code)
}

// fixture returns what build made in its own dir the first time it was asked
// for name; a failed build fails every test that needs it.
func fixture(t testing.TB, name string, build func(dir string) (string, error)) string {
	t.Helper()
	fixtures.mu.Lock()
	defer fixtures.mu.Unlock()
	r, ok := fixtures.built[name]
	if !ok {
		if fixtures.dir == "" {
			dir, err := os.MkdirTemp("", "custval-ext-test-")
			if err != nil {
				t.Fatal(err)
			}
			fixtures.dir, fixtures.built = dir, map[string]fixtureResult{}
		}
		dir := filepath.Join(fixtures.dir, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		r.path, r.err = build(dir)
		fixtures.built[name] = r
	}
	if r.err != nil {
		t.Fatal(fmt.Errorf("%s: %w", name, r.err))
	}
	return r.path
}
