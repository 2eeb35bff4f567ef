package clv

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Simulate draws one customer from model m's generative process, first
// purchase at time 0 and observed until T. With grid > 0 (for example 1/7 for
// calendar days in a weekly model) purchase times fall on a grid of that width
// with a random offset for the first purchase's time of day, and purchases in
// the same cell merge, as same-day orders do. It is for tests, benchmarks and
// demo data; MX is left 0.
func Simulate(rng *rand.Rand, m Model, T, grid float64) (Customer, error) {
	var (
		lambda    float64
		dropAfter func() bool // drops out after a purchase
		deathAt   = math.Inf(1)
	)
	switch m := m.(type) {
	case BGNBD, MBGNBD:
		var r, alpha, a, b float64
		mbg := false
		switch m := m.(type) {
		case BGNBD:
			r, alpha, a, b = m.R, m.Alpha, m.A, m.B
		case MBGNBD:
			r, alpha, a, b, mbg = m.R, m.Alpha, m.A, m.B, true
		}
		lambda = distuv.Gamma{Alpha: r, Beta: alpha, Src: rng}.Rand()
		p := distuv.Beta{Alpha: a, Beta: b, Src: rng}.Rand()
		dropAfter = func() bool { return rng.Float64() < p }
		if mbg && dropAfter() {
			deathAt = 0
		}
	case ParetoNBD:
		lambda = distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}.Rand()
		mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: rng}.Rand()
		deathAt = rng.ExpFloat64() / mu
		dropAfter = func() bool { return false }
	default:
		return Customer{}, fmt.Errorf("simulate %s: %w", m.Name(), ErrUnknownModel)
	}
	c := Customer{T: T}
	offset, lastCell := 0.0, 0.0
	if grid > 0 {
		offset = rng.Float64() * grid
	}
	for t := 0.0; ; {
		t += rng.ExpFloat64() / lambda
		if t > T || t > deathAt {
			return c, nil
		}
		when := t
		if grid > 0 {
			cell := math.Floor((t + offset) / grid)
			if cell == lastCell {
				continue // same day as the previous purchase: one purchase occasion
			}
			lastCell, when = cell, math.Min(cell*grid, T)
		}
		c.X++
		c.TX = when
		if dropAfter() {
			return c, nil
		}
	}
}
