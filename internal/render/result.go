package render

import (
	"context"
	"database/sql"
	"fmt"
	"io"
)

// Result is a query result held in memory.
type Result struct {
	Columns []string
	Types   []string // DuckDB type names, e.g. "DECIMAL(18,2)", "DATE", "VARCHAR[]"
	Rows    [][]any  // values as duckdb-go returns them; nil is NULL
}

// Source is a query result read one row at a time, so a large result is
// written without being held in memory.
type Source interface {
	Columns() []string
	Types() []string
	// Next returns the next row, or io.EOF after the last one. The slice may be
	// reused by the following call.
	Next() ([]any, error)
}

// Source returns a Source over r's rows.
func (r *Result) Source() Source { return &resultSource{r: r} }

type resultSource struct {
	r *Result
	i int
}

func (s *resultSource) Columns() []string { return s.r.Columns }
func (s *resultSource) Types() []string   { return s.r.Types }

func (s *resultSource) Next() ([]any, error) {
	if s.i >= len(s.r.Rows) {
		return nil, io.EOF
	}
	s.i++
	return s.r.Rows[s.i-1], nil
}

// ReadAll reads every row of src into a Result.
func ReadAll(src Source) (*Result, error) {
	res := &Result{Columns: src.Columns(), Types: src.Types()}
	for {
		row, err := src.Next()
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, append([]any(nil), row...))
	}
}

// Rows is a Source over a running query; Close it when done.
type Rows struct {
	rows    *sql.Rows
	columns []string
	types   []string
	values  []any
	ptrs    []any
}

// Queryer runs queries: *sql.DB, or *sql.Conn where session state must last.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Query runs query on db and returns its result as a Source. The query may
// hold several statements separated by semicolons: all of them run, in order,
// on one connection, and the result is the last statement's.
func Query(ctx context.Context, db Queryer, query string) (*Rows, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("run query: %w", err)
	}
	cts, err := rows.ColumnTypes()
	if err != nil {
		rows.Close()
		return nil, fmt.Errorf("run query: read column types: %w", err)
	}
	r := &Rows{rows: rows, values: make([]any, len(cts)), ptrs: make([]any, len(cts))}
	for i, ct := range cts {
		r.columns = append(r.columns, ct.Name())
		r.types = append(r.types, ct.DatabaseTypeName())
		r.ptrs[i] = &r.values[i]
	}
	return r, nil
}

func (r *Rows) Columns() []string { return r.columns }
func (r *Rows) Types() []string   { return r.types }

func (r *Rows) Next() ([]any, error) {
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return nil, fmt.Errorf("run query: %w", err)
		}
		return nil, io.EOF
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		return nil, fmt.Errorf("run query: read row: %w", err)
	}
	return r.values, nil
}

// Close releases the query's result.
func (r *Rows) Close() error { return r.rows.Close() }
