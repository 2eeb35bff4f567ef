package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Stdin that is not a terminal runs as a script: exit 0 when all went well,
// 1 at the first error with its position, and nothing after it runs.
func TestShellStdin(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  []string
		notOut   string
		wantErr  string
	}{
		{"script", "create table t(a int);\ninsert into t values (1), (2);\n.mode csv\nselect sum(a) as s\n  from t;\n", nil, exitOK, []string{"s\n3\n"}, "", ""},
		{"custval tables are there", ".mode csv\nselect count(*) as n from orders;\n", nil, exitOK, []string{"n\n0\n"}, "", ""},
		{"first error stops", "select 'one' as x;\n\nselect * from nope;\nselect 'never';\n", nil, exitError, []string{"one"}, "never", "custval: stdin: line 3, statement 2: Catalog Error"},
		{"bad dot-command", ".mode fancy\nselect 'never';\n", nil, exitError, nil, "never", `custval: stdin: line 1: .mode: unknown mode "fancy"`},
		{"read-only refuses writes", "create table w(a int);\n", []string{"--read-only"}, exitError, nil, "", "custval: stdin: line 1, statement 1: "},
		{"extra argument", "", []string{"nope"}, exitUsage, nil, "", "custval: unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"shell", "--db", db}, tt.args...)
			out, errOut, code := run(t, tt.stdin, args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout = %q, want %q in it", out, w)
				}
			}
			if tt.notOut != "" && strings.Contains(out, tt.notOut) {
				t.Errorf("stdout = %q: the statement after the error ran", out)
			}
			if !strings.HasPrefix(errOut, tt.wantErr) {
				t.Errorf("stderr = %q, want it to start with %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestShellStdinReadOnlyReads(t *testing.T) {
	db := tempDB(t)
	if _, errOut, code := run(t, "create table t as select 42 as answer;\n", "shell", "--db", db); code != exitOK {
		t.Fatalf("setup: exit %d: %s", code, errOut)
	}
	out, errOut, code := run(t, ".mode csv\nselect answer from t;\n", "shell", "--read-only", "--db", db)
	if code != exitOK || out != "answer\n42\n" {
		t.Errorf("read-only shell: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// While a shell holds the database file, another custval command fails at
// once with a message naming the file and the shell's PID (issue 7, part 3).
func TestLockedByShell(t *testing.T) {
	db := tempDB(t)
	if _, errOut, code := run(t, "", "init", "--db", db); code != exitOK {
		t.Fatalf("init: %s", errOut)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestShellHelperProcess$", "--", "shell", "--db", db)
	cmd.Env = append(os.Environ(), "CUSTVAL_HELPER_PROCESS=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close() // end of input ends the shell
		cmd.Wait()
	}()
	// Once the shell answers a statement it holds the file.
	io.WriteString(stdin, ".mode csv\nselect 'holding' as state;\n")
	r := bufio.NewReader(stdout)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("shell holding %s: %v", db, err)
		}
		if line == "holding\n" {
			break
		}
	}

	for _, args := range [][]string{{"query", "select 1"}, {"query", "--read-only", "select 1"}, {"shell"}} {
		_, errOut, code := run(t, "select 1;\n", append(args, "--db", db)...)
		want := fmt.Sprintf("custval: open %s: database file is locked by another process (PID %d, ", db, cmd.Process.Pid)
		if code != exitError || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "--read-only") {
			t.Errorf("custval %v while a shell holds the file: exit %d, stderr %q; want exit 1 and %q…", args, code, errOut, want)
		}
	}
}
