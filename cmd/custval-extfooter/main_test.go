package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/custval/custval/internal/ext"
)

func TestRun(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "custval.duckdb_extension")
	if err := os.WriteFile(lib, []byte("shared library"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-version", "v1.2.3", "-platform", "linux_amd64", lib}, &stdout, &stderr); code != 0 {
		t.Fatalf("run = %d, stderr %q", code, stderr.String())
	}
	b, err := os.ReadFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ext.ReadFooter(b)
	if err != nil {
		t.Fatal(err)
	}
	want := ext.Metadata{ABI: "C_STRUCT", Version: "v1.2.3", MinCAPI: "v1.2.0", Platform: "linux_amd64"}
	if m.ABI != want.ABI || m.Version != want.Version || m.MinCAPI != want.MinCAPI || m.Platform != want.Platform {
		t.Errorf("footer = %+v, want %+v", m, want)
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no file", nil, 2},
		{"two files", []string{"a", "b"}, 2},
		{"missing file", []string{filepath.Join(t.TempDir(), "absent")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("run(%q) = %d, want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
			}
		})
	}
}

func TestRunOverlay(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pure.go":    "package p\n\nfunc Pure(x float64) float64 { return x }\n",
		"adapter.go": "package p\n\nimport \"github.com/duckdb/duckdb-go/v2\"\n\nvar _ duckdb.Type\n\nvar registry = []string{\"pure\"}\n",
		"uses.go":    "package p\n\nfunc Names() []string { return registry }\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-overlay", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("run -overlay = %d, stderr %q", code, stderr.String())
	}
	var got struct{ Replace map[string]string }
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var left []string
	for path := range got.Replace {
		left = append(left, filepath.Base(path))
	}
	_, adapter := got.Replace[filepath.Join(dir, "adapter.go")]
	_, uses := got.Replace[filepath.Join(dir, "uses.go")]
	if len(left) != 2 || !adapter || !uses {
		t.Errorf("overlay leaves out %v, want adapter.go (imports the driver) and uses.go (uses its registry)", strings.Join(left, ", "))
	}
}
