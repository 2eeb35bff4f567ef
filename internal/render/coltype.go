package render

import "strings"

// colType is a parsed DuckDB type name such as `DECIMAL(18,2)`, `DATE[]` or
// `STRUCT("x" INTEGER, "y" VARCHAR)`. Rendering needs it because the driver
// returns the same Go type for different SQL types (time.Time for DATE and
// TIMESTAMP, []byte for UUID and BLOB) and a Go map for a STRUCT, which loses
// the field order.
type colType struct {
	base   string     // upper case, e.g. "INTEGER", "LIST", "STRUCT", "TIMESTAMP WITH TIME ZONE"
	elem   *colType   // LIST and ARRAY element
	key    *colType   // MAP key
	value  *colType   // MAP value
	fields []colField // STRUCT fields and UNION members, in declared order
}

type colField struct {
	name string
	typ  *colType
}

// parseType parses a DuckDB type name. It never fails: what it cannot read
// becomes a type with only a base name, and values are then rendered from
// their Go type alone.
func parseType(s string) *colType {
	p := typeParser{s: s}
	return p.parse()
}

type typeParser struct {
	s   string
	pos int
}

func (p *typeParser) parse() *colType {
	p.space()
	start := p.pos
	for p.pos < len(p.s) && !strings.ContainsRune("()[],", rune(p.s[p.pos])) {
		p.pos++
	}
	t := &colType{base: strings.ToUpper(strings.Join(strings.Fields(p.s[start:p.pos]), " "))}
	canonical(t)
	if p.peek() == '(' {
		p.pos++
		switch t.base {
		case "STRUCT", "UNION":
			for p.pos < len(p.s) && p.peek() != ')' {
				name := p.name()
				t.fields = append(t.fields, colField{name: name, typ: p.parse()})
				p.space()
				if p.peek() == ',' {
					p.pos++
				}
			}
		case "MAP":
			t.key = p.parse()
			if p.peek() == ',' {
				p.pos++
			}
			t.value = p.parse()
		default: // DECIMAL(18,2), ENUM('a', 'b'): arguments we do not need
			p.skipArgs()
			return p.suffixes(t)
		}
		if p.peek() == ')' {
			p.pos++
		}
	}
	return p.suffixes(t)
}

// suffixes wraps t in LIST for each `[]` and ARRAY for each `[N]`.
func (p *typeParser) suffixes(t *colType) *colType {
	for {
		p.space()
		if p.peek() != '[' {
			return t
		}
		end := strings.IndexByte(p.s[p.pos:], ']')
		if end < 0 {
			p.pos = len(p.s)
			return t
		}
		kind := "LIST"
		if end > 1 {
			kind = "ARRAY"
		}
		p.pos += end + 1
		t = &colType{base: kind, elem: t}
	}
}

// name reads a STRUCT field name: "quoted ""like"" this" or bare.
func (p *typeParser) name() string {
	p.space()
	if p.peek() != '"' {
		start := p.pos
		for p.pos < len(p.s) && p.s[p.pos] != ' ' {
			p.pos++
		}
		return p.s[start:p.pos]
	}
	var b strings.Builder
	p.pos++
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		p.pos++
		if c == '"' {
			if p.peek() != '"' {
				break
			}
			p.pos++
		}
		b.WriteByte(c)
	}
	return b.String()
}

// skipArgs skips a balanced, possibly quoted, argument list after its '('.
func (p *typeParser) skipArgs() {
	depth := 1
	for p.pos < len(p.s) && depth > 0 {
		switch c := p.s[p.pos]; c {
		case '(':
			depth++
		case ')':
			depth--
		case '\'', '"':
			if end := strings.IndexByte(p.s[p.pos+1:], c); end >= 0 {
				p.pos += end + 1
			}
		}
		p.pos++
	}
}

func (p *typeParser) space() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

func (p *typeParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// canonical maps the long spellings DuckDB uses inside nested type names to
// the short ones the driver reports for top-level columns.
func canonical(t *colType) {
	switch t.base {
	case "TIMESTAMP WITH TIME ZONE":
		t.base = "TIMESTAMPTZ"
	case "TIME WITH TIME ZONE":
		t.base = "TIMETZ"
	}
}

// isNumeric reports whether values of t are numbers (right-aligned, JSON numbers).
func (t *colType) isNumeric() bool {
	switch t.base {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
		"UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "BIGNUM", "INT1", "INT2", "INT4", "INT8",
		"REAL", "INT", "LONG", "SHORT", "VARINT", "NUMERIC":
		return true
	}
	return false
}

// shellTypeName is how the DuckDB shell labels a column type under its name.
func shellTypeName(s string) string {
	switch strings.ToUpper(s) {
	case "TINYINT":
		return "int8"
	case "SMALLINT":
		return "int16"
	case "INTEGER":
		return "int32"
	case "BIGINT":
		return "int64"
	case "HUGEINT":
		return "int128"
	case "UTINYINT":
		return "uint8"
	case "USMALLINT":
		return "uint16"
	case "UINTEGER":
		return "uint32"
	case "UBIGINT":
		return "uint64"
	case "UHUGEINT":
		return "uint128"
	case "TIMESTAMPTZ":
		return "timestamp with time zone"
	case "TIMETZ":
		return "time with time zone"
	}
	// Lower-case outside double quotes, so quoted STRUCT field names keep their case.
	b := []byte(s)
	quoted := false
	for i, c := range b {
		if c == '"' {
			quoted = !quoted
		} else if !quoted && 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
