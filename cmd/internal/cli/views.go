package cli

import (
	"github.com/spf13/cobra"

	"github.com/custval/custval/sql/schema"
	"github.com/custval/custval/sql/views"
)

func newCmdViews(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "views",
		Short: "List the versioned SQL models with their status, description and columns",
		Long: `views lists every model custval stores in a database (table macros and views
such as rfm_v1), grouped by model: the pointer (rfm follows rfm_v1), then each
version with its status (current, supported or deprecated), kind, the migration
that created it, a one-line description, its grain, how to call it, and its
columns. The policy for versions is in docs/views.md.`,
		Example: `  custval views
  custval query "from rfm_v1(date '2026-06-30') limit 5"`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			models, err := views.Catalog(schema.FS)
			if err != nil {
				return err
			}
			return views.WriteText(f.Out, models)
		},
	}
}
