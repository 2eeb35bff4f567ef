// Package cli is the custval command tree. Commands are thin: they parse
// flags, call a package function, and print to the writers they are given.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command ran and failed
	exitUsage = 2 // bad flags or arguments; nothing was done
)

// UsageError marks an error in flags or arguments: it prints usage and exits 2.
type UsageError struct{ err error }

func (e *UsageError) Error() string { return e.err.Error() }
func (e *UsageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{err: fmt.Errorf(format, args...)}
}

// atomicCommands write in one transaction and read nothing after the commit
// that a Ctrl-C could fail, so an interrupted run that returns any error
// changed nothing, whether the error is the context's or the one DuckDB gives
// a statement it interrupted ("INTERRUPT Error: Interrupted!");
// interrupt_test.go checks it. score is one transaction too, but reads its
// summary after committing.
var atomicCommands = map[string]bool{"custval load": true, "custval fit clv": true}

// Main runs custval with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	f := newFactory(stdin, stdout, stderr)
	root := newCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil { // Ctrl-C: the open transaction was rolled back
		if atomicCommands[cmd.CommandPath()] {
			fmt.Fprintf(stderr, "custval: interrupted: %s rolled back, database unchanged\n", cmd.CommandPath())
		} else {
			fmt.Fprintf(stderr, "custval: interrupted: %s stopped; its unfinished step was rolled back, steps already done are kept: %v\n", cmd.CommandPath(), err)
		}
		return exitError
	}
	var usage *UsageError
	if errors.As(err, &usage) || strings.HasPrefix(err.Error(), "unknown command ") ||
		strings.HasPrefix(err.Error(), "unknown flag") || strings.HasPrefix(err.Error(), "unknown shorthand flag") {
		fmt.Fprintf(stderr, "custval: %v\n\n%s", err, cmd.UsageString())
		return exitUsage
	}
	fmt.Fprintf(stderr, "custval: %v\n", err)
	return exitError
}

func newCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "custval",
		Short: "Customer value scores inside DuckDB",
		Long: `custval turns orders, surveys and contact records kept in a DuckDB file
into customer scores an analyst can query with plain SQL.`,
		Example: `  custval demo --db demo.duckdb
  custval init --db shop.duckdb
  custval load orders exports/orders.csv --db shop.duckdb --map order_ts=OrderDate
  custval query "select count(*) from orders" --db shop.duckdb --format csv`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{err: err} })
	pf := root.PersistentFlags()
	pf.StringVar(&f.dbFlag, "db", "", "database file (default $CUSTVAL_DB, else custval.duckdb)")
	pf.StringVar(&f.store.MemoryLimit, "memory-limit", "", "DuckDB memory limit, e.g. 4GB (spills to --temp-dir beyond it)")
	pf.StringVar(&f.store.TempDir, "temp-dir", "", "directory DuckDB spills to when over the memory limit")

	root.AddCommand(
		newCmdVersion(f),
		newCmdInit(f),
		newCmdQuery(f),
		newCmdDemo(f),
		newCmdReport(f),
		newCmdUDFs(f),
		newCmdLoad(f),
		newCmdShell(f),
		newCmdScore(f),
		newCmdViews(f),
		newCmdFit(f),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs turns cobra's positional-argument errors into usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &UsageError{err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}
