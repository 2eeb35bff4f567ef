package chart

import (
	"fmt"
	"math"
)

// Funnel draws one centred bar per stage, widths proportional to the value,
// labelled with the value and its share of the first stage.
type Funnel struct {
	Title  string
	Stages []string
	Values []float64
	Format Format
}

// SVG draws the chart.
func (c Funnel) SVG() (string, error) {
	if len(c.Stages) != len(c.Values) {
		return "", fmt.Errorf("funnel %q: %d stages but %d values", c.Title, len(c.Stages), len(c.Values))
	}
	if len(c.Values) == 0 {
		return empty(c.Title), nil
	}
	f := orNumber(c.Format)
	labels := make([]string, len(c.Values))
	labelW, valueW, peak := 0.0, 0.0, 0.0
	for i, v := range c.Values {
		labelW = math.Max(labelW, textWidth(clip(c.Stages[i], maxLabel)))
		share := ""
		if c.Values[0] > 0 && !math.IsNaN(v) {
			share = " (" + Percent(v/c.Values[0]) + ")"
		}
		labels[i] = valueText(f, v) + share
		valueW = math.Max(valueW, textWidth(labels[i]))
		if !math.IsNaN(v) {
			peak = math.Max(peak, v)
		}
	}
	labelW = math.Min(labelW+10, Width*0.35)
	valueW += 8
	const row, bar = 32.0, 24.0
	top := titleSpace(c.Title)
	plot := Width - labelW - valueW
	mid := labelW + plot/2
	s := newSVG(Width, top+row*float64(len(c.Values)), c.Title)
	heading(s, c.Title)
	for i, v := range c.Values {
		y := top + float64(i)*row + (row-bar)/2
		s.text(labelW-6, y+bar/2+4, "end", textColor, clip(c.Stages[i], maxLabel))
		w := 2.0
		if peak > 0 && v > 0 {
			w = math.Max(2, v/peak*plot)
		}
		s.rect(mid-w/2, y, w, bar, Palette[0], c.Stages[i]+": "+labels[i])
		s.text(Width-valueW+4, y+bar/2+4, "start", textColor, labels[i])
	}
	return s.String(), nil
}
