package views

import (
	"fmt"
	"io"
	"strings"
)

// textWidth is where WriteText wraps column lists.
const textWidth = 100

// WriteText writes the catalog as `custval views` prints it: each model with its pointer, then each version with
// its status, kind, description, grain, call and columns.
func WriteText(w io.Writer, models []Model) error {
	var b strings.Builder
	for i, m := range models {
		if i > 0 {
			b.WriteString("\n")
		}
		if m.Pointer != "" {
			fmt.Fprintf(&b, "%s (pointer %s -> %s)\n", m.Name, m.Name, m.Pointer)
		} else {
			fmt.Fprintf(&b, "%s (no pointer)\n", m.Name)
		}
		for _, v := range m.Versions {
			status := v.Status
			if v.Deprecation != "" {
				status += " " + v.Deprecation
			}
			fmt.Fprintf(&b, "  %s  %s  %s  %s\n", v.Object, status, v.Kind, v.File)
			fmt.Fprintf(&b, "    %s\n", v.Description)
			if v.Grain != "" {
				fmt.Fprintf(&b, "    grain:   %s\n", v.Grain)
			}
			if v.Call != "" {
				fmt.Fprintf(&b, "    call:    %s\n", v.Call)
			}
			writeWrapped(&b, "    columns: ", v.Columns)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeWrapped(b *strings.Builder, prefix string, items []string) {
	indent := strings.Repeat(" ", len(prefix))
	line := prefix
	for i, item := range items {
		if i < len(items)-1 {
			item += ","
		}
		if len(line) > len(indent) && len(line)+1+len(item) > textWidth {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		}
		if len(line) > len(indent) && !strings.HasSuffix(line, " ") {
			line += " "
		}
		line += item
	}
	b.WriteString(line + "\n")
}
