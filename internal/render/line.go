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
	bw := bufio.NewWriterSize(w, 64<<10)
	types := parseTypes(src.Types())
	names := make([]string, len(cols))
	width := 0
	for i, c := range cols {
		names[i] = cellText(c)
		width = max(width, displayWidth(names[i]))
	}
	var line []byte
	for n := 0; ; n++ {
		row, err := src.Next()
		if err == io.EOF {
			return bw.Flush()
		}
		if err != nil {
			return err
		}
		line = line[:0]
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
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
}
