package reports

import (
	"fmt"
	"regexp"
	"strings"
)

// Query is one named query of a report.
type Query struct {
	Name   string
	Kind   string   // ":many" (any number of rows), ":one" (exactly one row) or ":table" (a working table)
	SQL    string   // the statement, declarations removed
	Params []string // the $names it uses, in order of first use
	Where  string   // file:line of its `-- name:` line
}

var nameDecl = regexp.MustCompile(`^--\s*name:\s*(\S+)\s+(:\S+)\s*$`)

// parseQueries splits one .sql file into named queries and parameter
// declarations, in the sqlc grammar:
//
//	-- name: orders_per_month :many
//	-- @param months integer = 24 -- how many months back from generated_at
//	select ...
//
// A `:table` query is a working table: its rows are not output but kept,
// under its name, for the report's other queries to read, so several queries
// can share one selection instead of repeating it.
func parseQueries(file, text string) ([]Query, []Param, error) {
	var queries []Query
	var params []Param
	var body strings.Builder
	flush := func() error {
		if len(queries) == 0 {
			return nil
		}
		q := &queries[len(queries)-1]
		q.SQL = strings.TrimSpace(body.String())
		body.Reset()
		if q.SQL == "" {
			return fmt.Errorf("%s: query %s has no SQL", q.Where, q.Name)
		}
		uses, err := placeholders(q.SQL)
		if err != nil {
			return fmt.Errorf("%s: query %s: %w", q.Where, q.Name, err)
		}
		q.Params = uses
		return nil
	}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		where := fmt.Sprintf("%s:%d", file, i+1)
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "--") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(trimmed, "--")), "name:"):
			if err := flush(); err != nil {
				return nil, nil, err
			}
			m := nameDecl.FindStringSubmatch(trimmed)
			if m == nil {
				return nil, nil, fmt.Errorf("%s: want `-- name: query_name :many` (or :one), got %q", where, trimmed)
			}
			if !identifier.MatchString(m[1]) {
				return nil, nil, fmt.Errorf("%s: query name %q must be lowercase letters, digits and _", where, m[1])
			}
			if m[2] != ":many" && m[2] != ":one" && m[2] != ":table" {
				return nil, nil, fmt.Errorf("%s: query %s: kind %q, want :many, :one or :table", where, m[1], m[2])
			}
			queries = append(queries, Query{Name: m[1], Kind: m[2], Where: where})
		case strings.HasPrefix(trimmed, "--") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(trimmed, "--")), "@param"):
			if len(queries) == 0 {
				return nil, nil, fmt.Errorf("%s: @param before the first `-- name:` line", where)
			}
			p, err := parseParam(trimmed, where)
			if err != nil {
				return nil, nil, err
			}
			params = append(params, p)
		case len(queries) == 0:
			if trimmed != "" && !strings.HasPrefix(trimmed, "--") {
				return nil, nil, fmt.Errorf("%s: SQL before the first `-- name: query_name :many` line", where)
			}
		default:
			body.WriteString(line + "\n")
		}
	}
	if err := flush(); err != nil {
		return nil, nil, err
	}
	return queries, params, nil
}

// placeholders returns the $name parameters of one SQL statement in order of
// first use, skipping string literals, quoted identifiers, comments and
// dollar-quoted strings. Positional parameters ($1, ?) and a second statement
// are errors: every value is bound by name, one statement per query.
func placeholders(sql string) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	end := false // a top-level ';' was seen
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(sql) {
				if sql[j] == c {
					if j+1 < len(sql) && sql[j+1] == c { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j >= len(sql) {
				return nil, fmt.Errorf("unterminated %c quote", c)
			}
			i = j + 1
			continue
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return names, nil
			}
			i += j + 1
			continue
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("unterminated /* comment")
			}
			i += j + 4
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		}
		if end {
			return nil, fmt.Errorf("more than one statement; a query is one select")
		}
		switch {
		case c == ';':
			end = true
			i++
		case c == '?':
			return nil, fmt.Errorf("positional parameter ? at byte %d; use a declared $name", i)
		case c == '$':
			j := i + 1
			for j < len(sql) && isIdentByte(sql[j], j == i+1) {
				j++
			}
			tag := sql[i+1 : j]
			if j < len(sql) && sql[j] == '$' { // $$...$$ or $tag$...$tag$
				closing := "$" + tag + "$"
				k := strings.Index(sql[j+1:], closing)
				if k < 0 {
					return nil, fmt.Errorf("unterminated dollar-quoted string %s", closing)
				}
				i = j + 1 + k + len(closing)
				continue
			}
			if tag == "" {
				if j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
					return nil, fmt.Errorf("positional parameter $%c at byte %d; use a declared $name", sql[j], i)
				}
				return nil, fmt.Errorf("lone $ at byte %d", i)
			}
			if !seen[tag] {
				seen[tag] = true
				names = append(names, tag)
			}
			i = j
		case isIdentByte(c, true):
			// Skip a whole word so `a$b` style identifiers are not read as parameters.
			for i < len(sql) && (isIdentByte(sql[i], false) || sql[i] == '$') {
				i++
			}
		default:
			i++
		}
	}
	return names, nil
}

func isIdentByte(c byte, first bool) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9') || c >= 0x80
}
