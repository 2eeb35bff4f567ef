package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCSVHeader(t *testing.T) {
	tests := []struct {
		name, body, forced string
		wantCols           []string
		wantDelim          rune
		wantErr            bool
	}{
		{"comma", "a,b,c\n1,2,3\n", "", []string{"a", "b", "c"}, ',', false},
		{"semicolon beats commas inside quotes", "\"x,y\";b;c\n", "", []string{"x,y", "b", "c"}, ';', false},
		{"tab", "a\tb\n", "", []string{"a", "b"}, '\t', false},
		{"pipe", "a|b|c\n", "", []string{"a", "b", "c"}, '|', false},
		{"BOM and CRLF", "\ufeffid,name\r\n1,x\r\n", "", []string{"id", "name"}, ',', false},
		{"forced tab escape", "a\tb,c\n", `\t`, []string{"a", "b,c"}, '\t', false},
		{"unnamed column gets DuckDB's name", "a,,c\n", "", []string{"a", "column1", "c"}, ',', false},
		{"duplicate names", "a,b,a\n", "", nil, 0, true},
		{"header only, no newline", "a,b", "", []string{"a", "b"}, ',', false},
		{"invalid UTF-8 in header", "a,\xff\n", "", nil, 0, true},
		{"two-character delimiter", "a,b\n", ";;", nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f.csv")
			if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			cols, delim, err := csvHeader(p, tt.forced)
			if (err != nil) != tt.wantErr {
				t.Fatalf("csvHeader error = %v, want error %v", err, tt.wantErr)
			}
			if !slices.Equal(cols, tt.wantCols) || delim != tt.wantDelim {
				t.Errorf("csvHeader = %q, %q; want %q, %q", cols, delim, tt.wantCols, tt.wantDelim)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		file, forced, want string
		wantErr            bool
	}{
		{"a.csv", "", "csv", false},
		{"a.TSV", "", "csv", false},
		{"a.txt", "", "csv", false},
		{"a.parquet", "", "parquet", false},
		{"a.jsonl", "", "json", false},
		{"a.ndjson", "", "json", false},
		{"a.json", "", "json", false},
		{"a.xlsx", "", "", true},
		{"a.export", "csv", "csv", false},
		{"a.csv", "xml", "", true},
	}
	for _, tt := range tests {
		got, err := formatOf(tt.file, tt.forced)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("formatOf(%q, %q) = %q, %v; want %q, error %v", tt.file, tt.forced, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestBlankLinesBefore(t *testing.T) {
	body := "h1,h2\n\na,b\r\n\r\n\"x\n\ny\",z\nc,d\n\n\ne,f\n"
	// Bytes: header 0-5, blank 6, "a,b" 7-11, blank 12-13, quoted record 14-22, "c,d" 23-26,
	// blanks 27 and 28, "e,f" 29-32.
	p := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	offsets := []int64{0, 7, 12, 14, 25, 31, 99}
	got, err := blankLinesBefore(p, offsets)
	if err != nil {
		t.Fatal(err)
	}
	// The blank line inside the quoted value (after "x) is data, not a blank line.
	want := []int64{0, 1, 1, 2, 2, 4, 4}
	if !slices.Equal(got, want) {
		t.Errorf("blankLinesBefore(%v) = %v, want %v", offsets, got, want)
	}
}
