// Declarations shared by the C side (entry.c) and the Go side of the custval
// DuckDB extension. cgo cannot call DuckDB's API directly: in an extension every
// duckdb_* name is a macro reading a function pointer from the struct that
// DuckDB hands over at load time, so each call Go needs has a small C wrapper.
#ifndef CUSTVAL_EXT_H
#define CUSTVAL_EXT_H

#include <stdbool.h>
#include <stdint.h>

// Only the stable API: no prototypes of the (absent) exported duckdb_* symbols.
#define DUCKDB_API_EXCLUDE_FUNCTIONS 1
#include "duckdb_extension.h"

DUCKDB_EXTENSION_EXTERN

// The C API version the extension asks DuckDB for; older DuckDBs refuse it.
#define CUSTVAL_MIN_CAPI "v1.2.0"

// Column and result types, as the Go descriptor table names them.
enum custval_kind {
	CUSTVAL_BOOLEAN = 1,
	CUSTVAL_INTEGER = 2,
	CUSTVAL_BIGINT = 3,
	CUSTVAL_DOUBLE = 4,
	CUSTVAL_VARCHAR = 5,
	CUSTVAL_TIMESTAMP = 6,
	CUSTVAL_DATE = 7,
	CUSTVAL_ENUM = 8, // results only: an ENUM of the function's values (UTINYINT codes)
	CUSTVAL_INTERVAL = 9,
	CUSTVAL_SETTINGS = 10, // MAP(VARCHAR, DOUBLE): a score's settings overrides
	CUSTVAL_LIST = 0x100, // or-ed with an element kind: LIST(element)
};

// One input column of a chunk, read in place. A MAP is a list of (key, value)
// entries: its keys are the child, its values a second child.
typedef struct {
	void *data;               // the values, or duckdb_list_entry for lists and maps
	uint64_t *validity;       // NULL: every row is valid
	void *child_data;         // lists: the element values; maps: the keys
	uint64_t *child_validity; // lists, maps: NULL when every element (key) is valid
	uint64_t child_size;      // lists, maps: number of elements in the child vector
	void *value_data;         // maps: the values
	uint64_t *value_validity; // maps: NULL when every value is valid
} custval_column;

// Registration and load-time SQL (entry.c).
int custval_register_scalar(duckdb_connection conn, const char *name, const int *params, int nparams, int result,
                            const char **values, uint64_t nvalues, uintptr_t id, bool special_nulls);
char *custval_run_sql(duckdb_connection conn, const char *sql);

// Per-chunk access (entry.c).
uint64_t custval_chunk_size(duckdb_data_chunk chunk);
void custval_read_column(duckdb_data_chunk chunk, uint64_t col, int kind, custval_column *out);
void *custval_output_data(duckdb_vector out);
uint64_t *custval_output_validity(duckdb_vector out);
void custval_set_error(duckdb_function_info info, const char *msg);

// Test support (entry.c): runs the entry point against a fake DuckDB whose
// get_api returns NULL, and returns the error the extension reported.
const char *custval_load_into_unsupported_duckdb(void);

#endif
