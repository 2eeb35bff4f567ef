package reports

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/custval/custval/internal/txn"
	"github.com/duckdb/duckdb-go/v2"
	"github.com/jmoiron/sqlx"
)

// Runner runs reports against one database.
type Runner struct {
	DB  *sqlx.DB
	Now func() time.Time // the clock for generated_at=now; nil means time.Now
}

// Output is a report run: its parameter values and every query's result.
type Output struct {
	Report      *Report
	Values      map[string]any // typed parameter values, generated_at included
	GeneratedAt time.Time
	Results     []*Result // in query order
}

// Result is one query's rows.
type Result struct {
	Name    string
	Kind    string
	Columns []Column
	Values  [][]any          // rows of normalized values, in column order
	Rows    []map[string]any // the same rows keyed by column name, for templates
	Row     map[string]any   // the single row of a :one query
}

// Column is a result column and its DuckDB type, e.g. DECIMAL(38,2).
type Column struct {
	Name string
	Type string
}

// defaultGeneratedAt makes output a function of the data: the latest order
// time, or the Unix epoch for a database without orders.
const defaultGeneratedAt = `select coalesce(max(order_ts), timestamp '1970-01-01') from orders`

// Run executes every query of rep in one transaction (one snapshot of the
// database) that is rolled back, binding each query's $names from values as
// returned by Report.Values. Only select statements are run.
func (r *Runner) Run(ctx context.Context, rep *Report, values map[string]any) (*Output, error) {
	conn, err := r.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", rep.Name, err)
	}
	defer conn.Close()
	tx, err := txn.Begin(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("report %s: begin: %w", rep.Name, err)
	}
	defer tx.Rollback() //nolint:errcheck // a report never commits

	out := &Output{Report: rep, Values: map[string]any{}}
	for k, v := range values {
		out.Values[k] = v
	}
	if g, ok := values[GeneratedAt].(time.Time); ok {
		out.GeneratedAt = g
	} else {
		var g time.Time
		if err := tx.QueryRowContext(ctx, defaultGeneratedAt).Scan(&g); err != nil {
			return nil, fmt.Errorf("report %s: default %s from the latest order: %w (pass --param %s=YYYY-MM-DD)",
				rep.Name, GeneratedAt, err, GeneratedAt)
		}
		out.GeneratedAt = g.UTC()
		out.Values[GeneratedAt] = out.GeneratedAt
	}

	types := map[string]Type{GeneratedAt: generatedAtParam.Type}
	for _, p := range rep.Params {
		types[p.Name] = p.Type
	}
	bindArgs := func(q Query) ([]any, error) {
		args := make([]any, 0, len(q.Params))
		for _, name := range q.Params {
			v, ok := out.Values[name]
			if !ok {
				return nil, fmt.Errorf("report %s: query %s: %w %s", rep.Name, q.Name, ErrMissingParam, name)
			}
			args = append(args, sql.Named(name, types[name].bind(v)))
		}
		return args, nil
	}
	for _, q := range rep.Tables {
		if err := checkStatement(ctx, conn, q); err != nil {
			return nil, queryError(rep, q, err)
		}
		args, err := bindArgs(q)
		if err != nil {
			return nil, err
		}
		if err := createWorkingTable(ctx, tx, q, args); err != nil {
			return nil, queryError(rep, q, err)
		}
	}
	for _, q := range rep.Queries {
		if err := checkStatement(ctx, conn, q); err != nil {
			return nil, queryError(rep, q, err)
		}
		args, err := bindArgs(q)
		if err != nil {
			return nil, err
		}
		res, err := runQuery(ctx, tx, q, args)
		if err != nil {
			return nil, queryError(rep, q, err)
		}
		out.Results = append(out.Results, res)
	}
	return out, nil
}

