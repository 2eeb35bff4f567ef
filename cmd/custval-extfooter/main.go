// Command custval-extfooter appends DuckDB's extension metadata footer to a
// shared library built with `go build -buildmode=c-shared`, turning it into a
// loadable (unsigned) .duckdb_extension file.
//
//	custval-extfooter -version v0.1.0 build/custval.duckdb_extension
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/custval/custval/internal/ext"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("custval-extfooter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.String("version", "dev", "extension version recorded in the footer")
	platform := fs.String("platform", runtime.GOOS+"_"+runtime.GOARCH, "DuckDB platform the library was built for")
	capi := fs.String("capi", "v1.2.0", "minimum DuckDB C API version the extension uses")
	overlay := fs.Bool("overlay", false, "print a go build overlay for the package directories given as arguments, and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: custval-extfooter [flags] FILE.duckdb_extension\n       custval-extfooter -overlay DIR...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *overlay {
		b, err := ext.DriverFreeOverlay(fs.Args()...)
		if err != nil {
			fmt.Fprintln(stderr, "custval-extfooter:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return 0
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	m := ext.Metadata{ABI: "C_STRUCT", Version: *version, MinCAPI: *capi, Platform: *platform}
	if err := ext.AppendFile(fs.Arg(0), m); err != nil {
		fmt.Fprintln(stderr, "custval-extfooter:", err)
		return 1
	}
	return 0
}
