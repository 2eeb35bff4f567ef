package sqltest

import "database/sql"

// ScanStrings scans the current row of rows, whatever its columns, as nullable strings: for comparing results
// across hosts after `select columns(*)::varchar`.
func ScanStrings(rows *sql.Rows) ([]sql.NullString, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}
