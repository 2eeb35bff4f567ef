package main

// #include <stdlib.h>
// #include "custval_ext.h"
import "C"

import (
	"fmt"
	"math"
	"time"
	"unsafe"
)

// kind is a column or result type; the values match enum custval_kind in custval_ext.h.
type kind int

const (
	kindBoolean   kind = C.CUSTVAL_BOOLEAN
	kindInteger   kind = C.CUSTVAL_INTEGER
	kindBigint    kind = C.CUSTVAL_BIGINT
	kindDouble    kind = C.CUSTVAL_DOUBLE
	kindVarchar   kind = C.CUSTVAL_VARCHAR
	kindTimestamp kind = C.CUSTVAL_TIMESTAMP
	kindDate      kind = C.CUSTVAL_DATE
	kindEnum      kind = C.CUSTVAL_ENUM
	kindInterval  kind = C.CUSTVAL_INTERVAL
	kindSettings  kind = C.CUSTVAL_SETTINGS // MAP(VARCHAR, DOUBLE)
	kindList      kind = C.CUSTVAL_LIST
)

func listOf(k kind) kind { return kindList | k }

func (k kind) isList() bool { return k&kindList != 0 }

// SQL renders k the way DuckDB prints the type, e.g. VARCHAR[].
func (k kind) SQL() string {
	if k.isList() {
		return (k &^ kindList).SQL() + "[]"
	}
	switch k {
	case kindBoolean:
		return "BOOLEAN"
	case kindInteger:
		return "INTEGER"
	case kindBigint:
		return "BIGINT"
	case kindDouble:
		return "DOUBLE"
	case kindVarchar:
		return "VARCHAR"
	case kindTimestamp:
		return "TIMESTAMP"
	case kindDate:
		return "DATE"
	case kindEnum:
		return "ENUM"
	case kindInterval:
		return "INTERVAL"
	case kindSettings:
		return "MAP(VARCHAR, DOUBLE)"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// column is one input vector of a chunk, read in place: the slices alias
// DuckDB's memory and are valid only during the chunk's call.
type column struct {
	data       unsafe.Pointer
	valid      []uint64 // nil: every row valid
	child      unsafe.Pointer
	childValid []uint64 // lists: nil when every element is valid; maps: the keys
	values     unsafe.Pointer
	valueValid []uint64 // maps: nil when every value is valid
}

// chunk is the input of one call: up to 2048 rows.
type chunk struct {
	n    int
	cols []column
}

func validity(p *C.uint64_t, n int) []uint64 {
	if p == nil {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(p)), (n+63)/64)
}

func isValid(mask []uint64, i int) bool {
	return mask == nil || mask[i>>6]&(1<<(uint(i)&63)) != 0
}

func readChunk(input C.duckdb_data_chunk, params []kind) chunk {
	c := chunk{n: int(C.custval_chunk_size(input)), cols: make([]column, len(params))}
	for i, k := range params {
		var cc C.custval_column
		C.custval_read_column(input, C.uint64_t(i), C.int(k), &cc)
		c.cols[i] = column{
			data:       cc.data,
			valid:      validity(cc.validity, c.n),
			child:      cc.child_data,
			childValid: validity(cc.child_validity, int(cc.child_size)),
			values:     cc.value_data,
			valueValid: validity(cc.value_validity, int(cc.child_size)),
		}
	}
	return c
}

// row reads one row's arguments. The NULL conventions are those of package
// udf's duckdb-go adapters, so both hosts give the same answers.
type row struct {
	c *chunk
	i int
	*scratch
}

// null reports whether argument k is NULL; an optional argument left out counts as NULL.
func (r row) null(k int) bool { return k >= len(r.c.cols) || !isValid(r.c.cols[k].valid, r.i) }

// double is argument k as float64; NULL is NaN, which every pure function reads as unknown.
func (r row) double(k int) float64 {
	if r.null(k) {
		return math.NaN()
	}
	return *(*float64)(unsafe.Add(r.c.cols[k].data, r.i*8))
}

// bigint is argument k; NULL is 0.
func (r row) bigint(k int) int64 {
	if r.null(k) {
		return 0
	}
	return *(*int64)(unsafe.Add(r.c.cols[k].data, r.i*8))
}

// boolean is argument k; NULL (not known to be true) is false.
func (r row) boolean(k int) bool {
	if r.null(k) {
		return false
	}
	return *(*uint8)(unsafe.Add(r.c.cols[k].data, r.i)) != 0
}

// timestamp is argument k; ok is false for NULL.
func (r row) timestamp(k int) (t time.Time, ok bool) {
	if r.null(k) {
		return time.Time{}, false
	}
	return micros(*(*int64)(unsafe.Add(r.c.cols[k].data, r.i*8))), true
}

// varchar is argument k; it aliases DuckDB's memory, so callees must not keep
// it (strings.Clone what outlives the chunk). ok is false for NULL.
func (r row) varchar(k int) (s string, ok bool) {
	if r.null(k) {
		return "", false
	}
	return stringAt(r.c.cols[k].data, r.i), true
}

// interval is argument k, a DuckDB INTERVAL (duckdb_interval: months, days, micros); ok is false for NULL.
func (r row) interval(k int) (months, days int32, micros int64, ok bool) {
	if r.null(k) {
		return 0, 0, 0, false
	}
	iv := (*C.duckdb_interval)(unsafe.Add(r.c.cols[k].data, uintptr(r.i)*unsafe.Sizeof(C.duckdb_interval{})))
	return int32(iv.months), int32(iv.days), int64(iv.micros), true
}

// micros converts a DuckDB TIMESTAMP as duckdb-go does.
func micros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// list is argument k, a LIST; ok is false for NULL.
func (r row) list(k int) (l list, ok bool) {
	if r.null(k) {
		return list{}, false
	}
	col := &r.c.cols[k]
	e := (*C.duckdb_list_entry)(unsafe.Add(col.data, uintptr(r.i)*unsafe.Sizeof(C.duckdb_list_entry{})))
	return list{col: col, off: int(e.offset), n: int(e.length)}, true
}

// entries is argument k, a MAP, as its entries; ok is false for NULL.
func (r row) entries(k int) (l list, ok bool) { return r.list(k) }

// list is one LIST value: n elements of the column's child vector from off.
// A MAP value is read as the list of its keys, with its values alongside.
type list struct {
	col *column
	off int
	n   int
}

func (l list) len() int { return l.n }

func (l list) null(j int) bool { return !isValid(l.col.childValid, l.off+j) }

// str is element j of a VARCHAR[]; it aliases DuckDB's memory, so callees must not keep it.
func (l list) str(j int) string { return stringAt(l.col.child, l.off+j) }

// value is the value of entry j of a MAP(VARCHAR, DOUBLE); ok is false for NULL.
func (l list) value(j int) (float64, bool) {
	if !isValid(l.col.valueValid, l.off+j) {
		return 0, false
	}
	return *(*float64)(unsafe.Add(l.col.values, (l.off+j)*8)), true
}

// time is element j of a TIMESTAMP[].
func (l list) time(j int) time.Time {
	return micros(*(*int64)(unsafe.Add(l.col.child, (l.off+j)*8)))
}

// stringAt reads element i of a VARCHAR vector (duckdb_string_t, 16 bytes):
// up to 12 bytes are inlined after the length, longer strings are pointed to.
func stringAt(data unsafe.Pointer, i int) string {
	p := unsafe.Add(data, i*16)
	n := *(*uint32)(p)
	if n <= 12 {
		return unsafe.String((*byte)(unsafe.Add(p, 4)), n)
	}
	return unsafe.String(*(**byte)(unsafe.Add(p, 8)), n)
}

//export custvalScalarChunk
func custvalScalarChunk(id C.uintptr_t, info C.duckdb_function_info, input C.duckdb_data_chunk, output C.duckdb_vector) {
	f := &functions[id]
	// A panic must not unwind into DuckDB's C++ frames: report it as the query's error.
	defer func() {
		if p := recover(); p != nil {
			setError(info, fmt.Errorf("%s: internal error: %v", f.name, p))
		}
	}()
	if err := f.run(readChunk(input, f.params), output); err != nil {
		setError(info, err)
	}
}

func setError(info C.duckdb_function_info, err error) {
	msg := C.CString(err.Error())
	C.custval_set_error(info, msg)
	C.free(unsafe.Pointer(msg))
}

// run evaluates one chunk and writes the results into out in place.
func (f *function) run(in chunk, out C.duckdb_vector) error {
	var outValid []uint64
	setNull := func(i int) {
		if outValid == nil {
			outValid = validity(C.custval_output_validity(out), in.n)
		}
		outValid[i>>6] &^= 1 << (uint(i) & 63)
	}
	r := row{c: &in, scratch: new(scratch)}
	// DuckDB's default NULL handling: a NULL argument gives NULL without a call.
	anyNull := func(i int) bool {
		for k := range in.cols {
			if !isValid(in.cols[k].valid, i) {
				return true
			}
		}
		return false
	}
	switch f.result {
	case kindDouble:
		res := unsafe.Slice((*float64)(C.custval_output_data(out)), in.n)
		for r.i = 0; r.i < in.n; r.i++ {
			if f.defaultNulls && anyNull(r.i) {
				setNull(r.i)
				continue
			}
			v, ok, err := f.number(r)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			if !ok {
				setNull(r.i)
				continue
			}
			res[r.i] = v
		}
	case kindEnum:
		// An ENUM of under 256 values is stored as UTINYINT codes: no string is copied.
		res := unsafe.Slice((*uint8)(C.custval_output_data(out)), in.n)
		for r.i = 0; r.i < in.n; r.i++ {
			if f.defaultNulls && anyNull(r.i) {
				setNull(r.i)
				continue
			}
			s, ok, err := f.text(r)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			if !ok {
				setNull(r.i)
				continue
			}
			c, found := f.code(s)
			if !found {
				return fmt.Errorf("%s: result %q is not one of its values %q", f.name, s, f.values)
			}
			res[r.i] = c
		}
	default:
		return fmt.Errorf("%s: result type %s is not supported", f.name, f.result.SQL())
	}
	return nil
}

// code finds s among the function's ENUM values.
func (f *function) code(s string) (uint8, bool) {
	for i, l := range f.values {
		if l == s {
			return uint8(i), true
		}
	}
	return 0, false
}
