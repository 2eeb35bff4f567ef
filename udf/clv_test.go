package udf

import (
	"context"
	"database/sql"
	"testing"
)

// The CLV functions have no name a stock DuckDB already uses.
func TestCLVFuncNames(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range CLVFuncs() {
		var n int
		if err := db.QueryRowContext(context.Background(),
			`select count(*) from duckdb_functions() where function_name = $1`, f.Name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s collides with a DuckDB built-in", f.Name)
		}
	}
}
