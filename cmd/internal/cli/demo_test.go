package cli

import (
	"strings"
	"testing"
)

func TestDemo(t *testing.T) {
	db := tempDB(t)
	out, stderr, code := run(t, "", "demo", "--db", db, "--customers", "150", "--seed", "3", "--as-of", "2025-12-31")
	if code != exitOK {
		t.Fatalf("demo: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"Demo data as of 2025-12-31 (every event is before that day), seed 3",
		"\n  customers                                          150\n",
		"revenue from the top 20% of them",
		"do not contact",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q; got:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "generating demo data for 150 customers") {
		t.Errorf("demo stderr = %q, want progress", stderr)
	}

	// A second run replaces the data; the same flags print the same summary.
	again, _, code := run(t, "", "demo", "--db", db, "--customers", "150", "--seed", "3", "--as-of", "2025-12-31")
	if code != exitOK || again != out {
		t.Errorf("second demo run: exit %d, output differs from the first:\n%s", code, again)
	}
}

func TestDemoUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no customers", []string{"--customers", "0"}},
		{"negative customers", []string{"--customers", "-5"}},
		{"seed zero", []string{"--seed", "0"}},
		{"bad date", []string{"--as-of", "30.06.2026"}},
		{"argument", []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"demo", "--db", tempDB(t)}, tt.args...)
			_, stderr, code := run(t, "", args...)
			if code != exitUsage {
				t.Errorf("custval %v: exit %d, want %d; stderr:\n%s", args, code, exitUsage, stderr)
			}
		})
	}
}
