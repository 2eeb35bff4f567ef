package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/clv"
	"github.com/custval/custval/internal/clvfit"
)

func newCmdFit(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fit",
		Short: "Fit statistical models to the data and store them",
		Long:  `fit fits models on the loaded data and stores them in the database, where SQL functions use them.`,
		Example: `  custval fit clv --db shop.duckdb --as-of 2026-06-30
  custval fit clv --as-of 2026-06-30 --holdout-months 6 --model bgnbd,mbgnbd,paretonbd,gammagamma`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCmdFitCLV(f))
	return cmd
}

type fitCLVOptions struct {
	asOf             string
	timeUnit         string
	holdoutMonths    int
	models           string
	calibrationStart string
}

func newCmdFitCLV(f *Factory) *cobra.Command {
	var opts fitCLVOptions
	cmd := &cobra.Command{
		Use:   "clv",
		Short: "Fit customer lifetime value models (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma)",
		Long: `clv fits purchase and spend models on the customer summary clv_summary_v1 as of
--as-of and stores every fit in clv_models, one run in one transaction.

With --holdout-months N the models are fitted on the data up to N months before
--as-of, and their predicted purchases in the remaining N months are compared with
the actual ones, by calibration frequency and in total (also kept in clv_holdout).

A fit that does not converge is stored with converged = false, is never used by
clv_v1 or the clv_* functions, and makes the command exit with status 1.
See docs/clv.md for the models, the summary policy and the SQL functions.`,
		Example: `  custval fit clv --db shop.duckdb --as-of 2026-06-30
  custval fit clv --as-of 1998-06-30 --holdout-months 9 --model bgnbd,paretonbd,mbgnbd,gammagamma
  custval query "select * from clv_v1(date '2026-06-30') order by clv_12m desc limit 20"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			req, err := opts.request()
			if err != nil {
				return err
			}
			db, err := f.OpenDB(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := clvfit.Run(cmd.Context(), db, req)
			if err != nil {
				return err
			}
			fmt.Fprintf(f.ErrOut, "fitted on %.0f customers (%d distinct histories) as of %s, run %d\n",
				res.Customers, res.Histories, res.CalibrationEnd.Format(time.DateOnly), res.RunID)
			if err := clvfit.WriteReport(f.Out, res); err != nil {
				return err
			}
			return res.Err()
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.asOf, "as-of", "", "end of the data, YYYY-MM-DD (required)")
	fl.StringVar(&opts.timeUnit, "time-unit", "week", "unit of the summary and the model's rates: week or day")
	fl.IntVar(&opts.holdoutMonths, "holdout-months", 0, "fit on the data up to this many months before --as-of and check on the rest")
	fl.StringVar(&opts.models, "model", "bgnbd,gammagamma", "models to fit, comma-separated: bgnbd, mbgnbd, paretonbd, gammagamma")
	fl.StringVar(&opts.calibrationStart, "calibration-start", "", "ignore order lines before this date, YYYY-MM-DD")
	return cmd
}

func (o fitCLVOptions) request() (clvfit.Options, error) {
	var req clvfit.Options
	if o.asOf == "" {
		return req, usageErrorf("--as-of is required, e.g. --as-of 2026-06-30")
	}
	asOf, err := time.Parse(time.DateOnly, o.asOf)
	if err != nil {
		return req, usageErrorf("--as-of %q: want a date like 2026-06-30", o.asOf)
	}
	req = clvfit.Options{AsOf: asOf, TimeUnit: clv.TimeUnit(o.timeUnit), HoldoutMonths: o.holdoutMonths,
		Models: clvfit.ParseModels(o.models)}
	if o.calibrationStart != "" {
		if req.CalibrationStart, err = time.Parse(time.DateOnly, o.calibrationStart); err != nil {
			return req, usageErrorf("--calibration-start %q: want a date like 2026-01-01", o.calibrationStart)
		}
	}
	if len(req.Models) == 0 {
		return req, usageErrorf("--model: name at least one of bgnbd, mbgnbd, paretonbd, gammagamma")
	}
	if err := req.Validate(); err != nil {
		return req, usageErrorf("%v", err)
	}
	return req, nil
}
