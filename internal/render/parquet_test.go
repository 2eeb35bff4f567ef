package render

import "testing"

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
