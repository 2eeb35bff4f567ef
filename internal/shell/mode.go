package shell

import (
	"fmt"
	"io"
	"strings"

	"github.com/custval/custval/internal/render"
)

// Mode is how .mode renders results.
type Mode string

// Modes of .mode. Box and table are the same box-drawn table, fitted to the
// terminal; the others write every row and full values.
const (
	ModeBox      Mode = "box"
	ModeTable    Mode = "table"
	ModeCSV      Mode = "csv"
	ModeJSON     Mode = "json"
	ModeMarkdown Mode = "markdown"
	ModeLine     Mode = "line"
)

var modes = []Mode{ModeBox, ModeTable, ModeCSV, ModeJSON, ModeMarkdown, ModeLine}

func parseMode(s string) (Mode, error) {
	for _, m := range modes {
		if strings.EqualFold(s, string(m)) {
			return m, nil
		}
	}
	names := make([]string, len(modes))
	for i, m := range modes {
		names[i] = string(m)
	}
	return "", fmt.Errorf("unknown mode %q: use one of %s", s, strings.Join(names, ", "))
}

// write renders src in mode m.
func (m Mode) write(w io.Writer, src render.Source, opts render.Options) error {
	switch m {
	case ModeCSV:
		return render.WriteCSV(w, src)
	case ModeJSON:
		return render.WriteJSON(w, src)
	case ModeMarkdown:
		return render.WriteMarkdown(w, src)
	case ModeLine:
		return render.WriteLine(w, src)
	}
	return render.WriteTable(w, src, opts)
}
