package vector

import (
	"encoding/binary"
	"math"
	"testing"
	"time"
	"unsafe"
)

// duckString lays s out as a duckdb_string_t: inlined up to 12 bytes, else a
// prefix and a pointer to keep (the caller holds keep alive).
func duckString(s string, keep *[][]byte) [16]byte {
	var b [16]byte
	binary.LittleEndian.PutUint32(b[:4], uint32(len(s)))
	if len(s) <= 12 {
		copy(b[4:], s)
		return b
	}
	copy(b[4:8], s)
	heap := []byte(s)
	*keep = append(*keep, heap)
	*(*uintptr)(unsafe.Pointer(&b[8])) = uintptr(unsafe.Pointer(&heap[0]))
	return b
}

func TestReaders(t *testing.T) {
	var keep [][]byte
	doubles := []float64{1.5, 0, -2}
	bigints := []int64{7, 0, math.MinInt64}
	bools := []uint8{1, 0, 1}
	stamps := []int64{0, 1_700_000_000_000_000, -1}
	strs := [][16]byte{duckString("short", &keep), duckString("exactly12byt", &keep), duckString("longer than twelve bytes", &keep)}
	intervals := [][16]byte{}
	for _, iv := range []struct {
		months, days int32
		micros       int64
	}{{12, 0, 0}, {0, -3, 5}, {1, 2, 3}} {
		var b [16]byte
		binary.LittleEndian.PutUint32(b[0:], uint32(iv.months))
		binary.LittleEndian.PutUint32(b[4:], uint32(iv.days))
		binary.LittleEndian.PutUint64(b[8:], uint64(iv.micros))
		intervals = append(intervals, b)
	}
	// A MAP column: row 0 has entries 0..1, row 1 is NULL, row 2 shares row 0's entries.
	entries := [][2]uint64{{0, 2}, {0, 0}, {0, 2}}
	keys := [][16]byte{duckString("a", &keep), duckString("b", &keep)}
	values := []float64{0.5, 9}
	valid := []uint64{0b101} // row 1 NULL
	valuesValid := []uint64{0b01}

	c := &Chunk{N: 3, Cols: []Column{
		{Data: unsafe.Pointer(&doubles[0]), Valid: valid},
		{Data: unsafe.Pointer(&bigints[0]), Valid: valid},
		{Data: unsafe.Pointer(&bools[0]), Valid: valid},
		{Data: unsafe.Pointer(&stamps[0]), Valid: valid},
		{Data: unsafe.Pointer(&strs[0])},
		{Data: unsafe.Pointer(&intervals[0])},
		{Data: unsafe.Pointer(&entries[0]), Valid: valid, Child: unsafe.Pointer(&keys[0]),
			Values: unsafe.Pointer(&values[0]), ValuesValid: valuesValid},
	}}

	r0, r1, r2 := Row{C: c, I: 0}, Row{C: c, I: 1}, Row{C: c, I: 2}
	if got := r0.Double(0); got != 1.5 {
		t.Errorf("Double row 0 = %v, want 1.5", got)
	}
	if got := r1.Double(0); !math.IsNaN(got) {
		t.Errorf("Double of NULL = %v, want NaN", got)
	}
	if got := r2.BigInt(1); got != math.MinInt64 {
		t.Errorf("BigInt row 2 = %v", got)
	}
	if r1.BigInt(1) != 0 || r1.Boolean(2) || !r2.Boolean(2) {
		t.Error("NULL BIGINT must read 0 and NULL BOOLEAN false; row 2 BOOLEAN is true")
	}
	if ts, ok := r2.Timestamp(3); !ok || !ts.Equal(time.UnixMicro(-1)) || ts.Location() != time.UTC {
		t.Errorf("Timestamp row 2 = %v, %v, want one microsecond before the epoch in UTC", ts, ok)
	}
	if _, ok := r1.Timestamp(3); ok {
		t.Error("Timestamp of NULL: ok")
	}
	for i, want := range []string{"short", "exactly12byt", "longer than twelve bytes"} {
		if got, ok := (Row{C: c, I: i}).Varchar(4); !ok || got != want {
			t.Errorf("Varchar row %d = %q, %v, want %q", i, got, ok, want)
		}
	}
	if m, d, us, ok := r1.Interval(5); !ok || m != 0 || d != -3 || us != 5 {
		t.Errorf("Interval row 1 = %d, %d, %d, %v", m, d, us, ok)
	}
	if !r0.Null(7) {
		t.Error("an argument past the chunk's columns must read as NULL")
	}
	if !c.AnyNull(1) || c.AnyNull(0) {
		t.Error("AnyNull: row 1 has NULLs, row 0 none")
	}

	l0, ok := r0.List(6)
	if !ok || l0.Len() != 2 || l0.Str(0) != "a" || l0.Str(1) != "b" || l0.Null(0) {
		t.Fatalf("List row 0 = %+v, %v", l0, ok)
	}
	if v, ok := l0.Value(0); !ok || v != 0.5 {
		t.Errorf("Value 0 = %v, %v, want 0.5", v, ok)
	}
	if _, ok := l0.Value(1); ok {
		t.Error("Value 1 is NULL in the values mask")
	}
	if _, ok := r1.List(6); ok {
		t.Error("List of NULL: ok")
	}
	if l2, _ := r2.List(6); l2.Offset() != l0.Offset() || l2.Len() != l0.Len() {
		t.Error("rows sharing an entry must report the same Offset and Len")
	}
}

func TestValidity(t *testing.T) {
	if Validity(nil, 100) != nil {
		t.Error("a nil mask means every row valid")
	}
	words := []uint64{0, ^uint64(0)}
	m := Validity(unsafe.Pointer(&words[0]), 65)
	if len(m) != 2 || IsValid(m, 0) || !IsValid(m, 64) {
		t.Errorf("mask %v: row 0 NULL, row 64 valid", m)
	}
}
