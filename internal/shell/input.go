package shell

import (
	"bufio"
	"io"
	"strings"
)

// LineReader reads one line of input, without its line break. It returns
// io.EOF at the end of the input (Ctrl-D on a terminal) and ErrInterrupt when
// the user pressed Ctrl-C while typing. prompt is shown where there is a user
// to see it.
type LineReader interface {
	ReadLine(prompt string) (string, error)
}

// NewScanner reads lines from r and shows no prompt: stdin that is not a
// terminal, a .read file, tests.
func NewScanner(r io.Reader) LineReader {
	return &scanner{r: bufio.NewReader(r)}
}

type scanner struct{ r *bufio.Reader }

func (s *scanner) ReadLine(string) (string, error) {
	line, err := s.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil // the last line needs no line break
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
