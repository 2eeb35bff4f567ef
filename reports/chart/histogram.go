package chart

import (
	"fmt"
	"math"
)

// Histogram counts values into equal-width bins and draws a vertical bar per
// bin with its count on top.
type Histogram struct {
	Title  string
	Values []float64 // NaN values are left out
	Bins   int       // number of bins; 0 means 10
	Format Format    // bin edge labels; nil means Compact
}

// Bins splits [min, max] of values into n equal-width bins; the last bin
// includes max. It returns the n+1 edges and the count per bin.
func Bins(values []float64, n int) (edges []float64, counts []int) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if math.IsInf(lo, 1) {
		return nil, nil
	}
	if n < 1 || lo == hi {
		n = 1
	}
	width := (hi - lo) / float64(n)
	edges = make([]float64, n+1)
	for i := range edges {
		edges[i] = lo + float64(i)*width
	}
	edges[n] = hi
	counts = make([]int, n)
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		i := n - 1
		if width > 0 {
			i = min(int((v-lo)/width), n-1)
		}
		counts[i]++
	}
	return edges, counts
}

// SVG draws the chart.
func (c Histogram) SVG() (string, error) {
	n := c.Bins
	if n == 0 {
		n = 10
	}
	if n < 0 || n > 200 {
		return "", fmt.Errorf("histogram %q: %d bins, want 1 to 200", c.Title, n)
	}
	edges, counts := Bins(c.Values, n)
	if len(counts) == 0 {
		return empty(c.Title), nil
	}
	f := c.Format
	if f == nil {
		f = Compact
	}
	top := titleSpace(c.Title) + 14 // room for the count above the tallest bar
	const height, left, right, below = 300, 48.0, 28.0, 40.0
	maxCount := 0
	for _, k := range counts {
		maxCount = max(maxCount, k)
	}
	ticks := niceTicks(0, float64(maxCount), 4)
	y := linear{ticks[0], ticks[len(ticks)-1], height - below, top}
	x := linear{0, float64(len(counts)), left, Width - right}
	s := newSVG(Width, height, c.Title)
	heading(s, c.Title)
	yAxis(s, y, ticks, left, Width-right)
	slot := x.at(1) - x.at(0)
	for i, k := range counts {
		x0 := x.at(float64(i))
		tip := fmt.Sprintf("%s to %s: %d", f(edges[i]), f(edges[i+1]), k)
		s.rect(x0+1, y.at(float64(k)), slot-2, y.at(0)-y.at(float64(k)), Palette[0], tip)
		if textWidth(fmt.Sprint(k)) < slot+8 {
			s.text(x0+slot/2, y.at(float64(k))-4, "middle", textColor, fmt.Sprint(k))
		}
	}
	// Label as many edges as fit without overlapping.
	widest := 0.0
	for _, e := range edges {
		widest = math.Max(widest, textWidth(f(e)))
	}
	step := max(1, int(math.Ceil((widest+8)/slot)))
	for i := 0; i < len(edges); i += step {
		s.line(x.at(float64(i)), height-below, x.at(float64(i)), height-below+4, axisColor)
		s.text(x.at(float64(i)), height-below+16, "middle", axisColor, f(edges[i]))
	}
	s.line(left, y.at(0), Width-right, y.at(0), axisColor)
	return s.String(), nil
}
