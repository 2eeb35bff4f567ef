package render

import "testing"

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

func TestSQLString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"out.parquet", "'out.parquet'"},
		{"it's.parquet", "'it''s.parquet'"},
		{`C:\data\x.parquet`, `'C:\data\x.parquet'`},
	}
	for _, tt := range tests {
		if got, err := sqlString(tt.in); err != nil || got != tt.want {
			t.Errorf("sqlString(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := sqlString("a\x00b"); err == nil {
		t.Error("sqlString with a NUL byte: no error")
	}
}
