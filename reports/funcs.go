package reports

import (
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/custval/custval/reports/chart"
)

// Functions every template has; see docs/reports.md.
func commonFuncs() map[string]any {
	return map[string]any{
		"num":     formatFunc(chart.Number),
		"money":   formatFunc(chart.Money),
		"int":     formatFunc(chart.Integer),
		"pct":     formatFunc(chart.Percent),
		"compact": formatFunc(chart.Compact),
		"date":    dateText,
		"cell":    display,
	}
}

func markdownFuncs() map[string]any {
	m := commonFuncs()
	m["table"] = markdownTable
	return m
}

func htmlFuncs() map[string]any {
	m := commonFuncs()
	m["table"] = htmlTable
	m["bar"] = barChart
	m["stacked"] = stackedChart
	m["histogram"] = histogramChart
	m["heatmap"] = heatmapChart
	m["funnel"] = funnelChart
	m["line"] = lineChart
	return m
}

// formatFunc adapts a chart format to template values; NULL prints as "".
func formatFunc(f chart.Format) func(any) (string, error) {
	return func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		x, ok := toFloat(v)
		if !ok {
			return "", fmt.Errorf("%v (%T) is not a number", v, v)
		}
		return f(x), nil
	}
}

func dateText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case Date:
		return v.String(), nil
	case Timestamp:
		return v.Format(time.DateOnly), nil
	case time.Time:
		return v.Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("%v (%T) is not a date", v, v)
}

// display is a value as shown in md and html tables: exact decimals, floats
// to two decimals (three significant digits below 1), dates without time.
func display(v any) string {
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		if math.Abs(v) < 1 {
			return strconv.FormatFloat(v, 'g', 3, 64)
		}
		return chart.Number(v)
	case json.Number:
		return string(v)
	}
	return text(v)
}

// tableColumn is one column of a table call: "name" or "name:format".
type tableColumn struct {
	index  int
	name   string
	format func(any) string
	num    bool
}

func tableColumns(r *Result, specs []string) ([]tableColumn, error) {
	if r == nil {
		return nil, fmt.Errorf("table: no result (is the query name right?)")
	}
	if len(specs) == 0 {
		for _, c := range r.Columns {
			specs = append(specs, c.Name)
		}
	}
	var cols []tableColumn
	for _, spec := range specs {
		name, fmtName, hasFmt := strings.Cut(spec, ":")
		i := slices.IndexFunc(r.Columns, func(c Column) bool { return c.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("table %s: no column %q (columns: %s)", r.Name, name, columnList(r))
		}
		col := tableColumn{index: i, name: name, format: display, num: numeric(r.Columns[i].Type)}
		if hasFmt {
			switch fmtName {
			case "text":
				col.format, col.num = text, false
			case "date":
				col.format = func(v any) string { s, _ := dateText(v); return s }
			default:
				f, ok := chart.FormatNamed(fmtName)
				if !ok {
					return nil, fmt.Errorf("table %s: column %s: unknown format %q (want %s, text or date)", r.Name, name, fmtName, chart.FormatNames)
				}
				ff := formatFunc(f)
				col.format = func(v any) string {
					s, err := ff(v)
					if err != nil {
						return display(v)
					}
					return s
				}
				col.num = true
			}
		}
		cols = append(cols, col)
	}
	return cols, nil
}

func columnList(r *Result) string {
	names := make([]string, len(r.Columns))
	for i, c := range r.Columns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

func markdownTable(r *Result, specs ...string) (string, error) {
	cols, err := tableColumns(r, specs)
	if err != nil {
		return "", err
	}
	if len(r.Values) == 0 {
		return "_No rows._\n", nil
	}
	cell := func(s string) string {
		s = markdownEscaper.Replace(s)
		return strings.Join(strings.Fields(s), " ") // one line per row
	}
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cols {
		b.WriteString(" " + cell(c.name) + " |")
	}
	b.WriteString("\n|")
	for _, c := range cols {
		if c.num {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range r.Values {
		b.WriteString("|")
		for _, c := range cols {
			b.WriteString(" " + cell(c.format(row[c.index])) + " |")
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

// markdownEscaper backslash-escapes what would break a table cell or be read
// as markup (a value "<b>" stays text in rendered Markdown).
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", `\<`, ">", `\>`, "`", "\\`", "*", `\*`)

func htmlTable(r *Result, specs ...string) (htmltemplate.HTML, error) {
	cols, err := tableColumns(r, specs)
	if err != nil {
		return "", err
	}
	if len(r.Values) == 0 {
		return `<p class="empty">No rows.</p>`, nil
	}
	esc := htmltemplate.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<div class="table-wrap"><table><thead><tr>`)
	for _, c := range cols {
		if c.num {
			b.WriteString(`<th class="num">` + esc(c.name) + "</th>")
		} else {
			b.WriteString("<th>" + esc(c.name) + "</th>")
		}
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range r.Values {
		b.WriteString("<tr>")
		for _, c := range cols {
			if c.num {
				b.WriteString(`<td class="num">` + esc(c.format(row[c.index])) + "</td>")
			} else {
				b.WriteString("<td>" + esc(c.format(row[c.index])) + "</td>")
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return htmltemplate.HTML(b.String()), nil // every cell escaped above
}
