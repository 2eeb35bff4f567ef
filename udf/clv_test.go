package udf

import (
	"context"
	"database/sql"
	"testing"
)

// The CLV functions have no name a stock DuckDB already uses, and each parses a params text once.
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

func TestCLVModelCache(t *testing.T) {
	text := `{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`
	m1, err := parseCLVModel(text, false)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := parseCLVModel(text, false)
	if err != nil {
		t.Fatal(err)
	}
	if m1 != m2 {
		t.Errorf("the same params text was parsed twice")
	}
	if _, err := parseCLVModel(text, true); err == nil {
		t.Errorf("a bgnbd params text parsed as a spend model")
	}
}
