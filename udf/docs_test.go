package udf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every function has its page in docs/scores/, and the first page of each
// settings group lists every setting with its current default.
func TestDocsPages(t *testing.T) {
	dir := filepath.Join("..", "docs", "scores")
	index, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]string{} // score -> page holding its settings table
	for _, f := range registry {
		page := f.Name + ".md"
		body, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("function %s has no page: %v", f.Name, err)
			continue
		}
		if !strings.Contains(string(index), "("+page+")") {
			t.Errorf("docs/scores/README.md does not link %s", page)
		}
		if _, ok := documented[f.Score]; ok {
			continue
		}
		documented[f.Score] = page
		for _, s := range Settings() {
			if s.Score != f.Score {
				continue
			}
			row := fmt.Sprintf("| `%s` | %v | %v..%v | %s |", s.Name, s.Default, s.Min, s.Max, s.Doc)
			if !strings.Contains(string(body), row) {
				t.Errorf("docs/scores/%s lacks the settings row\n%s", page, row)
			}
		}
	}
}
