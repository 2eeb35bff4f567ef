package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// How narrow a column may be squeezed before columns are left out instead:
// to minColumnWidth, but not below its name's width up to maxHeaderFloor.
const (
	minColumnWidth = 10
	maxHeaderFloor = 16
)

// WriteTable writes src as a box-drawn table like the DuckDB shell's: column
// names centered above their types, numbers right-aligned, NULL as NULL. At
// most opts.MaxRows rows are kept (half from the top and half from the bottom,
// the rest are counted), wide values are cut with "…" to fit opts.MaxWidth, and
// when the columns still do not fit the middle ones are left out. A footer says
// what was not shown.
func WriteTable(w io.Writer, src Source, opts Options) error {
	cols := src.Columns()
	if len(cols) == 0 {
		return nil
	}
	if opts.MaxWidth <= 0 {
		opts.MaxWidth = DefaultMaxWidth
	}
	types := parseTypes(src.Types())
	buf, err := bufferRows(src, types, opts.MaxRows)
	if err != nil {
		return err
	}

	header := make([]string, len(cols))
	labels := make([]string, len(cols))
	right := make([]bool, len(cols))
	values := make([]int, len(cols)) // widest value
	for _, row := range buf.shown {
		for i, s := range row {
			values[i] = max(values[i], displayWidth(s))
		}
	}
	natural := make([]int, len(cols))
	floors := make([]int, len(cols))
	for i, c := range cols {
		header[i] = cellText(c)
		labels[i] = shellTypeName(src.Types()[i])
		right[i] = types[i].isNumeric()
		h := displayWidth(header[i])
		natural[i] = max(h, displayWidth(labels[i]), values[i], 1)
		// Squeeze a column no narrower than its name (up to a point) and, for
		// numbers, their digits: a cut number misleads. Type labels may be cut.
		floors[i] = max(min(h, maxHeaderFloor), minColumnWidth)
		if right[i] {
			floors[i] = max(floors[i], values[i])
		}
		floors[i] = min(floors[i], natural[i])
	}

	keep, widths := layout(natural, floors, opts.MaxWidth)
	t := tableWriter{w: bufio.NewWriter(w), widths: widths}
	pick := func(row []string, elided string) []string {
		out := make([]string, len(keep))
		for j, i := range keep {
			if i < 0 {
				out[j] = elided
			} else {
				out[j] = row[i]
			}
		}
		return out
	}
	align := make([]bool, len(keep))
	for j, i := range keep {
		align[j] = i >= 0 && right[i]
	}

	var notes []string
	if buf.total != len(buf.shown) || buf.total == 0 {
		notes = append(notes, rowsNote(buf.total, len(buf.shown)))
	}
	if shown := shownColumns(keep); shown < len(cols) {
		notes = append(notes, fmt.Sprintf("%d columns (%d shown)", len(cols), shown))
	}
	footer := strings.Join(notes, "  ")
	// Widen the last column for a footer that would not fit, as far as the width allows.
	if grow := displayWidth(footer) - (t.width() - 4); grow > 0 && t.width()+grow <= opts.MaxWidth {
		t.widths[len(t.widths)-1] += grow
	}

	t.border('┌', '┬', '┐')
	t.row(pick(header, "…"), nil)
	t.row(pick(labels, ""), nil)
	if len(buf.shown) > 0 {
		t.border('├', '┼', '┤')
	}
	dots := func() {
		if buf.total == len(buf.shown) {
			return
		}
		row := make([]string, len(cols))
		for i := range row {
			row[i] = "·"
		}
		for range 3 {
			t.row(pick(row, "·"), align)
		}
	}
	for n, row := range buf.shown {
		if n == buf.head {
			dots()
		}
		t.row(pick(row, "…"), align)
	}
	if buf.head == len(buf.shown) && len(buf.shown) > 0 {
		dots()
	}

	inner := t.width() - 4
	switch {
	case footer == "":
		t.border('└', '┴', '┘')
	case displayWidth(footer) <= inner:
		t.border('├', '┴', '┤')
		t.line("│ " + footer + strings.Repeat(" ", inner-displayWidth(footer)) + " │")
		t.line("└" + strings.Repeat("─", inner+2) + "┘")
	default:
		t.border('└', '┴', '┘')
		t.line(footer)
	}
	return t.w.Flush()
}

func shownColumns(keep []int) int {
	n := 0
	for _, i := range keep {
		if i >= 0 {
			n++
		}
	}
	return n
}

func rowsNote(total, shown int) string {
	noun := "rows"
	if total == 1 {
		noun = "row"
	}
	if total == shown {
		return fmt.Sprintf("%d %s", total, noun)
	}
	return fmt.Sprintf("%d %s (%d shown)", total, noun, shown)
}

