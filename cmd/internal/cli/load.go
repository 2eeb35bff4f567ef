package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/load"
)

type loadOptions struct {
	maps                   []string
	format                 string
	dateFormat             string
	decimalComma           bool
	delim                  string
	strict                 bool
	createMissingCustomers bool
	asOf                   string
	replace                bool
	timeZone               string
}

func newCmdLoad(f *Factory) *cobra.Command {
	var opts loadOptions
	cmd := &cobra.Command{
		Use:   "load TABLE FILE...",
		Short: "Load CSV, Parquet or JSON-lines files into a custval table",
		Long: `load reads one or more files into a data contract table (` + strings.Join(load.Tables(), ", ") + `).

Every row either lands in the table or is recorded in load_rejects with its
file, row, column, raw value and reason; read = loaded + rejected is printed
and kept in the loads table. The whole load is one transaction: if it fails,
the database is left exactly as it was. --strict fails the load on the first
bad row. Dates and timestamps after --as-of (default: now) are rejected.

Files are read by extension: .csv .tsv .txt as CSV (header required, any
delimiter, quoted fields, UTF-8 with or without BOM), .parquet, and .jsonl
.ndjson .json as JSON. See docs/loading.md.`,
		Example: `  custval load customers exports/customers.csv --db shop.duckdb
  custval load orders exports/orders.csv --db shop.duckdb --map order_ts=OrderDate --map amount=NetValue
  custval load orders 2025/*.csv --delim ';' --decimal-comma --date-format '%d.%m.%Y %H:%M'
  custval load orders orders.parquet --create-missing-customers --as-of 2026-06-30
  custval load categories my_categories.csv --replace
  custval load orders orders.csv --time-zone Europe/Berlin`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := opts.request(args)
			if err != nil {
				return err
			}
			if progressTerminal(f.ErrOut) {
				req.Progress = f.ErrOut
			}
			db, err := f.OpenDB(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := load.Load(cmd.Context(), db, req)
			if errors.Is(err, load.ErrUnknownZone) {
				return &UsageError{err: err}
			}
			if err != nil {
				return err
			}
			printLoad(f.Out, f.ErrOut, req, res)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.maps, "map", nil, "take table column TARGET from file column SOURCE: --map TARGET=SOURCE (repeatable)")
	fl.StringVar(&opts.format, "format", "", "file format: csv, parquet or json (default: by extension)")
	fl.StringVar(&opts.dateFormat, "date-format", "", "strptime format for dates and timestamps, e.g. '%d.%m.%Y %H:%M' (ISO is always accepted)")
	fl.BoolVar(&opts.decimalComma, "decimal-comma", false, "numbers use a decimal comma: 1.234,50 is 1234.50")
	fl.StringVar(&opts.delim, "delim", "", `CSV delimiter, one character or \t (default: detected from the header line)`)
	fl.BoolVar(&opts.strict, "strict", false, "fail the whole load on the first bad row")
	fl.BoolVar(&opts.createMissingCustomers, "create-missing-customers", false, "add unknown customer_ids to customers instead of rejecting their rows")
	fl.StringVar(&opts.asOf, "as-of", "", "reject dates and timestamps after this DATE (end of day) or 'DATE HH:MM:SS' (default: now)")
	fl.BoolVar(&opts.replace, "replace", false, "delete the table's rows first (e.g. to override the shipped categories)")
	fl.StringVar(&opts.timeZone, "time-zone", "", "zone of the shop's local time, e.g. Europe/Berlin; timestamps written with a UTC offset or zone are converted to it (default: the machine's zone)")
	return cmd
}

// request checks the arguments and flags; every problem is a usage error.
func (o loadOptions) request(args []string) (load.Request, error) {
	req := load.Request{
		Table: args[0], Files: args[1:], Map: map[string]string{},
		DateFormat: o.dateFormat, DecimalComma: o.decimalComma, Delim: o.delim, Strict: o.strict,
		CreateMissingCustomers: o.createMissingCustomers, Replace: o.replace, TimeZone: o.timeZone,
	}
	if !load.IsTable(req.Table) {
		return req, usageErrorf("unknown table %q; tables: %s", req.Table, strings.Join(load.Tables(), ", "))
	}
	for _, m := range o.maps {
		target, source, ok := strings.Cut(m, "=")
		target, source = strings.TrimSpace(target), strings.TrimSpace(source)
		if !ok || target == "" || source == "" {
			return req, usageErrorf("--map %q: want TARGET=SOURCE, e.g. --map order_ts=OrderDate", m)
		}
		if !slices.Contains(load.Columns(req.Table), target) {
			return req, usageErrorf("--map %s: %s has no column %s; columns: %s", m, req.Table, target, strings.Join(load.Columns(req.Table), ", "))
		}
		if _, dup := req.Map[target]; dup {
			return req, usageErrorf("--map %s given twice", target)
		}
		req.Map[target] = source
	}
	switch o.format {
	case "", "csv", "parquet", "json":
		req.Format = o.format
	default:
		return req, usageErrorf("--format %q: want csv, parquet or json", o.format)
	}
	if o.delim != "" {
		if _, err := load.ParseDelim(o.delim); err != nil {
			return req, &UsageError{err: err}
		}
	}
	if o.asOf != "" {
		asOf, err := parseAsOf(o.asOf)
		if err != nil {
			return req, usageErrorf("--as-of %q: want YYYY-MM-DD or 'YYYY-MM-DD HH:MM:SS'", o.asOf)
		}
		req.AsOf = asOf
	}
	if req.CreateMissingCustomers && (req.Table == "customers" || req.Table == "categories") {
		return req, usageErrorf("--create-missing-customers applies to tables with a customer_id: orders, surveys, interactions, assets, profile_changes")
	}
	return req, nil
}

// parseAsOf reads a date as the end of that day, or an exact timestamp.
func parseAsOf(s string) (time.Time, error) {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Add(24*time.Hour - time.Microsecond), nil
	}
	for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad as-of")
}

