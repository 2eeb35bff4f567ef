package main

// #include <stdlib.h>
// #include "custval_ext.h"
import "C"

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"github.com/custval/custval/internal/ext/session"
)

// custvalInit runs on LOAD (from custval_init_c_api) with a connection to the
// loading database. It returns NULL, or an error message for DuckDB that the
// caller frees.
//
//export custvalInit
func custvalInit(conn C.duckdb_connection) (msg *C.char) {
	defer func() {
		if p := recover(); p != nil {
			msg = C.CString(fmt.Sprintf("custval extension: internal error while loading: %v", p))
		}
	}()
	if err := load(conn); err != nil {
		return C.CString("custval extension: " + err.Error())
	}
	return nil
}

func load(conn C.duckdb_connection) error {
	prepareOnce.Do(prepare)
	for id := range functions {
		if err := functions[id].register(conn, id); err != nil {
			return err
		}
	}
	return runSession(conn)
}

// runSession creates custval's SQL macros for the session (package
// internal/ext/session) inside a fresh in-memory catalog named custval, so
// they are there for every connection of the database (custval.rfm_v1(...))
// and LOAD never writes to the user's database file. Temp macros would not
// do: they belong to the loading connection, which is closed right after. If
// a database named custval is attached already (a custval database file,
// which holds the macros itself), nothing is created.
func runSession(conn C.duckdb_connection) error {
	stmts, err := session.Statements()
	if err != nil {
		return err
	}
	// read_only false: a database opened read-only attaches read-only by default,
	// which an in-memory database cannot be.
	if err := runSQL(conn, "attach ':memory:' as "+session.Catalog+" (read_only false)"); err != nil {
		if strings.Contains(err.Error(), "already exists") {
			return nil
		}
		return fmt.Errorf("attach the %s catalog for the session's macros: %w", session.Catalog, err)
	}
	// Only the loading connection, closed right after, uses the catalog by default.
	if err := runSQL(conn, "use "+session.Catalog); err != nil {
		return fmt.Errorf("use the %s catalog: %w", session.Catalog, err)
	}
	for _, s := range stmts {
		if err := runSQL(conn, s.SQL); err != nil {
			return fmt.Errorf("create the session's macros: %s: %w", s.Name, err)
		}
	}
	return nil
}

// prepareOnce copies the ENUM values to C memory once per process: several
// databases in one process may load the extension, and the copies live as
// long as the process (DuckDB never unloads an extension).
var prepareOnce sync.Once

func prepare() {
	for i := range functions {
		f := &functions[i]
		if len(f.values) == 0 {
			continue
		}
		n := C.size_t(len(f.values))
		values := unsafe.Slice((**C.char)(C.malloc(n*C.size_t(unsafe.Sizeof((*C.char)(nil))))), len(f.values))
		for j, v := range f.values {
			values[j] = C.CString(v)
		}
		f.cValues = &values[0]
	}
}

func (f *function) register(conn C.duckdb_connection, id int) error {
	name := C.CString(f.name)
	defer C.free(unsafe.Pointer(name))
	params := make([]C.int, len(f.params)+1) // +1: a valid pointer even without parameters
	for i, k := range f.params {
		params[i] = C.int(k)
	}
	if f.result == kindEnum && (len(f.values) == 0 || len(f.values) > 255) {
		return fmt.Errorf("register function %s: an ENUM result needs 1 to 255 values, not %d", f.name, len(f.values))
	}
	if C.custval_register_scalar(conn, name, &params[0], C.int(len(f.params)), C.int(f.result),
		f.cValues, C.uint64_t(len(f.values)), C.uintptr_t(id), C.bool(!f.defaultNulls)) != 0 {
		return fmt.Errorf("register function %s: DuckDB refused it (a function with that name and arguments may exist already)", f.signature())
	}
	return nil
}

// signature renders the overload as name(T, ...) -> R.
func (f *function) signature() string {
	s := f.name + "("
	for i, k := range f.params {
		if i > 0 {
			s += ", "
		}
		s += k.SQL()
	}
	return s + ") -> " + f.result.SQL()
}

func runSQL(conn C.duckdb_connection, sql string) error {
	text := C.CString(sql)
	defer C.free(unsafe.Pointer(text))
	if msg := C.custval_run_sql(conn, text); msg != nil {
		defer C.free(unsafe.Pointer(msg))
		return fmt.Errorf("%s", C.GoString(msg))
	}
	return nil
}

// loadIntoUnsupportedDuckDB runs the real entry point against a fake DuckDB
// that lacks the v1.2.0 API and returns the error the extension reported
// (for the version check's test; cgo is not allowed in _test files).
func loadIntoUnsupportedDuckDB() string {
	return C.GoString(C.custval_load_into_unsupported_duckdb())
}
