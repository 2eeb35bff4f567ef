package render

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, script string
		stmts        []Statement
		rest         string
	}{
		{"one closed", "select 1;", []Statement{{"select 1", 0}}, ""},
		{"open", "select 1", nil, "select 1"},
		{"two and open", "select 1;\n  select 2;\nselect", []Statement{{"select 1", 0}, {"select 2", 12}}, "\nselect"},
		{"multi-line", "select\n  1\n;", []Statement{{"select\n  1", 0}}, ""},
		{"leading comment skipped", "-- hi\nselect 1;", []Statement{{"select 1", 6}}, ""},
		{"semicolon in string", "select 'a;b';", []Statement{{"select 'a;b'", 0}}, ""},
		{"open string", "select 'a;\nb", nil, "select 'a;\nb"},
		{"open block comment", "select 1; /* ;", []Statement{{"select 1", 0}}, " /* ;"},
		{"open dollar quote", "select $$a;", nil, "select $$a;"},
		{"only comments after", "select 1; -- done\n", []Statement{{"select 1", 0}}, ""},
		{"empty statements", ";;select 1;", []Statement{{"select 1", 2}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stmts, rest := Split(tt.script)
			if !reflect.DeepEqual(stmts, tt.stmts) || rest != tt.rest {
				t.Errorf("Split(%q) = %+v, %q; want %+v, %q", tt.script, stmts, rest, tt.stmts, tt.rest)
			}
			for _, s := range stmts {
				if !strings.HasPrefix(tt.script[s.Offset:], s.Text) {
					t.Errorf("statement %q is not at offset %d of %q", s.Text, s.Offset, tt.script)
				}
			}
		})
	}
}

func TestSplitLast(t *testing.T) {
	tests := []struct {
		name, script, before, last string
		n                          int
	}{
		{"one", "select 1", "", "select 1", 1},
		{"trailing semicolon", "select 1;\n", "", "select 1", 1},
		{"two", "create table t(a int); select * from t;", "create table t(a int);", " select * from t", 2},
		{"semicolon in string", "select 'a;b'; select 2", "select 'a;b';", " select 2", 2},
		{"doubled quote", "select 'it''s;'", "", "select 'it''s;'", 1},
		{"escape string", `select e'a\';b'; select 3`, `select e'a\';b';`, " select 3", 2},
		{"quoted identifier", `select 1 as "a;b"`, "", `select 1 as "a;b"`, 1},
		{"line comment", "select 1 -- no; split\n", "", "select 1 -- no; split\n", 1},
		{"trailing comment statement", "select 1; -- done", "", "select 1", 1},
		{"block comment", "select /* ; /* nested ; */ */ 1", "", "select /* ; /* nested ; */ */ 1", 1},
		{"dollar quote", "select $$a;b$$; select $tag$c;$$;$tag$", "select $$a;b$$;", " select $tag$c;$$;$tag$", 2},
		{"parameter is not a dollar quote", "select $1; select 2", "select $1;", " select 2", 2},
		{"only comments", "-- nothing\n/* here */;", "", "", 0},
		{"open string", "select 1; select 'a;b", "select 1;", " select 'a;b", 2},
		{"open block comment after last", "select 1; /* ;", "", "select 1", 1},
		{"open block comment in last", "select 1; select 2 /* ;", "select 1;", " select 2 /* ;", 2},
		{"empty", "", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, last, n := splitLast(tt.script)
			if before != tt.before || last != tt.last || n != tt.n {
				t.Errorf("splitLast(%q) = %q, %q, %d; want %q, %q, %d", tt.script, before, last, n, tt.before, tt.last, tt.n)
			}
		})
	}
}

// Split must agree with splitLast, which `custval query` uses, on every script.
func TestSplitAgreesWithSplitLast(t *testing.T) {
	scripts := []string{
		"select 1", "select 1;\n", "create table t(a int); select * from t;", "select 'a;b'; select 2",
		"select 'it''s;'", `select e'a\';b'; select 3`, `select 1 as "a;b"`, "select 1 -- no; split\n",
		"select 1; -- done", "select /* ; /* nested ; */ */ 1", "select $$a;b$$; select $tag$c;$$;$tag$",
		"select $1; select 2", "-- nothing\n/* here */;", "",
	}
	for _, script := range scripts {
		_, last, n := splitLast(script)
		stmts, rest := Split(script + "\n;")
		if len(stmts) != n || rest != "" {
			t.Errorf("Split(%q) = %d statements, rest %q; splitLast counts %d", script, len(stmts), rest, n)
			continue
		}
		if n > 0 && stmts[n-1].Text != strings.TrimSpace(last) {
			t.Errorf("Split(%q) last = %q, splitLast says %q", script, stmts[n-1].Text, last)
		}
	}
}
