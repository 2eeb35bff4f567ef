package clv

import (
	"fmt"
	"math"
	"testing"
)

// The closed forms are checked against integration in crosscheck_test.go; these
// are the shapes every horizon must have.
func TestPPurchaseShape(t *testing.T) {
	models := []Model{
		BGNBD{0.243, 4.414, 0.793, 2.426},
		MBGNBD{0.525, 6.183, 0.891, 1.614},
		ParetoNBD{0.553, 10.578, 0.606, 11.669},
		ParetoNBD{0.8, 12, 1.3, 4},
	}
	horizons := []float64{0, 1.0 / 7, 1, 4, 13, 26, 52, 104, 520, 5200}
	for _, m := range models {
		for _, h := range append(histories, struct{ x, tx, T float64 }{400, 77, 78}) {
			pa := m.PAlive(h.x, h.tx, h.T)
			prev := 0.0
			for _, horizon := range horizons {
				p := m.PPurchase(horizon, h.x, h.tx, h.T)
				what := func() string {
					return fmt.Sprintf("%s x=%v t_x=%v T=%v t=%v", m.Name(), h.x, h.tx, h.T, horizon)
				}
				switch {
				case horizon == 0 && p != 0:
					t.Errorf("%s: P = %v, want 0 for an empty window", what(), p)
				case p < prev:
					t.Errorf("%s: P = %v falls below %v of a shorter window", what(), p, prev)
				case p > pa*(1+1e-12):
					t.Errorf("%s: P = %v exceeds P(alive) %v", what(), p, pa)
				}
				prev = p
			}
			// A BG customer alive at T buys eventually (slowly for small r+x: the
			// wait's tail is a power law); a Pareto one may die first.
			far := m.PPurchase(1e12, h.x, h.tx, h.T)
			switch m.(type) {
			case BGNBD, MBGNBD:
				if h.x >= 1 && math.Abs(far-pa) > 1e-9*pa {
					t.Errorf("%s x=%v: P over 1e12 units = %v, want P(alive) %v", m.Name(), h.x, far, pa)
				}
			case ParetoNBD:
				if !(far < pa) {
					t.Errorf("%s x=%v: P over 1e12 units = %v, want below P(alive) %v", m.Name(), h.x, far, pa)
				}
			}
		}
	}
}
