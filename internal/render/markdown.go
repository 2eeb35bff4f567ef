package render

import (
	"bufio"
	"io"
)

// WriteMarkdown writes src as a GitHub-flavoured Markdown table: numbers
// right-aligned, NULL as NULL, and "|", "\" and line breaks escaped so a
// value never breaks the table.
func WriteMarkdown(w io.Writer, src Source) error {
	cols := src.Columns()
	if len(cols) == 0 {
		return nil
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	types := parseTypes(src.Types())
	var line, field []byte
	line = append(line, '|')
	for _, c := range cols {
		line = append(line, ' ')
		line = appendMarkdownCell(line, []byte(c))
		line = append(line, " |"...)
	}
	line = append(line, "\n|"...)
	for i := range cols {
		if types[i].isNumeric() {
			line = append(line, " ---: |"...)
		} else {
			line = append(line, " --- |"...)
		}
	}
	line = append(line, '\n')
	for {
		if _, err := bw.Write(line); err != nil {
			return err
		}
		row, err := src.Next()
		if err == io.EOF {
			return bw.Flush()
		}
		if err != nil {
			return err
		}
		line = append(line[:0], '|')
		for i, v := range row {
			field = appendText(field[:0], v, types[i], false)
			line = append(line, ' ')
			line = appendMarkdownCell(line, field)
			line = append(line, " |"...)
		}
		line = append(line, '\n')
	}
}

func appendMarkdownCell(b, f []byte) []byte {
	for i := 0; i < len(f); i++ {
		switch c := f[i]; c {
		case '|', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, "<br>"...)
		case '\r':
			if i+1 < len(f) && f[i+1] == '\n' {
				continue
			}
			b = append(b, "<br>"...)
		default:
			b = append(b, c)
		}
	}
	return b
}
