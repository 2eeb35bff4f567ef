package session

import "strings"

// The smallest SQL lexer that qualifies names safely: it tells identifiers
// from string literals, quoted identifiers and comments, which are copied as
// they are (an error message such as 'rfm: ...' must not change).

type tokenKind int

const (
	tokOther   tokenKind = iota // punctuation, operators, numbers
	tokSpace                    // white space and comments
	tokIdent                    // a bare identifier or keyword
	tokLiteral                  // a 'string' or a "quoted identifier"
)

type token struct {
	kind tokenKind
	text string
}

// script is one migration, lexed.
type script struct {
	name   string
	tokens []token
}

func lex(sql string) []token {
	var out []token
	for i := 0; i < len(sql); {
		c := sql[i]
		j := i + 1
		kind := tokOther
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			kind = tokSpace
			for j < len(sql) && strings.IndexByte(" \t\n\r", sql[j]) >= 0 {
				j++
			}
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			kind = tokSpace
			if k := strings.IndexByte(sql[i:], '\n'); k >= 0 {
				j = i + k
			} else {
				j = len(sql)
			}
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			kind = tokSpace
			if k := strings.Index(sql[i+2:], "*/"); k >= 0 {
				j = i + 2 + k + 2
			} else {
				j = len(sql)
			}
		case c == '\'' || c == '"':
			// A doubled quote inside is the quote itself.
			kind = tokLiteral
			for j < len(sql) {
				if sql[j] == c {
					if j+1 < len(sql) && sql[j+1] == c {
						j += 2
						continue
					}
					j++
					break
				}
				j++
			}
		case isIdentStart(c):
			kind = tokIdent
			for j < len(sql) && (isIdentStart(sql[j]) || sql[j] >= '0' && sql[j] <= '9') {
				j++
			}
		case c >= '0' && c <= '9':
			// A number, so that 1e5 or 2x is not read as an identifier.
			for j < len(sql) && (isIdentStart(sql[j]) || sql[j] >= '0' && sql[j] <= '9' || sql[j] == '.') {
				j++
			}
		}
		out = append(out, token{kind: kind, text: sql[i:j]})
		i = j
	}
	return out
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// definers are the words after which a name is the object being created (or
// altered), not a reference to it.
var definers = map[string]bool{"macro": true, "function": true, "type": true, "table": true, "view": true, "exists": true}

// created lists the names the script creates, lower case: the name after
// `create [or replace] [temp] macro|function|type|table|view [if not exists]`.
func (s script) created() []string {
	var out []string
	create := false
	for i, t := range s.tokens {
		if t.kind != tokIdent {
			if t.kind != tokSpace {
				create = false
			}
			continue
		}
		word := strings.ToLower(t.text)
		switch {
		case word == "create":
			create = true
		case create && definers[word]:
			if k := s.next(i); k >= 0 && s.tokens[k].kind == tokIdent {
				if name := strings.ToLower(s.tokens[k].text); name != "if" {
					out = append(out, name)
					create = false
				}
			}
		}
	}
	return out
}

// qualified renders the script with every reference to a name own marks true
// written as Catalog.main.name. Left alone: definitions (the word before is a
// definer), names already qualified or qualifying something (a '.' before or
// after: s.as_of, custval.main.x), and everything inside literals and comments.
func (s script) qualified(own map[string]bool) string {
	var b strings.Builder
	for i, t := range s.tokens {
		if t.kind == tokIdent && own[strings.ToLower(t.text)] && !s.isDefinition(i) && !s.dotted(i) {
			b.WriteString(Catalog + ".main.")
		}
		b.WriteString(t.text)
	}
	return b.String()
}

func (s script) isDefinition(i int) bool {
	k := s.prev(i)
	return k >= 0 && s.tokens[k].kind == tokIdent && definers[strings.ToLower(s.tokens[k].text)]
}

func (s script) dotted(i int) bool {
	for _, k := range []int{s.prev(i), s.next(i)} {
		if k >= 0 && s.tokens[k].text == "." {
			return true
		}
	}
	return false
}

// prev and next find the nearest token that is not space or a comment, or -1.
func (s script) prev(i int) int {
	for k := i - 1; k >= 0; k-- {
		if s.tokens[k].kind != tokSpace {
			return k
		}
	}
	return -1
}

func (s script) next(i int) int {
	for k := i + 1; k < len(s.tokens); k++ {
		if s.tokens[k].kind != tokSpace {
			return k
		}
	}
	return -1
}
