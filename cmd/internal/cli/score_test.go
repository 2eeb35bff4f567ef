package cli

import (
	"os"
	"strings"
	"testing"
)

// shopDB creates a database holding testdata/score_orders.sql.
func shopDB(t *testing.T) string {
	t.Helper()
	db := tempDB(t)
	insert, err := os.ReadFile("testdata/score_orders.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, string(insert), "query", "--db", db, "-"); code != exitOK {
		t.Fatalf("load fixture: exit %d: %s", code, stderr)
	}
	return db
}

func TestScore(t *testing.T) {
	db := shopDB(t)
	out, stderr, code := run(t, "", "score", "--db", db, "--as-of", "2026-06-30", "--format", "csv")
	if code != exitOK {
		t.Fatalf("score: exit %d, stderr:\n%s", code, stderr)
	}
	golden(t, "score_summary.csv.golden", out)
	if !strings.Contains(stderr, "scored 11 customers as of 2026-06-30 with rfm_v1") || strings.Contains(stderr, "warning") {
		t.Errorf("stderr = %q, want the run reported and no rule warnings", stderr)
	}

	// Scoring the day again with other bins replaces it and warns that the shipped rules do not fit 3 bins.
	out, stderr, code = run(t, "", "score", "--db", db, "--as-of", "2026-06-30", "--k", "3")
	if code != exitOK {
		t.Fatalf("score --k 3: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		`warning: segment rules "default": rule 1 (Champions: R 4-5, F 4-5, M 4-5) matches no cell of the 3x3x3 score grid`,
		"(replaced 11 rows of that day)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	golden(t, "score_summary_k3.golden", out)

	// Another day is kept beside it.
	if _, stderr, code := run(t, "", "score", "--db", db, "--as-of", "2025-12-31"); code != exitOK {
		t.Fatalf("score another day: exit %d: %s", code, stderr)
	}
	out, _, code = run(t, "", "query", "--db", db, "--format", "csv",
		"select as_of, count(*) as customers, max(r_score) as max_r from score_snapshots group by all order by all")
	if code != exitOK || out != "as_of,customers,max_r\n2025-12-31,5,5\n2026-06-30,11,3\n" {
		t.Errorf("snapshots: exit %d\n%s", code, out)
	}
}

func TestScoreUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad date", []string{"--as-of", "2026-13-01"}, `--as-of "2026-13-01": want a date like 2026-06-30`},
		{"k too large", []string{"--k", "11"}, "k 11: want 3 to 10 bins"},
		{"bins of one dimension", []string{"--m-bins", "2"}, "m-bins 2: want 3 to 10 bins"},
		{"cuts not numbers", []string{"--r-cuts", "30,x,90"}, `--r-cuts: cut points "30,x,90": "x" is not a number`},
		{"cuts not increasing", []string{"--f-cuts", "4,2,8"}, "f-cuts: [4 2 8] is not strictly increasing"},
		{"too many cuts", []string{"--m-cuts", "1,2,3,4,5,6,7,8,9,10"}, "m-cuts: 10 cut points: want 2 to 9"},
		{"statistic", []string{"--statistic", "mode"}, `statistic "mode": want mean or median`},
		{"months", []string{"--months", "-1"}, "months -1: want 1 or more"},
		{"format", []string{"--format", "parquet"}, `--format "parquet": want table, csv, json or markdown`},
		{"argument", []string{"extra"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tempDB(t)
			_, stderr, code := run(t, "", append([]string{"score", "--db", db}, tt.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("score %v: exit %d, stderr:\n%s\nwant exit %d mentioning %q", tt.args, code, stderr, exitUsage, tt.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("score %v created %s; a usage error must do nothing", tt.args, db)
			}
		})
	}
}

func TestScoreWithoutOrders(t *testing.T) {
	db := tempDB(t)
	_, stderr, code := run(t, "", "score", "--db", db)
	if code != exitError || !strings.Contains(stderr, "no orders to score: load orders first") {
		t.Errorf("score on an empty database: exit %d, stderr %q", code, stderr)
	}
}

func TestViews(t *testing.T) {
	out, stderr, code := run(t, "", "views")
	if code != exitOK {
		t.Fatalf("views: exit %d: %s", code, stderr)
	}
	// The whole listing is pinned by sql/views/testdata/views.golden.
	for _, want := range []string{"rfm (pointer rfm -> rfm_v1)", "  rfm_v1  current  table macro", "segment_8_zh, segment_named"} {
		if !strings.Contains(out, want) {
			t.Errorf("views output lacks %q", want)
		}
	}
}
