// Package render writes query results as a terminal table, CSV, JSON or
// Markdown, and copies them to Parquet files. Values print as DuckDB prints
// them: DECIMAL with every digit of its scale, DATE without a time part,
// NULL as NULL (empty in CSV, null in JSON).
package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Format is an output format of `custval query`.
type Format string

const (
	Table    Format = "table"
	CSV      Format = "csv"
	JSON     Format = "json"
	Markdown Format = "markdown"
	Parquet  Format = "parquet"
)

// Formats lists every format, in the order help texts show them.
var Formats = []Format{Table, CSV, JSON, Markdown, Parquet}

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q: use one of %s", s, strings.Join(names, ", "))
}

// Options tune the table format; the other formats write every row and the full values.
type Options struct {
	MaxWidth int // total width of the table in columns; 0 means DefaultMaxWidth
	MaxRows  int // rows shown (half from the top, half from the bottom); 0 shows all
}

// Defaults for Options.
const (
	DefaultMaxWidth = 120
	DefaultMaxRows  = 40
)

// Write writes src to w in format f. Parquet is not written through a
// writer: see CopyParquet.
func Write(w io.Writer, f Format, src Source, opts Options) error {
	switch f {
	case Table:
		return WriteTable(w, src, opts)
	case CSV:
		return WriteCSV(w, src)
	case JSON:
		return WriteJSON(w, src)
	case Markdown:
		return WriteMarkdown(w, src)
	}
	return fmt.Errorf("render: format %q cannot be written to a stream", f)
}

func parseTypes(names []string) []*colType {
	types := make([]*colType, len(names))
	for i, n := range names {
		types[i] = parseType(n)
	}
	return types
}

// writeRows writes head to bw, then the line appendRow makes of each row of
// src, and returns the number of rows. appendRow appends to line, emptied but
// with its capacity kept, and gets the row's index n (0 for the first).
func writeRows(bw *bufio.Writer, src Source, head []byte, appendRow func(line []byte, n int, row []any) []byte) (int, error) {
	line := head
	for n := 0; ; n++ {
		if _, err := bw.Write(line); err != nil {
			return n, err
		}
		row, err := src.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		line = appendRow(line[:0], n, row)
	}
}
