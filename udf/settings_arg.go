package udf

import (
	"fmt"

	"github.com/custval/custval/internal/vector"
)

// This file imports no driver: the custval DuckDB extension
// (internal/ext/cshared) links it, so both hosts read a settings MAP alike.

// SettingsCache remembers the settings MAP a chunk read last. A constant
// settings argument (a literal, or score_settings_map(...) in a custval view)
// reaches every row as the same entries of the chunk's MAP vector, so it is
// parsed once per chunk instead of once per row. Use a new one for each
// chunk: its key, the MAP's offset and length in that vector, means nothing
// in another chunk.
type SettingsCache struct {
	off, n int
	params any // the *P SettingsArg returned last; nil before the first MAP
}

// SettingsArg reads the optional settings MAP(VARCHAR, DOUBLE) at argument k
// of row r: def when the argument is NULL or left out, else a copy of def
// with each entry applied in the MAP's order. A NULL value keeps the default;
// an unknown name or a value out of range is an error (see
// SatisfactionParams.Override). Rows holding the same MAP share the result,
// so callers must not modify it.
func SettingsArg[P any, PP interface {
	*P
	Override(name string, v float64) error
}](c *SettingsCache, r vector.Row, k int, def *P) (*P, error) {
	m, ok := r.List(k)
	if !ok {
		return def, nil
	}
	if p, ok := c.params.(*P); ok && c.off == m.Offset() && c.n == m.Len() {
		return p, nil
	}
	p := new(P)
	*p = *def
	for j := range m.Len() {
		v, ok := m.Value(j)
		if !ok {
			continue
		}
		if m.Null(j) { // DuckDB rejects NULL map keys; this is the row adapter's answer to one
			return nil, fmt.Errorf("%w for settings: %T", ErrUnexpectedValue, v)
		}
		if err := PP(p).Override(m.Str(j), v); err != nil {
			return nil, err
		}
	}
	c.off, c.n, c.params = m.Offset(), m.Len(), p
	return p, nil
}
