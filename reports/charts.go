package reports

import (
	"fmt"
	htmltemplate "html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/custval/custval/reports/chart"
)

// chartSpec holds the key=value arguments of a chart call, e.g.
// {{bar .Results.revenue "x=category" "y=revenue" "title=Revenue" "format=money"}}.
type chartSpec struct {
	kind   string
	r      *Result
	opts   map[string]string
	format chart.Format
}

func newSpec(kind string, r *Result, args []string, required []string, optional ...string) (*chartSpec, error) {
	if r == nil {
		return nil, fmt.Errorf("%s chart: no result (is the query name right?)", kind)
	}
	s := &chartSpec{kind: kind, r: r, opts: map[string]string{}}
	allowed := append(append([]string{"title", "format"}, required...), optional...)
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || !slices.Contains(allowed, k) {
			return nil, fmt.Errorf("%s chart of %s: argument %q, want key=value with key one of %s", kind, r.Name, a, strings.Join(allowed, ", "))
		}
		s.opts[k] = v
	}
	for _, k := range required {
		if s.opts[k] == "" {
			return nil, fmt.Errorf("%s chart of %s: %s=COLUMN is required", kind, r.Name, k)
		}
	}
	f, ok := chart.FormatNamed(s.opts["format"])
	if !ok {
		return nil, fmt.Errorf("%s chart of %s: unknown format %q (want %s)", kind, r.Name, s.opts["format"], chart.FormatNames)
	}
	s.format = f
	return s, nil
}

// column returns the index of the column named by option key.
func (s *chartSpec) column(key string) (int, error) {
	name := s.opts[key]
	i := slices.IndexFunc(s.r.Columns, func(c Column) bool { return c.Name == name })
	if i < 0 {
		return 0, fmt.Errorf("%s chart of %s: %s=%s: no such column (columns: %s)", s.kind, s.r.Name, key, name, columnList(s.r))
	}
	return i, nil
}

func (s *chartSpec) columns(keys ...string) ([]int, error) {
	out := make([]int, len(keys))
	for i, k := range keys {
		c, err := s.column(k)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// number reads a cell for a chart; NULL is NaN (drawn as missing).
func (s *chartSpec) number(row []any, col int) (float64, error) {
	if row[col] == nil {
		return math.NaN(), nil
	}
	v, ok := toFloat(row[col])
	if !ok {
		return 0, fmt.Errorf("%s chart of %s: column %s holds %q, not a number", s.kind, s.r.Name, s.r.Columns[col].Name, text(row[col]))
	}
	return v, nil
}

func svgOut(svg string, err error) (htmltemplate.HTML, error) {
	if err != nil {
		return "", err
	}
	return htmltemplate.HTML(`<figure class="chart">` + svg + `</figure>`), nil // package chart escapes all text
}

// index keeps labels in first-appearance order, so the query's order by decides the layout.
type index struct {
	names []string
	pos   map[string]int
}

func (x *index) add(name string) int {
	if x.pos == nil {
		x.pos = map[string]int{}
	}
	if i, ok := x.pos[name]; ok {
		return i
	}
	x.pos[name] = len(x.names)
	x.names = append(x.names, name)
	return len(x.names) - 1
}

func barChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("bar", r, args, []string{"x", "y"})
	if err != nil {
		return "", err
	}
	cols, err := s.columns("x", "y")
	if err != nil {
		return "", err
	}
	c := chart.Bar{Title: s.opts["title"], Format: s.format}
	for _, row := range r.Values {
		v, err := s.number(row, cols[1])
		if err != nil {
			return "", err
		}
		c.Labels = append(c.Labels, display(row[cols[0]]))
		c.Values = append(c.Values, v)
	}
	return svgOut(c.SVG())
}

func stackedChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("stacked", r, args, []string{"x", "series", "y"})
	if err != nil {
		return "", err
	}
	cols, err := s.columns("x", "series", "y")
	if err != nil {
		return "", err
	}
	var labels, series index
	type cell struct{ l, s int }
	sums := map[cell]float64{}
	for _, row := range r.Values {
		v, err := s.number(row, cols[2])
		if err != nil {
			return "", err
		}
		if math.IsNaN(v) {
			v = 0
		}
		k := cell{labels.add(display(row[cols[0]])), series.add(display(row[cols[1]]))}
		sums[k] += v
	}
	c := chart.StackedBar{Title: s.opts["title"], Labels: labels.names, Series: series.names, Format: s.format}
	for l := range labels.names {
		vals := make([]float64, len(series.names))
		for j := range vals {
			vals[j] = sums[cell{l, j}]
		}
		c.Values = append(c.Values, vals)
	}
	return svgOut(c.SVG())
}

func histogramChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("histogram", r, args, []string{"value"}, "bins")
	if err != nil {
		return "", err
	}
	col, err := s.column("value")
	if err != nil {
		return "", err
	}
	c := chart.Histogram{Title: s.opts["title"]}
	if s.opts["format"] != "" {
		c.Format = s.format
	}
	if b := s.opts["bins"]; b != "" {
		if c.Bins, err = strconv.Atoi(b); err != nil || c.Bins < 1 {
			return "", fmt.Errorf("histogram chart of %s: bins=%s is not a positive integer", r.Name, b)
		}
	}
	for _, row := range r.Values {
		v, err := s.number(row, col)
		if err != nil {
			return "", err
		}
		c.Values = append(c.Values, v)
	}
	return svgOut(c.SVG())
}

func heatmapChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("heatmap", r, args, []string{"x", "y", "value"})
	if err != nil {
		return "", err
	}
	cols, err := s.columns("x", "y", "value")
	if err != nil {
		return "", err
	}
	var xs, ys index
	type cell struct{ x, y int }
	vals := map[cell]float64{}
	for _, row := range r.Values {
		v, err := s.number(row, cols[2])
		if err != nil {
			return "", err
		}
		k := cell{xs.add(display(row[cols[0]])), ys.add(display(row[cols[1]]))}
		if _, dup := vals[k]; dup {
			return "", fmt.Errorf("heatmap chart of %s: two rows for %s=%s, %s=%s", r.Name,
				s.opts["x"], xs.names[k.x], s.opts["y"], ys.names[k.y])
		}
		vals[k] = v
	}
	c := chart.Heatmap{Title: s.opts["title"], XLabels: xs.names, YLabels: ys.names, Format: s.format}
	for y := range ys.names {
		line := make([]float64, len(xs.names))
		for x := range line {
			v, ok := vals[cell{x, y}]
			if !ok {
				v = math.NaN()
			}
			line[x] = v
		}
		c.Values = append(c.Values, line)
	}
	return svgOut(c.SVG())
}

func funnelChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("funnel", r, args, []string{"x", "y"})
	if err != nil {
		return "", err
	}
	cols, err := s.columns("x", "y")
	if err != nil {
		return "", err
	}
	c := chart.Funnel{Title: s.opts["title"], Format: s.format}
	for _, row := range r.Values {
		v, err := s.number(row, cols[1])
		if err != nil {
			return "", err
		}
		c.Stages = append(c.Stages, display(row[cols[0]]))
		c.Values = append(c.Values, v)
	}
	return svgOut(c.SVG())
}

func lineChart(r *Result, args ...string) (htmltemplate.HTML, error) {
	s, err := newSpec("line", r, args, []string{"x", "y"}, "series", "xformat")
	if err != nil {
		return "", err
	}
	cols, err := s.columns("x", "y")
	if err != nil {
		return "", err
	}
	seriesCol := -1
	if s.opts["series"] != "" {
		if seriesCol, err = s.column("series"); err != nil {
			return "", err
		}
	}
	xf, ok := chart.FormatNamed(s.opts["xformat"])
	if !ok {
		return "", fmt.Errorf("line chart of %s: unknown xformat %q (want %s)", r.Name, s.opts["xformat"], chart.FormatNames)
	}
	// x is a date or timestamp, or a number (e.g. a cumulative share); the
	// first row decides and every row must agree.
	numeric := false
	if len(r.Values) > 0 {
		switch r.Values[0][cols[0]].(type) {
		case Date, Timestamp:
		default:
			numeric = true
		}
	}
	var xs []float64 // x positions: a number, or Unix nanoseconds of a time
	var times []time.Time
	at := map[float64]int{}
	var series index
	type cell struct{ t, s int }
	vals := map[cell]float64{}
	for _, row := range r.Values {
		var key float64
		var t time.Time
		switch x := row[cols[0]].(type) {
		case Date:
			t = x.Time
		case Timestamp:
			t = x.Time
		default:
			f, ok := toFloat(x)
			if !ok || !numeric {
				return "", fmt.Errorf("line chart of %s: x=%s holds %q, not a date, timestamp or number", r.Name, s.opts["x"], text(row[cols[0]]))
			}
			key = f
		}
		if numeric != t.IsZero() {
			return "", fmt.Errorf("line chart of %s: x=%s mixes numbers and dates", r.Name, s.opts["x"])
		}
		if !numeric {
			key = float64(t.UnixNano())
		}
		v, err := s.number(row, cols[1])
		if err != nil {
			return "", err
		}
		if _, ok := at[key]; !ok {
			at[key] = len(xs)
			xs = append(xs, key)
			times = append(times, t)
		}
		name := s.opts["y"]
		if seriesCol >= 0 {
			name = display(row[seriesCol])
		}
		vals[cell{at[key], series.add(name)}] += v
	}
	c := chart.Line{Title: s.opts["title"], Format: s.format}
	if numeric {
		c.XNum, c.XNumFmt = xs, xf
	} else {
		c.X = times
	}
	for j, name := range series.names {
		ser := chart.Series{Name: name, Values: make([]float64, len(xs))}
		for i := range xs {
			v, ok := vals[cell{i, j}]
			if !ok {
				v = math.NaN()
			}
			ser.Values[i] = v
		}
		c.Series = append(c.Series, ser)
	}
	return svgOut(c.SVG())
}
