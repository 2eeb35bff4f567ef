package render

import (
	"bufio"
	"io"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// WriteJSON writes src as a JSON array with one object per row, one row per
// line, keys in column order. Numbers (DECIMAL with its exact digits) are JSON
// numbers; NaN and infinities, which JSON has no number for, are the strings
// "NaN", "Infinity" and "-Infinity". Dates are "2026-06-30", timestamps ISO
// 8601 ("2026-06-30T12:34:56", with "Z" for TIMESTAMPTZ), intervals, UUIDs and
// BLOBs their DuckDB text, lists arrays, structs and maps objects, NULL null.
// A repeated column name gets a suffix (a, a_1) so every key is distinct.
func WriteJSON(w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	types := parseTypes(src.Types())
	keys := make([][]byte, len(src.Columns()))
	for i, name := range uniqueNames(src.Columns()) {
		keys[i] = appendJSONString(nil, name)
	}
	n, err := writeRows(bw, src, nil, func(line []byte, n int, row []any) []byte {
		if n == 0 {
			line = append(line, "[\n"...)
		} else {
			line = append(line, ",\n"...)
		}
		line = append(line, '{')
		for i, v := range row {
			if i > 0 {
				line = append(line, ',')
			}
			line = append(line, keys[i]...)
			line = append(line, ':')
			line = appendJSON(line, v, types[i])
		}
		return append(line, '}')
	})
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// uniqueNames renames repeated names: a, a, a becomes a, a_1, a_2.
func uniqueNames(names []string) []string {
	seen := make(map[string]bool, len(names))
	out := make([]string, len(names))
	for i, n := range names {
		name := n
		for k := 1; seen[name]; k++ {
			name = n + "_" + strconv.Itoa(k)
		}
		seen[name] = true
		out[i] = name
	}
	return out
}

// appendJSON appends v, a value of type t (nil when unknown), as JSON.
func appendJSON(b []byte, v any, t *colType) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	if t != nil && t.base == "JSON" {
		return appendJSONValue(b, v)
	}
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
	case bool, int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint, *big.Int, duckdb.Decimal:
		return appendText(b, v, t, false)
	case float32:
		return appendJSONFloat(b, float64(v), 32)
	case float64:
		return appendJSONFloat(b, v, 64)
	case time.Time: // digits, '-', ':', '.', '+', 'T', 'Z': nothing to escape
		b = append(b, '"')
		b = appendTime(b, v, t, true)
		return append(b, '"')
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e, elemType(t))
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for i, f := range structFields(v, t) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, f.name)
			b = append(b, ':')
			b = appendJSON(b, v[f.name], f.typ)
		}
		return append(b, '}')
	case duckdb.OrderedMap:
		// Keys become strings, as in DuckDB's to_json; a map's keys are distinct.
		kt, vt := mapTypes(t)
		b = append(b, '{')
		vals := v.Values()
		for i, k := range v.Keys() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, string(appendText(nil, k, kt, false)))
			b = append(b, ':')
			b = appendJSON(b, vals[i], vt)
		}
		return append(b, '}')
	case duckdb.Union:
		return appendJSON(b, v.Value, unionMember(t, v.Tag))
	}
	// Intervals, UUIDs, BLOBs and anything else: DuckDB's text, as a string.
	return appendJSONString(b, string(appendText(nil, v, t, false)))
}

func appendJSONFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	return appendFloat(b, f, bits)
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
