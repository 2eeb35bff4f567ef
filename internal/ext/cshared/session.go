package main

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

// The load hook: every session/*.sql file runs, in name order, on the loading
// database right after the functions are registered. It is where the custval
// macros (rfm_v1, customer_value_v1, ...) go, so that they work over any
// orders/customers tables or Parquet files an analyst has.
//
//go:embed session
var sessionFS embed.FS

type statement struct {
	name string // file name, for error messages
	text string
}

func sessionSQL() ([]statement, error) {
	names, err := fs.Glob(sessionFS, "session/*.sql")
	if err != nil {
		return nil, fmt.Errorf("read session sql: %w", err)
	}
	sort.Strings(names)
	out := make([]statement, 0, len(names))
	for _, n := range names {
		b, err := sessionFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read session sql: %w", err)
		}
		out = append(out, statement{name: n, text: string(b)})
	}
	return out, nil
}
