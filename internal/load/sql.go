package load

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"text/template"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// statements holds every SQL file as a template. Templates compose identifiers only:
// contract names, and the file's own column names quoted by ident. Values are bound.
var statements = mustParse()

func mustParse() *template.Template {
	t := template.New("load")
	t.Funcs(template.FuncMap{
		"ident": ident,
		"str":   str,
		// problem renders the struct describing one problem with column c.
		"problem": func(c planCol, code, reason, ref string) (string, error) {
			return render(t, "problem", problemArgs{C: c, Code: code, Reason: reason, Ref: ref})
		},
		"sqlOf": func(name string, data any) (string, error) { return render(t, name, data) },
		// typedOf renders column c's typed value computed from the SQL clean.
		"typedOf": func(c planCol, clean string) (string, error) {
			return render(t, "typed_of", typedArgs(c, clean))
		},
		"typedArgs": typedArgs,
		"codeOrphan": func(p *plan) string {
			if p.CreateCustomers {
				return "create"
			}
			return "orphan"
		},
	})
	return template.Must(t.ParseFS(sqlFS, "sql/*.sql"))
}

type problemArgs struct {
	C      planCol
	Code   string // value, duplicate, exists, orphan or create
	Reason string // a SQL expression built from contract constants
	Ref    string // a SQL expression
}

func render(t *template.Template, name string, data any) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

// ident quotes an identifier for DuckDB.
func ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// str quotes a contract constant (never user input) as a SQL string literal.
func str(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

var paramRE = regexp.MustCompile(`\$([a-z_]+)`)

// sqlFor renders the statement in file name (under sql/) and picks the named
// arguments it uses from args, so DuckDB never sees an unused parameter.
func sqlFor(name string, data any, args map[string]any) (string, []any, error) {
	q, err := render(statements, name+".sql", data)
	if err != nil {
		return "", nil, err
	}
	seen := map[string]bool{}
	var bound []any
	for _, m := range paramRE.FindAllStringSubmatch(q, -1) {
		if seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		v, ok := args[m[1]]
		if !ok {
			return "", nil, fmt.Errorf("render %s: no value for $%s", name, m[1])
		}
		bound = append(bound, namedArg(m[1], v))
	}
	return q, bound, nil
}

type typedOfArgs struct {
	C     planCol
	Clean string
}

func typedArgs(c planCol, clean string) typedOfArgs { return typedOfArgs{C: c, Clean: clean} }
