package render

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// appendText appends the text DuckDB itself prints for v, a non-NULL value of
// type t (nil when unknown). nested is true inside a LIST, STRUCT or MAP, where
// strings are quoted when they would otherwise be ambiguous, as DuckDB does.
func appendText(b []byte, v any, t *colType, nested bool) []byte {
	if t != nil && t.base == "JSON" && v != nil {
		// A JSON column arrives parsed; print it as JSON again.
		return appendJSONValue(b, v)
	}
	switch v := v.(type) {
	case nil:
		return append(b, "NULL"...)
	case string:
		if nested && needsQuotes(v) {
			return appendQuoted(b, v)
		}
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	case int8:
		return strconv.AppendInt(b, int64(v), 10)
	case int16:
		return strconv.AppendInt(b, int64(v), 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case float32:
		return appendFloat(b, float64(v), 32)
	case float64:
		return appendFloat(b, v, 64)
	case *big.Int:
		return v.Append(b, 10)
	case duckdb.Decimal:
		return appendDecimal(b, v)
	case time.Time:
		return appendTime(b, v, t, false)
	case duckdb.Interval:
		return appendInterval(b, v)
	case duckdb.UUID:
		return appendUUID(b, v[:])
	case []byte:
		if t != nil && t.base == "UUID" && len(v) == 16 {
			return appendUUID(b, v)
		}
		return appendBlob(b, v)
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendText(b, e, elemType(t), true)
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for i, f := range structFields(v, t) {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendQuoted(b, f.name)
			b = append(b, ": "...)
			b = appendText(b, v[f.name], f.typ, true)
		}
		return append(b, '}')
	case duckdb.OrderedMap:
		kt, vt := mapTypes(t)
		b = append(b, '{')
		vals := v.Values()
		for i, k := range v.Keys() {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendText(b, k, kt, true)
			b = append(b, '=')
			b = appendText(b, vals[i], vt, true)
		}
		return append(b, '}')
	case duckdb.Union:
		return appendText(b, v.Value, unionMember(t, v.Tag), nested)
	}
	return fmt.Append(b, v)
}

// needsQuotes mirrors DuckDB's rule for strings inside nested values: quote
// when the text could be mistaken for NULL, structure or padding.
func needsQuotes(s string) bool {
	if s == "" || strings.EqualFold(s, "null") || s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	return strings.ContainsAny(s, "'\",:=[]{}()\t\n\r")
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '\'')
}

// appendFloat prints the shortest text that reads back as the same float,
// switching to an exponent like DuckDB (and Python): 1e-05, 1e+16, 123.0.
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "nan"...)
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	}
	if f != 0 {
		if exp := math.Floor(math.Log10(math.Abs(f))); exp < -4 || exp >= 16 {
			return strconv.AppendFloat(b, f, 'e', -1, bits)
		}
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', -1, bits)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, ".0"...)
	}
	return b
}

