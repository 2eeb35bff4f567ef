package clv

import (
	"strings"
	"testing"
)

func TestParseCached(t *testing.T) {
	text := `{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`
	m1, err := ParseCached(text, false)
	if err != nil {
		t.Fatal(err)
	}
	// The same text from other memory (as a host passes it) finds the same entry.
	m2, err := ParseCached(strings.Clone(text), false)
	if err != nil {
		t.Fatal(err)
	}
	if m1 != m2 {
		t.Errorf("the same params text was parsed twice")
	}
	if m1.Unit != Week || m1.Model == nil {
		t.Errorf("parsed %+v, want a weekly purchase model", m1)
	}
	if _, err := ParseCached(text, true); err == nil {
		t.Errorf("a bgnbd params text parsed as a spend model")
	}
	if _, err := ParseCached(`{"model":`, false); err == nil {
		t.Errorf("broken params text parsed")
	}
}
