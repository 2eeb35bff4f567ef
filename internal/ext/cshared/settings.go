package main

// overridable is a score's params type, whose settings package udf lets a host
// set by name (udf/overrides.go).
type overridable[P any] interface {
	*P
	Override(name string, v float64) error
}

// settingsCache remembers the last settings MAP a chunk read: a MAP shared by
// every row (a literal, or score_settings_map(...) in a custval view) is then
// read once per chunk, not once per row. Rows pointing at the same entries of
// the MAP vector hold the same MAP.
type settingsCache struct {
	ok     bool
	off, n int
	params any
	err    error
}

// settingsArg reads the settings MAP at argument k the way udf's duckdb-go
// adapter does: def when the argument is NULL or left out, else a copy of def
// with each entry applied in the MAP's order (a NULL value keeps the default;
// an unknown name or a value out of range is an error).
func settingsArg[P any, PP overridable[P]](r row, k int, def *P) (*P, error) {
	m, ok := r.List(k)
	if !ok {
		return def, nil
	}
	c := &r.settings
	if c.ok && c.off == m.Offset() && c.n == m.Len() {
		return c.params.(*P), c.err
	}
	p := new(P)
	*p = *def
	var err error
	for j := range m.Len() {
		v, ok := m.Value(j)
		if !ok {
			continue
		}
		if err = PP(p).Override(m.Str(j), v); err != nil {
			break
		}
	}
	*c = settingsCache{ok: true, off: m.Offset(), n: m.Len(), params: p, err: err}
	return p, err
}
