// Package session holds the SQL the custval extension runs when a DuckDB
// client loads it: custval's own migrations (sql/schema), so the session gets
// custval's SQL macros (rfm_v1, customer_value_v1, clv_v1, ...), its types
// and its settings tables, created in an in-memory catalog named custval.
//
// DuckDB binds the names inside a macro where the macro is called, with the
// caller's search path. So that custval.rfm_v1() works from the analyst's own
// database, every reference to an object custval creates (a helper macro, an
// ENUM type, segment_rules, score_settings, clv_models, ...) is qualified as
// custval.main.NAME, while the data contract tables (orders, customers,
// surveys, ...) stay unqualified: they are the analyst's, found by the
// caller's search path.
package session

import (
	_ "embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/custval/custval/sql/migrate"
	"github.com/custval/custval/sql/schema"
)

// Catalog is the name of the catalog LOAD attaches and fills.
const Catalog = "custval"

// Statement is one SQL script to run, named for error messages.
type Statement struct {
	Name string
	SQL  string
}

// extensionSQL is what only the extension's session has.
//
//go:embed extension.sql
var extensionSQL string

// Statements returns the scripts to run, in order, on a connection whose
// default catalog is Catalog (`use custval`), so that unqualified names in
// CREATE statements, and the contract tables a macro reads when it is created,
// are custval's own.
func Statements() ([]Statement, error) {
	return statements(schema.FS)
}

func statements(fsys fs.FS) ([]Statement, error) {
	migrations, err := migrate.Collect(fsys)
	if err != nil {
		return nil, fmt.Errorf("read custval's migrations: %w", err)
	}
	scripts := make([]script, len(migrations))
	for i, m := range migrations {
		scripts[i] = script{name: m.Name, tokens: lex(m.SQL)}
	}
	// Everything the migrations create is custval's, except the contract tables.
	own := map[string]bool{}
	for _, s := range scripts {
		for _, name := range s.created() {
			own[name] = !isContract(s.name)
		}
	}
	out := make([]Statement, 0, len(scripts)+1)
	for _, s := range scripts {
		out = append(out, Statement{Name: s.name, SQL: s.qualified(own)})
	}
	return append(out, Statement{Name: "extension.sql", SQL: extensionSQL}), nil
}

// isContract reports whether a migration defines the data contract, whose
// tables the analyst brings (0001_contract_v1.sql, and any later version).
func isContract(migration string) bool {
	return strings.Contains(migration, "_contract_v")
}
