package udf

/*
void custvalUDFChunk(void *, void *, void *);
typedef void (*custval_udf_chunk_t)(void *, void *, void *);
void custvalUDFDelete(void *);
typedef void (*custval_udf_delete_t)(void *);
*/
import "C"

import (
	"fmt"
	"runtime"
	"runtime/cgo"
	"unsafe"

	"github.com/duckdb/duckdb-go/v2/mapping"

	"github.com/custval/custval/internal/vector"
)

// The vectorized executor registers each function through the DuckDB C API
// that duckdb-go links, with a Go callback that DuckDB calls once per chunk
// (up to 2048 rows). The callback reads the input vectors in place and writes
// the results into the output vector: no value is boxed, and there is one cgo
// crossing per chunk instead of several per row. The per-function code is in
// vector_funcs.go; it reads arguments with the same NULL conventions as the
// row adapters (adapters.go), which parity_test.go checks.

// vectorFunc evaluates one chunk of rows of one overload, writing out in place.
type vectorFunc func(in *vector.Chunk, out *result) error

// colKind is how a parameter's vector is laid out.
type colKind int

const (
	colScalar colKind = iota // fixed-size values: DOUBLE, BIGINT, BOOLEAN, TIMESTAMP, INTERVAL, VARCHAR (duckdb_string_t)
	colList                  // duckdb_list_entry per row, elements in the child vector
	colMap                   // a list of STRUCT(key, value)
)

// overload is what the callback needs to run one registered overload.
type overload struct {
	name  string
	kinds []colKind
	eval  vectorFunc
}

// pinnedOverload keeps an overload reachable from DuckDB's extra info: a
// pinned cgo.Handle, released by the delete callback when DuckDB drops the function.
type pinnedOverload struct {
	pinner *runtime.Pinner
	o      *overload
}

// registerVector registers every arity of f under name as one function set on raw.
func registerVector(raw mapping.Connection, name string, f Func) error {
	if f.vectorized == nil {
		return fmt.Errorf("register udf %s: no vectorized implementation", name)
	}
	set := mapping.CreateScalarFunctionSet(name)
	defer mapping.DestroyScalarFunctionSet(&set)
	for _, n := range f.arities() {
		fn, err := newVectorFunction(name, f, n)
		if err != nil {
			return fmt.Errorf("register udf %s: %w", name, err)
		}
		state := mapping.AddScalarFunctionToSet(set, fn)
		mapping.DestroyScalarFunction(&fn)
		if state == mapping.StateError {
			return fmt.Errorf("register udf %s: duckdb refused the overload with %d parameters", name, n)
		}
	}
	if mapping.RegisterScalarFunctionSet(raw, set) == mapping.StateError {
		return fmt.Errorf("register udf %s: duckdb refused the function set (is the name taken?)", name)
	}
	return nil
}

