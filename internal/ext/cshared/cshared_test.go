package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/custval/custval/udf"
)

func TestRefusesUnsupportedCAPI(t *testing.T) {
	got := loadIntoUnsupportedDuckDB()
	for _, want := range []string{"custval extension", "v1.2.0", "DuckDB 1.2 or newer"} {
		if !strings.Contains(got, want) {
			t.Errorf("loading into a DuckDB without the C API v1.2.0 reported %q, want it to mention %q", got, want)
		}
	}
}

// udfOverloads lists the overloads package udf registers through duckdb-go,
// by signature, with the values of an ENUM result; settings MAP overloads are
// left out (not offered yet).
func udfOverloads(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range append(udf.Funcs(), udf.CLVFuncs()...) {
		for n := range len(f.Params) + 1 {
			if n < len(f.Params) && !f.Params[n].Optional {
				continue
			}
			types := make([]string, n)
			settings := false
			for i, p := range f.Params[:n] {
				types[i] = p.Type
				settings = settings || strings.HasPrefix(p.Type, "MAP(")
			}
			if !settings {
				out[fmt.Sprintf("%s(%s) -> %s", f.Name, strings.Join(types, ", "), f.Result)] = f.Values
			}
		}
	}
	return out
}

func TestFunctionsMatchUDF(t *testing.T) {
	want := udfOverloads(t)
	got := map[string]bool{}
	for _, f := range functions {
		sig := f.signature()
		got[sig] = true
		values, ok := want[sig]
		if !ok {
			t.Errorf("extension offers %s, which package udf does not", sig)
			continue
		}
		if !slices.Equal(f.values, values) {
			t.Errorf("%s: extension's values are %q, package udf's %q (same order needed: it is the ENUM's)", sig, f.values, values)
		}
		if (f.result == kindDouble) != (f.number != nil) || (f.result == kindEnum) != (f.text != nil) {
			t.Errorf("%s: evaluator does not match the result type", sig)
		}
		// udf registers the CLV functions with DuckDB's default NULL handling, the scores with special handling.
		if f.defaultNulls != strings.HasPrefix(f.name, "clv_") {
			t.Errorf("%s: defaultNulls = %v, want %v as in package udf", sig, f.defaultNulls, !f.defaultNulls)
		}
	}
	for sig := range want {
		if !got[sig] {
			t.Errorf("package udf offers %s, the extension does not", sig)
		}
	}
}

func TestSessionSQL(t *testing.T) {
	stmts, err := sessionSQL()
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) == 0 {
		t.Fatal("no session SQL: the load hook would create nothing")
	}
	for _, s := range stmts {
		if strings.TrimSpace(s.text) == "" {
			t.Errorf("%s is empty", s.name)
		}
	}
}
