package shell

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/custval/custval/internal/render"
)

var (
	//go:embed tables.sql
	tablesSQL string
	//go:embed schema.sql
	schemaSQL string
)

// dotHelp is what .help prints.
const dotHelp = `.help                 show this help
.tables               list tables and views
.schema [NAME]        show the create statements of every table and view, or of NAME
.mode [MODE]          show or set how results print: box (default), table, csv, json, markdown, line
.timer on|off         print how long each statement ran
.maxrows N            rows a box or table shows (first and last halves); 0 shows all
.maxwidth N           width of a box or table; 0 follows the terminal
.output [FILE]        write results to FILE; without FILE, back to the screen
.read FILE            run the statements and dot-commands in FILE
.quit, .exit          leave the shell (or press Ctrl-D)

Statements end with ";" and may span lines. Ctrl-C cancels a running
statement, or drops the one being typed.
`

// dot runs one dot-command line.
func (s *Shell) dot(ctx context.Context, line string) error {
	args := strings.Fields(line)
	name, args := args[0], args[1:]
	switch name {
	case ".help":
		_, err := fmt.Fprint(s.cfg.Out, dotHelp)
		return err
	case ".quit", ".exit":
		return errQuit
	case ".tables":
		return s.tables(ctx)
	case ".schema":
		if len(args) > 1 {
			return fmt.Errorf(".schema takes at most one name")
		}
		return s.schema(ctx, strings.Join(args, ""))
	case ".mode":
		if len(args) == 0 {
			_, err := fmt.Fprintf(s.cfg.Out, "%s\n", s.mode)
			return err
		}
		m, err := parseMode(args[0])
		if err != nil {
			return fmt.Errorf(".mode: %w", err)
		}
		s.mode = m
		return nil
	case ".timer":
		on, err := onOff(args)
		if err != nil {
			return fmt.Errorf(".timer: %w", err)
		}
		s.timer = on
		return nil
	case ".maxrows", ".maxwidth":
		if len(args) != 1 {
			return fmt.Errorf("%s takes one number", name)
		}
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			return fmt.Errorf("%s: %q is not a number ≥ 0", name, args[0])
		}
		if name == ".maxrows" {
			s.maxRows = n
		} else {
			s.width = n
		}
		return nil
	case ".output":
		if len(args) > 1 {
			return fmt.Errorf(".output takes at most one file")
		}
		return s.setOutput(strings.Join(args, ""))
	case ".read":
		if len(args) != 1 {
			return fmt.Errorf(".read takes one file")
		}
		return s.read(ctx, s.path(args[0]))
	}
	return fmt.Errorf("unknown command %s: see .help", name)
}

func onOff(args []string) (bool, error) {
	if len(args) == 1 {
		switch strings.ToLower(args[0]) {
		case "on":
			return true, nil
		case "off":
			return false, nil
		}
	}
	return false, fmt.Errorf("want on or off, got %q", strings.Join(args, " "))
}

// tables lists table and view names in columns, like the DuckDB shell.
func (s *Shell) tables(ctx context.Context) error {
	var names []string
	rows, err := s.conn.QueryContext(ctx, tablesSQL)
	if err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return fmt.Errorf("list tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	width := s.width
	if width <= 0 && s.cfg.Width != nil {
		width = s.cfg.Width()
	}
	if width <= 0 {
		width = render.DefaultMaxWidth
	}
	_, err = fmt.Fprint(s.out, columns(names, width))
	return err
}

// columns lays names out in columns down then across, within width.
func columns(names []string, width int) string {
	if len(names) == 0 {
		return ""
	}
	colWidth := 0
	for _, n := range names {
		colWidth = max(colWidth, len([]rune(n))+2)
	}
	ncols := max(1, width/colWidth)
	nrows := (len(names) + ncols - 1) / ncols
	var b strings.Builder
	for r := range nrows {
		for c := 0; c*nrows+r < len(names); c++ {
			n := names[c*nrows+r]
			b.WriteString(n)
			if (c+1)*nrows+r < len(names) {
				b.WriteString(strings.Repeat(" ", colWidth-len([]rune(n))))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (s *Shell) schema(ctx context.Context, name string) error {
	rows, err := s.conn.QueryContext(ctx, schemaSQL, name)
	if err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var stmt string
		if err := rows.Scan(&stmt); err != nil {
			return fmt.Errorf("read schema: %w", err)
		}
		found = true
		if _, err := fmt.Fprintln(s.out, stmt); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if !found && name != "" {
		return fmt.Errorf(".schema: no table or view named %q", name)
	}
	return nil
}

// path resolves a .read or .output file name.
func (s *Shell) path(p string) string {
	if s.cfg.Dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.cfg.Dir, p)
}

// setOutput sends results to file, or back to Config.Out when file is "".
func (s *Shell) setOutput(file string) error {
	if err := s.closeOutput(); err != nil {
		return err
	}
	if file == "" {
		return nil
	}
	f, err := os.Create(s.path(file))
	if err != nil {
		return fmt.Errorf(".output: %w", err)
	}
	s.out, s.outFile = f, f
	return nil
}

func (s *Shell) closeOutput() error {
	if s.outFile == nil {
		return nil
	}
	f := s.outFile
	s.out, s.outFile = s.cfg.Out, nil
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", f.Name(), err)
	}
	return nil
}

// read runs a file as if typed, stopping at its first error.
func (s *Shell) read(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf(".read: %w", err)
	}
	defer f.Close()
	return s.run(ctx, NewScanner(f), path, true)
}
