package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/demo"
)

func newCmdDemo(f *Factory) *cobra.Command {
	var (
		opts demo.Options
		asOf string
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate realistic demo data for a car dealer and repair shop",
		Long: `demo fills the data contract tables (customers, assets, orders, surveys,
interactions, profile_changes) with generated data and prints a summary of it.
It replaces what those tables held; the categories mapping is kept.

The data is deterministic: the same --customers, --seed and --as-of give the
same data, byte for byte. Every event happens before the --as-of day.
See docs/demo-data.md for what is generated.`,
		Example: `  custval demo --db demo.duckdb
  custval demo --db big.duckdb --customers 1000000 --seed 7 --as-of 2025-12-31`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Customers < 1 || opts.Customers > demo.MaxCustomers {
				return usageErrorf("--customers %d: want 1 to %d", opts.Customers, demo.MaxCustomers)
			}
			if opts.Seed == 0 {
				return usageErrorf("--seed 0: want a non-zero seed")
			}
			day, err := time.Parse(time.DateOnly, asOf)
			if err != nil {
				return usageErrorf("--as-of %q: want a date like 2026-06-30", asOf)
			}
			opts.AsOf = day
			opts.Progress = f.ErrOut

			db, err := f.OpenDB(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			fmt.Fprintf(f.ErrOut, "generating demo data for %d customers into %s\n", opts.Customers, f.DBPath())
			start := time.Now()
			summary, err := demo.Generate(cmd.Context(), db, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(f.ErrOut, "generated in %s\n", time.Since(start).Round(time.Millisecond))
			return summary.WriteText(f.Out)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&opts.Customers, "customers", demo.DefaultCustomers, "number of customers (about 11 orders each)")
	fl.Int64Var(&opts.Seed, "seed", demo.DefaultSeed, "seed: the same seed gives the same data")
	fl.StringVar(&asOf, "as-of", demo.DefaultAsOf.Format(time.DateOnly), "day the data ends (YYYY-MM-DD); every event is before it")
	return cmd
}
