package udf

import (
	"encoding/binary"
	"math"
	"testing"
	"unsafe"

	"github.com/custval/custval/internal/vector"
)

// TestSettingsArg reads a MAP(VARCHAR, DOUBLE) column laid out as DuckDB
// passes it: a list entry (offset, length) per row into shared key and value
// vectors.
func TestSettingsArg(t *testing.T) {
	names := []string{"new_days", "lost_ratio", "lost_ratio", "new_days", "newdays", "new_days", "lapsed_ratio"}
	values := []float64{30, 0, 7, 10, 1, 1e9, math.NaN()}
	valuesValid := []uint64{0b1111101} // entry 1's value is NULL
	keys := make([][16]byte, len(names))
	for i, n := range names { // duckdb_string_t, inlined: every name is at most 12 bytes
		binary.LittleEndian.PutUint32(keys[i][:4], uint32(copy(keys[i][4:], n)))
	}
	entries := [][2]uint64{
		{0, 2}, // new_days 30, lost_ratio NULL
		{0, 2}, // the same MAP: read from the cache
		{0, 0}, // NULL
		{2, 2}, // lost_ratio 7, new_days 10
		{4, 2}, // an unknown name, then a value out of range: the first error wins
		{6, 1}, // NaN
		{7, 0}, // MAP {}
	}
	c := &vector.Chunk{N: len(entries), Cols: []vector.Column{{
		Data: unsafe.Pointer(&entries[0]), Valid: []uint64{0b1111011},
		Child: unsafe.Pointer(&keys[0]), Values: unsafe.Pointer(&values[0]), ValuesValid: valuesValid,
	}}}
	def := DefaultLifecycleParams()
	var cache SettingsCache
	get := func(i, k int) (*LifecycleParams, error) { return SettingsArg(&cache, vector.Row{C: c, I: i}, k, &def) }

	want0 := def
	want0.NewDays = 30
	row0, err := get(0, 0)
	if err != nil || *row0 != want0 {
		t.Fatalf("row 0 = %+v, %v; want %+v", row0, err, want0)
	}
	if row1, err := get(1, 0); err != nil || row1 != row0 {
		t.Errorf("row 1 (row 0's entries) = %p, %v; want row 0's params %p", row1, err, row0)
	}
	for _, tt := range []struct{ i, k int }{{2, 0}, {0, 1}} {
		if p, err := get(tt.i, tt.k); err != nil || p != &def {
			t.Errorf("row %d argument %d (NULL or left out) = %p, %v; want the defaults %p", tt.i, tt.k, p, err, &def)
		}
	}
	want3 := def
	want3.LostRatio, want3.NewDays = 7, 10
	if row3, err := get(3, 0); err != nil || *row3 != want3 {
		t.Errorf("row 3 = %+v, %v; want %+v", row3, err, want3)
	}
	if *row0 != want0 || def != DefaultLifecycleParams() {
		t.Errorf("reading row 3 changed row 0's params (%+v) or the defaults (%+v)", *row0, def)
	}
	for _, tt := range []struct {
		i    int
		want string
	}{
		{4, `unknown setting "newdays"; known: at_risk_ratio, lapsed_ratio, lost_ratio, min_interval_days, min_orders_for_rhythm, new_days, norm_days`},
		{5, "setting out of range: lapsed_ratio = NaN, want 0..1e+06"},
	} {
		if p, err := get(tt.i, 0); err == nil || err.Error() != tt.want {
			t.Errorf("row %d = %+v, %v; want error %q", tt.i, p, err, tt.want)
		}
	}
	if p, err := get(6, 0); err != nil || p == &def || *p != def {
		t.Errorf("row 6 (MAP {}) = %p %+v, %v; want a copy of the defaults", p, p, err)
	}

	// A cache holds one params type: another score reading the same entries parses them anew.
	value := DefaultValueParams()
	if p, err := SettingsArg(&cache, vector.Row{C: c, I: 6}, 0, &value); err != nil || p == &value || *p != value {
		t.Errorf("value settings from the cached lifecycle MAP {} = %p %+v, %v; want a copy of the value defaults", p, p, err)
	}
}
