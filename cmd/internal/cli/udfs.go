package cli

import (
	"github.com/spf13/cobra"

	"github.com/custval/custval/udf"
)

func newCmdUDFs(f *Factory) *cobra.Command {
	var settings bool
	cmd := &cobra.Command{
		Use:   "udfs",
		Short: "List the custval SQL functions with their signatures",
		Long: `udfs lists every scoring function custval registers in DuckDB (satisfaction,
loyalty, contact closeness, lifecycle, replacement readiness, value class)
with its signature, a one-line description and its page in docs/scores/.

Arguments in [brackets] may be left out. Every function takes an optional
last argument, settings MAP(VARCHAR, DOUBLE), overriding its documented
defaults, e.g. map {'half_life_days': 180}; score_settings_map('satisfaction')
passes the values kept in the score_settings table. --settings lists them.`,
		Example: `  custval udfs
  custval udfs --settings
  custval query "select lifecycle_stage(274, 182.5, 10, 2000)"`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return udf.Describe(f.Out, settings)
		},
	}
	cmd.Flags().BoolVar(&settings, "settings", false, "also list each function's settings and their defaults")
	return cmd
}
