package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Line draws one or more series over time on a shared time axis, or over a
// numeric x axis (XNum, e.g. a cumulative share of customers) when X is nil.
type Line struct {
	Title   string
	X       []time.Time
	XNum    []float64 // numeric x values, used when X is empty
	Series  []Series
	Format  Format // point labels; nil means Number
	XFormat string // Go time layout for x labels; "" picks 2006-01 for month starts, else 2006-01-02
	XNumFmt Format // labels of a numeric x axis; nil means Number
}

// points returns the number of x values, their positions on the axis and
// their labels.
func (c Line) points(layout string) (int, func(i int) float64, func(i int) string) {
	if len(c.X) == 0 && len(c.XNum) > 0 {
		f := orNumber(c.XNumFmt)
		return len(c.XNum), func(i int) float64 { return c.XNum[i] }, func(i int) string { return f(c.XNum[i]) }
	}
	first := time.Time{}
	for i, t := range c.X {
		if i == 0 || t.Before(first) {
			first = t
		}
	}
	return len(c.X), func(i int) float64 { return float64(c.X[i].Sub(first)) }, func(i int) string { return c.X[i].Format(layout) }
}

// Series is one line; Values align with Line.X, NaN leaves a gap.
type Series struct {
	Name   string
	Values []float64
}

// SVG draws the chart.
func (c Line) SVG() (string, error) {
	if len(c.X) > 0 && len(c.XNum) > 0 {
		return "", fmt.Errorf("line chart %q: both time and numeric x values", c.Title)
	}
	layout := c.XFormat
	n, pos, label := c.points(layout)
	for _, ser := range c.Series {
		if len(ser.Values) != n {
			return "", fmt.Errorf("line chart %q: series %q has %d values for %d x values", c.Title, ser.Name, len(ser.Values), n)
		}
	}
	if n == 0 || len(c.Series) == 0 {
		return empty(c.Title), nil
	}
	f := orNumber(c.Format)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pos(order[a]) < pos(order[b]) })
	if layout == "" {
		layout = "2006-01"
		for _, t := range c.X {
			if t.Day() != 1 || t.Hour() != 0 || t.Minute() != 0 {
				layout = "2006-01-02"
				break
			}
		}
	}
	var all []float64
	for _, ser := range c.Series {
		all = append(all, ser.Values...)
	}
	lo, hi := extent(all)
	ticks := niceTicks(lo, hi, 5)
	const height, left, right, below = 300, 48.0, 36.0, 36.0
	top := titleSpace(c.Title)
	if len(c.Series) > 1 {
		names := make([]string, len(c.Series))
		for i, ser := range c.Series {
			names[i] = ser.Name
		}
		top = legend(nil, names, top)
	}
	top += 14 // room for point labels above the highest point
	_, pos, label = c.points(layout)
	first, last := pos(order[0]), pos(order[len(order)-1])
	x := linear{first, last, left + 8, Width - right}
	if first == last {
		x = linear{first, first + 1, (left + Width - right) / 2, (left + Width - right) / 2}
	}
	y := linear{ticks[0], ticks[len(ticks)-1], height - below, top}
	xAt := func(i int) float64 { return x.at(pos(i)) }

	s := newSVG(Width, height, c.Title)
	heading(s, c.Title)
	if len(c.Series) > 1 {
		names := make([]string, len(c.Series))
		for i, ser := range c.Series {
			names[i] = ser.Name
		}
		legend(s, names, titleSpace(c.Title))
	}
	yAxis(s, y, ticks, left, Width-right)
	// At most about eight x labels, evenly picked, always including the first.
	// A numeric axis gets round ticks instead.
	if len(c.X) == 0 {
		xf := orNumber(c.XNumFmt)
		for _, t := range niceTicks(first, last, 5) {
			if t < first || t > last {
				continue
			}
			s.line(x.at(t), height-below, x.at(t), height-below+4, axisColor)
			s.text(x.at(t), height-below+16, "middle", axisColor, xf(t))
		}
	} else {
		step := max(1, int(math.Ceil(float64(len(order))/8)))
		for k := 0; k < len(order); k += step {
			i := order[k]
			s.line(xAt(i), height-below, xAt(i), height-below+4, axisColor)
			s.text(xAt(i), height-below+16, "middle", axisColor, label(i))
		}
	}
	s.line(left, y.at(math.Max(ticks[0], 0)), Width-right, y.at(math.Max(ticks[0], 0)), axisColor)
	for si, ser := range c.Series {
		color := Palette[si%len(Palette)]
		var d strings.Builder
		pen := "M"
		for _, i := range order {
			v := ser.Values[i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				pen = "M"
				continue
			}
			d.WriteString(pen + num(xAt(i)) + " " + num(y.at(v)) + " ")
			pen = "L"
		}
		s.path(strings.TrimSpace(d.String()), color, 2)
		labelled := pointsToLabel(order, ser.Values, len(c.Series))
		for _, i := range order {
			v := ser.Values[i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			name := ""
			if ser.Name != "" {
				name = ser.Name + ", "
			}
			s.circle(xAt(i), y.at(v), 3, color, name+label(i)+": "+f(v))
			if labelled[i] {
				s.text(xAt(i), y.at(v)-7, "middle", textColor, f(v))
			}
		}
	}
	return s.String(), nil
}

// pointsToLabel picks the points that get a value label: all of them for a
// short single series, else the highest, the lowest and the last.
func pointsToLabel(order []int, values []float64, series int) map[int]bool {
	out := map[int]bool{}
	if series == 1 && len(order) <= 12 {
		for _, i := range order {
			out[i] = true
		}
		return out
	}
	hi, lo, last := -1, -1, -1
	for _, i := range order {
		v := values[i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if hi < 0 || v > values[hi] {
			hi = i
		}
		if lo < 0 || v < values[lo] {
			lo = i
		}
		last = i
	}
	for _, i := range []int{hi, lo, last} {
		if i >= 0 {
			out[i] = true
		}
	}
	return out
}
