package reports

import (
	"fmt"
	"io"
	"strings"
)

// Format is an output format.
type Format string

// The output formats.
const (
	HTML     Format = "html" // one self-contained page with inline CSS and SVG charts
	Markdown Format = "md"
	CSV      Format = "csv"  // one query's rows
	JSON     Format = "json" // every query, typed, with the parameter values
)

// Formats lists every format in the order help texts show them.
var Formats = []Format{HTML, Markdown, CSV, JSON}

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%w %q; want one of %s", ErrUnknownFormat, s, strings.Join(names, ", "))
}

// Write renders the output. query selects the one query csv writes (it may be
// empty when the report has a single query) and is an error for other formats.
func (o *Output) Write(w io.Writer, f Format, query string) error {
	if err := o.Report.CheckOutput(f, query); err != nil {
		return err
	}
	switch f {
	case CSV:
		if query == "" {
			query = o.Report.Queries[0].Name
		}
		return o.writeCSV(w, query)
	case JSON:
		return o.writeJSON(w)
	case Markdown:
		return o.writeMarkdown(w)
	case HTML:
		return o.writeHTML(w)
	}
	return fmt.Errorf("%w %q", ErrUnknownFormat, f)
}

// CheckOutput tells before running whether format and query fit the report:
// csv needs one query (named with query when the report has several), and
// only csv takes a query.
func (r *Report) CheckOutput(f Format, query string) error {
	if _, err := ParseFormat(string(f)); err != nil {
		return err
	}
	queries := strings.Join(r.QueryNames(), ", ")
	if query != "" {
		if r.query(query) == nil {
			return fmt.Errorf("%w %q in report %s; queries: %s", ErrUnknownQuery, query, r.Name, queries)
		}
		if f != CSV {
			return fmt.Errorf("%w: --query applies to csv output only", ErrUnknownQuery)
		}
	}
	if f == CSV && query == "" && len(r.Queries) != 1 {
		return fmt.Errorf("%w: report %s has %d queries; pick one for csv with --query: %s", ErrQueryRequired, r.Name, len(r.Queries), queries)
	}
	return nil
}
