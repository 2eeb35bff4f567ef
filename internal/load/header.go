package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// delimiters are tried, in this order on ties, when --delim is not given.
var delimiters = []rune{',', ';', '\t', '|'}

// csvHeader reads the header record of a CSV file and picks its delimiter:
// forced when not "", else the candidate seen most often outside quotes in the
// first line. Only the first record is read; DuckDB reads the rest.
// The dialect is then pinned (quote and escape '"') instead of sniffed, because
// DuckDB's sniffer picks a different dialect for files with a few broken rows.
func csvHeader(file, forced string) (cols []string, delim rune, err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3) //nolint:errcheck // peeked
	}
	first, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, 0, err
	}
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if forced != "" {
		delim, err = ParseDelim(forced)
		if err != nil {
			return nil, 0, err
		}
	} else {
		delim = guessDelim(string(first))
	}
	r := csv.NewReader(br)
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, 0, fmt.Errorf("read header: %w", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSuffix(h, "\r")
		if !utf8.ValidString(h) {
			return nil, 0, fmt.Errorf("header column %d: %w", i+1, ErrHeaderEncoding)
		}
		if strings.TrimSpace(h) == "" {
			h = fmt.Sprintf("column%d", i) // DuckDB's name for an unnamed column
		}
		if seen[h] {
			return nil, 0, fmt.Errorf("header column %q: %w", h, ErrDuplicateHeader)
		}
		seen[h] = true
		cols = append(cols, h)
	}
	return cols, delim, nil
}

// ParseDelim accepts one character, or the escapes \t and "tab".
func ParseDelim(s string) (rune, error) {
	switch s {
	case `\t`, "tab", "TAB":
		return '\t', nil
	}
	if utf8.RuneCountInString(s) != 1 {
		return 0, fmt.Errorf("--delim %q: %w", s, ErrBadDelim)
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r == '"' || r == '\n' || r == '\r' {
		return 0, fmt.Errorf("--delim %q: %w", s, ErrBadDelim)
	}
	return r, nil
}

func guessDelim(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted {
			counts[r]++
		}
	}
	best := delimiters[0]
	for _, d := range delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// blankLinesBefore counts, for each byte offset (ascending), the blank lines
// before it outside quoted values: DuckDB's CSV line numbers count them, data
// rows do not.
func blankLinesBefore(file string, offsets []int64) ([]int64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	out := make([]int64, len(offsets))
	var (
		pos, blanks int64
		quoted      bool
		lineEmpty   = true // nothing but a possible \r since the last line end
		next        int
	)
	for next < len(offsets) {
		b, err := br.ReadByte()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		for next < len(offsets) && pos >= offsets[next] {
			out[next] = blanks
			next++
		}
		pos++
		switch {
		case b == '"':
			quoted = !quoted
			lineEmpty = false
		case b == '\n' && !quoted:
			if lineEmpty {
				blanks++
			}
			lineEmpty = true
		case b == '\r':
		default:
			lineEmpty = false
		}
	}
	for ; next < len(offsets); next++ {
		out[next] = blanks
	}
	return out, nil
}
