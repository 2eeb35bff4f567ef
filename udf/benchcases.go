package udf

import (
	"embed"
	"io/fs"
)

//go:embed benchcases/*.sql
var benchFS embed.FS

// BenchCases holds one file per function comparing it with the same rule in
// plain SQL, in internal/benchcase's format.
func BenchCases() fs.FS {
	sub, err := fs.Sub(benchFS, "benchcases")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}
