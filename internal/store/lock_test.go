package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLockHelperProcess is not a test: TestLockedFile runs the test binary
// again with it, as a second process that holds a database file open until
// its stdin closes.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv("CUSTVAL_LOCK_HELPER")
	if path == "" {
		return
	}
	db, err := Open(context.Background(), path, Options{ReadOnly: os.Getenv("CUSTVAL_LOCK_HELPER_READ_ONLY") == "1"})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	if err := db.Ping(); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("holding")
	bufio.NewReader(os.Stdin).ReadString('\n') // until the test closes stdin
	db.Close()
	os.Exit(0)
}

// holdFile starts a process holding path open and returns its PID; the
// process ends with the test.
func holdFile(t *testing.T, path string, readOnly bool) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), "CUSTVAL_LOCK_HELPER="+path)
	if readOnly {
		cmd.Env = append(cmd.Env, "CUSTVAL_LOCK_HELPER_READ_ONLY=1")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the process holding %s: %v", path, err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "holding\n" {
		t.Fatalf("process holding %s: %q, %v", path, line, err)
	}
	return cmd.Process.Pid
}

// A database file another process holds gives a clear error at once, not a
// hang: it names the file, the process holding it and what to do.
func TestLockedFile(t *testing.T) {
	tests := []struct {
		name           string
		holderReadOnly bool
		readOnly       bool
		wantLocked     bool
	}{
		{"writer while a writer holds it", false, false, true},
		{"reader while a writer holds it", false, true, true},
		{"writer while a reader holds it", true, false, true},
		{"reader while a reader holds it", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "shop.duckdb")
			db, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			db.Close() // the file exists, so a read-only holder can open it
			pid := holdFile(t, path, tt.holderReadOnly)

			type result struct{ err error }
			done := make(chan result, 1)
			go func() {
				db, err := Open(context.Background(), path, Options{ReadOnly: tt.readOnly})
				if err == nil {
					err = db.Ping()
					db.Close()
				}
				done <- result{err}
			}()
			var res result
			select {
			case res = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("opening %s held by PID %d hangs", path, pid)
			}
			if !tt.wantLocked {
				if res.err != nil {
					t.Errorf("open: %v, want it to share the file", res.err)
				}
				return
			}
			if !errors.Is(res.err, ErrLocked) {
				t.Fatalf("open: %v, want ErrLocked", res.err)
			}
			msg := res.err.Error()
			t.Logf("message: %s", msg)
			// The file, who holds it (this test binary) and the two ways out.
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"open " + path + ": ", fmt.Sprintf("(PID %d, %s)", pid, exe), "close that process", "--read-only"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
		})
	}
}