// newVectorFunction builds the overload of f with its first n parameters.
func newVectorFunction(name string, f Func, n int) (mapping.ScalarFunction, error) {
	fn := mapping.CreateScalarFunction()
	mapping.ScalarFunctionSetName(fn, name)
	o := &overload{name: f.Name, eval: f.vectorized}
	for _, p := range f.Params[:n] {
		t, kind, err := logicalType(p.Type)
		if err != nil {
			mapping.DestroyScalarFunction(&fn)
			return fn, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		mapping.ScalarFunctionAddParameter(fn, t)
		mapping.DestroyLogicalType(&t)
		o.kinds = append(o.kinds, kind)
	}
	var result mapping.LogicalType
	if f.Result == "ENUM" {
		result = mapping.CreateEnumType(f.Values)
		// Results are written as one-byte codes (result.setCode).
		if it := mapping.EnumInternalType(result); it != mapping.TypeUTinyInt {
			mapping.DestroyLogicalType(&result)
			mapping.DestroyScalarFunction(&fn)
			return fn, fmt.Errorf("result: ENUM stored as type %d, want UTINYINT", it)
		}
	} else {
		var err error
		if result, _, err = logicalType(f.Result); err != nil {
			mapping.DestroyScalarFunction(&fn)
			return fn, fmt.Errorf("result: %w", err)
		}
	}
	mapping.ScalarFunctionSetReturnType(fn, result)
	mapping.DestroyLogicalType(&result)
	if !f.nullInNullOut {
		// Every score documents its own NULL handling (e.g. NULL list -> 'unknown'),
		// also for a NULL constant, which DuckDB would otherwise fold to NULL at
		// plan time. Either way DuckDB's C API calls the function on the NULL rows
		// of a vector: clvVector makes those NULL itself.
		mapping.ScalarFunctionSetSpecialHandling(fn)
	}
	mapping.ScalarFunctionSetFunction(fn, unsafe.Pointer(C.custval_udf_chunk_t(C.custvalUDFChunk)))

	p := pinnedOverload{pinner: &runtime.Pinner{}, o: o}
	h := new(cgo.Handle)
	*h = cgo.NewHandle(p)
	p.pinner.Pin(h)
	mapping.ScalarFunctionSetExtraInfo(fn, unsafe.Pointer(h), unsafe.Pointer(C.custval_udf_delete_t(C.custvalUDFDelete)))
	return fn, nil
}

// logicalType maps the printed types of Param.Type to DuckDB logical types;
// the caller destroys the result.
func logicalType(name string) (mapping.LogicalType, colKind, error) {
	switch name {
	case "DOUBLE":
		return mapping.CreateLogicalType(mapping.TypeDouble), colScalar, nil
	case "BIGINT":
		return mapping.CreateLogicalType(mapping.TypeBigInt), colScalar, nil
	case "BOOLEAN":
		return mapping.CreateLogicalType(mapping.TypeBoolean), colScalar, nil
	case "TIMESTAMP":
		return mapping.CreateLogicalType(mapping.TypeTimestamp), colScalar, nil
	case "VARCHAR":
		return mapping.CreateLogicalType(mapping.TypeVarchar), colScalar, nil
	case "INTERVAL":
		return mapping.CreateLogicalType(mapping.TypeInterval), colScalar, nil
	case "VARCHAR[]", "TIMESTAMP[]":
		child, _, err := logicalType(name[:len(name)-2])
		if err != nil {
			return mapping.LogicalType{}, 0, err
		}
		defer mapping.DestroyLogicalType(&child)
		return mapping.CreateListType(child), colList, nil
	case "MAP(VARCHAR, DOUBLE)":
		k := mapping.CreateLogicalType(mapping.TypeVarchar)
		defer mapping.DestroyLogicalType(&k)
		v := mapping.CreateLogicalType(mapping.TypeDouble)
		defer mapping.DestroyLogicalType(&v)
		return mapping.CreateMapType(k, v), colMap, nil
	}
	return mapping.LogicalType{}, 0, fmt.Errorf("unsupported type %s", name)
}

//export custvalUDFChunk
func custvalUDFChunk(info, input, output unsafe.Pointer) {
	fi := mapping.FunctionInfo{Ptr: info}
	o := (*cgo.Handle)(mapping.ScalarFunctionGetExtraInfo(fi)).Value().(pinnedOverload).o
	// A panic must not unwind into DuckDB's C++ frames: it becomes the query's error.
	defer func() {
		if p := recover(); p != nil {
			mapping.ScalarFunctionSetError(fi, fmt.Sprintf("%s: internal error: %v", o.name, p))
		}
	}()
	in := readChunk(mapping.DataChunk{Ptr: input}, o.kinds)
	out := newResult(mapping.Vector{Ptr: output}, in.N)
	if err := o.eval(&in, &out); err != nil {
		mapping.ScalarFunctionSetError(fi, fmt.Sprintf("%s: %v", o.name, err))
	}
}

//export custvalUDFDelete
func custvalUDFDelete(extra unsafe.Pointer) {
	h := (*cgo.Handle)(extra)
	p := h.Value().(pinnedOverload)
	h.Delete()
	p.pinner.Unpin()
}

// readChunk points a vector.Chunk at the input vectors, in place.
func readChunk(input mapping.DataChunk, kinds []colKind) vector.Chunk {
	c := vector.Chunk{N: int(mapping.DataChunkGetSize(input)), Cols: make([]vector.Column, len(kinds))}
	for k, kind := range kinds {
		vec := mapping.DataChunkGetVector(input, mapping.IdxT(k))
		col := vector.Column{Data: mapping.VectorGetData(vec), Valid: vector.Validity(mapping.VectorGetValidity(vec), c.N)}
		if kind != colScalar {
			child := mapping.ListVectorGetChild(vec)
			size := int(mapping.ListVectorGetSize(vec))
			if kind == colMap {
				keys, values := mapping.StructVectorGetChild(child, 0), mapping.StructVectorGetChild(child, 1)
				col.Values = mapping.VectorGetData(values)
				col.ValuesValid = vector.Validity(mapping.VectorGetValidity(values), size)
				child = keys
			}
			col.Child = mapping.VectorGetData(child)
			col.ChildValid = vector.Validity(mapping.VectorGetValidity(child), size)
		}
		c.Cols[k] = col
	}
	return c
}

// row is one row of a chunk; its readers have the row adapters' NULL conventions.
type row = vector.Row

// result is the output vector of one call, written in place.
type result struct {
	vec   mapping.Vector
	data  unsafe.Pointer
	valid []uint64 // nil until a NULL is written, unless DuckDB already has a mask
}

func newResult(vec mapping.Vector, n int) result {
	r := result{vec: vec, data: mapping.VectorGetData(vec)}
	if mapping.VectorGetValidity(vec) != nil {
		// A reused vector may still mark rows of an earlier chunk NULL: make
		// its mask ours, then mark every row valid.
		mapping.VectorEnsureValidityWritable(vec)
		r.valid = vector.Validity(mapping.VectorGetValidity(vec), n)
		for w := range r.valid {
			r.valid[w] = ^uint64(0)
		}
	}
	return r
}

func (r *result) setNull(i int) {
	if r.valid == nil {
		mapping.VectorEnsureValidityWritable(r.vec) // allocates an all-valid mask
		r.valid = vector.Validity(mapping.VectorGetValidity(r.vec), int(mapping.VectorSize()))
	}
	r.valid[i>>6] &^= 1 << (uint(i) & 63)
}

func (r *result) setFloat(i int, v float64) { *(*float64)(unsafe.Add(r.data, i*8)) = v }

// setCode writes ENUM member code (its index in Func.Values).
func (r *result) setCode(i int, code uint8) { *(*uint8)(unsafe.Add(r.data, i)) = code }
