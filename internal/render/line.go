package render

import (
	"bufio"
	"io"
	"strings"
)

// WriteLine writes src one value per line, "column = value", with the column
// names right-aligned and a blank line between rows, like the DuckDB shell's
// `.mode line`. It suits wide rows that a table would cut. Every row and full
// values are written; NULL prints as NULL.
func WriteLine(w io.Writer, src Source) error {
	cols := src.Columns()
	if len(cols) == 0 {
		return nil
	}
	types := parseTypes(src.Types())
	names := make([]string, len(cols))
	width := 0
	for i, c := range cols {
		names[i] = cellText(c)
		width = max(width, displayWidth(names[i]))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	_, err := writeRows(bw, src, nil, func(line []byte, n int, row []any) []byte {
		if n > 0 {
			line = append(line, '\n')
		}
		for i, v := range row {
			line = append(line, strings.Repeat(" ", width-displayWidth(names[i]))...)
			line = append(line, names[i]...)
			line = append(line, " = "...)
			line = appendText(line, v, types[i], false)
			line = append(line, '\n')
		}
		return line
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
