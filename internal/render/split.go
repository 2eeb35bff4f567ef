package render

import "strings"

// Statement is one statement of a script: its text from its first byte that
// is not blank or a comment up to its closing ";" (excluded), and the byte
// offset of that first byte in the script.
type Statement struct {
	Text   string
	Offset int
}

// Split cuts script into the statements closed by ";" and the rest after the
// last one, which an interactive shell keeps until more input closes it. It
// knows DuckDB's quoting ('…', E'…', "…", $tag$…$tag$) and comments (--,
// nested /* */): a ";" inside them does not split, and an unclosed quote or
// comment leaves everything from its statement in rest. Statements holding
// only comments are dropped; rest is "" when only whitespace and comments
// follow the last ";".
func Split(script string) (stmts []Statement, rest string) {
	for start := 0; ; {
		code, end, open := nextStatement(script, start)
		if end == len(script) {
			if code >= 0 || open {
				rest = script[start:]
			}
			return stmts, rest
		}
		if code >= 0 {
			text := strings.TrimRight(script[code:end], " \t\r\n\f")
			stmts = append(stmts, Statement{Text: text, Offset: code})
		}
		start = end + 1
	}
}

// splitLast splits a script that runs as a whole into what comes before its
// last statement and the last statement itself (without its ";", which it
// does not need). It splits as Split does, and an unclosed quote or comment
// is part of the statement it opens. Statements holding only comments do not
// count. n is the number of statements.
func splitLast(script string) (before, last string, n int) {
	lastStart, lastEnd := 0, 0
	for start := 0; ; {
		code, end, _ := nextStatement(script, start)
		if code >= 0 {
			n++
			lastStart, lastEnd = start, end
		}
		if end == len(script) {
			break
		}
		start = end + 1
	}
	return script[:lastStart], script[lastStart:lastEnd], n
}

// nextStatement scans the statement of s that starts at start (0, or just
// after a ";"). It returns the offset of its first byte that is not blank or
// a comment (-1 if it holds none), the offset of the ";" closing it (len(s)
// if none does), and whether an unclosed quote or comment runs to the end.
func nextStatement(s string, start int) (code, end int, open bool) {
	code = -1
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';':
			return code, i, false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			continue
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return code, len(s), false
			}
			i += j
			continue
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			if i = skipBlockComment(s, i); i == len(s) {
				return code, len(s), true
			}
			continue
		}
		if code < 0 {
			code = i
		}
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
		if i == len(s) {
			return code, len(s), true
		}
	}
	return code, len(s), false
}

// skipBlockComment returns the index of the "/" that closes the comment
// opening at s[i], counting nested ones, or len(s) if it is not closed.
func skipBlockComment(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "/*") {
			depth++
			i++
		} else if strings.HasPrefix(s[i:], "*/") {
			depth--
			i++
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// skipQuoted returns the index of the quote closing the one at s[i], or
// len(s) if it is not closed; a doubled quote, or with escapes a backslash,
// does not close it.
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
