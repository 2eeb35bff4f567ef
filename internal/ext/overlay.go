package ext

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// driverPath is the import path of the DuckDB driver. The extension must not
// link it: it embeds a whole DuckDB, which cannot be loaded into another one
// ("cannot allocate memory in static TLS block").
const driverPath = "github.com/duckdb/duckdb-go"

// DriverFreeOverlay returns a `go build -overlay` file that leaves out every
// non-test Go file in dirs importing the DuckDB driver, and then every file
// using a package-level name declared only in a left-out file, so the
// extension can use package udf's pure functions without udf's duckdb-go
// adapters. It lists nothing once those adapters sit behind a build tag or in
// another package.
func DriverFreeOverlay(dirs ...string) ([]byte, error) {
	replace := map[string]string{}
	for _, dir := range dirs {
		files, err := parseDir(dir)
		if err != nil {
			return nil, err
		}
		dropped := map[string]bool{} // package-level names of left-out files
		for changed := true; changed; {
			changed = false
			for _, f := range files {
				if _, done := replace[f.path]; !done && f.drop(dropped) {
					replace[f.path] = "" // empty: the file is treated as deleted
					for _, n := range f.declares {
						dropped[n] = true
					}
					changed = true
				}
			}
		}
	}
	return json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
}

type goFile struct {
	path     string
	imports  []string
	declares []string // package-level names
	uses     []string // names not declared in the file itself
}

func (f goFile) drop(dropped map[string]bool) bool {
	for _, imp := range f.imports {
		if imp == driverPath || strings.HasPrefix(imp, driverPath+"/") {
			return true
		}
	}
	for _, u := range f.uses {
		if dropped[u] {
			return true
		}
	}
	return false
}

func parseDir(dir string) ([]goFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []goFile
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		f, err := parseGoFile(abs)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func parseGoFile(path string) (goFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return goFile{}, fmt.Errorf("read %s: %w", path, err)
	}
	// Object resolution (mode 0) leaves the names a file takes from the rest of its package in Unresolved.
	af, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
	if err != nil {
		return goFile{}, fmt.Errorf("read %s: %w", path, err)
	}
	f := goFile{path: path}
	for _, imp := range af.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return goFile{}, fmt.Errorf("read %s: %w", path, err)
		}
		f.imports = append(f.imports, p)
	}
	for _, d := range af.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				f.declares = append(f.declares, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					f.declares = append(f.declares, spec.Name.Name)
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						f.declares = append(f.declares, n.Name)
					}
				}
			}
		}
	}
	for _, id := range af.Unresolved {
		f.uses = append(f.uses, id.Name)
	}
	return f, nil
}