// createWorkingTable keeps the rows of a :table query as a temporary table
// named after it. Temporary tables live in memory, outside the database file,
// and vanish with the report's transaction, so a report still writes nothing
// (and runs on a read-only database). The select itself was checked by
// checkStatement; the name is a checked identifier, and an existing table or
// view of that name is refused rather than shadowed.
func createWorkingTable(ctx context.Context, tx *sql.Tx, q Query, args []any) error {
	var clashes int
	if err := tx.QueryRowContext(ctx, `select count(*) from duckdb_tables() where table_name = $1 and not temporary`,
		q.Name).Scan(&clashes); err != nil {
		return err
	}
	if clashes == 0 {
		if err := tx.QueryRowContext(ctx, `select count(*) from duckdb_views() where view_name = $1`, q.Name).Scan(&clashes); err != nil {
			return err
		}
	}
	if clashes > 0 {
		return fmt.Errorf("working table %s would hide the database's own %s; rename the query", q.Name, q.Name)
	}
	body := strings.TrimSuffix(strings.TrimSpace(q.SQL), ";")
	_, err := tx.ExecContext(ctx, `create temp table "`+q.Name+`" as (`+"\n"+body+"\n)", args...)
	return err
}

// queryError names the report, file and query of err, with a hint for the
// usual cause of a missing table or view: a database from an older custval.
func queryError(rep *Report, q Query, err error) error {
	hint := ""
	if strings.Contains(err.Error(), "does not exist") {
		hint = " (an older database? `custval init` upgrades its schema)"
	}
	return fmt.Errorf("report %s: %s: query %s: %w%s", rep.Name, q.Where, q.Name, err, hint)
}

// checkStatement asks DuckDB to prepare q and confirms that it is a select and
// that its parameters are exactly the $names the report parsed, so a mistake
// in our scanner can never shift a value to another placeholder.
func checkStatement(ctx context.Context, conn *sql.Conn, q Query) error {
	return conn.Raw(func(dc any) error {
		prep, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("driver cannot prepare statements")
		}
		st, err := prep.PrepareContext(ctx, q.SQL)
		if err != nil {
			return err
		}
		defer st.Close()
		ds, ok := st.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("not a DuckDB statement")
		}
		kind, err := ds.StatementType()
		if err != nil {
			return err
		}
		if kind != duckdb.STATEMENT_TYPE_SELECT {
			return fmt.Errorf("only select statements may run in a report")
		}
		var names []string
		for i := 1; i <= ds.NumInput(); i++ {
			name, err := ds.ParamName(i)
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		want := slices.Clone(q.Params)
		slices.Sort(names)
		slices.Sort(want)
		if !slices.Equal(names, want) {
			return fmt.Errorf("DuckDB reads parameters %s, the report file %s", strings.Join(names, ", "), strings.Join(want, ", "))
		}
		return nil
	})
}

func runQuery(ctx context.Context, tx *sql.Tx, q Query, args []any) (*Result, error) {
	rows, err := tx.QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &Result{Name: q.Name, Kind: q.Kind, Rows: []map[string]any{}, Values: [][]any{}}
	for _, t := range types {
		for _, c := range res.Columns {
			if c.Name == t.Name() {
				return nil, fmt.Errorf("column %s appears twice; give each column its own alias", c.Name)
			}
		}
		res.Columns = append(res.Columns, Column{Name: t.Name(), Type: t.DatabaseTypeName()})
	}
	for rows.Next() {
		raw := make([]any, len(types))
		ptrs := make([]any, len(types))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(types))
		for i, c := range res.Columns {
			raw[i] = normalize(raw[i], c.Type)
			row[c.Name] = raw[i]
		}
		res.Values = append(res.Values, raw)
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if q.Kind == ":one" {
		if len(res.Rows) != 1 {
			return nil, fmt.Errorf("declared :one but returned %d rows", len(res.Rows))
		}
		res.Row = res.Rows[0]
	}
	return res, nil
}

// Result returns the result of the query called name.
func (o *Output) Result(name string) (*Result, bool) {
	for _, r := range o.Results {
		if r.Name == name {
			return r, true
		}
	}
	return nil, false
}
