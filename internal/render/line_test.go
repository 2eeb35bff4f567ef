package render

import (
	"bytes"
	"testing"
)

func TestWriteLine(t *testing.T) {
	res := &Result{
		Columns: []string{"id", "customer_name", "amount"},
		Types:   []string{"INTEGER", "VARCHAR", "DECIMAL(10,2)"},
		Rows: [][]any{
			{int32(1), "Ann\nLee", nil},
			{int32(22), "Bo", "x"},
		},
	}
	var b bytes.Buffer
	if err := WriteLine(&b, res.Source()); err != nil {
		t.Fatal(err)
	}
	want := "           id = 1\ncustomer_name = Ann\nLee\n       amount = NULL\n\n" +
		"           id = 22\ncustomer_name = Bo\n       amount = x\n"
	if got := b.String(); got != want {
		t.Errorf("WriteLine =\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	if err := WriteLine(&b, (&Result{Columns: []string{"a"}, Types: []string{"INTEGER"}}).Source()); err != nil || b.Len() != 0 {
		t.Errorf("WriteLine of no rows = %q, %v; want nothing", b.String(), err)
	}
}
