package chart

import (
	"fmt"
	"math"
)

// Heatmap is a grid of cells coloured by value with the value written in each
// cell: the RFM grid, the value matrix, segment migration.
type Heatmap struct {
	Title   string
	XLabels []string    // columns
	YLabels []string    // rows
	Values  [][]float64 // [row][column]; NaN: empty cell
	Format  Format
}

// SVG draws the chart.
func (c Heatmap) SVG() (string, error) {
	if len(c.Values) != len(c.YLabels) {
		return "", fmt.Errorf("heatmap %q: %d row labels but %d rows", c.Title, len(c.YLabels), len(c.Values))
	}
	for i, row := range c.Values {
		if len(row) != len(c.XLabels) {
			return "", fmt.Errorf("heatmap %q: row %q has %d values for %d columns", c.Title, c.YLabels[i], len(row), len(c.XLabels))
		}
	}
	if len(c.XLabels) == 0 || len(c.YLabels) == 0 {
		return empty(c.Title), nil
	}
	f := orNumber(c.Format)
	lo, hi := math.Inf(1), math.Inf(-1)
	left := 0.0
	for i, row := range c.Values {
		left = math.Max(left, textWidth(clip(c.YLabels[i], maxLabel)))
		for _, v := range row {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	left = math.Min(left+10, Width*0.3)
	cellW := (Width - left) / float64(len(c.XLabels))
	cellH := math.Min(36, math.Max(22, cellW*0.6))
	top := titleSpace(c.Title) + 18
	s := newSVG(Width, top+cellH*float64(len(c.YLabels))+4, c.Title)
	heading(s, c.Title)
	fit := max(1, int((cellW-4)/charWidth))
	for j, l := range c.XLabels {
		s.text(left+(float64(j)+0.5)*cellW, top-6, "middle", axisColor, clip(l, min(fit, maxLabel)))
	}
	for i, row := range c.Values {
		y := top + float64(i)*cellH
		s.text(left-6, y+cellH/2+4, "end", textColor, clip(c.YLabels[i], maxLabel))
		for j, v := range row {
			x := left + float64(j)*cellW
			tip := c.YLabels[i] + " × " + c.XLabels[j] + ": " + valueText(f, v)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				s.rect(x+1, y+1, cellW-2, cellH-2, "#f8fafc", tip)
				continue
			}
			t := 1.0
			if hi > lo {
				t = (v - lo) / (hi - lo)
			}
			s.rect(x+1, y+1, cellW-2, cellH-2, shade(t), tip)
			if label := f(v); textWidth(label)+4 < cellW {
				fill := textColor
				if t > 0.5 {
					fill = "#ffffff"
				}
				s.text(x+cellW/2, y+cellH/2+4, "middle", fill, label)
			}
		}
	}
	return s.String(), nil
}

// shade interpolates from a pale to a deep blue; t in [0, 1].
func shade(t float64) string {
	from := [3]float64{0xef, 0xf6, 0xff}
	to := [3]float64{0x1e, 0x3a, 0x8a}
	var rgb [3]int
	for i := range rgb {
		rgb[i] = int(math.Round(from[i] + (to[i]-from[i])*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}
