// Package shell is the interactive SQL shell of `custval shell`: it reads
// statements ended by ";" and dot-commands in the DuckDB shell's spirit, runs
// them on one connection and renders the results. Input comes from a
// LineReader, so the same loop serves a terminal (with line editing), stdin
// and scripted tests.
package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/custval/custval/internal/render"
)

// Prompts of the interactive shell: a new statement, and its continuation lines.
const (
	Prompt         = "custval> "
	ContinuePrompt = "     ...> "
)

// Config is what a Shell is built from.
type Config struct {
	DB          *sql.DB
	Out         io.Writer // results, until .output sends them to a file
	ErrOut      io.Writer // errors in interactive mode
	Interactive bool      // report errors and go on; otherwise stop at the first one
	// Width returns the terminal width for tables; nil or a result ≤ 0 means render.DefaultMaxWidth.
	Width func() int
	// Interrupt cancels the running statement (the CLI feeds it SIGINT);
	// nil disables cancelling.
	Interrupt <-chan os.Signal
	// Dir is the directory relative .read and .output paths start from; "" is the working directory.
	Dir string
}

// Shell is one session: one connection, its mode and settings.
type Shell struct {
	cfg     Config
	conn    *sql.Conn
	out     io.Writer // cfg.Out or the .output file
	outFile *os.File
	mode    Mode
	timer   bool
	maxRows int
	width   int // fixed by .maxwidth; 0 follows the terminal
}

// errQuit ends the session from .quit, also inside a .read file.
var errQuit = errors.New("quit")

// ErrInterrupt is what a LineReader returns when the user presses Ctrl-C while typing.
var ErrInterrupt = errors.New("interrupted")

// New starts a session on one connection of cfg.DB, so temporary tables, SET
// and transactions last from one statement to the next. Close it when done.
func New(ctx context.Context, cfg Config) (*Shell, error) {
	conn, err := cfg.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("start shell: %w", err)
	}
	return &Shell{cfg: cfg, conn: conn, out: cfg.Out, mode: ModeBox, maxRows: render.DefaultMaxRows}, nil
}

// Close ends the session and closes a file opened by .output.
func (s *Shell) Close() error {
	err := s.closeOutput()
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Run reads input from r until its end, Ctrl-D or .quit. name says where the
// input comes from in error messages ("stdin", a file name). In interactive
// mode an error is printed and the session goes on; otherwise Run returns the
// first error with its line and statement number.
func (s *Shell) Run(ctx context.Context, r LineReader, name string) error {
	err := s.run(ctx, r, name, !s.cfg.Interactive)
	if errors.Is(err, errQuit) {
		return nil
	}
	return err
}

// run is Run's loop; bail stops at the first error (stdin, and .read files).
func (s *Shell) run(ctx context.Context, r LineReader, name string, bail bool) error {
	var pending strings.Builder // a statement not yet closed by ";"
	pendingLine := 0            // line where pending starts
	lineNo, stmtNo := 0, 0
	fail := func(line int, what string, err error) error {
		if errors.Is(err, errQuit) {
			return err
		}
		if bail && what == "" {
			return fmt.Errorf("%s: line %d: %w", name, line, err)
		}
		if bail {
			return fmt.Errorf("%s: line %d, %s: %w", name, line, what, err)
		}
		fmt.Fprintf(s.cfg.ErrOut, "Error: %v\n", err)
		return nil
	}
	for {
		prompt := Prompt
		if pending.Len() > 0 {
			prompt = ContinuePrompt
		}
		line, err := r.ReadLine(prompt)
		if errors.Is(err, ErrInterrupt) {
			pending.Reset() // Ctrl-C while typing drops the statement, as in a Unix shell
			continue
		}
		eof := errors.Is(err, io.EOF)
		if err != nil && !eof {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if !eof {
			lineNo++
			if pending.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ".") {
				saveHistory(r, strings.TrimSpace(line))
				if err := s.dot(ctx, strings.TrimSpace(line)); err != nil {
					// Dot-command errors name their command.
					if err := fail(lineNo, "", err); err != nil {
						return err
					}
				}
				continue
			}
			if pending.Len() == 0 {
				pendingLine = lineNo
			}
			pending.WriteString(line)
			pending.WriteByte('\n')
		} else if pending.Len() > 0 {
			// At the end of the input a last statement needs no ";".
			pending.WriteByte(';')
		}
		text := pending.String()
		stmts, rest := render.Split(text)
		if eof && rest != "" {
			// An unclosed quote or comment at the end: DuckDB says what is wrong.
			lead := len(rest) - len(strings.TrimLeft(rest, " \t\r\n\f"))
			stmts = append(stmts, render.Statement{Text: rest[lead:], Offset: len(text) - len(rest) + lead})
			rest = ""
		}
		if len(stmts) > 0 {
			saveHistory(r, oneLine(text[:len(text)-len(rest)]))
		}
		pending.Reset()
		for _, st := range stmts {
			stmtNo++
			if err := s.exec(ctx, st.Text); err != nil {
				line := pendingLine + strings.Count(text[:st.Offset], "\n")
				if err := fail(line, fmt.Sprintf("statement %d", stmtNo), err); err != nil {
					return err
				}
				rest = "" // what follows a failed statement on the same input is dropped
				break
			}
		}
		if rest != "" && !eof {
			pendingLine += strings.Count(text[:len(text)-len(rest)], "\n")
			pending.WriteString(rest)
		}
		if eof {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// oneLine joins the lines of a statement for the history file, which keeps one entry a line.
func oneLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}

// saveHistory records one complete input (a statement on one line, or a
// dot-command) if r keeps a history.
func saveHistory(r LineReader, entry string) {
	if h, ok := r.(interface{ SaveHistory(string) }); ok {
		h.SaveHistory(entry)
	}
}
