// Package golden holds the golden-file check the tests share, and the single -update flag
// `make golden` passes to rewrite the files. Only tests import it.
package golden

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Update reports whether the test binary runs with -update, for tests that keep other files
// current under `make golden` too.
func Update() bool { return *update }

// Check compares got with the golden file at path. Under -update it writes got to path instead,
// creating its directory.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("write golden file: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("write golden file: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("golden file %s does not exist; run `make golden` (or go test -update) to create it, then review it", path)
	}
	if err != nil {
		t.Fatalf("read golden file: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from golden file %s; review the difference and run `make golden` to accept\n%s",
			path, diff(got, want))
	}
}

// contextLines is how many lines diff shows on each side of the first differing line.
const contextLines = 3

// diff shows got and want around their first differing line (marked >), numbered: whole files can
// be long, and `git diff` after `make golden` shows the rest.
func diff(got, want []byte) string {
	g, w := lines(got), lines(want)
	first := 0
	for first < len(g) && first < len(w) && g[first] == w[first] {
		first++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (got %d lines, want %d)\n", first+1, len(g), len(w))
	for _, side := range []struct {
		name  string
		lines []string
	}{{"got", g}, {"want", w}} {
		fmt.Fprintf(&b, "--- %s:\n", side.name)
		from, to := max(first-contextLines, 0), min(first+contextLines+1, len(side.lines))
		for i := from; i < to; i++ {
			mark := " "
			if i == first {
				mark = ">"
			}
			fmt.Fprintf(&b, "%s%5d | %s\n", mark, i+1, strings.TrimSuffix(side.lines[i], "\n"))
		}
		if first >= len(side.lines) {
			fmt.Fprintf(&b, ">%5d | (end of file)\n", first+1)
		}
	}
	// Lines that look alike differ in white space or a final newline: quote them.
	if first < len(g) && first < len(w) && strings.TrimSpace(g[first]) == strings.TrimSpace(w[first]) {
		fmt.Fprintf(&b, "line %d quoted: got %q, want %q\n", first+1, g[first], w[first])
	}
	return b.String()
}

// lines splits s into lines, each keeping its newline so that a missing final newline is a difference.
func lines(s []byte) []string {
	l := strings.SplitAfter(string(s), "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}
