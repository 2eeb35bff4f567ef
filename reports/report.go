// Package reports runs parameterized reports over a custval database and
// renders them as self-contained HTML, Markdown, CSV or JSON.
//
// A report is a folder: report.json (title and description), one or more .sql
// files of named queries with typed parameter declarations, and optional
// report.md.tmpl (text/template) and report.html.tmpl (html/template) bodies.
// Built-in reports are embedded from builtin/<name>/; a user's own folders are
// read through os.DirFS and override built-ins of the same name. The format is
// documented in docs/reports.md.
package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	texttemplate "text/template"
)

// Report is a loaded, validated report definition.
type Report struct {
	Name        string
	Title       string
	Description string
	Source      string  // where it was loaded from: "builtin" or a directory
	Params      []Param // declared parameters in declaration order; generated_at is implicit
	Queries     []Query // the output queries, in file-name order, then file order
	Tables      []Query // the :table working tables, run first in the same order

	md   *texttemplate.Template // nil: every query as a table
	html *htmltemplate.Template // nil: every query as a table
}

// meta is report.json.
type meta struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// MetaFile, MarkdownFile and HTMLFile are the fixed file names in a report folder.
const (
	MetaFile     = "report.json"
	MarkdownFile = "report.md.tmpl"
	HTMLFile     = "report.html.tmpl"
)

var reportName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Load reads and validates the report folder name in fsys. source labels the
// report in listings and errors. Every problem is wrapped in ErrInvalidReport.
func Load(fsys fs.FS, name, source string) (*Report, error) {
	rep, err := load(fsys, name, source)
	if err != nil {
		return nil, fmt.Errorf("%w %s (%s): %w", ErrInvalidReport, name, source, err)
	}
	return rep, nil
}

func load(fsys fs.FS, name, source string) (*Report, error) {
	if !reportName.MatchString(name) {
		return nil, fmt.Errorf("report name must be lowercase letters, digits, - and _")
	}
	raw, err := fs.ReadFile(fsys, path.Join(name, MetaFile))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", MetaFile, err)
	}
	var m meta
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("read %s: %w (want {\"title\": ..., \"description\": ...})", MetaFile, err)
	}
	if strings.TrimSpace(m.Title) == "" {
		return nil, fmt.Errorf("%s: title is empty", MetaFile)
	}
	rep := &Report{Name: name, Title: m.Title, Description: m.Description, Source: source}

	files, err := fs.Glob(fsys, path.Join(name, "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .sql files")
	}
	slices.Sort(files)
	declared := map[string]Param{}
	for _, file := range files {
		text, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		queries, params, err := parseQueries(path.Base(file), string(text))
		if err != nil {
			return nil, err
		}
		for _, q := range queries {
			if prev := rep.query(q.Name); prev != nil {
				return nil, fmt.Errorf("%s: query %s is already defined at %s", q.Where, q.Name, prev.Where)
			}
			if prev := rep.table(q.Name); prev != nil {
				return nil, fmt.Errorf("%s: query %s is already defined at %s", q.Where, q.Name, prev.Where)
			}
			if q.Kind == ":table" {
				rep.Tables = append(rep.Tables, q)
			} else {
				rep.Queries = append(rep.Queries, q)
			}
		}
		for _, p := range params {
			if prev, ok := declared[p.Name]; ok {
				if prev.Type.String() != p.Type.String() || prev.DefaultText() != p.DefaultText() {
					return nil, fmt.Errorf("%s: parameter %s is declared differently at %s (%s = %s)",
						p.Where, p.Name, prev.Where, prev.Type, prev.DefaultText())
				}
				continue
			}
			declared[p.Name] = p
			rep.Params = append(rep.Params, p)
		}
	}
	if len(rep.Queries) == 0 {
		return nil, fmt.Errorf("no `-- name: query_name :many` query in %s", strings.Join(files, ", "))
	}
	used := map[string]bool{}
	for _, q := range slices.Concat(rep.Tables, rep.Queries) {
		for _, name := range q.Params {
			if _, ok := declared[name]; !ok && name != GeneratedAt {
				return nil, fmt.Errorf("%s: query %s uses $%s, which no `-- @param %s type` declares", q.Where, q.Name, name, name)
			}
			used[name] = true
		}
	}
	for _, p := range rep.Params {
		if !used[p.Name] {
			return nil, fmt.Errorf("%s: parameter %s is declared but no query uses $%s", p.Where, p.Name, p.Name)
		}
	}

	if text, err := fs.ReadFile(fsys, path.Join(name, MarkdownFile)); err == nil {
		if rep.md, err = parseMarkdown(MarkdownFile, string(text)); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if text, err := fs.ReadFile(fsys, path.Join(name, HTMLFile)); err == nil {
		if rep.html, err = parseHTML(HTMLFile, string(text)); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return rep, nil
}

func (r *Report) query(name string) *Query {
	for i := range r.Queries {
		if r.Queries[i].Name == name {
			return &r.Queries[i]
		}
	}
	return nil
}

func (r *Report) table(name string) *Query {
	for i := range r.Tables {
		if r.Tables[i].Name == name {
			return &r.Tables[i]
		}
	}
	return nil
}

// AllParams returns the declared parameters followed by the built-in generated_at.
func (r *Report) AllParams() []Param {
	return append(slices.Clone(r.Params), generatedAtParam)
}

// QueryNames lists the queries in order.
func (r *Report) QueryNames() []string {
	names := make([]string, len(r.Queries))
	for i, q := range r.Queries {
		names[i] = q.Name
	}
	return names
}

// HasTemplate reports whether the report has its own body for format ("md" or "html").
func (r *Report) HasTemplate(format Format) bool {
	switch format {
	case Markdown:
		return r.md != nil
	case HTML:
		return r.html != nil
	}
	return false
}
