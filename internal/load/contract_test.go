package load

import (
	"testing"

	"github.com/custval/custval/sql/sqltest"
)

// TestContractMatchesSchema checks the loader's contract against the tables the
// migrations create: same columns in the same order, required = not null, and
// a kind that fits the column's type.
func TestContractMatchesSchema(t *testing.T) {
	db := sqltest.Open(t)
	kindFor := map[string]kind{"VARCHAR": kindText, "DECIMAL(18,2)": kindDecimal, "DATE": kindDate, "TIMESTAMP": kindTimestamp, "BOOLEAN": kindBool}
	for _, name := range Tables() {
		var cols []struct {
			Name    string `db:"column_name"`
			Type    string `db:"data_type"`
			NotNull bool   `db:"not_null"`
		}
		err := db.Select(&cols, `select column_name, data_type, is_nullable = 'NO' as not_null
			from information_schema.columns where table_name = $1 order by ordinal_position`, name)
		if err != nil {
			t.Fatal(err)
		}
		tbl := contract[name]
		if len(cols) != len(tbl.Columns) {
			t.Errorf("%s: schema has %d columns, contract %d", name, len(cols), len(tbl.Columns))
			continue
		}
		for i, c := range cols {
			want := tbl.Columns[i]
			if c.Name != want.Name || c.NotNull != want.Required {
				t.Errorf("%s column %d: schema %s (not null %v), contract %s (required %v)", name, i, c.Name, c.NotNull, want.Name, want.Required)
			}
			k := kindFor[c.Type]
			if want.Kind != k && !(want.Kind == kindEnum && k == kindText) {
				t.Errorf("%s.%s: schema type %s, contract kind %s", name, c.Name, c.Type, want.Kind)
			}
		}
	}
}
