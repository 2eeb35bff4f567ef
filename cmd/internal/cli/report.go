package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/custval/custval/reports"
)

func newCmdReport(f *Factory) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "List, describe and run reports (HTML, Markdown, CSV, JSON)",
		Long: `A report is a folder of named SQL queries with typed parameters and a
template. custval ships built-in reports; --reports-dir adds your own folders,
which override built-ins of the same name. See docs/reports.md.`,
		Example: `  custval report list
  custval report show data-quality
  custval report run data-quality --db shop.duckdb --format html -o quality.html
  custval report run data-quality --format csv --query top_customers --param top=50`,
	}
	cmd.PersistentFlags().StringVar(&dir, "reports-dir", "", "directory of your own report folders (override built-ins of the same name)")
	cmd.AddCommand(newCmdReportList(f, &dir), newCmdReportShow(f, &dir), newCmdReportRun(f, &dir))
	return cmd
}

// reportCatalog is the built-in reports plus --reports-dir.
func reportCatalog(dir string) (*reports.Catalog, error) {
	c := &reports.Catalog{Sources: []reports.Source{reports.Builtin()}}
	if dir != "" {
		s, err := reports.Dir(dir)
		if err != nil {
			return nil, usageErrorf("--reports-dir: %v", err)
		}
		c.Sources = append(c.Sources, s)
	}
	return c, nil
}

// loadReport loads name; an unknown name is a usage error.
func loadReport(dir, name string) (*reports.Report, error) {
	c, err := reportCatalog(dir)
	if err != nil {
		return nil, err
	}
	rep, err := c.Load(name)
	if errors.Is(err, reports.ErrUnknownReport) {
		return nil, &UsageError{err: err}
	}
	return rep, err
}

func newCmdReportList(f *Factory, dir *string) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the reports: built-in and from --reports-dir",
		Long: `list prints each report's name, source and title. A report folder that does
not load is listed with its error and list exits 1, so list also checks your
own reports.`,
		Example: "  custval report list\n  custval report list --reports-dir ./my-reports",
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			c, err := reportCatalog(*dir)
			if err != nil {
				return err
			}
			entries, err := c.List()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(f.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tSOURCE\tTITLE")
			broken := 0
			for _, e := range entries {
				source := e.Source
				if e.Overrides != "" {
					source += " (overrides " + e.Overrides + ")"
				}
				title := ""
				if e.Err != nil {
					broken++
					title = "error: " + e.Err.Error()
				} else {
					title = e.Report.Title
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Name, source, title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if broken > 0 {
				return fmt.Errorf("%d of %d reports do not load", broken, len(entries))
			}
			return nil
		},
	}
}

func newCmdReportShow(f *Factory, dir *string) *cobra.Command {
	return &cobra.Command{
		Use:     "show NAME",
		Short:   "Describe a report: parameters with types and defaults, queries, formats",
		Example: "  custval report show data-quality",
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			rep, err := loadReport(*dir, args[0])
			if err != nil {
				return err
			}
			return writeReportShow(f.Out, rep)
		},
	}
}

