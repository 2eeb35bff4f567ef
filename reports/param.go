package reports

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Kind is a parameter's base type.
type Kind string

// The parameter kinds a report can declare.
const (
	KindDate      Kind = "date"      // 2026-06-30
	KindTimestamp Kind = "timestamp" // 2026-06-30 or 2026-06-30T14:05:00
	KindInteger   Kind = "integer"
	KindNumber    Kind = "number"
	KindText      Kind = "text"
	KindBoolean   Kind = "boolean" // true/false, yes/no, 1/0
	KindEnum      Kind = "enum"    // enum(a|b|c): one of the listed values
)

// GeneratedAt is the parameter every report has: the report's generation time.
const GeneratedAt = "generated_at"

// Type is a parameter type: a kind, the allowed values of an enum, and whether
// the parameter is a list (given comma-separated, bound as a DuckDB list).
type Type struct {
	Kind   Kind
	Values []string // enum only
	List   bool
}

var enumValue = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// ParseType reads a declared type: date, timestamp, integer, number, text,
// boolean, enum(a|b|c), or list(T) of any of them but date and timestamp.
func ParseType(s string) (Type, error) {
	if inner, ok := strings.CutPrefix(s, "list("); ok && strings.HasSuffix(inner, ")") {
		t, err := ParseType(strings.TrimSuffix(inner, ")"))
		if err != nil {
			return Type{}, err
		}
		if t.List {
			return Type{}, fmt.Errorf("type %q: a list of lists is not supported", s)
		}
		if t.Kind == KindDate || t.Kind == KindTimestamp {
			return Type{}, fmt.Errorf("type %q: lists of dates are not supported; use list(text) and cast with $name::date[]", s)
		}
		t.List = true
		return t, nil
	}
	if inner, ok := strings.CutPrefix(s, "enum("); ok && strings.HasSuffix(inner, ")") {
		values := strings.Split(strings.TrimSuffix(inner, ")"), "|")
		for i, v := range values {
			if !enumValue.MatchString(v) {
				return Type{}, fmt.Errorf("type %q: enum value %q must be letters, digits, _ . or -", s, v)
			}
			if slices.Contains(values[:i], v) {
				return Type{}, fmt.Errorf("type %q: enum value %q listed twice", s, v)
			}
		}
		return Type{Kind: KindEnum, Values: values}, nil
	}
	switch k := Kind(s); k {
	case KindDate, KindTimestamp, KindInteger, KindNumber, KindText, KindBoolean:
		return Type{Kind: k}, nil
	}
	return Type{}, fmt.Errorf("unknown type %q; want date, timestamp, integer, number, text, boolean, enum(a|b|...) or list(type)", s)
}

func (t Type) String() string {
	s := string(t.Kind)
	if t.Kind == KindEnum {
		s = "enum(" + strings.Join(t.Values, "|") + ")"
	}
	if t.List {
		s = "list(" + s + ")"
	}
	return s
}

// Parse converts text to the type's Go value: time.Time, int64, float64,
// string or bool, or a slice of one of them for a list (items split on commas).
func (t Type) Parse(s string) (any, error) {
	if !t.List {
		return t.parseOne(s)
	}
	items := strings.Split(s, ",")
	switch t.Kind {
	case KindInteger:
		return parseList(items, t, func(v any) int64 { return v.(int64) })
	case KindNumber:
		return parseList(items, t, func(v any) float64 { return v.(float64) })
	case KindBoolean:
		return parseList(items, t, func(v any) bool { return v.(bool) })
	}
	return parseList(items, t, func(v any) string { return v.(string) })
}

func parseList[T any](items []string, t Type, as func(any) T) ([]T, error) {
	out := make([]T, 0, len(items))
	for _, item := range items {
		v, err := t.parseOne(strings.TrimSpace(item))
		if err != nil {
			return nil, err
		}
		out = append(out, as(v))
	}
	return out, nil
}

func (t Type) parseOne(s string) (any, error) {
	switch t.Kind {
	case KindDate:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
		}
		return d, nil
	case KindTimestamp:
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
			if ts, err := time.Parse(layout, s); err == nil {
				return ts, nil
			}
		}
		return nil, fmt.Errorf("%q is not a timestamp (want YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", s)
	case KindInteger:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", s)
		}
		return n, nil
	case KindNumber:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case KindBoolean:
		switch strings.ToLower(s) {
		case "true", "yes", "1":
			return true, nil
		case "false", "no", "0":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not a boolean (want true or false)", s)
	case KindEnum:
		if !slices.Contains(t.Values, s) {
			return nil, fmt.Errorf("%q is not allowed (want one of %s)", s, strings.Join(t.Values, ", "))
		}
		return s, nil
	}
	return s, nil
}

