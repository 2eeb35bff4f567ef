package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestShellHelperProcess is not a test: the pseudo-terminal tests run the
// test binary again as custval, with the arguments after "--".
func TestShellHelperProcess(t *testing.T) {
	if os.Getenv("CUSTVAL_HELPER_PROCESS") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(Main(args, os.Stdin, os.Stdout, os.Stderr))
}

// terminal drives a custval process on a pseudo-terminal.
type terminal struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer // everything the process wrote
	seen int          // out up to here has been matched by expect
	done chan struct{}
}

func startTerminal(t *testing.T, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestShellHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "CUSTVAL_HELPER_PROCESS=1", "TERM=xterm", "HOME="+t.TempDir())
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		t.Fatalf("start custval on a pseudo-terminal: %v", err)
	}
	term := &terminal{t: t, pty: f, cmd: cmd, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		answered := 0
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			// Answer the line editor's cursor position queries as a terminal would.
			queries := strings.Count(term.out.String(), cursorQuery)
			for ; answered < queries; answered++ {
				f.Write([]byte("\x1b[1;1R"))
			}
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	return term
}

// expect waits until want appears in output not matched before, and moves past it.
func (term *terminal) expect(want string) {
	term.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		term.mu.Lock()
		i := strings.Index(term.out.String()[term.seen:], want)
		if i >= 0 {
			term.seen += i + len(want)
		}
		term.mu.Unlock()
		if i >= 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	term.t.Fatalf("no %q on the terminal within a minute; it shows:\n%s", want, term.output())
}

func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		term.t.Fatalf("type %q: %v", keys, err)
	}
}

// cursorQuery asks the terminal where the cursor is (DSR).
const cursorQuery = "\x1b[6n"

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyLeft  = "\x1b[D"
	keyUp    = "\x1b[A"
	keyCtrlA = "\x01"
	keyCtrlC = "\x03"
	keyCtrlD = "\x04"
	keyCtrlE = "\x05"
)

// The interactive shell on a real (pseudo-)terminal: line editing, history,
// multi-line statements, Ctrl-C to drop a line and to cancel a running
// query, Ctrl-D to leave.
func TestShellTerminal(t *testing.T) {
	dir := t.TempDir()
	history := filepath.Join(dir, "history")
	term := startTerminal(t, "shell", "--db", filepath.Join(dir, "shop.duckdb"), "--history", history)
	term.expect("custval> ")

	// Editing: fix a typo in the middle of the line, then jump to its end.
	term.send("select 'helo'" + keyLeft + keyLeft + "l" + keyCtrlE + " as word;" + keyEnter)
	term.expect("│ hello   │")
	term.expect("custval> ")
	// History: Up brings the statement back.
	term.send(keyUp + keyEnter)
	term.expect("│ hello   │")
	term.expect("custval> ")
	// Ctrl-A jumps to the start of the line.
	term.send("'again' as w;" + keyCtrlA + "select " + keyEnter)
	term.expect("│ again   │")
	term.expect("custval> ")

	// A statement over two lines.
	term.send("select 40 +" + keyEnter)
	term.expect("...> ")
	term.send("2 as answer;" + keyEnter)
	term.expect("│     42 │")
	term.expect("custval> ")

	// Ctrl-C while typing drops what was typed.
	term.send("select 'dropped'" + keyCtrlC)
	term.expect("custval> ")
	term.send("select 'kept' as k;" + keyEnter)
	term.expect("│ kept    │")
	term.expect("custval> ")
	if strings.Contains(term.output(), "│ dropped") {
		t.Errorf("the statement dropped with Ctrl-C ran:\n%s", term.output())
	}

	// Ctrl-C while a query runs cancels it and the shell stays.
	term.send("select count(*) from range(100000000000);" + keyEnter)
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		// Press Ctrl-C until the cancel shows: a press before the query
		// starts only clears an empty line.
		defer close(stopped)
		for {
			select {
			case <-stop:
				return
			case <-time.After(300 * time.Millisecond):
				term.pty.Write([]byte(keyCtrlC))
			}
		}
	}()
	term.expect("Error: query cancelled")
	close(stop)
	<-stopped // no Ctrl-C may reach the next statement
	term.send(keyCtrlC + "select 'alive' as a;" + keyEnter)
	term.expect("│ alive   │")
	term.expect("custval> ")

	// Ctrl-D leaves with exit status 0.
	term.send(keyCtrlD)
	waited := make(chan error, 1)
	go func() { waited <- term.cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Errorf("custval shell after Ctrl-D: %v\n%s", err, term.output())
		}
	case <-time.After(time.Minute):
		t.Fatalf("custval shell still running a minute after Ctrl-D:\n%s", term.output())
	}

	b, err := os.ReadFile(history)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	for _, want := range []string{"select 'hello' as word;\n", "select 40 + 2 as answer;\n", "select 'alive' as a;\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("history file lacks %q:\n%s", want, b)
		}
	}
}
