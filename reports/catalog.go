package reports

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed builtin
var builtinFS embed.FS

// Source is a place reports are read from: an fs.FS whose top-level folders
// holding report.json are reports.
type Source struct {
	Label string // "builtin" or the directory
	FS    fs.FS
	only  string // when set, the source is this one report folder of FS
}

// Builtin is the source of the reports embedded in custval.
func Builtin() Source {
	sub, err := fs.Sub(builtinFS, "builtin")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return Source{Label: "builtin", FS: sub}
}

// Dir is the source of a user's reports directory. When dir is itself a report
// folder (it holds report.json), it is that single report.
func Dir(dir string) (Source, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return Source{}, fmt.Errorf("reports dir: %w", err)
	}
	if !info.IsDir() {
		return Source{}, fmt.Errorf("reports dir %s: not a directory", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, MetaFile)); err == nil {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return Source{}, err
		}
		return Source{Label: dir, FS: os.DirFS(filepath.Dir(abs)), only: filepath.Base(abs)}, nil
	}
	return Source{Label: dir, FS: os.DirFS(dir)}, nil
}

// Catalog finds reports in its sources; a later source overrides an earlier
// one's report of the same name.
type Catalog struct {
	Sources []Source
}

// Entry is a report in a listing.
type Entry struct {
	Name      string
	Source    string
	Overrides string // the source whose report of the same name this one hides
	Report    *Report
	Err       error // the report folder does not load
}

// Names lists the report folders of the source, sorted.
func (s Source) Names() ([]string, error) {
	if s.only != "" {
		return []string{s.only}, nil
	}
	dirs, err := fs.ReadDir(s.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("list reports in %s: %w", s.Label, err)
	}
	var names []string
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if _, err := fs.Stat(s.FS, path.Join(d.Name(), MetaFile)); err == nil {
			names = append(names, d.Name())
		}
	}
	return names, nil
}

// List loads every report, later sources first among equals; a report that
// fails to load is listed with its error.
func (c *Catalog) List() ([]Entry, error) {
	byName := map[string]Entry{}
	for _, s := range c.Sources {
		names, err := s.Names()
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			e := Entry{Name: name, Source: s.Label}
			if prev, ok := byName[name]; ok {
				e.Overrides = prev.Source
			}
			e.Report, e.Err = Load(s.FS, name, s.Label)
			byName[name] = e
		}
	}
	var out []Entry
	for _, e := range byName {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Load loads the report called name from the last source that has it.
func (c *Catalog) Load(name string) (*Report, error) {
	for i := len(c.Sources) - 1; i >= 0; i-- {
		s := c.Sources[i]
		if s.only != "" && s.only != name {
			continue
		}
		if _, err := fs.Stat(s.FS, path.Join(name, MetaFile)); err == nil {
			return Load(s.FS, name, s.Label)
		}
		if info, err := fs.Stat(s.FS, name); err == nil && info.IsDir() && s.only == "" {
			return nil, fmt.Errorf("%w %s (%s): folder %s has no %s", ErrInvalidReport, name, s.Label, name, MetaFile)
		}
	}
	var known []string
	seen := map[string]bool{}
	for _, s := range c.Sources {
		names, err := s.Names()
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				known = append(known, n)
			}
		}
	}
	slices.Sort(known)
	return nil, fmt.Errorf("%w %q; known reports: %s (see custval report list)", ErrUnknownReport, name, strings.Join(known, ", "))
}
