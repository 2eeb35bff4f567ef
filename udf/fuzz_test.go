package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// FuzzFuncs calls every custval function's Eval, as DuckDB would, with
// arguments decoded from the fuzzer's bytes: NULLs, NaN, ±Inf, huge and
// negative numbers, far-away and zero times, empty and long lists, unknown
// names, settings in and out of range, and optional arguments left out.
// Eval must not panic; it returns an error, NULL, or a value in the function's
// documented range (docs/scores/*.md, docs/clv.md).
func FuzzFuncs(f *testing.F) {
	funcs := append(slices.Clone(Funcs()), CLVFuncs()...)
	for i := range funcs {
		f.Add([]byte{byte(i), 0})                                       // all arguments NULL or zero
		f.Add([]byte{byte(i), 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) // odd bytes
		f.Add(append([]byte{byte(i), 1}, slices.Repeat([]byte{3, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0}, 20)...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &fuzzSource{b: data}
		fn := funcs[int(src.byte())%len(funcs)]
		params := fn.Params
		// Leave out trailing optional parameters, as an overload call does.
		for n := int(src.byte()) % 3; n > 0 && len(params) > 0 && params[len(params)-1].Optional; n-- {
			params = params[:len(params)-1]
		}
		args := make([]driver.Value, len(params))
		for i, p := range params {
			args[i] = src.value(t, fn, p)
		}
		got, err := fn.Eval(args)
		if err != nil {
			if msg := err.Error(); msg == "" || msg != strings.ToLower(msg[:1])+msg[1:] {
				t.Fatalf("%s(%v): error %q should be a lowercase sentence", fn.Name, args, msg)
			}
			return
		}
		checkRange(t, fn, args, got)
	})
}

// checkRange asserts the documented range of each function's result.
func checkRange(t *testing.T, fn Func, args []driver.Value, got any) {
	t.Helper()
	if got == nil {
		return // NULL is documented for every function (unknown inputs)
	}
	if fn.Result == "ENUM" {
		if s, ok := got.(string); !ok || !slices.Contains(fn.Values, s) {
			t.Fatalf("%s(%v) = %#v, want one of %v", fn.Name, args, got, fn.Values)
		}
		return
	}
	v, ok := got.(float64)
	if !ok {
		t.Fatalf("%s(%v) = %T, want float64", fn.Name, args, got)
	}
	lo, hi := 0.0, math.MaxFloat64
	switch fn.Name {
	case "satisfaction_index", "loyalty_score":
		hi = 100
	case "clv_p_alive_params", "clv_p_purchase_params":
		hi = 1
	case "clv_value_params":
		lo = -math.MaxFloat64 // a negative discount rate or spend is the caller's to choose
	}
	if math.IsNaN(v) || v < lo || v > hi {
		t.Fatalf("%s(%v) = %v, want a number in [%v, %v]", fn.Name, args, v, lo, hi)
	}
}

// fuzzSource decodes fuzz bytes into argument values; past the end it yields zeros.
type fuzzSource struct{ b []byte }

func (s *fuzzSource) byte() byte {
	if len(s.b) == 0 {
		return 0
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c
}

func (s *fuzzSource) uint64() uint64 {
	var buf [8]byte
	n := copy(buf[:], s.b)
	s.b = s.b[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

// float returns a float64 biased toward the values that break arithmetic.
func (s *fuzzSource) float() float64 {
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 1e300, -1e300, 365, 1e9, math.MaxInt64}
	c := s.byte()
	if int(c) < len(special)*8 {
		return special[int(c)%len(special)]
	}
	return math.Float64frombits(s.uint64())
}

func (s *fuzzSource) int() int64 {
	special := []int64{0, 1, -1, 2, 10, math.MaxInt64, math.MinInt64, 1 << 40}
	c := s.byte()
	if int(c) < len(special)*16 {
		return special[int(c)%len(special)]
	}
	return int64(s.uint64())
}

func (s *fuzzSource) time() time.Time {
	base := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	switch c := s.byte(); c % 8 {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(c))
	case 2:
		return time.Date(294000, 1, 1, 0, 0, 0, 0, time.UTC)
	case 3:
		return time.Date(-4000, 1, 1, 0, 0, 0, 0, time.UTC)
	case 4:
		return base
	default:
		return base.Add(time.Duration(int64(s.uint64()) % (200 * 365 * 24 * int64(time.Hour))))
	}
}

func (s *fuzzSource) text(names []string) string {
	c := s.byte()
	switch {
	case len(names) > 0 && c < 200:
		return names[int(c)%len(names)]
	case len(names) > 0 && c < 230:
		return " " + strings.ToUpper(names[int(c)%len(names)])
	}
	n := int(s.byte()) % 16
	out := make([]byte, 0, n)
	for range n {
		out = append(out, s.byte())
	}
	return string(out)
}

var (
	clvPurchaseTexts = []string{
		`{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`,
		`{"model":"mbgnbd","time_unit":"day","params":{"r":0.5,"alpha":10,"a":0.9,"b":3}}`,
		`{"model":"paretonbd","time_unit":"month","params":{"r":0.55,"alpha":10.58,"s":0.61,"beta":11.67}}`,
		`{"model":"bgnbd","time_unit":"week","params":{"r":1e-300,"alpha":1e300,"a":1e-300,"b":1e300}}`,
		`{"model":"paretonbd","time_unit":"week","params":{"r":1e6,"alpha":1e-6,"s":1e6,"beta":1e-6}}`,
		`{"model":"bgnbd","time_unit":"week","params":{"r":-1,"alpha":1,"a":1,"b":1}}`,
		`{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}`,
		`{"model":"nope"}`, `not json`, ``,
	}
	clvSpendTexts = []string{
		`{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}`,
		`{"model":"gammagamma","time_unit":"week","params":{"p":1e300,"q":1.0000001,"gamma":1e300}}`,
		`{"model":"gammagamma","time_unit":"week","params":{"p":1,"q":0.5,"gamma":1}}`,
		`{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`,
		`{}`,
	}
)

// value decodes one argument of type p.Type; about one in eight is NULL.
func (s *fuzzSource) value(t *testing.T, fn Func, p Param) driver.Value {
	if s.byte()%8 == 0 {
		return nil
	}
	switch p.Type {
	case "DOUBLE":
		return s.float()
	case "BIGINT":
		return s.int()
	case "BOOLEAN":
		return s.byte()%2 == 0
	case "TIMESTAMP":
		return s.time()
	case "INTERVAL":
		return duckdb.Interval{Months: int32(s.uint64()), Days: int32(s.byte()) - 128, Micros: int64(s.uint64()) >> (s.byte() % 64)}
	case "VARCHAR":
		if p.Name == "spend_params" {
			return s.text(clvSpendTexts)
		}
		return s.text(clvPurchaseTexts)
	case "VARCHAR[]", "TIMESTAMP[]":
		var names []string
		if p.Name == "ratings" {
			names = ratingNames[:]
		} else {
			names = kindNames[:]
		}
		pattern := make([]any, int(s.byte())%40)
		for i := range pattern {
			switch {
			case s.byte()%10 == 0:
				pattern[i] = nil
			case p.Type == "VARCHAR[]":
				pattern[i] = s.text(names)
			default:
				pattern[i] = s.time()
			}
		}
		// Long lists repeat the pattern, so a short input can make one.
		list := pattern
		if s.byte()%16 == 0 {
			list = slices.Repeat(pattern, 2500)
		}
		return list
	case "MAP(VARCHAR, DOUBLE)":
		var keys []string
		for _, st := range Settings() {
			if st.Score == fn.Score {
				keys = append(keys, st.Name)
			}
		}
		m := duckdb.OrderedMap{}
		for n := s.byte() % 4; n > 0; n-- {
			var v any = s.float()
			if s.byte()%8 == 0 {
				v = nil
			}
			m.Set(s.text(keys), v)
		}
		return m
	}
	t.Fatalf("%s: no fuzz values for parameter %s %s; add them", fn.Name, p.Name, p.Type)
	return nil
}
