package ext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStockClientRefusesIncompatibleFile: DuckDB reads the footer before it
// runs any of the extension's code, and refuses a file that needs a newer C
// API than it offers, or was built for another platform, naming the reason.
// (The extension's own check, for a DuckDB whose get_api refuses v1.2.0, is
// TestRefusesUnsupportedCAPI in ./cshared.)
func TestStockClientRefusesIncompatibleFile(t *testing.T) {
	_, nodeDir, lib := stockClientSetup(t)
	b, err := os.ReadFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	library := b[:len(b)-FooterSize] // the shared library as go build wrote it
	tests := []struct {
		name string
		meta Metadata
		want []string // in DuckDB's error
	}{
		{"newer C API", Metadata{ABI: "C_STRUCT", Version: "test", MinCAPI: "v9.0.0", Platform: "linux_amd64"}, []string{"v9.0.0"}},
		{"other platform", Metadata{ABI: "C_STRUCT", Version: "test", MinCAPI: "v1.2.0", Platform: "osx_arm64"}, []string{"osx_arm64", "linux_amd64"}},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "custval.duckdb_extension")
		if err := os.WriteFile(path, library, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := AppendFile(path, tt.meta); err != nil {
			t.Fatal(err)
		}
		out := runNodeUnchecked(t, nodeDir, nodeRequest{Extension: path, Database: ":memory:"})
		if out.LoadError == nil {
			t.Errorf("%s: the stock client loaded the file; want it refused", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(*out.LoadError, w) {
				t.Errorf("%s: LOAD failed with %q; want it to mention %q", tt.name, *out.LoadError, w)
			}
		}
		t.Logf("%s: %s", tt.name, *out.LoadError)
	}
}
