package main

// #include <stdlib.h>
// #include "custval_ext.h"
import "C"

import (
	"fmt"
	"unsafe"

	"github.com/custval/custval/internal/vector"
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

// validity is the validity mask at p for n rows; nil when every row is valid.
func validity(p *C.uint64_t, n int) []uint64 { return vector.Validity(unsafe.Pointer(p), n) }

// readChunk points a vector.Chunk at the input vectors, in place.
func readChunk(input C.duckdb_data_chunk, params []kind) vector.Chunk {
	c := vector.Chunk{N: int(C.custval_chunk_size(input)), Cols: make([]vector.Column, len(params))}
	for i, k := range params {
		var cc C.custval_column
		C.custval_read_column(input, C.uint64_t(i), C.int(k), &cc)
		c.Cols[i] = vector.Column{
			Data:        cc.data,
			Valid:       validity(cc.validity, c.N),
			Child:       cc.child_data,
			ChildValid:  validity(cc.child_validity, int(cc.child_size)),
			Values:      cc.value_data,
			ValuesValid: validity(cc.value_validity, int(cc.child_size)),
		}
	}
	return c
}

// row is one row of a chunk, read with the NULL conventions of package udf's
// duckdb-go adapters (package vector), so both hosts give the same answers,
// and the chunk's scratch buffers.
type row struct {
	vector.Row
	*scratch
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
func (f *function) run(in vector.Chunk, out C.duckdb_vector) error {
	var outValid []uint64
	setNull := func(i int) {
		if outValid == nil {
			outValid = validity(C.custval_output_validity(out), in.N)
		}
		outValid[i>>6] &^= 1 << (uint(i) & 63)
	}
	r := row{Row: vector.Row{C: &in}, scratch: new(scratch)}
	// DuckDB's default NULL handling: a NULL argument gives NULL without a call.
	anyNull := in.AnyNull
	switch f.result {
	case kindDouble:
		res := unsafe.Slice((*float64)(C.custval_output_data(out)), in.N)
		for r.I = 0; r.I < in.N; r.I++ {
			if f.defaultNulls && anyNull(r.I) {
				setNull(r.I)
				continue
			}
			v, ok, err := f.number(r)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			if !ok {
				setNull(r.I)
				continue
			}
			res[r.I] = v
		}
	case kindEnum:
		// An ENUM of under 256 values is stored as UTINYINT codes: no string is copied.
		res := unsafe.Slice((*uint8)(C.custval_output_data(out)), in.N)
		for r.I = 0; r.I < in.N; r.I++ {
			if f.defaultNulls && anyNull(r.I) {
				setNull(r.I)
				continue
			}
			s, ok, err := f.text(r)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			if !ok {
				setNull(r.I)
				continue
			}
			c, found := f.code(s)
			if !found {
				return fmt.Errorf("%s: result %q is not one of its values %q", f.name, s, f.values)
			}
			res[r.I] = c
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
