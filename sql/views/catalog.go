// Package views describes custval's versioned SQL models. The models themselves are migrations in sql/schema;
// each file that publishes one starts with a comment header this package reads:
//
//	-- model: rfm_v1
//	-- kind: table macro
//	-- description: one line
//	-- grain: one row per ...
//	-- columns: customer_id, as_of, ...
//	-- call: rfm_v1(as_of := latest order date, ...)
//
// A pointer file says `-- pointer: rfm -> rfm_v1`; a later file retires a version with
// `-- deprecated: rfm_v1 2027-01-31, use rfm_v2` and finally `-- dropped: rfm_v1`. The policy is in docs/views.md.
package views

import (
	"bufio"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/custval/custval/sql/migrate"
)

// Status of a model version.
const (
	Current    = "current"    // the version the pointer follows
	Supported  = "supported"  // an older version, not yet deprecated
	Deprecated = "deprecated" // still there, to be dropped after its date
)

// Version is one published version of a model, e.g. rfm_v1.
type Version struct {
	Object      string   // the SQL name, e.g. rfm_v1
	Version     int      // 1 for rfm_v1
	Kind        string   // "table macro", "view", ...
	Status      string   // Current, Supported or Deprecated
	Deprecation string   // for Deprecated: "2027-01-31, use rfm_v2"
	Description string   // one line
	Grain       string   // what one row is
	Columns     []string // the output columns, in order
	Call        string   // how to call a macro, with its defaults
	File        string   // the migration that created it
}

// Model is a versioned model and its pointer.
type Model struct {
	Name     string    // the base name, e.g. rfm
	Pointer  string    // the version the pointer <Name> follows; empty if there is no pointer
	Versions []Version // by version number
}

var objectName = regexp.MustCompile(`^([a-z][a-z0-9_]*)_v([0-9]+)$`)

// Catalog reads the header of every migration in fsys and returns the models, by name.
func Catalog(fsys fs.FS) ([]Model, error) {
	migrations, err := migrate.Collect(fsys)
	if err != nil {
		return nil, fmt.Errorf("read model catalog: %w", err)
	}
	versions := map[string]*Version{}
	pointers := map[string]string{}
	var order []string
	for _, m := range migrations {
		h, err := parseHeader(m.SQL)
		if err != nil {
			return nil, fmt.Errorf("read model catalog: %s: %w", m.Name, err)
		}
		if obj := h["model"]; obj != "" {
			v, err := newVersion(obj, h, m.Name)
			if err != nil {
				return nil, fmt.Errorf("read model catalog: %s: %w", m.Name, err)
			}
			if prev, ok := versions[obj]; ok {
				return nil, fmt.Errorf("read model catalog: %s: %s is already published by %s; a changed model is a new version", m.Name, obj, prev.File)
			}
			versions[obj] = v
			order = append(order, obj)
		}
		if p := h["pointer"]; p != "" {
			name, target, ok := strings.Cut(p, "->")
			name, target = strings.TrimSpace(name), strings.TrimSpace(target)
			if !ok || name == "" || versions[target] == nil {
				return nil, fmt.Errorf("read model catalog: %s: pointer %q: want \"name -> published_version\"", m.Name, p)
			}
			if base, _, _ := splitObject(target); base != name {
				return nil, fmt.Errorf("read model catalog: %s: pointer %s cannot follow %s, a version of another model", m.Name, name, target)
			}
			pointers[name] = target
		}
		if d := h["deprecated"]; d != "" {
			obj, note, _ := strings.Cut(d, " ")
			v := versions[obj]
			if v == nil {
				return nil, fmt.Errorf("read model catalog: %s: deprecates %q, which is not published", m.Name, obj)
			}
			v.Status, v.Deprecation = Deprecated, strings.TrimSpace(note)
		}
		if obj := h["dropped"]; obj != "" {
			if versions[obj] == nil {
				return nil, fmt.Errorf("read model catalog: %s: drops %q, which is not published", m.Name, obj)
			}
			delete(versions, obj)
		}
	}

	byName := map[string]*Model{}
	for _, obj := range order {
		v := versions[obj]
		if v == nil {
			continue // dropped
		}
		base, _, _ := splitObject(obj)
		mod := byName[base]
		if mod == nil {
			mod = &Model{Name: base, Pointer: pointers[base]}
			byName[base] = mod
		}
		if v.Status == "" {
			v.Status = Supported
			if mod.Pointer == obj {
				v.Status = Current
			}
		}
		mod.Versions = append(mod.Versions, *v)
	}
	out := make([]Model, 0, len(byName))
	for _, mod := range byName {
		sort.Slice(mod.Versions, func(i, j int) bool { return mod.Versions[i].Version < mod.Versions[j].Version })
		out = append(out, *mod)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func newVersion(obj string, h map[string]string, file string) (*Version, error) {
	_, n, ok := splitObject(obj)
	if !ok {
		return nil, fmt.Errorf("model %q: want a name like rfm_v1", obj)
	}
	for _, key := range []string{"kind", "description", "columns"} {
		if h[key] == "" {
			return nil, fmt.Errorf("model %s: the header has no %q line", obj, key)
		}
	}
	var cols []string
	for _, c := range strings.Split(h["columns"], ",") {
		cols = append(cols, strings.TrimSpace(c))
	}
	return &Version{
		Object: obj, Version: n, Kind: h["kind"], Description: h["description"], Grain: h["grain"],
		Columns: cols, Call: h["call"], File: file,
	}, nil
}

// splitObject splits rfm_v1 into rfm and 1.
func splitObject(obj string) (string, int, bool) {
	m := objectName.FindStringSubmatch(obj)
	if m == nil {
		return "", 0, false
	}
	n, err := strconv.Atoi(m[2])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return m[1], n, true
}

// headerKeys are the directives a migration's leading comments may hold.
var headerKeys = map[string]bool{
	"model": true, "kind": true, "description": true, "grain": true, "columns": true, "call": true,
	"pointer": true, "deprecated": true, "dropped": true,
}

// parseHeader reads `-- key: value` lines from the comments before the first statement.
// Other comment lines are prose and ignored.
func parseHeader(sql string) (map[string]string, error) {
	h := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(sql))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		text, ok := strings.CutPrefix(line, "--")
		if !ok {
			break
		}
		key, value, ok := strings.Cut(strings.TrimSpace(text), ":")
		if !ok || !headerKeys[key] {
			continue
		}
		if _, dup := h[key]; dup {
			return nil, fmt.Errorf("header line %q appears twice", key)
		}
		h[key] = strings.TrimSpace(value)
	}
	return h, sc.Err()
}
