package cli

import (
	"context"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/custval/custval/internal/shell"
)

type shellOptions struct {
	readOnly bool
	history  string
}

func newCmdShell(f *Factory) *cobra.Command {
	var opts shellOptions
	cmd := &cobra.Command{
		Use:   "shell",
		Short: "Explore the database in an interactive SQL shell",
		Long: `shell opens an interactive SQL shell on the database, with every custval
function and macro loaded. Statements end with ";" and may span lines;
results print as boxed tables fitted to the terminal. Dot-commands such as
.tables, .schema, .mode and .output work as in the DuckDB shell (.help lists
them). Ctrl-C cancels a running statement, Ctrl-D leaves.

When stdin is not a terminal, shell runs the SQL it reads there without
prompts and stops with exit status 1 at the first error, naming its line.

History is kept in --history (default $CUSTVAL_HISTORY, else
$XDG_STATE_HOME/custval/history, else ~/.custval_history; "" keeps none).
See docs/shell.md.`,
		Example: `  custval shell --db shop.duckdb
  custval shell --read-only --db shop.duckdb
  custval shell --db shop.duckdb < queries.sql
  echo "select segment, count(*) from rfm group by all;" | custval shell`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("history") {
				opts.history = shell.HistoryFile(f.getenv)
			}
			return shellRun(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.readOnly, "read-only", false, "open the database read-only (other processes may use it at the same time)")
	cmd.Flags().StringVar(&opts.history, "history", "", `history file (default $CUSTVAL_HISTORY, else $XDG_STATE_HOME/custval/history, else ~/.custval_history; "" keeps none)`)
	return cmd
}

func shellRun(ctx context.Context, f *Factory, opts shellOptions) error {
	open := f.OpenDB
	if opts.readOnly {
		open = f.OpenReadOnly
	}
	db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	if !inputIsTerminal(f.In) {
		sh, err := shell.New(ctx, shell.Config{DB: db.DB, Out: f.Out, ErrOut: f.ErrOut,
			Width: func() int { return terminalWidth(f.getenv("COLUMNS")) }})
		if err != nil {
			return err
		}
		defer sh.Close()
		return sh.Run(ctx, shell.NewScanner(f.In), "stdin")
	}

	tty, err := shell.NewTerminal(opts.history)
	if err != nil {
		return err
	}
	defer tty.Close()
	// Ctrl-C while a statement runs arrives as SIGINT: it cancels that
	// statement only. Main's context would end the whole command, so the
	// session runs without it.
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)
	sh, err := shell.New(ctx, shell.Config{DB: db.DB, Out: f.Out, ErrOut: f.ErrOut, Interactive: true,
		Width: tty.Width, Interrupt: interrupt})
	if err != nil {
		return err
	}
	defer sh.Close()
	return sh.Run(context.WithoutCancel(ctx), tty, "terminal")
}

// inputIsTerminal reports whether r is a terminal (not a file, a pipe or /dev/null).
func inputIsTerminal(r io.Reader) bool {
	file, ok := r.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}
