package render

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// CopyParquet runs query and writes its result to the Parquet file path with
// DuckDB's own writer (`copy (…) to 'path' (format parquet)`). As with Query,
// every statement runs and the last one's result is written; it must be a
// query. COPY takes no bound parameter for its path, so the path is written as
// a SQL string literal with quotes doubled.
func CopyParquet(ctx context.Context, db *sql.DB, query, path string) error {
	lit, err := sqlString(path)
	if err != nil {
		return err
	}
	before, last, n := splitLast(query)
	if n == 0 {
		return errors.New("run query: the SQL holds no statement")
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("run query: %w", err)
	}
	defer conn.Close()
	if n > 1 {
		if _, err := conn.ExecContext(ctx, before); err != nil {
			return fmt.Errorf("run query: %w", err)
		}
	}
	// The newlines end a trailing "--" comment in the user's statement.
	stmt := "copy (\n" + last + "\n) to " + lit + " (format parquet)"
	if _, err := conn.ExecContext(ctx, stmt); err != nil {
		if strings.HasPrefix(err.Error(), "Parser Error") {
			return fmt.Errorf("write parquet %s: the last statement must be a query (select, with, values, from, table): %w", path, err)
		}
		return fmt.Errorf("write parquet %s: %w", path, err)
	}
	return nil
}

// sqlString quotes s as a SQL string literal.
func sqlString(s string) (string, error) {
	if strings.ContainsRune(s, 0) {
		return "", fmt.Errorf("output path %q contains a NUL byte", s)
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}
