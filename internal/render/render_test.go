package render

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/jmoiron/sqlx"

	goldenfile "github.com/custval/custval/internal/golden"
	"github.com/custval/custval/sql/sqltest"
)

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// allTypes is the SQL of testdata/all_types.sql: two statements, every type.
func allTypes(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "all_types.sql"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// textQuery has wide, Unicode and control-character text to truncate and escape.
const textQuery = `select * from (values
    (1, '重要价值客户', 'buys often and spends the most; keep them close with early access', 1200.50::decimal(10,2)),
    (2, '一般挽留客户', 'line one' || chr(10) || 'line two' || chr(9) || 'tabbed', 3.00),
    (3, 'At Risk 🚗', 'pipe | and backslash \ stay readable', null),
    (4, 'Café', '', -0.5)
) as v(n, segment, note, value)`

const emptyQuery = "select 1::integer as id, 'x' as name, 1.5::decimal(4,1) as amount where false"

// query runs sql on db and reads the whole result.
func query(t *testing.T, db *sqlx.DB, sql string) *Result {
	t.Helper()
	rows, err := Query(context.Background(), db.DB, sql)
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	defer rows.Close()
	res, err := ReadAll(rows)
	if err != nil {
		t.Fatalf("ReadAll: %v", err)
	}
	return res
}

func TestGolden(t *testing.T) {
	db := sqltest.Open(t)
	queries := []struct {
		name string
		res  *Result
	}{
		{"all_types", query(t, db, allTypes(t))},
		{"empty", query(t, db, emptyQuery)},
		{"text", query(t, db, textQuery)},
	}
	formats := []struct {
		ext    string
		format Format
		opts   Options
	}{
		{"table.txt", Table, Options{MaxRows: DefaultMaxRows}},
		{"table_wide.txt", Table, Options{MaxWidth: 2000}},
		{"table_narrow.txt", Table, Options{MaxWidth: 50, MaxRows: 2}},
		{"csv", CSV, Options{}},
		{"json", JSON, Options{}},
		{"md", Markdown, Options{}},
	}
	for _, q := range queries {
		for _, f := range formats {
			name := q.name + "." + f.ext
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, f.format, q.res.Source(), f.opts); err != nil {
					t.Fatalf("Write: %v", err)
				}
				golden(t, name, buf.Bytes())
			})
		}
	}
}

// failingSource yields its rows, then fails.
type failingSource struct {
	Source
	err error
}

func (s failingSource) Next() ([]any, error) {
	row, err := s.Source.Next()
	if err == io.EOF {
		return nil, s.err
	}
	return row, err
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// Every streaming writer hands on the error of the source it reads and of the
// writer it writes to, and does not report a half-written result as done.
func TestWriteErrors(t *testing.T) {
	res := &Result{Columns: []string{"id", "name"}, Types: []string{"INTEGER", "VARCHAR"}, Rows: [][]any{{int32(1), "Ann"}}}
	writers := []struct {
		name  string
		write func(io.Writer, Source) error
	}{
		{"csv", WriteCSV},
		{"json", WriteJSON},
		{"markdown", WriteMarkdown},
		{"line", WriteLine},
	}
	errRead, errWrite := errors.New("read failed"), errors.New("write failed")
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			if err := w.write(io.Discard, failingSource{res.Source(), errRead}); !errors.Is(err, errRead) {
				t.Errorf("with a failing source: error %v, want %v", err, errRead)
			}
			if err := w.write(failingWriter{errWrite}, res.Source()); !errors.Is(err, errWrite) {
				t.Errorf("with a failing writer: error %v, want %v", err, errWrite)
			}
		})
	}
}
