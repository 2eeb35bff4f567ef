package render

import (
	"bufio"
	"bytes"
	"io"
)

// WriteCSV writes src as RFC 4180 CSV with a header row and "\n" line ends.
// NULL is an empty field and an empty string is "", so the two stay apart
// when read back (DuckDB's read_csv does). encoding/csv cannot quote an empty
// field, hence this small writer; the tests read its output with encoding/csv.
func WriteCSV(w io.Writer, src Source) error {
	if len(src.Columns()) == 0 {
		return nil
	}
	types := parseTypes(src.Types())
	var head, field []byte
	for i, c := range src.Columns() {
		if i > 0 {
			head = append(head, ',')
		}
		head = appendCSVField(head, []byte(c))
	}
	head = append(head, '\n')
	bw := bufio.NewWriterSize(w, 64<<10)
	_, err := writeRows(bw, src, head, func(line []byte, _ int, row []any) []byte {
		for i, v := range row {
			if i > 0 {
				line = append(line, ',')
			}
			if v == nil {
				continue
			}
			field = appendText(field[:0], v, types[i], false)
			line = appendCSVField(line, field)
		}
		return append(line, '\n')
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// appendCSVField appends f, quoted when it is empty or holds a delimiter,
// quote, line break or leading space.
func appendCSVField(b, f []byte) []byte {
	if len(f) > 0 && f[0] != ' ' && f[0] != '\t' && !needsCSVQuotes(f) {
		return append(b, f...)
	}
	b = append(b, '"')
	for {
		i := bytes.IndexByte(f, '"')
		if i < 0 {
			break
		}
		b = append(b, f[:i+1]...)
		b = append(b, '"')
		f = f[i+1:]
	}
	b = append(b, f...)
	return append(b, '"')
}

func needsCSVQuotes(f []byte) bool {
	for _, c := range f {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}
