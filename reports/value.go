package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Query results hold these Go types only: nil, bool, int64, float64, string,
// json.Number (DECIMAL and HUGEINT, exact), Date, Timestamp, []any (LIST) and
// map[string]any (STRUCT, MAP).

// Date is a DATE value; it prints as 2006-01-02.
type Date struct{ time.Time }

func (d Date) String() string { return d.Format(time.DateOnly) }

// MarshalJSON writes the date as "2006-01-02".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// Timestamp is a TIMESTAMP value (no zone); it prints as 2006-01-02 15:04:05,
// with fractional seconds only when present.
type Timestamp struct{ time.Time }

func (t Timestamp) String() string { return t.Format("2006-01-02 15:04:05.999999") }

// MarshalJSON writes ISO 8601 without a zone: "2006-01-02T15:04:05".
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.Format("2006-01-02T15:04:05.999999"))
}

// normalize converts a value scanned from duckdb-go into one of the types above.
func normalize(v any, dbType string) any {
	switch v := v.(type) {
	case nil, bool, string, int64:
		return v
	case int8:
		return int64(v)
	case int16:
		return int64(v)
	case int32:
		return int64(v)
	case uint8:
		return int64(v)
	case uint16:
		return int64(v)
	case uint32:
		return int64(v)
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v)
		}
		return json.Number(strconv.FormatUint(v, 10))
	case float32:
		return float64(v)
	case float64:
		return v
	case *big.Int:
		return json.Number(v.String())
	case duckdb.Decimal:
		return json.Number(decimalText(v))
	case time.Time:
		switch {
		case dbType == "DATE":
			return Date{v.UTC()}
		case strings.HasPrefix(dbType, "TIMESTAMP") && !strings.Contains(dbType, "TIME ZONE") && dbType != "TIMESTAMPTZ":
			return Timestamp{v.UTC()}
		}
		return Timestamp{v.UTC()} // zoned values are shown in UTC
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x, "")
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalize(x, "")
		}
		return out
	case []byte:
		return fmt.Sprintf("\\x%x", v)
	}
	return fmt.Sprint(v)
}

// decimalText writes a DECIMAL exactly, keeping its scale (12.50, not 12.5).
func decimalText(d duckdb.Decimal) string {
	if d.Value == nil {
		return "0"
	}
	digits := new(big.Int).Abs(d.Value).String()
	sign := ""
	if d.Value.Sign() < 0 {
		sign = "-"
	}
	scale := int(d.Scale)
	if scale == 0 {
		return sign + digits
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	return sign + digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
}

// text is a value's plain machine text, as written to CSV: exact numbers,
// ISO dates, lists and structs as JSON, NULL as the empty string.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return v
	case json.Number:
		return string(v)
	case Date:
		return v.String()
	case Timestamp:
		return v.String()
	case []any, map[string]any:
		b, err := json.Marshal(jsonValue(v))
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
	return fmt.Sprint(v)
}

// jsonValue makes a value safe for encoding/json: NaN and infinities become null.
func jsonValue(v any) any {
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonValue(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = jsonValue(x)
		}
		return out
	}
	return v
}

// toFloat reads a numeric value for charts and number formats; ok is false
// for NULL and non-numbers.
func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case int:
		return float64(v), true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// numeric reports whether a DuckDB column type holds numbers (right-aligned in tables).
func numeric(dbType string) bool {
	for _, p := range []string{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
		"UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "REAL"} {
		if dbType == p || strings.HasPrefix(dbType, p+"(") {
			return true
		}
	}
	return false
}
