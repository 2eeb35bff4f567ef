package render

import (
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

func TestAppendText(t *testing.T) {
	ts := time.Date(2026, 6, 30, 12, 34, 56, 500000000, time.UTC)
	tests := []struct {
		name string
		v    any
		typ  string
		want string
	}{
		{"decimal keeps its scale", duckdb.Decimal{Width: 18, Scale: 2, Value: big.NewInt(1250)}, "DECIMAL(18,2)", "12.50"},
		{"small negative decimal", duckdb.Decimal{Width: 4, Scale: 2, Value: big.NewInt(-5)}, "DECIMAL(4,2)", "-0.05"},
		{"zero decimal", duckdb.Decimal{Width: 4, Scale: 2, Value: big.NewInt(0)}, "DECIMAL(4,2)", "0.00"},
		{"integral decimal", duckdb.Decimal{Width: 4, Scale: 0, Value: big.NewInt(-7)}, "DECIMAL(4,0)", "-7"},
		{"double", 2.25, "DOUBLE", "2.25"},
		{"integral double", 3.0, "DOUBLE", "3.0"},
		{"large double", 1e16, "DOUBLE", "1e+16"},
		{"below 1e16", 1e15, "DOUBLE", "1000000000000000.0"},
		{"tiny double", 0.00001, "DOUBLE", "1e-05"},
		{"nan", math.NaN(), "DOUBLE", "nan"},
		{"float32", float32(0.1), "FLOAT", "0.1"},
		{"hugeint", new(big.Int).Lsh(big.NewInt(1), 100), "HUGEINT", "1267650600228229401496703205376"},
		{"date", time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), "DATE", "2026-06-30"},
		{"timestamp", ts, "TIMESTAMP", "2026-06-30 12:34:56.5"},
		{"timestamptz", ts, "TIMESTAMPTZ", "2026-06-30 12:34:56.5+00"},
		{"timestamp_ns", ts.Add(123), "TIMESTAMP_NS", "2026-06-30 12:34:56.500000123"},
		{"time", time.Date(1, 1, 1, 1, 2, 3, 100000, time.UTC), "TIME", "01:02:03.0001"},
		{"timetz", time.Date(1, 1, 1, 12, 34, 56, 0, time.FixedZone("", 2*3600+1800)), "TIMETZ", "12:34:56+02:30"},
		{"interval", duckdb.Interval{Months: 14, Days: 3, Micros: 14706789000}, "INTERVAL", "1 year 2 months 3 days 04:05:06.789"},
		{"negative interval", duckdb.Interval{Months: -14, Days: -3, Micros: -5400e6}, "INTERVAL", "-1 year -2 months -3 days -01:30:00"},
		{"zero interval", duckdb.Interval{}, "INTERVAL", "00:00:00"},
		{"one day", duckdb.Interval{Days: 1}, "INTERVAL", "1 day"},
		{"uuid", []byte{0x55, 0x0e, 0x84, 0, 0xe2, 0x9b, 0x41, 0xd4, 0xa7, 0x16, 0x44, 0x66, 0x55, 0x44, 0, 0}, "UUID", "550e8400-e29b-41d4-a716-446655440000"},
		{"blob", []byte{0xAA, 0, 'a', '\\', '"'}, "BLOB", `\xAA\x00a\x5C\x22`},
		{"list of dates", []any{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), nil}, "DATE[]", "[2026-01-01, NULL]"},
		{"list quoting", []any{"a,b", "it's", "", "NULL", "plain text"}, "VARCHAR[]", `['a,b', 'it\'s', '', 'NULL', plain text]`},
		{"struct in declared order", map[string]any{"z": int32(1), "a": "x y"}, `STRUCT("z" INTEGER, "a" VARCHAR)`, "{'z': 1, 'a': x y}"},
		{"struct of unknown type sorts keys", map[string]any{"z": int32(1), "a": "x"}, "", "{'a': x, 'z': 1}"},
		{"union", duckdb.Union{Tag: "d", Value: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}, `UNION("n" INTEGER, "d" DATE)`, "2026-01-02"},
		{"json", map[string]any{"b": 1.0, "a": []any{"<x>"}}, "JSON", `{"a":["<x>"],"b":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendText(nil, tt.v, parseType(tt.typ), false)); got != tt.want {
				t.Errorf("appendText(%#v, %s) = %s, want %s", tt.v, tt.typ, got, tt.want)
			}
		})
	}
}

func TestAppendJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"重要", `"重要"`},
		{"q\"b\\n\n\t\x01", `"q\"b\\n\n\t\u0001"`},
		{"<&>", `"<&>"`},
		{"bad\xffutf8", `"bad\ufffdutf8"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseType(t *testing.T) {
	st := parseType(`STRUCT("name" VARCHAR, "when" TIMESTAMP WITH TIME ZONE, "tags" VARCHAR[], "q""x" DECIMAL(10,2))[]`)
	if st.base != "LIST" || st.elem.base != "STRUCT" {
		t.Fatalf("parse list of struct: %+v", st)
	}
	var got []string
	for _, f := range st.elem.fields {
		got = append(got, f.name+":"+f.typ.base)
	}
	want := []string{"name:VARCHAR", "when:TIMESTAMPTZ", "tags:LIST", `q"x:DECIMAL`}
	if len(got) != len(want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("field %d = %s, want %s", i, got[i], want[i])
		}
	}
	m := parseType("MAP(VARCHAR, DATE)")
	if m.base != "MAP" || m.key.base != "VARCHAR" || m.value.base != "DATE" {
		t.Errorf("parse MAP(VARCHAR, DATE) = %+v", m)
	}
	if a := parseType("INTEGER[3][]"); a.base != "LIST" || a.elem.base != "ARRAY" || a.elem.elem.base != "INTEGER" {
		t.Errorf("parse INTEGER[3][] = %+v", a)
	}
}
