package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/custval/custval/internal/store"
)

// version is set at build time with -ldflags "-X .../cli.version=v1.2.3"; otherwise read from build info.
var version = ""

func custvalVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the custval and DuckDB versions",
		Example: "  custval version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			duck, err := store.DuckDBVersion(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(f.Out, "custval %s\nduckdb %s\n", custvalVersion(), duck)
			return nil
		},
	}
}
