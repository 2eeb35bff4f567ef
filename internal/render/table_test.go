package render

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func intsResult(n int) *Result {
	res := &Result{Columns: []string{"n"}, Types: []string{"BIGINT"}}
	for i := range n {
		res.Rows = append(res.Rows, []any{int64(i)})
	}
	return res
}

func TestBufferRowsKeepsHeadAndTail(t *testing.T) {
	for _, maxRows := range []int{0, 1, 2, 3, 4, 5, 40} {
		for _, total := range []int{0, 1, 2, 3, 5, 10, 41, 100} {
			t.Run(fmt.Sprintf("max%d/total%d", maxRows, total), func(t *testing.T) {
				res := intsResult(total)
				buf, err := bufferRows(res.Source(), parseTypes(res.Types), maxRows)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for i := range total {
					// Expected independently: the first ceil(max/2) and the last floor(max/2) rows.
					head, tail := (maxRows+1)/2, maxRows/2
					if maxRows == 0 || total <= maxRows || i < head || i >= total-tail {
						want = append(want, strconv.Itoa(i))
					}
				}
				var got []string
				for _, row := range buf.shown {
					got = append(got, row[0])
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("shown rows = %v, want %v", got, want)
				}
				if buf.total != total {
					t.Errorf("total = %d, want %d", buf.total, total)
				}
			})
		}
	}
}

func TestTableFitsWidth(t *testing.T) {
	res := &Result{
		Columns: []string{"id", "segment", "note", "a", "b", "c", "d", "e"},
		Types:   []string{"INTEGER", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"},
		Rows: [][]any{
			{int32(1), "重要价值客户", strings.Repeat("long text ", 30), 1.5, 2.5, 3.5, 4.5, 5.5},
			{int32(22), nil, "x", 1e-7, 0.0, -1.0, 100.25, 3.0},
		},
	}
	for _, width := range []int{20, 40, 60, 80, 120, 200, 1000} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTable(&buf, res.Source(), Options{MaxWidth: width}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			boxWidth := displayWidth(lines[0])
			for i, l := range lines {
				w := displayWidth(l)
				if w > width && !strings.HasSuffix(l, "shown)") {
					t.Errorf("line %d is %d columns wide, more than %d:\n%s", i, w, width, buf.String())
				}
				if strings.HasPrefix(l, "│") || strings.HasPrefix(l, "├") || strings.HasPrefix(l, "└") {
					if w != boxWidth {
						t.Errorf("line %d is %d columns wide, the box %d:\n%s", i, w, boxWidth, buf.String())
					}
				}
			}
			// The id column is never cut, and numbers stay whole where shown.
			if !strings.Contains(buf.String(), "│    22 │") && !strings.Contains(buf.String(), "│ 22 │") {
				t.Errorf("id 22 not shown whole:\n%s", buf.String())
			}
		})
	}
}

func TestTableEscapesControlCharacters(t *testing.T) {
	res := &Result{Columns: []string{"s"}, Types: []string{"VARCHAR"}, Rows: [][]any{{"a\nb\tc\x01"}}}
	var buf bytes.Buffer
	if err := WriteTable(&buf, res.Source(), Options{}); err != nil {
		t.Fatal(err)
	}
	if want := `a\nb\tc\x01`; !strings.Contains(buf.String(), want) {
		t.Errorf("table = \n%s\nwant the cell %s", buf.String(), want)
	}
}

func TestTableNoColumns(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, (&Result{}).Source(), Options{}); err != nil || buf.Len() != 0 {
		t.Errorf("WriteTable of no columns = %q, %v; want nothing", buf.String(), err)
	}
}
