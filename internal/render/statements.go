package render

import "strings"

// splitLast splits a SQL script into what comes before its last statement and
// the last statement itself (without its ";"). It knows DuckDB's quoting
// ('…', E'…', "…", $tag$…$tag$) and comments (--, nested /* */), so a ";"
// inside them does not split. Statements holding only comments do not count.
// n is the number of statements.
func splitLast(script string) (before, last string, n int) {
	lastStart, lastEnd := 0, 0
	segStart, code := 0, false
	end := func(i int) {
		if code {
			n++
			lastStart, lastEnd = segStart, i
		}
		segStart, code = i+1, false
	}
	s := script
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';':
			end(i)
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			continue
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(s)
			}
			continue
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			depth := 0
			for ; i < len(s); i++ {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i++
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i++
					if depth == 0 {
						break
					}
				}
			}
			continue
		}
		code = true
		switch {
		case c == '\'':
			escapes := i > 0 && (s[i-1] == 'e' || s[i-1] == 'E') && (i < 2 || !isIdentByte(s[i-2]))
			i = skipQuoted(s, i, '\'', escapes)
		case c == '"':
			i = skipQuoted(s, i, '"', false)
		case c == '$' && (i == 0 || !isIdentByte(s[i-1])):
			if tag, ok := dollarTag(s[i:]); ok {
				if j := strings.Index(s[i+len(tag):], tag); j >= 0 {
					i += len(tag) + j + len(tag) - 1
				} else {
					i = len(s)
				}
			}
		}
	}
	end(len(s))
	if n == 0 {
		return "", "", 0
	}
	return s[:lastStart], s[lastStart:lastEnd], n
}

// skipQuoted returns the index of the quote closing the one at s[i]; a doubled
// quote, or with escapes a backslash, does not close it.
func skipQuoted(s string, i int, q byte, escapes bool) int {
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if escapes {
				i++
			}
		case q:
			if i+1 < len(s) && s[i+1] == q {
				i++
				continue
			}
			return i
		}
	}
	return len(s)
}

// dollarTag returns "$tag$" (or "$$") if s starts with one.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		if c == '$' {
			return s[:j+1], true
		}
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 1 && '0' <= c && c <= '9') {
			return "", false
		}
	}
	return "", false
}

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
