// Package benchcase reads the SQL benchmark cases that compare a custval
// function with the same rule written as plain SQL. One file per function:
//
//	-- name: setup   (may repeat; $rows is bound to the number of input rows)
//	-- name: sql     the rule in plain SQL with DOUBLE literals, the fair floor
//	-- name: udf     the same through the custval function
//	-- name: check   rows where the two disagree (must be none)
//
// The UDF tests, the extension benchmark and `make bench` all read the same
// files (udf.BenchCases), so every host runs the very same SQL.
package benchcase

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Case is one function's benchmark.
type Case struct {
	Name  string   `json:"name"`
	Setup []string `json:"setup"`
	SQL   string   `json:"sql"`
	UDF   string   `json:"udf"`
	Check string   `json:"check"`
}

// Parse reads one case file.
func Parse(name string, body []byte) (Case, error) {
	c := Case{Name: name}
	key := ""
	var stmt strings.Builder
	flush := func() error {
		s := strings.TrimSpace(stmt.String())
		stmt.Reset()
		switch key {
		case "":
		case "setup":
			c.Setup = append(c.Setup, s)
		case "sql":
			c.SQL = s
		case "udf":
			c.UDF = s
		case "check":
			c.Check = s
		default:
			return fmt.Errorf("bench case %s: unknown section %q", name, key)
		}
		return nil
	}
	for line := range strings.Lines(string(body)) {
		if k, ok := strings.CutPrefix(line, "-- name: "); ok {
			if err := flush(); err != nil {
				return Case{}, err
			}
			key = strings.TrimSpace(k)
			continue
		}
		stmt.WriteString(line)
	}
	if err := flush(); err != nil {
		return Case{}, err
	}
	if c.SQL == "" || c.UDF == "" || c.Check == "" {
		return Case{}, fmt.Errorf("bench case %s: want sql, udf and check sections", name)
	}
	return c, nil
}

// Read parses every *.sql file at the root of fsys, by name.
func Read(fsys fs.FS) ([]Case, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Case
	for _, n := range names {
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		c, err := Parse(strings.TrimSuffix(path.Base(n), ".sql"), body)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