// Format is the inverse of Parse: the canonical text of a value.
func (t Type) Format(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case time.Time:
		if t.Kind == KindDate || (v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 && t.Kind != KindTimestamp) {
			return v.Format(time.DateOnly)
		}
		// Fractional seconds are printed only when present, so Parse(Format(v)) == v.
		return v.Format("2006-01-02T15:04:05.999999999")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []string:
		return strings.Join(v, ",")
	case []int64, []float64, []bool:
		s := strings.Trim(fmt.Sprint(v), "[]")
		return strings.ReplaceAll(s, " ", ",")
	}
	return fmt.Sprint(v)
}

// bind wraps a parsed value with its DuckDB type, so a date binds as DATE (a
// bare time.Time would bind as TIMESTAMP WITH TIME ZONE).
func (t Type) bind(v any) any {
	if v == nil || t.List {
		return v // NULL, or a Go slice DuckDB binds as a typed list
	}
	switch t.Kind {
	case KindDate:
		return duckdb.Typed(v, duckdb.TYPE_DATE)
	case KindTimestamp:
		return duckdb.Typed(v, duckdb.TYPE_TIMESTAMP)
	case KindInteger:
		return duckdb.Typed(v, duckdb.TYPE_BIGINT)
	case KindNumber:
		return duckdb.Typed(v, duckdb.TYPE_DOUBLE)
	case KindBoolean:
		return duckdb.Typed(v, duckdb.TYPE_BOOLEAN)
	}
	return duckdb.Typed(v, duckdb.TYPE_VARCHAR)
}

// Param is one declared parameter.
type Param struct {
	Name     string
	Type     Type
	Default  string // text of the default; meaningless when Required
	Required bool   // no default given
	Null     bool   // the default is null (the parameter is optional and bound as NULL)
	Doc      string // the text after a trailing "--" on the declaration
	Where    string // file:line of the declaration, for error messages
}

// DefaultValue returns the parsed default (nil for a null default).
func (p Param) DefaultValue() (any, error) {
	if p.Null || p.Required {
		return nil, nil
	}
	return p.Type.Parse(p.Default)
}

// DefaultText describes the default for humans: "required", "null" or the value.
func (p Param) DefaultText() string {
	switch {
	case p.Required:
		return "required"
	case p.Null:
		return "null"
	}
	return p.Default
}

// generatedAtParam describes the built-in generation-time parameter.
var generatedAtParam = Param{
	Name: GeneratedAt,
	Type: Type{Kind: KindTimestamp},
	Doc:  "generation time shown in the report; default: the latest order_ts in the database; 'now' for the clock",
}

// paramDecl matches `-- @param name type [= default] [-- doc]`.
var paramDecl = regexp.MustCompile(`^--\s*@param\s+(\S+)\s+(\S+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|\S*))?(?:\s+--\s*(.*))?\s*$`)

var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// parseParam reads one declaration line.
func parseParam(line, where string) (Param, error) {
	line = strings.TrimSpace(line)
	idx := paramDecl.FindStringSubmatchIndex(line)
	if idx == nil {
		return Param{}, fmt.Errorf("%s: want `-- @param name type [= default] [-- description]`, got %q", where, line)
	}
	m := paramDecl.FindStringSubmatch(line)
	hasDefault := idx[6] >= 0 // the "= default" group took part in the match
	p := Param{Name: m[1], Doc: strings.TrimSpace(m[4]), Where: where}
	if !identifier.MatchString(p.Name) {
		return Param{}, fmt.Errorf("%s: parameter name %q must be lowercase letters, digits and _", where, p.Name)
	}
	if p.Name == GeneratedAt {
		return Param{}, fmt.Errorf("%s: %s is built in; use $%s without declaring it", where, GeneratedAt, GeneratedAt)
	}
	t, err := ParseType(m[2])
	if err != nil {
		return Param{}, fmt.Errorf("%s: parameter %s: %w", where, p.Name, err)
	}
	p.Type = t
	def := m[3]
	switch {
	case !hasDefault:
		p.Required = true
	case def == "null":
		p.Null = true
	case strings.HasPrefix(def, `"`):
		if p.Default, err = strconv.Unquote(def); err != nil {
			return Param{}, fmt.Errorf("%s: parameter %s: default %s: %w", where, p.Name, def, err)
		}
	default:
		p.Default = def
	}
	if _, err := p.DefaultValue(); err != nil {
		return Param{}, fmt.Errorf("%s: parameter %s: default %w", where, p.Name, err)
	}
	return p, nil
}
