package reports

import (
	"encoding/csv"
	"fmt"
	"io"
)

// writeCSV writes one query's columns and rows; values as in text().
func (o *Output) writeCSV(w io.Writer, query string) error {
	r, ok := o.Result(query)
	if !ok {
		return fmt.Errorf("%w %q", ErrUnknownQuery, query)
	}
	cw := csv.NewWriter(w)
	header := make([]string, len(r.Columns))
	for i, c := range r.Columns {
		header[i] = c.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	record := make([]string, len(r.Columns))
	for _, row := range r.Values {
		for i, v := range row {
			record[i] = text(v)
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
