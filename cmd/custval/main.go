// Command custval scores customer value inside a DuckDB database.
package main

import (
	"os"

	"github.com/custval/custval/cmd/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
