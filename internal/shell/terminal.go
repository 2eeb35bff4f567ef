package shell

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ergochat/readline"
)

// Terminal reads lines from a terminal with line editing (arrows, Emacs keys,
// Ctrl-R search) and a persistent history.
type Terminal struct {
	rl *readline.Instance
}

// NewTerminal sets up line editing on the process's terminal. historyFile ""
// keeps no history across sessions.
func NewTerminal(historyFile string) (*Terminal, error) {
	if historyFile != "" {
		if err := os.MkdirAll(filepath.Dir(historyFile), 0o700); err != nil {
			return nil, fmt.Errorf("history file %s: %w", historyFile, err)
		}
	}
	rl, err := readline.NewFromConfig(&readline.Config{
		Prompt:      Prompt,
		HistoryFile: historyFile,
		// The shell saves whole statements, not each line of one.
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		HistoryLimit:           5000,
	})
	if err != nil {
		return nil, fmt.Errorf("set up the terminal: %w", err)
	}
	return &Terminal{rl: rl}, nil
}

// ReadLine reads one edited line.
func (t *Terminal) ReadLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	line, err := t.rl.ReadLine()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", ErrInterrupt
	}
	return line, err
}

// SaveHistory adds entry to the history and its file.
func (t *Terminal) SaveHistory(entry string) { _ = t.rl.SaveToHistory(entry) }

// Width is the terminal's width in columns.
func (t *Terminal) Width() int {
	w, _ := t.rl.GetConfig().FuncGetSize()
	return w
}

// Close restores the terminal.
func (t *Terminal) Close() error { return t.rl.Close() }

// HistoryFile is where the history is kept by default: $CUSTVAL_HISTORY, else
// $XDG_STATE_HOME/custval/history, else ~/.custval_history. It is "" when none
// of them can be found.
func HistoryFile(getenv func(string) string) string {
	if f := getenv("CUSTVAL_HISTORY"); f != "" {
		return f
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "custval", "history")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".custval_history")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".custval_history")
	}
	return ""
}
