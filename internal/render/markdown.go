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
	types := parseTypes(src.Types())
	var head, field []byte
	head = append(head, '|')
	for _, c := range cols {
		head = append(head, ' ')
		head = appendMarkdownCell(head, []byte(c))
		head = append(head, " |"...)
	}
	head = append(head, "\n|"...)
	for i := range cols {
		if types[i].isNumeric() {
			head = append(head, " ---: |"...)
		} else {
			head = append(head, " --- |"...)
		}
	}
	head = append(head, '\n')
	bw := bufio.NewWriterSize(w, 64<<10)
	_, err := writeRows(bw, src, head, func(line []byte, _ int, row []any) []byte {
		line = append(line, '|')
		for i, v := range row {
			field = appendText(field[:0], v, types[i], false)
			line = append(line, ' ')
			line = appendMarkdownCell(line, field)
			line = append(line, " |"...)
		}
		return append(line, '\n')
	})
	if err != nil {
		return err
	}
	return bw.Flush()
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