func writeReportShow(w io.Writer, rep *reports.Report) error {
	fmt.Fprintf(w, "%s: %s\nsource: %s\n", rep.Name, rep.Title, rep.Source)
	if rep.Description != "" {
		fmt.Fprintf(w, "\n%s\n", rep.Description)
	}
	fmt.Fprintln(w, "\nParameters (--param name=value):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, p := range rep.AllParams() {
		def := p.DefaultText()
		if p.Name == reports.GeneratedAt {
			def = "latest order_ts"
		}
		line := "  " + p.Name + "\t" + p.Type.String() + "\t" + def
		if p.Doc != "" {
			line += "\t" + p.Doc
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	listQueries := func(title string, queries []reports.Query) error {
		if len(queries) == 0 {
			return nil
		}
		fmt.Fprintln(w, title)
		for _, q := range queries {
			uses := ""
			if len(q.Params) > 0 {
				uses = "\tuses $" + strings.Join(q.Params, ", $")
			}
			fmt.Fprintf(tw, "  %s\t%s%s\n", q.Name, q.Kind, uses)
		}
		return tw.Flush()
	}
	if err := listQueries("\nWorking tables (computed first, read by the queries, not output):", rep.Tables); err != nil {
		return err
	}
	if err := listQueries("\nQueries (--query name, for csv):", rep.Queries); err != nil {
		return err
	}
	var formats []string
	for _, fm := range reports.Formats {
		s := string(fm)
		switch {
		case (fm == reports.HTML || fm == reports.Markdown) && !rep.HasTemplate(fm):
			s += " (a table per query)"
		case fm == reports.CSV && len(rep.Queries) > 1:
			s += " (one query, --query)"
		}
		formats = append(formats, s)
	}
	_, err := fmt.Fprintf(w, "\nFormats: %s\n", strings.Join(formats, ", "))
	return err
}

type reportRunOptions struct {
	name   string
	params []string
	format string
	output string
	query  string
	quiet  bool
}

func newCmdReportRun(f *Factory, dir *string) *cobra.Command {
	var opts reportRunOptions
	cmd := &cobra.Command{
		Use:   "run NAME",
		Short: "Run a report over the database and write it as html, md, csv or json",
		Long: `run executes every query of the report in one read-only snapshot of the
database and renders the result. Parameters are typed and bound, never pasted
into SQL. The output is the same for the same data and parameters: the
generation time is the parameter generated_at, by default the latest order_ts
(pass --param generated_at=now for the clock).

--format defaults to the extension of -o, else md. csv writes one query: name
it with --query when the report has several.

Exit codes: 0 written, 1 the report or the database failed, 2 a wrong name,
parameter, format or flag (nothing was run). With --quiet only errors are
printed, for cron.`,
		Example: `  custval report run data-quality --db shop.duckdb -o quality.html
  custval report run data-quality --param top=25 --param rank_by=margin --format md
  custval report run data-quality --format csv --query top_customers > top.csv
  custval report run my-report --reports-dir ./my-reports --param as_of=2026-06-30 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = args[0]
			return reportRun(cmd, f, *dir, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&opts.params, "param", "p", nil, "parameter as name=value; repeat for several (see report show)")
	fl.StringVar(&opts.format, "format", "", "html, md, csv or json (default: from -o's extension, else md)")
	fl.StringVarP(&opts.output, "output", "o", "", "write to this file instead of stdout")
	fl.StringVar(&opts.query, "query", "", "the query csv writes, when the report has several")
	fl.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors")
	// A report never writes, so it always opens the file read-only and can run beside other readers; the flag
	// is accepted so scripts that pass it to every read-only command (query, shell) work here too.
	fl.Bool("read-only", true, "open the database read-only (always the case for reports; several may run at once)")
	return cmd
}

func reportRun(cmd *cobra.Command, f *Factory, dir string, opts reportRunOptions) error {
	ctx := cmd.Context()
	format, err := reportFormat(opts.format, opts.output)
	if err != nil {
		return err
	}
	rep, err := loadReport(dir, opts.name)
	if err != nil {
		return err
	}
	// Everything the user typed is checked before the database is opened.
	values, err := rep.Values(opts.params, time.Now)
	if err == nil {
		err = rep.CheckOutput(format, opts.query)
	}
	if err != nil {
		if reports.IsInputError(err) {
			return &UsageError{err: err}
		}
		return err
	}
	path := f.DBPath()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("report %s: database %s: %w; create it with `custval init --db %s` or pass --db", rep.Name, path, err, path)
	}
	db, err := f.OpenReadOnly(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	out, err := (&reports.Runner{DB: db, Now: time.Now}).Run(ctx, rep, values)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := out.Write(&buf, format, opts.query); err != nil {
		return err
	}
	dest := "stdout"
	if opts.output == "" {
		if _, err := f.Out.Write(buf.Bytes()); err != nil {
			return err
		}
	} else {
		// writeFileAtomic (query.go): a scheduled run never leaves a half-written report.
		err := writeFileAtomic(opts.output, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
		if err != nil {
			return fmt.Errorf("report %s: %w", rep.Name, err)
		}
		dest = opts.output
	}
	if !opts.quiet {
		rows := 0
		for _, r := range out.Results {
			rows += len(r.Values)
		}
		fmt.Fprintf(f.ErrOut, "report %s: %d queries, %d rows, %s written to %s (%d bytes) in %s\n", rep.Name,
			len(out.Results), rows, format, dest, buf.Len(), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// reportFormat resolves --format, defaulting from the output file's extension.
func reportFormat(flag, output string) (reports.Format, error) {
	if flag == "" {
		switch strings.ToLower(filepath.Ext(output)) {
		case ".html", ".htm":
			return reports.HTML, nil
		case ".csv":
			return reports.CSV, nil
		case ".json":
			return reports.JSON, nil
		}
		return reports.Markdown, nil
	}
	fm, err := reports.ParseFormat(flag)
	if err != nil {
		return "", &UsageError{err: err}
	}
	return fm, nil
}
