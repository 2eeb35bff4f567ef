package reports

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// FuzzParamValue parses a declared type and a value given on the command line
// (--param name=value). Neither may panic; a rejected value's error must quote
// it, so the user sees which value was wrong; an accepted value must survive
// Format and Parse again unchanged, since reports show parameters by Format.
func FuzzParamValue(f *testing.F) {
	for _, s := range []struct{ typ, value string }{
		{"date", "2026-06-30"}, {"date", "2026-02-30"}, {"date", "30.06.2026"},
		{"timestamp", "2026-06-30T14:05:00"}, {"timestamp", "2026-06-30 14:05:00.123456"}, {"timestamp", "2026-06-30"},
		{"integer", "-9223372036854775808"}, {"integer", "9223372036854775808"}, {"integer", "1e3"},
		{"number", "NaN"}, {"number", "-Inf"}, {"number", "1e308"}, {"number", "0x1p-2"}, {"number", "1_000"},
		{"text", ""}, {"text", "a,b"}, {"boolean", "YES"}, {"boolean", "maybe"},
		{"enum(a|b|c)", "b"}, {"enum(a|b|c)", "B"}, {"enum(a|a)", "a"}, {"enum()", ""},
		{"list(integer)", "1, 2,3"}, {"list(number)", "1e21,-0,5e-324"}, {"list(text)", " x , y ,"},
		{"list(boolean)", "true,no,1"}, {"list(enum(x|y))", "x,y,x"}, {"list(list(text))", "a"}, {"list(date)", "2026-01-01"},
		{"list(", ")"}, {"enum(", "a"},
	} {
		f.Add(s.typ, s.value)
	}
	f.Fuzz(func(t *testing.T, typ, value string) {
		ty, err := ParseType(typ)
		if err != nil {
			if !quotesPartOf(err.Error(), typ) {
				t.Errorf("ParseType(%q) error %q does not quote the type or the bad part of it", typ, err)
			}
			return
		}
		v, err := ty.Parse(value)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%s.Parse(%q): empty error", ty, value)
			}
			return
		}
		text := ty.Format(v)
		again, err := ty.Parse(text)
		if err != nil {
			t.Fatalf("%s: %q parsed to %#v, formatted as %q, which does not parse: %v", ty, value, v, text, err)
		}
		if !reflect.DeepEqual(again, v) && !bothNegZero(again, v) {
			t.Fatalf("%s: %q parsed to %#v, formatted as %q, parsed again to %#v", ty, value, v, text, again)
		}
		// The declared type prints back as itself, so messages and `report show` name it as written.
		if back, err := ParseType(ty.String()); err != nil || !reflect.DeepEqual(back, ty) {
			t.Fatalf("type %q prints as %q, which parses to %#v, %v", typ, ty.String(), back, err)
		}
	})
}

// quotesPartOf reports whether msg quotes (with %q) some part of s.
func quotesPartOf(msg, s string) bool {
	for _, q := range quoted.FindAllString(msg, -1) {
		if part, err := strconv.Unquote(q); err == nil && strings.Contains(s, part) {
			return true
		}
	}
	return false
}

var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// bothNegZero allows -0 to come back as 0: the two are the same number to
// every comparison a report query can make.
func bothNegZero(a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	return ok1 && ok2 && x == 0 && y == 0
}

// FuzzParamDecl parses `-- @param` declaration lines from report files: never
// a panic, and every rejection names the file position it was given.
func FuzzParamDecl(f *testing.F) {
	for _, s := range []string{
		"-- @param since date = 2026-01-01 -- first day",
		"-- @param top integer = 10",
		"-- @param regions list(text) = \"north, south\"",
		"-- @param kind enum(a|b) = null",
		"-- @param x number",
		"-- @param generated_at timestamp",
		"-- @param Bad text",
		"-- @param q text = \"unterminated",
		"-- @param d date = 2026-13-01",
		"--@param",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		p, err := parseParam(line, "r.sql:3")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "r.sql:3: ") {
				t.Errorf("parseParam(%q) error %q does not start with the position", line, err)
			}
			return
		}
		if !identifier.MatchString(p.Name) {
			t.Errorf("accepted parameter name %q", p.Name)
		}
		if _, err := p.DefaultValue(); err != nil {
			t.Errorf("accepted %q with a default that does not parse: %v", line, err)
		}
	})
}
