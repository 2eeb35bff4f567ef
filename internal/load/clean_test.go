package load

import (
	"testing"

	"github.com/custval/custval/sql/sqltest"
)

// TestCleanMatchesTrim checks the "clean" template's shortcut (skip trim for ASCII values
// without a leading or trailing space) against plain nullif(trim(x), ”) on values that
// exercise each branch: Unicode spaces DuckDB's trim cuts, ASCII white space it keeps,
// and non-ASCII text.
func TestCleanMatchesTrim(t *testing.T) {
	db := sqltest.Open(t)
	values := []string{
		"", " ", "   ", "a", " a", "a ", " a ", "a b", "\ta", "a\t", "\r\n", "12,5x",
		"\u00a0a", "a\u00a0", "\u00a0", "\u3000x\u3000", "\u2003", "x\u2009", "\u202fy",
		"è", " è ", "Müller", "日本", "a\u200b", "\u200ba", "\u0085a", "a\u1680", "\ufeffa",
	}
	clean, err := render(statements, "trimmed", "v")
	if err != nil {
		t.Fatal(err)
	}
	q := `select v, ` + clean + ` as got, nullif(trim(v), '') as want
		from (select unnest($1::varchar[]) as v union all select null)
		where got is distinct from want`
	rows, err := db.Query(q, values)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v, got, want *string
		if err := rows.Scan(&v, &got, &want); err != nil {
			t.Fatal(err)
		}
		t.Errorf("clean(%q) = %v, want %v", deref(v), deref(got), deref(want))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func deref(s *string) string {
	if s == nil {
		return "NULL"
	}
	return *s
}
