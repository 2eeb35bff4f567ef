// Command cshared is the custval DuckDB extension: custval's scoring functions
// (package udf) behind DuckDB's stable C extension API v1.2.0. Build it with
//
//	go build -buildmode=c-shared -o build/custval.duckdb_extension ./internal/ext/cshared
//	go run ./cmd/custval-extfooter build/custval.duckdb_extension
//
// (`make extension` does both). DuckDB calls custval_init_c_api (entry.c) on
// LOAD; it registers every function of the table in functions.go, each
// evaluated one chunk per Go call over the vectors in place (scalar.go), then
// creates custval's SQL macros for the session
// (register.go, package internal/ext/session).
package main

// #cgo CFLAGS: -I${SRCDIR}/../include -O2 -Werror=implicit-function-declaration
// #include "custval_ext.h"
import "C"

// main is never called: the package is only built as a shared library.
func main() {}
