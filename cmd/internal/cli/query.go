package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/render"
)

type queryOptions struct {
	sql      string
	format   string
	output   string
	readOnly bool
	maxWidth int
	maxRows  int
}

func newCmdQuery(f *Factory) *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   `query {"SQL" | -}`,
		Short: "Run SQL on the database and print the result",
		Long: `query runs any SQL on the database, with every custval function registered,
and prints the result as a table (the default), CSV, JSON or Markdown, or
writes it to a Parquet file.

The SQL is the first argument, or read from stdin when the argument is "-".
It may hold several statements separated by ";": all run, in order, and the
last one's result is printed.

The table is fitted to --max-width (default $COLUMNS, else 120): wide values
are cut with "…" and, if the columns still do not fit, middle ones are left
out. It shows at most --max-rows rows (first and last halves; 0 shows all).
The other formats write every row and full values. See docs/query.md.`,
		Example: `  custval query "select count(*) from orders" --db shop.duckdb
  custval query "select * from customers limit 5" --format csv
  custval query "select * from orders" --format parquet -o orders.parquet
  custval query - --format json -o top.json < top_customers.sql
  custval query --read-only "select category, sum(amount) from orders group by all"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.sql = args[0]
			if opts.sql == "-" {
				b, err := io.ReadAll(f.In)
				if err != nil {
					return fmt.Errorf("read SQL from stdin: %w", err)
				}
				opts.sql = string(b)
			}
			if strings.TrimSpace(opts.sql) == "" {
				return usageErrorf("no SQL given")
			}
			format, err := render.ParseFormat(opts.format)
			if err != nil {
				return usageErrorf("--format: %v", err)
			}
			if format == render.Parquet && opts.output == "" {
				return usageErrorf("--format parquet needs -o FILE")
			}
			for _, name := range []string{"max-width", "max-rows"} {
				if cmd.Flags().Changed(name) && format != render.Table {
					return usageErrorf("--%s applies to --format table only", name)
				}
			}
			if opts.maxWidth < 0 || opts.maxRows < 0 {
				return usageErrorf("--max-width and --max-rows may not be negative")
			}
			if opts.maxWidth == 0 {
				opts.maxWidth = terminalWidth(f.getenv("COLUMNS"))
			}
			return queryRun(cmd, f, opts, format)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.format, "format", "table", "output format: table, csv, json, markdown or parquet")
	fl.StringVarP(&opts.output, "output", "o", "", "write to FILE instead of stdout (required for parquet)")
	fl.BoolVar(&opts.readOnly, "read-only", false, "open the database read-only (other processes may read it at the same time)")
	fl.IntVar(&opts.maxWidth, "max-width", 0, "table width in columns; 0 takes $COLUMNS, else 120")
	fl.IntVar(&opts.maxRows, "max-rows", render.DefaultMaxRows, "table rows shown; 0 shows all")
	return cmd
}

func queryRun(cmd *cobra.Command, f *Factory, opts queryOptions, format render.Format) error {
	ctx := cmd.Context()
	open := f.OpenDB
	if opts.readOnly {
		open = f.OpenReadOnly
	}
	db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	if format == render.Parquet {
		if err := render.CopyParquet(ctx, db.DB, opts.sql, opts.output); err != nil {
			return err
		}
		fmt.Fprintf(f.ErrOut, "wrote %s\n", opts.output)
		return nil
	}

	// Run the query before touching the output file, so a SQL error leaves it as it was.
	rows, err := render.Query(ctx, db.DB, opts.sql)
	if err != nil {
		return err
	}
	defer rows.Close()
	ropts := render.Options{MaxWidth: opts.maxWidth, MaxRows: opts.maxRows}
	if opts.output == "" {
		return render.Write(f.Out, format, rows, ropts)
	}
	return writeFileAtomic(opts.output, func(w io.Writer) error {
		return render.Write(w, format, rows, ropts)
	})
}

// writeFileAtomic writes path through a temporary file renamed into place, so
// a failure half-way leaves no truncated file behind.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// terminalWidth reads $COLUMNS, falling back to render.DefaultMaxWidth.
func terminalWidth(columns string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(columns)); err == nil && n > 0 {
		return n
	}
	return render.DefaultMaxWidth
}
