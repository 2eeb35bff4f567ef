// The C half of the custval extension: the entry point DuckDB calls on LOAD,
// the trampoline that forwards each chunk to Go, and thin wrappers over the
// function-pointer API (cgo cannot call through the duckdb_* macros).
#include <stdlib.h>
#include <string.h>

#include "custval_ext.h"
#include "_cgo_export.h"

// The API struct DuckDB copies in at load time; every duckdb_* macro reads it.
DUCKDB_EXTENSION_GLOBAL

static const char *unsupported_api =
    "custval extension: this DuckDB does not offer the stable C extension API " CUSTVAL_MIN_CAPI
    "; load the extension into DuckDB 1.2 or newer (it is built and tested against DuckDB 1.5)";

// DuckDB finds the entry point by name: <extension name>_init_c_api.
DUCKDB_EXTENSION_API bool custval_init_c_api(duckdb_extension_info info, struct duckdb_extension_access *access) {
	const duckdb_ext_api_v1 *api = (const duckdb_ext_api_v1 *)access->get_api(info, CUSTVAL_MIN_CAPI);
	if (!api) {
		access->set_error(info, unsupported_api);
		return false;
	}
	duckdb_ext_api = *api;

	duckdb_database *db = access->get_database(info);
	duckdb_connection conn;
	if (!db || duckdb_connect(*db, &conn) == DuckDBError) {
		access->set_error(info, "custval extension: cannot open a connection to register functions");
		return false;
	}
	char *err = custvalInit(conn);
	duckdb_disconnect(&conn);
	if (err) {
		access->set_error(info, err);
		free(err);
		return false;
	}
	return true;
}

// One call per chunk: extra_info carries the function's index in Go's table
// (plus one, because DuckDB ignores a NULL extra_info). No Go pointer is ever
// handed to DuckDB.
static void custval_scalar(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
	uintptr_t id = (uintptr_t)duckdb_scalar_function_get_extra_info(info) - 1;
	custvalScalarChunk(id, info, input, output);
}

static duckdb_logical_type custval_type(int kind) {
	if (kind & CUSTVAL_LIST) {
		duckdb_logical_type child = custval_type(kind & ~CUSTVAL_LIST);
		duckdb_logical_type list = duckdb_create_list_type(child);
		duckdb_destroy_logical_type(&child);
		return list;
	}
	switch (kind) {
	case CUSTVAL_BOOLEAN:
		return duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
	case CUSTVAL_INTEGER:
		return duckdb_create_logical_type(DUCKDB_TYPE_INTEGER);
	case CUSTVAL_BIGINT:
		return duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);
	case CUSTVAL_DOUBLE:
		return duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
	case CUSTVAL_VARCHAR:
		return duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
	case CUSTVAL_TIMESTAMP:
		return duckdb_create_logical_type(DUCKDB_TYPE_TIMESTAMP);
	case CUSTVAL_DATE:
		return duckdb_create_logical_type(DUCKDB_TYPE_DATE);
	case CUSTVAL_INTERVAL:
		return duckdb_create_logical_type(DUCKDB_TYPE_INTERVAL);
	case CUSTVAL_SETTINGS: {
		duckdb_logical_type k = duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
		duckdb_logical_type v = duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
		duckdb_logical_type m = duckdb_create_map_type(k, v);
		duckdb_destroy_logical_type(&k);
		duckdb_destroy_logical_type(&v);
		return m;
	}
	}
	return duckdb_create_logical_type(DUCKDB_TYPE_INVALID);
}

