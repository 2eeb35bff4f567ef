package chart

import (
	"math"
	"strconv"
)

// linear maps the domain [lo, hi] onto the range [r0, r1].
type linear struct {
	lo, hi, r0, r1 float64
}

func (l linear) at(v float64) float64 {
	if l.hi == l.lo {
		return l.r0
	}
	return l.r0 + (v-l.lo)/(l.hi-l.lo)*(l.r1-l.r0)
}

// niceTicks returns about n round tick values (1, 2 or 5 times a power of ten)
// covering [lo, hi]; the first and last ticks enclose the data.
func niceTicks(lo, hi float64, n int) []float64 {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return []float64{0}
	}
	if lo == hi {
		if lo == 0 {
			return []float64{0, 1}
		}
		lo, hi = math.Min(0, lo), math.Max(0, hi)
	}
	raw := (hi - lo) / float64(max(n, 1))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	first := math.Floor(lo/step) * step
	last := math.Ceil(hi/step) * step
	// Round away float noise such as 0.30000000000000004.
	decimals := max(0, int(-math.Floor(math.Log10(step))))
	var ticks []float64
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > last+step/2 {
			break
		}
		v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', decimals, 64), 64)
		ticks = append(ticks, v)
	}
	return ticks
}

// extent returns the smallest and largest finite values, widened to include zero.
func extent(values []float64) (lo, hi float64) {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// yAxis draws horizontal grid lines and tick labels for a vertical value scale.
func yAxis(s *svg, sc linear, ticks []float64, x0, x1 float64) {
	for _, t := range ticks {
		y := sc.at(t)
		s.line(x0, y, x1, y, gridColor)
		s.text(x0-6, y+4, "end", axisColor, Compact(t))
	}
}

// xAxis draws vertical grid lines and tick labels for a horizontal value scale.
func xAxis(s *svg, sc linear, ticks []float64, y0, y1 float64) {
	for _, t := range ticks {
		x := sc.at(t)
		s.line(x, y0, x, y1, gridColor)
		s.text(x, y1+14, "middle", axisColor, Compact(t))
	}
}