// appendDecimal prints every digit of the decimal's scale: DECIMAL(18,2) 12.5 is "12.50".
func appendDecimal(b []byte, d duckdb.Decimal) []byte {
	if d.Value == nil {
		return append(b, '0')
	}
	var buf [48]byte
	var digits []byte
	if d.Value.IsInt64() { // the common case, without allocating
		v := d.Value.Int64()
		u := uint64(v)
		if v < 0 {
			u = uint64(-v) // also right for math.MinInt64
		}
		digits = strconv.AppendUint(buf[:0], u, 10)
	} else {
		digits = new(big.Int).Abs(d.Value).Append(buf[:0], 10)
	}
	if d.Value.Sign() < 0 {
		b = append(b, '-')
	}
	scale := int(d.Scale)
	if scale == 0 {
		return append(b, digits...)
	}
	if len(digits) <= scale {
		b = append(b, '0', '.')
		for range scale - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	b = append(b, digits[:len(digits)-scale]...)
	b = append(b, '.')
	return append(b, digits[len(digits)-scale:]...)
}

// appendTime prints a DATE without a time part and times and timestamps with
// as many fraction digits as needed. iso selects ISO 8601 (JSON) over DuckDB's
// own text ("2026-06-30 12:00:00+00").
func appendTime(b []byte, v time.Time, t *colType, iso bool) []byte {
	base := "TIMESTAMP"
	if t != nil {
		base = t.base
	}
	switch base {
	case "DATE":
		return v.AppendFormat(b, "2006-01-02")
	case "TIME":
		b = v.AppendFormat(b, "15:04:05")
		return appendFraction(b, v.Nanosecond(), 6)
	case "TIMETZ":
		b = v.AppendFormat(b, "15:04:05")
		b = appendFraction(b, v.Nanosecond(), 6)
		if iso {
			return v.AppendFormat(b, "-07:00")
		}
		_, off := v.Zone()
		if off%3600 == 0 {
			return v.AppendFormat(b, "-07")
		}
		return v.AppendFormat(b, "-07:00")
	}
	digits := 6
	if base == "TIMESTAMP_NS" {
		digits = 9
	}
	layout := "2006-01-02 15:04:05"
	if iso {
		layout = "2006-01-02T15:04:05"
	}
	if base == "TIMESTAMPTZ" {
		v = v.UTC()
	}
	b = v.AppendFormat(b, layout)
	b = appendFraction(b, v.Nanosecond(), digits)
	if base == "TIMESTAMPTZ" {
		if iso {
			return append(b, 'Z')
		}
		return append(b, "+00"...)
	}
	return b
}

// appendFraction appends ".5" for half a second: digits of precision, trailing zeros dropped.
func appendFraction(b []byte, nanos, digits int) []byte {
	frac := nanos
	for range 9 - digits {
		frac /= 10
	}
	if frac == 0 {
		return b
	}
	var buf [9]byte
	for i := digits - 1; i >= 0; i-- {
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := digits
	for buf[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, buf[:n]...)
}

// appendInterval prints DuckDB's interval text, e.g. "1 year 2 months 3 days 04:05:06.789".
func appendInterval(b []byte, iv duckdb.Interval) []byte {
	start := len(b)
	unit := func(n int64, name string) {
		if n == 0 {
			return
		}
		if len(b) > start {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, n, 10)
		b = append(b, ' ')
		b = append(b, name...)
		if n != 1 && n != -1 {
			b = append(b, 's')
		}
	}
	unit(int64(iv.Months/12), "year")
	unit(int64(iv.Months%12), "month")
	unit(int64(iv.Days), "day")
	if iv.Micros == 0 && len(b) > start {
		return b
	}
	if len(b) > start {
		b = append(b, ' ')
	}
	micros := iv.Micros
	if micros < 0 {
		b = append(b, '-')
		micros = -micros
	}
	secs := micros / 1e6
	b = fmt.Appendf(b, "%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	return appendFraction(b, int(micros%1e6)*1000, 6)
}

func appendUUID(b []byte, u []byte) []byte {
	var buf [36]byte
	hex.Encode(buf[0:8], u[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], u[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], u[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], u[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:], u[10:16])
	return append(b, buf[:]...)
}

// appendBlob prints bytes as DuckDB does: printable ASCII as is, anything else
// (and the backslash and double quote) as \xHH, which DuckDB casts back to the same BLOB.
func appendBlob(b []byte, v []byte) []byte {
	const digits = "0123456789ABCDEF"
	for _, c := range v {
		if c >= 0x20 && c < 0x7f && c != '\\' && c != '"' {
			b = append(b, c)
			continue
		}
		b = append(b, '\\', 'x', digits[c>>4], digits[c&0xf])
	}
	return b
}

func elemType(t *colType) *colType {
	if t == nil {
		return nil
	}
	return t.elem
}

// mapTypes returns the key and value types of a MAP type t (nil when unknown).
func mapTypes(t *colType) (key, value *colType) {
	if t == nil {
		return nil, nil
	}
	return t.key, t.value
}

func unionMember(t *colType, tag string) *colType {
	if t == nil {
		return nil
	}
	for _, f := range t.fields {
		if f.name == tag {
			return f.typ
		}
	}
	return nil
}

// structFields lists a STRUCT value's fields in declared order; keys the type
// does not name (or all of them when the type is unknown) follow, sorted.
func structFields(v map[string]any, t *colType) []colField {
	fields := make([]colField, 0, len(v))
	seen := make(map[string]bool, len(v))
	if t != nil {
		for _, f := range t.fields {
			if _, ok := v[f.name]; ok {
				fields = append(fields, f)
				seen[f.name] = true
			}
		}
	}
	if len(fields) == len(v) {
		return fields
	}
	var rest []string
	for k := range v {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		fields = append(fields, colField{name: k})
	}
	return fields
}

// appendJSONValue encodes a value of a JSON column, which the driver hands over
// already parsed (objects as Go maps, so their keys come out sorted).
func appendJSONValue(b []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Append(b, v)
	}
	return append(b, bytes.TrimRight(buf.Bytes(), "\n")...)
}
