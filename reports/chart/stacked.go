package chart

import (
	"fmt"
	"math"
)

// StackedBar is a horizontal bar per label split into series segments;
// positive values stack to the right of zero and negative ones to the left.
type StackedBar struct {
	Title  string
	Labels []string
	Series []string
	Values [][]float64 // [label][series]; NaN counts as zero
	Format Format
}

// ink is the text colour readable on each palette colour.
var ink = []string{"#ffffff", "#1e293b", "#ffffff", "#1e293b", "#1e293b", "#ffffff", "#1e293b", "#1e293b"}

// SVG draws the chart.
func (c StackedBar) SVG() (string, error) {
	if len(c.Labels) != len(c.Values) {
		return "", fmt.Errorf("stacked bar chart %q: %d labels but %d rows of values", c.Title, len(c.Labels), len(c.Values))
	}
	for i, row := range c.Values {
		if len(row) != len(c.Series) {
			return "", fmt.Errorf("stacked bar chart %q: label %q has %d values for %d series", c.Title, c.Labels[i], len(row), len(c.Series))
		}
	}
	if len(c.Values) == 0 || len(c.Series) == 0 {
		return empty(c.Title), nil
	}
	f := orNumber(c.Format)
	totals := make([]float64, len(c.Values))
	var bounds []float64
	labelW, valueW := 0.0, 0.0
	for i, row := range c.Values {
		pos, neg := 0.0, 0.0
		for _, v := range row {
			if v > 0 {
				pos += v
			} else if v < 0 {
				neg += v
			}
		}
		totals[i] = pos + neg
		bounds = append(bounds, pos, neg)
		labelW = math.Max(labelW, textWidth(clip(c.Labels[i], maxLabel)))
		valueW = math.Max(valueW, textWidth(f(totals[i])))
	}
	labelW = math.Min(labelW+10, Width*0.35)
	valueW = math.Max(valueW+12, 28) // room for the value label and the last tick label
	lo, hi := extent(bounds)
	ticks := niceTicks(lo, hi, 5)
	sc := linear{ticks[0], ticks[len(ticks)-1], labelW, Width - valueW}

	top := titleSpace(c.Title)
	top = legend(nil, c.Series, top) // measure only
	bottom := top + float64(len(c.Values))*rowHeight
	s := newSVG(Width, bottom+22, c.Title)
	heading(s, c.Title)
	legend(s, c.Series, titleSpace(c.Title))
	xAxis(s, sc, ticks, top, bottom)
	zero := sc.at(0)
	for i, row := range c.Values {
		y := top + float64(i)*rowHeight + (rowHeight-barHeight)/2
		s.text(labelW-6, y+barHeight-3, "end", textColor, clip(c.Labels[i], maxLabel))
		pos, neg := 0.0, 0.0
		for j, v := range row {
			if math.IsNaN(v) || v == 0 {
				continue
			}
			var from, to float64
			if v > 0 {
				from, to = pos, pos+v
				pos = to
			} else {
				from, to = neg, neg+v
				neg = to
			}
			x0, x1 := sc.at(from), sc.at(to)
			k := j % len(Palette)
			s.rect(x0, y, x1-x0, barHeight, Palette[k], c.Labels[i]+", "+c.Series[j]+": "+f(v))
			if t := f(v); textWidth(t)+6 < math.Abs(x1-x0) {
				s.text((x0+x1)/2, y+barHeight-3, "middle", ink[k], t)
			}
		}
		s.text(sc.at(pos)+4, y+barHeight-3, "start", textColor, f(totals[i]))
	}
	s.line(zero, top, zero, bottom, axisColor)
	return s.String(), nil
}

// legend draws a swatch and name per series from y, wrapping lines, and returns
// the y below it. With s nil it only measures.
func legend(s *svg, names []string, y float64) float64 {
	x := 0.0
	for i, name := range names {
		name = clip(name, maxLabel)
		w := 16 + textWidth(name) + 14
		if x > 0 && x+w > Width {
			x, y = 0, y+18
		}
		if s != nil {
			s.rect(x, y, 10, 10, Palette[i%len(Palette)], "")
			s.text(x+14, y+9, "start", textColor, name)
		}
		x += w
	}
	return y + 22
}
