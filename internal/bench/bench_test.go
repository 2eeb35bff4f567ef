package bench

import (
	"strings"
	"testing"
	"time"
)

// A re-run of make bench rewrites the measured tables but keeps the hand-written reading of the figures.
func TestWriteMarkdownKeepsReadersNotes(t *testing.T) {
	rows := []Row{{Customers: 10, Stage: "rfm_v1 scores and segments", FloorDesc: "floor", Ours: 3 * time.Millisecond, Floor: time.Millisecond, Runs: 3}}
	notes := "## Reading these figures (2026-11-23)\n\nrfm_v1 is 3x.\n"
	var first strings.Builder
	if err := WriteMarkdown(&first, "machine", "make bench", time.Unix(0, 0), 3, rows, notes); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(first.String(), "\n\n"+notes) {
		t.Fatalf("page does not end with the notes:\n%s", first.String())
	}
	if got := KeptNotes(first.String()); got != notes {
		t.Fatalf("KeptNotes = %q, want %q", got, notes)
	}
	rows[0].Ours = 2 * time.Millisecond
	var second strings.Builder
	if err := WriteMarkdown(&second, "machine", "make bench", time.Unix(0, 0), 3, rows, KeptNotes(first.String())); err != nil {
		t.Fatal(err)
	}
	if strings.Count(second.String(), "## Reading these figures") != 1 || !strings.Contains(second.String(), "| 2.00 |") {
		t.Fatalf("second page should have the new ratio and the notes once:\n%s", second.String())
	}
	var none strings.Builder
	if err := WriteMarkdown(&none, "machine", "make bench", time.Unix(0, 0), 3, rows, KeptNotes("# Benchmarks\n\nno notes\n")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(none.String(), "Reading these figures") {
		t.Fatal("notes appeared from a page without them")
	}
}
