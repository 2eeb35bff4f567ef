package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/clvfit"
	"github.com/custval/custval/internal/custvalue"
	"github.com/custval/custval/internal/render"
	"github.com/custval/custval/internal/rfm"
)

type scoreOptions struct {
	asOf                string
	rCuts, fCuts, mCuts string
	format              string
	model               rfm.Options
}

func newCmdScore(f *Factory) *cobra.Command {
	var opts scoreOptions
	cmd := &cobra.Command{
		Use:   "score",
		Short: "Score every customer as of a date and store the scores as a snapshot",
		Long: `score runs the RFM model (rfm_v1) for every customer as of a day and stores the
result in score_snapshots under (as_of, customer_id, 'rfm_v1'), with the
customer value columns (value class, satisfaction, loyalty, closeness, lifecycle,
replacement readiness, life changes; docs/customer-value.md) and, when a CLV
model fitted as of that day or earlier exists (custval fit clv), the lifetime
value columns (docs/clv.md). All of it is one transaction: scoring the same day
again replaces that day's snapshot, an interrupted or failed run leaves the
earlier snapshot intact, and other days are kept, so history accumulates. It
then prints the segment summary.

Before scoring it checks the segment rule set (segment_rules) against the score
grid and warns on stderr about rules that can never match and cells no rule
covers. Every flag maps to an argument of rfm_v1; see docs/rfm.md.`,
		Example: `  custval score --db shop.duckdb --as-of 2026-06-30
  custval score --as-of 2025-12-31 --k 3 --statistic median
  custval score --as-of 2026-06-30 --months 24 --r-cuts 30,90,180,365 --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.parse(); err != nil {
				return err
			}
			format, err := render.ParseFormat(opts.format)
			if err != nil || format == render.Parquet {
				return usageErrorf("--format %q: want table, csv, json or markdown", opts.format)
			}
			db, err := f.OpenDB(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()

			rules, err := rfm.LoadRules(cmd.Context(), db, opts.model.Rules)
			if err != nil {
				return err
			}
			for _, w := range rfm.CheckRules(rules, opts.model.Grid()) {
				fmt.Fprintf(f.ErrOut, "warning: segment rules %q: %s\n", rulesName(opts.model.Rules), w)
			}
			start := time.Now()
			noCLV := false
			run, err := rfm.Score(cmd.Context(), db, opts.model,
				rfm.Extension{Name: "customer value (customer_value_v1)", Add: custvalue.AddToSnapshot},
				rfm.Extension{Name: "lifetime value (clv_v1, value_matrix_v1)", Add: func(ctx context.Context, tx *sqlx.Tx, asOf time.Time, version string) (int64, error) {
					n, err := clvfit.AddToSnapshot(ctx, tx, asOf, version)
					if errors.Is(err, clvfit.ErrNoModel) {
						noCLV = true // a snapshot without CLV is still a snapshot; say so below
						return 0, nil
					}
					return n, err
				}})
			if err != nil {
				return err
			}
			fmt.Fprintf(f.ErrOut, "scored %d customers as of %s with %s in %s (replaced %d rows of that day)\n",
				run.Customers, run.AsOf.Format(time.DateOnly), run.ModelVersion, time.Since(start).Round(time.Millisecond), run.Replaced)
			for _, e := range run.Extended {
				fmt.Fprintf(f.ErrOut, "added %s to %d rows\n", e.Name, e.Rows)
			}
			if noCLV {
				d := run.AsOf.Format(time.DateOnly)
				fmt.Fprintf(f.ErrOut, "note: no lifetime value columns: no converged CLV model fitted as of %s or earlier; run `custval fit clv --as-of %s`, then score again\n", d, d)
			}
			summary, err := rfm.SnapshotSummary(cmd.Context(), db, run.AsOf)
			if err != nil {
				return err
			}
			if format == render.Table {
				summary = rfm.SummaryForReading(summary)
			}
			return render.Write(f.Out, format, summary.Source(), render.Options{MaxWidth: 132})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.asOf, "as-of", "", "scoring day YYYY-MM-DD (default: the day of the latest order)")
	fl.IntVar(&opts.model.Months, "months", 0, "only the last N months up to --as-of (default: all history)")
	fl.IntVar(&opts.model.K, "k", rfm.DefaultBins, "score bins per dimension, 3 to 10")
	fl.IntVar(&opts.model.RBins, "r-bins", 0, "bins for recency (default --k)")
	fl.IntVar(&opts.model.FBins, "f-bins", 0, "bins for frequency (default --k)")
	fl.IntVar(&opts.model.MBins, "m-bins", 0, "bins for monetary (default --k)")
	fl.StringVar(&opts.rCuts, "r-cuts", "", "explicit recency thresholds in days, e.g. 30,90,180,365")
	fl.StringVar(&opts.fCuts, "f-cuts", "", "explicit frequency thresholds in orders, e.g. 1,2,4,8")
	fl.StringVar(&opts.mCuts, "m-cuts", "", "explicit monetary thresholds, e.g. 100,500,2000,10000")
	fl.StringVar(&opts.model.Statistic, "statistic", "mean", "segment_8 compares with the population mean or median")
	fl.StringVar(&opts.model.Rules, "rules", "default", "rule_set of segment_rules for segment_named")
	fl.StringVar(&opts.format, "format", "table", "summary format: table, csv, json or markdown")
	return cmd
}

// parse turns the text flags into model options and checks them all, so mistakes exit 2 before any work.
func (o *scoreOptions) parse() error {
	if o.asOf != "" {
		day, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return usageErrorf("--as-of %q: want a date like 2026-06-30", o.asOf)
		}
		o.model.AsOf = day
	}
	for _, c := range []struct {
		flag string
		text string
		dst  *[]float64
	}{{"--r-cuts", o.rCuts, &o.model.RCuts}, {"--f-cuts", o.fCuts, &o.model.FCuts}, {"--m-cuts", o.mCuts, &o.model.MCuts}} {
		cuts, err := rfm.ParseCuts(c.text)
		if err != nil {
			return usageErrorf("%s: %v", c.flag, err)
		}
		*c.dst = cuts
	}
	if err := o.model.Validate(); err != nil {
		return usageErrorf("%v", err)
	}
	return nil
}

func rulesName(s string) string {
	if s == "" {
		return "default"
	}
	return s
}