int custval_register_scalar(duckdb_connection conn, const char *name, const int *params, int nparams, int result,
                            const char **values, uint64_t nvalues, uintptr_t id, bool special_nulls) {
	duckdb_scalar_function f = duckdb_create_scalar_function();
	duckdb_scalar_function_set_name(f, name);
	for (int i = 0; i < nparams; i++) {
		duckdb_logical_type t = custval_type(params[i]);
		duckdb_scalar_function_add_parameter(f, t);
		duckdb_destroy_logical_type(&t);
	}
	duckdb_logical_type rt =
	    result == CUSTVAL_ENUM ? duckdb_create_enum_type(values, nvalues) : custval_type(result);
	duckdb_scalar_function_set_return_type(f, rt);
	duckdb_destroy_logical_type(&rt);
	if (special_nulls) {
		duckdb_scalar_function_set_special_handling(f);
	}
	duckdb_scalar_function_set_extra_info(f, (void *)(id + 1), NULL);
	duckdb_scalar_function_set_function(f, custval_scalar);
	duckdb_state st = duckdb_register_scalar_function(conn, f);
	duckdb_destroy_scalar_function(&f);
	return st == DuckDBSuccess ? 0 : -1;
}

// custval_run_sql runs sql (one or more statements) and returns NULL, or an
// error message the caller frees.
char *custval_run_sql(duckdb_connection conn, const char *sql) {
	duckdb_result res;
	char *err = NULL;
	if (duckdb_query(conn, sql, &res) == DuckDBError) {
		const char *msg = duckdb_result_error(&res);
		err = strdup(msg ? msg : "unknown error");
	}
	duckdb_destroy_result(&res);
	return err;
}

uint64_t custval_chunk_size(duckdb_data_chunk chunk) {
	return duckdb_data_chunk_get_size(chunk);
}

void custval_read_column(duckdb_data_chunk chunk, uint64_t col, int kind, custval_column *out) {
	duckdb_vector v = duckdb_data_chunk_get_vector(chunk, col);
	out->data = duckdb_vector_get_data(v);
	out->validity = duckdb_vector_get_validity(v);
	out->child_data = NULL;
	out->child_validity = NULL;
	out->child_size = 0;
	out->value_data = NULL;
	out->value_validity = NULL;
	if (kind & CUSTVAL_LIST) {
		duckdb_vector child = duckdb_list_vector_get_child(v);
		out->child_data = duckdb_vector_get_data(child);
		out->child_validity = duckdb_vector_get_validity(child);
		out->child_size = duckdb_list_vector_get_size(v);
	} else if (kind == CUSTVAL_SETTINGS) {
		// A MAP vector is a LIST of STRUCT(key, value).
		duckdb_vector entries = duckdb_list_vector_get_child(v);
		duckdb_vector keys = duckdb_struct_vector_get_child(entries, 0);
		duckdb_vector values = duckdb_struct_vector_get_child(entries, 1);
		out->child_data = duckdb_vector_get_data(keys);
		out->child_validity = duckdb_vector_get_validity(keys);
		out->child_size = duckdb_list_vector_get_size(v);
		out->value_data = duckdb_vector_get_data(values);
		out->value_validity = duckdb_vector_get_validity(values);
	}
}

void *custval_output_data(duckdb_vector out) {
	return duckdb_vector_get_data(out);
}

uint64_t *custval_output_validity(duckdb_vector out) {
	duckdb_vector_ensure_validity_writable(out);
	return duckdb_vector_get_validity(out);
}

void custval_set_error(duckdb_function_info info, const char *msg) {
	duckdb_scalar_function_set_error(info, msg);
}

// Test support: a DuckDB without the v1.2.0 API.
static const char *fake_error;
static void fake_set_error(duckdb_extension_info info, const char *error) {
	(void)info;
	fake_error = error;
}
static duckdb_database *fake_get_database(duckdb_extension_info info) {
	(void)info;
	return NULL;
}
static const void *fake_get_api(duckdb_extension_info info, const char *version) {
	(void)info;
	(void)version;
	return NULL;
}

const char *custval_load_into_unsupported_duckdb(void) {
	struct duckdb_extension_access access = {fake_set_error, fake_get_database, fake_get_api};
	fake_error = NULL;
	if (custval_init_c_api(NULL, &access)) {
		return "custval_init_c_api returned true";
	}
	return fake_error ? fake_error : "custval_init_c_api returned false without setting an error";
}
