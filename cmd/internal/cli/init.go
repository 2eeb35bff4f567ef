package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/store"
)

func newCmdInit(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create or upgrade the custval tables, views and macros in a database",
		Long: `init applies custval's numbered schema migrations to the database. It is
idempotent: a second run applies nothing. A migration that was applied and
whose file has since changed is refused.`,
		Example: "  custval init --db shop.duckdb",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := store.Open(cmd.Context(), f.DBPath(), f.store)
			if err != nil {
				return err
			}
			defer db.Close()
			applied, err := store.Migrate(cmd.Context(), db)
			if err != nil {
				return fmt.Errorf("init %s: %w", f.DBPath(), err)
			}
			for _, m := range applied {
				fmt.Fprintf(f.ErrOut, "applied %s\n", m.Name)
			}
			fmt.Fprintf(f.Out, "%s: %d migrations applied, schema up to date\n", f.DBPath(), len(applied))
			return nil
		},
	}
}