// layout chooses which columns to show (-1 marks the "…" column standing for
// the left-out ones) and their widths, so the table fits maxWidth: first the
// widest columns are narrowed, down to their floors; then middle columns go.
func layout(natural, floors []int, maxWidth int) (keep []int, widths []int) {
	floor := func(i int) int { return floors[i] }
	n := len(natural)
	for k := n; k >= 1; k-- {
		keep = keep[:0]
		left, right := (k+1)/2, k/2
		for i := range left {
			keep = append(keep, i)
		}
		if k < n {
			keep = append(keep, -1)
		}
		for i := n - right; i < n; i++ {
			keep = append(keep, i)
		}
		need := 1
		for _, i := range keep {
			if i < 0 {
				need += 4
			} else {
				need += floor(i) + 3
			}
		}
		if need <= maxWidth || k == 1 {
			break
		}
	}
	widths = make([]int, len(keep))
	mins := make([]int, len(keep))
	total := 1
	for j, i := range keep {
		if i < 0 {
			widths[j], mins[j] = 1, 1
		} else {
			widths[j], mins[j] = natural[i], floor(i)
		}
		total += widths[j] + 3
	}
	// Narrow the widest column, down to the next widest or just enough, until it fits.
	for excess := total - maxWidth; excess > 0; {
		widest, next := -1, 0
		for j, w := range widths {
			if w <= mins[j] {
				continue
			}
			if widest < 0 || w > widths[widest] {
				if widest >= 0 {
					next = max(next, widths[widest])
				}
				widest = j
			} else {
				next = max(next, w)
			}
		}
		if widest < 0 {
			break
		}
		target := max(mins[widest], next, widths[widest]-excess)
		if target >= widths[widest] {
			target = widths[widest] - 1
		}
		excess -= widths[widest] - target
		widths[widest] = target
	}
	return keep, widths
}

// tableRows holds the rows a table shows: the first head rows and the last
// ones, with total counting every row read.
type tableRows struct {
	shown [][]string
	head  int
	total int
}

// bufferRows reads src, keeping at most maxRows rows (0: all) as display
// text. Rows that may end up in the tail are kept as values and turned into
// text only if they do.
func bufferRows(src Source, types []*colType, maxRows int) (*tableRows, error) {
	headN, tailN := maxRows, 0
	if maxRows > 0 {
		headN = (maxRows + 1) / 2
		tailN = maxRows - headN
	}
	var b []byte
	text := func(row []any) []string {
		cells := make([]string, len(row))
		for i, v := range row {
			b = appendText(b[:0], v, types[i], false)
			cells[i] = cellText(string(b))
		}
		return cells
	}
	var head [][]string
	var ring [][]any
	total := 0
	for {
		row, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		total++
		switch {
		case maxRows == 0 || len(head) < headN:
			head = append(head, text(row))
		case tailN == 0:
		case len(ring) < tailN:
			ring = append(ring, append([]any(nil), row...))
		default:
			copy(ring[(total-headN-1)%tailN], row)
		}
	}
	// Unroll the ring: its oldest row is where the next one would have gone.
	if n := total - headN; tailN > 0 && n > tailN {
		start := n % tailN
		ring = append(ring[start:], ring[:start]...)
	}
	shown := head
	for _, row := range ring {
		shown = append(shown, text(row))
	}
	return &tableRows{shown: shown, head: len(head), total: total}, nil
}

// cellText makes s safe for one table line: control characters are shown escaped.
func cellText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type tableWriter struct {
	w      *bufio.Writer
	widths []int
}

func (t *tableWriter) width() int {
	n := 1
	for _, w := range t.widths {
		n += w + 3
	}
	return n
}

func (t *tableWriter) line(s string) {
	t.w.WriteString(s)
	t.w.WriteByte('\n')
}

func (t *tableWriter) border(l, mid, r rune) {
	var b strings.Builder
	b.WriteRune(l)
	for i, w := range t.widths {
		if i > 0 {
			b.WriteRune(mid)
		}
		b.WriteString(strings.Repeat("─", w+2))
	}
	b.WriteRune(r)
	t.line(b.String())
}

// row writes one line of cells; alignRight nil centers every cell (the header).
func (t *tableWriter) row(cells []string, alignRight []bool) {
	var b strings.Builder
	b.WriteString("│")
	for i, c := range cells {
		w := t.widths[i]
		c = truncate(c, w)
		pad := w - displayWidth(c)
		left := 0
		switch {
		case alignRight == nil:
			left = pad / 2
		case alignRight[i]:
			left = pad
		}
		b.WriteByte(' ')
		b.WriteString(strings.Repeat(" ", left))
		b.WriteString(c)
		b.WriteString(strings.Repeat(" ", pad-left))
		b.WriteString(" │")
	}
	t.line(b.String())
}
