package clv

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestAnalyticGradients compares the analytic gradients the fits use with
// central differences of the log-likelihood, in log-parameter space. For
// Pareto/NBD it also checks the fit's integral form against LogLikelihood.
func TestAnalyticGradients(t *testing.T) {
	hist := []History{{0, 0, 38.86, 3}, {1, 1.71, 38.86, 2}, {2, 30.43, 38.86, 1}, {7, 29.43, 38.86, 1}, {12, 25, 30, 1}, {3, 10, 10, 2}}
	bgPoints := [][4]float64{{0.243, 4.414, 0.793, 2.426}, {1, 1, 1, 1}, {0.05, 40, 3, 0.4}, {5, 0.5, 0.2, 20}}
	for _, mbg := range []bool{false, true} {
		for _, p := range bgPoints {
			f := func(th []float64) float64 {
				c := bgCore{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3]), mbg}
				s := 0.0
				for _, h := range hist {
					s += h.Count * c.ll(c.forX(h.X, false), h.TX, h.T, nil, 0)
				}
				return s
			}
			c := bgCore{p[0], p[1], p[2], p[3], mbg}
			var g [4]float64
			for _, h := range hist {
				c.ll(c.forX(h.X, true), h.TX, h.T, &g, h.Count)
			}
			theta := []float64{math.Log(p[0]), math.Log(p[1]), math.Log(p[2]), math.Log(p[3])}
			compareGradient(t, map[bool]string{false: "BG/NBD", true: "MBG/NBD"}[mbg], g[:], f, theta)
		}
	}
	for _, p := range [][4]float64{{0.553, 10.578, 0.606, 11.669}, {0.8, 12, 1.3, 4}, {0.3, 0.01, 0.5, 40}, {2, 50, 3, 5}} {
		f := func(th []float64) float64 {
			m := ParetoNBD{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2]), math.Exp(th[3])}
			s := 0.0
			for _, h := range hist {
				s += h.Count * m.LogLikelihood(h.X, h.TX, h.T)
			}
			return s
		}
		m := ParetoNBD{p[0], p[1], p[2], p[3]}
		var g [4]float64
		for _, h := range hist {
			c0 := lgamma(m.R+h.X) - lgamma(m.R) + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta)
			dr0 := mathext.Digamma(m.R+h.X) - mathext.Digamma(m.R) + math.Log(m.Alpha)
			ll := m.ll(c0, dr0, h.X, h.TX, h.T, &g, h.Count)
			if want := m.LogLikelihood(h.X, h.TX, h.T); math.Abs(ll-want) > 1e-10*math.Abs(want) {
				t.Errorf("Pareto/NBD %v at %+v: integral form %.14g, LogLikelihood %.14g", p, h, ll, want)
			}
		}
		compareGradient(t, "Pareto/NBD", g[:], f, []float64{math.Log(p[0]), math.Log(p[1]), math.Log(p[2]), math.Log(p[3])})
	}
	spend := []Spend{{1, 11.77, 2}, {2, 22.35, 1}, {7, 73.74, 1}, {20, 5, 1}}
	for _, p := range [][3]float64{{6.25, 3.74, 15.44}, {1, 1.5, 3}, {0.3, 10, 200}} {
		f := func(th []float64) float64 {
			m := GammaGamma{math.Exp(th[0]), math.Exp(th[1]), math.Exp(th[2])}
			s := 0.0
			for _, r := range spend {
				s += r.Count * m.LogLikelihood(r.X, r.MX)
			}
			return s
		}
		m := GammaGamma{p[0], p[1], p[2]}
		var g [3]float64
		for _, r := range spend {
			m.ll(r.X, r.MX, &g, r.Count)
		}
		compareGradient(t, "Gamma-Gamma", g[:], f, []float64{math.Log(p[0]), math.Log(p[1]), math.Log(p[2])})
	}
}

func compareGradient(t *testing.T, name string, got []float64, f func([]float64) float64, theta []float64) {
	t.Helper()
	want := make([]float64, len(theta))
	centralDiff(f, theta, want)
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-5*math.Max(1, math.Abs(want[i])) {
			t.Errorf("%s at exp(%v): ∂ℓ/∂θ%d analytic %.9g, finite difference %.9g", name, theta, i, got[i], want[i])
		}
	}
}

// centralDiff stores the central-difference gradient of f at x in grad.
func centralDiff(f func([]float64) float64, x, grad []float64) {
	const h = 1e-5
	y := slices.Clone(x)
	for i := range x {
		y[i] = x[i] + h
		fp := f(y)
		y[i] = x[i] - h
		fm := f(y)
		y[i] = x[i]
		grad[i] = (fp - fm) / (2 * h)
	}
}
