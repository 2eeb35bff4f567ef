// Package schema holds custval's numbered migrations: the data contract tables,
// load bookkeeping, and every versioned view and macro. Files are immutable once
// released; a change is a new file.
package schema

import "embed"

// FS holds the migration files, NNNN_name.sql, applied in order by sql/migrate.
//
//go:embed *.sql
var FS embed.FS
