package chart

import (
	"fmt"
	"math"
)

// Bar is a horizontal bar chart: one bar per label with its value written at
// the bar's end. Horizontal bars keep long category names readable on a phone.
type Bar struct {
	Title  string
	Labels []string
	Values []float64 // NaN: no value
	Format Format    // value labels; nil means Number
}

const (
	rowHeight = 22
	barHeight = 14
	maxLabel  = 28 // runes of a category label before it is clipped
)

// SVG draws the chart.
func (c Bar) SVG() (string, error) {
	if len(c.Labels) != len(c.Values) {
		return "", fmt.Errorf("bar chart %q: %d labels but %d values", c.Title, len(c.Labels), len(c.Values))
	}
	if len(c.Values) == 0 {
		return empty(c.Title), nil
	}
	f := orNumber(c.Format)
	labelW, valueW := 0.0, 0.0
	for i, v := range c.Values {
		labelW = math.Max(labelW, textWidth(clip(c.Labels[i], maxLabel)))
		valueW = math.Max(valueW, textWidth(valueText(f, v)))
	}
	labelW = math.Min(labelW+10, Width*0.35)
	valueW = math.Max(valueW+12, 28) // room for the value label and the last tick label
	lo, hi := extent(c.Values)
	x0 := labelW
	if lo < 0 {
		x0 += valueW
	}
	ticks := niceTicks(lo, hi, 5)
	sc := linear{ticks[0], ticks[len(ticks)-1], x0, Width - valueW}
	top := titleSpace(c.Title)
	bottom := top + float64(len(c.Values))*rowHeight
	s := newSVG(Width, bottom+22, c.Title)
	heading(s, c.Title)
	xAxis(s, sc, ticks, top, bottom)
	zero := sc.at(0)
	for i, v := range c.Values {
		y := top + float64(i)*rowHeight + (rowHeight-barHeight)/2
		label := c.Labels[i]
		s.text(labelW-6, y+barHeight-3, "end", textColor, clip(label, maxLabel))
		if math.IsNaN(v) {
			s.text(zero+4, y+barHeight-3, "start", axisColor, valueText(f, v))
			continue
		}
		end := sc.at(v)
		s.rect(zero, y, end-zero, barHeight, Palette[0], label+": "+f(v))
		if v < 0 {
			s.text(end-4, y+barHeight-3, "end", textColor, f(v))
		} else {
			s.text(end+4, y+barHeight-3, "start", textColor, f(v))
		}
	}
	s.line(zero, top, zero, bottom, axisColor)
	return s.String(), nil
}

func orNumber(f Format) Format {
	if f == nil {
		return Number
	}
	return f
}

// valueText is f(v), or a dash for a missing value.
func valueText(f Format, v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return f(v)
}

func titleSpace(title string) float64 {
	if title == "" {
		return 6
	}
	return 28
}
