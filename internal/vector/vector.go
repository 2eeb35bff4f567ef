// Package vector reads DuckDB data chunks in place, for Go functions that
// DuckDB calls once per chunk: custval's in-process UDFs (package udf, through
// the C API duckdb-go links) and the loadable extension (internal/ext/cshared,
// through the C extension API). Each host fills a Chunk from its own API; the
// memory layout of vectors is the same in both, so the reading is shared.
// Nothing here imports cgo or a driver, so the extension can link it.
package vector

import (
	"math"
	"time"
	"unsafe"
)

// Column is one input vector, read in place: the pointers alias DuckDB's
// memory and are valid only during the call. DuckDB's C API flattens every
// input vector before the call.
type Column struct {
	Data  unsafe.Pointer
	Valid []uint64 // nil: every row valid
	// LIST: the child vector's elements; MAP: its keys.
	Child      unsafe.Pointer
	ChildValid []uint64
	// MAP: the values.
	Values      unsafe.Pointer
	ValuesValid []uint64
}

// Chunk is the input of one call: N rows (up to 2048) of each column.
type Chunk struct {
	N    int
	Cols []Column
}

// Validity is the validity mask at p for n rows; nil (every row valid) when p is nil.
func Validity(p unsafe.Pointer, n int) []uint64 {
	if p == nil {
		return nil
	}
	return unsafe.Slice((*uint64)(p), (n+63)/64)
}

// IsValid reports whether row i is not NULL under mask.
func IsValid(mask []uint64, i int) bool {
	return mask == nil || mask[i>>6]&(1<<(uint(i)&63)) != 0
}

// AnyNull reports whether any column is NULL in row i.
func (c *Chunk) AnyNull(i int) bool {
	for k := range c.Cols {
		if !IsValid(c.Cols[k].Valid, i) {
			return true
		}
	}
	return false
}

// Row is row I of a chunk. The readers follow the NULL conventions of package
// udf's duckdb-go row adapters, so both hosts give the same answers. An
// argument past the chunk's columns (an optional parameter left out) reads as
// NULL.
type Row struct {
	C *Chunk
	I int
}

// Null reports whether argument k is NULL.
func (r Row) Null(k int) bool { return k >= len(r.C.Cols) || !IsValid(r.C.Cols[k].Valid, r.I) }

// Double is a DOUBLE argument; NULL is NaN, which every pure function reads as unknown.
func (r Row) Double(k int) float64 {
	if r.Null(k) {
		return math.NaN()
	}
	return *(*float64)(unsafe.Add(r.C.Cols[k].Data, r.I*8))
}

// BigInt is a BIGINT argument; NULL is 0.
func (r Row) BigInt(k int) int64 {
	if r.Null(k) {
		return 0
	}
	return *(*int64)(unsafe.Add(r.C.Cols[k].Data, r.I*8))
}

// Boolean is a BOOLEAN argument; NULL (not known to be true) is false.
func (r Row) Boolean(k int) bool {
	if r.Null(k) {
		return false
	}
	return *(*uint8)(unsafe.Add(r.C.Cols[k].Data, r.I)) != 0
}

// Timestamp is a TIMESTAMP argument; ok is false for NULL.
func (r Row) Timestamp(k int) (t time.Time, ok bool) {
	if r.Null(k) {
		return time.Time{}, false
	}
	return Micros(*(*int64)(unsafe.Add(r.C.Cols[k].Data, r.I*8))), true
}

// Varchar is a VARCHAR argument; it aliases DuckDB's memory, so callees must
// not keep it (strings.Clone what outlives the call). ok is false for NULL.
func (r Row) Varchar(k int) (s string, ok bool) {
	if r.Null(k) {
		return "", false
	}
	return StringAt(r.C.Cols[k].Data, r.I), true
}

// Interval is an INTERVAL argument (duckdb_interval: int32 months, int32 days,
// int64 micros); ok is false for NULL.
func (r Row) Interval(k int) (months, days int32, micros int64, ok bool) {
	if r.Null(k) {
		return 0, 0, 0, false
	}
	p := unsafe.Add(r.C.Cols[k].Data, r.I*16)
	return *(*int32)(p), *(*int32)(unsafe.Add(p, 4)), *(*int64)(unsafe.Add(p, 8)), true
}

// List is a LIST or MAP argument; ok is false for NULL.
func (r Row) List(k int) (l List, ok bool) {
	if r.Null(k) {
		return List{}, false
	}
	col := &r.C.Cols[k]
	e := unsafe.Slice((*uint64)(unsafe.Add(col.Data, r.I*16)), 2) // duckdb_list_entry: offset, length
	return List{col: col, off: int(e[0]), n: int(e[1])}, true
}

// List is one LIST value: n elements of the column's child vector from off.
// A MAP value is the list of its keys, with the values alongside.
type List struct {
	col *Column
	off int
	n   int
}

// Len is the number of elements.
func (l List) Len() int { return l.n }

// Offset is where the value starts in the child vector: rows with the same
// Offset and Len hold the same value (DuckDB shares one entry for a constant),
// which lets a caller parse a settings MAP once per chunk.
func (l List) Offset() int { return l.off }

// Null reports whether element j (of a MAP: key j) is NULL.
func (l List) Null(j int) bool { return !IsValid(l.col.ChildValid, l.off+j) }

// Str is element j of a VARCHAR[] (or key j of a MAP). It aliases DuckDB's
// memory: callees must not keep it past the call.
func (l List) Str(j int) string { return StringAt(l.col.Child, l.off+j) }

// Time is element j of a TIMESTAMP[].
func (l List) Time(j int) time.Time {
	return Micros(*(*int64)(unsafe.Add(l.col.Child, (l.off+j)*8)))
}

// Value is the value of entry j of a MAP(VARCHAR, DOUBLE); ok is false for NULL.
func (l List) Value(j int) (float64, bool) {
	if !IsValid(l.col.ValuesValid, l.off+j) {
		return 0, false
	}
	return *(*float64)(unsafe.Add(l.col.Values, (l.off+j)*8)), true
}

// Micros converts a DuckDB TIMESTAMP (microseconds since the epoch) exactly as
// duckdb-go does for its row executor.
func Micros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// StringAt reads element i of a VARCHAR vector (duckdb_string_t, 16 bytes: a
// uint32 length, then up to 12 bytes inlined, or a 4-byte prefix and a pointer).
func StringAt(data unsafe.Pointer, i int) string {
	p := unsafe.Add(data, i*16)
	n := *(*uint32)(p)
	if n <= 12 {
		return unsafe.String((*byte)(unsafe.Add(p, 4)), n)
	}
	return unsafe.String(*(**byte)(unsafe.Add(p, 8)), n)
}
