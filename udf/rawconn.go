package udf

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
)

// errNoRawConn means the DuckDB C connection behind a duckdb-go connection
// could not be reached; Register then falls back to the row executor.
var errNoRawConn = errors.New("cannot reach the DuckDB C connection of duckdb-go")

// rawConnection returns the DuckDB C connection inside driverConn, the value
// (*sql.Conn).Raw hands its callback; use it only inside that callback.
//
// duckdb-go v2.10506.0 exports nothing that gives the connection (or the
// database) to register C API functions on, so this reads the unexported field
// `conn mapping.Connection` of *duckdb.Conn. It checks the field's name and
// type first, so a driver that changes the layout makes Register fall back to
// the row executor instead of reading garbage; TestVectorizedPathActive fails
// when that happens with the pinned driver.
func rawConnection(driverConn any) (mapping.Connection, error) {
	c, ok := driverConn.(*duckdb.Conn)
	if !ok || c == nil {
		return mapping.Connection{}, fmt.Errorf("%w: driver connection is %T, want *duckdb.Conn", errNoRawConn, driverConn)
	}
	field, ok := reflect.TypeFor[duckdb.Conn]().FieldByName("conn")
	if !ok {
		return mapping.Connection{}, fmt.Errorf("%w: duckdb.Conn has no field conn", errNoRawConn)
	}
	if want := reflect.TypeFor[mapping.Connection](); field.Type != want {
		return mapping.Connection{}, fmt.Errorf("%w: duckdb.Conn.conn is %v, want %v", errNoRawConn, field.Type, want)
	}
	raw := *(*mapping.Connection)(unsafe.Add(unsafe.Pointer(c), field.Offset))
	if raw.Ptr == nil {
		return mapping.Connection{}, fmt.Errorf("%w: the connection is closed", errNoRawConn)
	}
	return raw, nil
}