func printLoad(out, errOut io.Writer, req load.Request, res load.Result) {
	for _, fr := range res.PerFile {
		if fr.Empty {
			fmt.Fprintf(errOut, "%s: empty file, nothing loaded\n", fr.File)
		}
		if len(fr.Ignored) > 0 {
			fmt.Fprintf(errOut, "%s: ignoring columns not in %s: %s\n", fr.File, req.Table, strings.Join(fr.Ignored, ", "))
		}
	}
	for _, r := range res.FirstRejects {
		fmt.Fprintln(errOut, r.Error())
	}
	if res.Rejected > 0 {
		fmt.Fprintf(errOut, "%d rows rejected; see them with: select * from load_rejects where load_id = %d\n", res.Rejected, res.LoadID)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(errOut, w.String())
	}
	if res.WarningsTotal > 0 {
		fmt.Fprintf(errOut, "%d warnings; see them with: select * from load_warnings where load_id = %d\n", res.WarningsTotal, res.LoadID)
	}
	if len(res.PerFile) > 1 {
		for _, fr := range res.PerFile {
			fmt.Fprintf(out, "%s: read %d, loaded %d, rejected %d\n", fr.File, fr.Read, fr.Loaded, fr.Rejected)
		}
	}
	fmt.Fprintf(out, "%s: read %d, loaded %d, rejected %d", req.Table, res.Read, res.Loaded, res.Rejected)
	if req.CreateMissingCustomers {
		fmt.Fprintf(out, ", customers created %d", res.CustomersCreated)
	}
	fmt.Fprintf(out, " (load_id %d, as-of %s)\n", res.LoadID, res.AsOf.Format(time.DateTime))
}

// progressTerminal reports whether w is a terminal, where progress lines help.
func progressTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
