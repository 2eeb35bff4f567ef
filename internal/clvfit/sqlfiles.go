package clvfit

import (
	"embed"
	"fmt"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// mustSQL returns an embedded query; a missing file is a programming error caught by any test.
func mustSQL(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(fmt.Sprintf("clvfit: embedded sql/%s: %v", name, err))
	}
	return string(b)
}
