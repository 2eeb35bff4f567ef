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
// last one, which an interactive shell keeps until more input closes it. Like
// splitLast it knows DuckDB's quoting ('…', E'…', "…", $tag$…$tag$) and
// comments (--, nested /* */): a ";" inside them does not split, and an
// unclosed quote or comment leaves everything from its statement in rest.
// Statements holding only comments are dropped; rest is "" when only
// whitespace and comments follow the last ";".
func Split(script string) (stmts []Statement, rest string) {
	s := script
	segStart, codeStart, code := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';':
			if code {
				text := strings.TrimRight(s[codeStart:i], " \t\r\n\f")
				stmts = append(stmts, Statement{Text: text, Offset: codeStart})
			}
			segStart, code = i+1, false
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
			closed := false
			depth := 0
			for ; i < len(s); i++ {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i++
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i++
					if depth == 0 {
						closed = true
						break
					}
				}
			}
			if !closed {
				// An open comment swallows what follows: keep it for more input.
				return stmts, s[segStart:]
			}
			continue
		}
		if !code {
			codeStart, code = i, true
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
	}
	if !code {
		return stmts, ""
	}
	return stmts, s[segStart:]
}
