// Package store opens custval databases: one DuckDB file with every custval
// function registered and the schema migrated.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/jmoiron/sqlx"

	"github.com/custval/custval/sql/migrate"
	"github.com/custval/custval/sql/schema"
	"github.com/custval/custval/udf"
)

func init() {
	// sqlx does not know the duckdb driver name; DuckDB accepts `?` and `$n`.
	sqlx.BindDriver("duckdb", sqlx.QUESTION)
}

// Options tune how a database is opened.
type Options struct {
	ReadOnly    bool   // open with access_mode=read_only; several processes may share the file
	MemoryLimit string // DuckDB memory_limit, e.g. "2GB"; empty keeps DuckDB's default
	TempDir     string // DuckDB temp_directory for spilling; empty keeps DuckDB's default
	Threads     int    // 0 keeps DuckDB's default (all cores)
}

// ErrLocked means another process holds the database file for writing.
var ErrLocked = errors.New("database file is locked by another process")

// Open opens path (":memory:" or "" for an in-memory database) and registers
// every custval UDF. It does not migrate; see Migrate.
func Open(ctx context.Context, path string, opts Options) (*sqlx.DB, error) {
	dsn, err := dsnFor(path, opts)
	if err != nil {
		return nil, err
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, openError(path, err)
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	// A UDF registered on one connection is visible to every connection of the same database.
	err = udf.Register(ctx, conn)
	conn.Close()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return sqlx.NewDb(db, "duckdb"), nil
}

// Migrate applies pending schema migrations and returns what it applied.
func Migrate(ctx context.Context, db *sqlx.DB) ([]migrate.Migration, error) {
	return migrate.Up(ctx, db.DB, schema.FS)
}

func dsnFor(path string, opts Options) (string, error) {
	q := url.Values{}
	if opts.ReadOnly {
		q.Set("access_mode", "read_only")
	}
	if opts.MemoryLimit != "" {
		q.Set("memory_limit", opts.MemoryLimit)
	}
	if opts.TempDir != "" {
		q.Set("temp_directory", opts.TempDir)
	}
	if opts.Threads > 0 {
		q.Set("threads", fmt.Sprint(opts.Threads))
	}
	if path == "" {
		path = ":memory:"
	}
	if strings.ContainsAny(path, "?#") {
		return "", fmt.Errorf("open %s: the database path may not contain '?' or '#'", path)
	}
	if len(q) == 0 {
		return path, nil
	}
	return path + "?" + q.Encode(), nil
}

func openError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock on file") || strings.Contains(msg, "Conflicting lock") {
		// DuckDB says "Conflicting lock is held in /path/to/program (PID 123)".
		holder := ""
		if _, rest, ok := strings.Cut(msg, "Conflicting lock is held in "); ok {
			if prog, pid, ok := strings.Cut(rest, " (PID "); ok {
				if pid, _, ok := strings.Cut(pid, ")"); ok {
					holder = fmt.Sprintf(" (PID %s, %s)", pid, prog)
				}
			}
		}
		// A writer locks the file for itself, so --read-only helps only when
		// the holder reads too.
		return fmt.Errorf("open %s: %w%s; close that process and try again: processes can share the file only if all of them open it with --read-only",
			path, ErrLocked, holder)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// DuckDBVersion reports the version of the linked DuckDB library.
func DuckDBVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "select version()").Scan(&v); err != nil {
		return "", fmt.Errorf("read duckdb version: %w", err)
	}
	return v, nil
}
