package clv

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

// The closed forms are checked against computations that share none of their
// algebra: numerical integration of the individual-level model over the two
// mixing distributions, and simulation of the generative process.

// quadrature holds Gauss-Legendre nodes on (0, 1) mapped through a mixing
// distribution's quantile function, so Σ w f(Q(u)) = E[f(θ)].
type quadrature struct{ theta, w []float64 }

func newQuadrature(n int, quantile func(float64) float64) quadrature {
	u, w := make([]float64, n), make([]float64, n)
	quad.Legendre{}.FixedLocations(u, w, 0, 1)
	q := quadrature{theta: make([]float64, n), w: w}
	for i, v := range u {
		q.theta[i] = quantile(v)
	}
	return q
}

// expect2 returns E[f(θ1, θ2)] for independent θ1, θ2.
func expect2(q1, q2 quadrature, f func(a, b float64) float64) float64 {
	s := 0.0
	for i, a := range q1.theta {
		for j, b := range q2.theta {
			s += q1.w[i] * q2.w[j] * f(a, b)
		}
	}
	return s
}

// individual is a model at fixed (λ, second parameter): the likelihood split
// into the "still alive at T" and "dropped out at t_x..T" parts, and, given
// alive at T, the expected purchases in (T, T+t] and the probability of at
// least one.
type individual struct {
	alive, dead func(l, p float64) float64
	future      func(l, p float64) float64
	purchase    func(l, p float64) float64
}

func closedVsIntegral(t *testing.T, m Model, q1, q2 quadrature, ind individual, x, tx, T, horizon float64) {
	t.Helper()
	alive := expect2(q1, q2, ind.alive)
	lik := alive + expect2(q1, q2, ind.dead)
	future := expect2(q1, q2, func(a, b float64) float64 { return ind.alive(a, b) * ind.future(a, b) })
	purchase := expect2(q1, q2, func(a, b float64) float64 { return ind.alive(a, b) * ind.purchase(a, b) })
	// 700 nodes per axis leave a quadrature error near 1e-5 for the most
	// concentrated posteriors (x=5 in 20 weeks); the tolerance allows for it.
	const tol = 3e-5
	checks := []struct {
		what      string
		got, want float64
		tol       float64 // absolute
	}{
		{"log-likelihood", m.LogLikelihood(x, tx, T), math.Log(lik), tol},
		{"P(alive)", m.PAlive(x, tx, T), alive / lik, tol},
		{"E[Y(t)]", m.ExpectedPurchases(horizon, x, tx, T), future / lik, tol * math.Max(1, future/lik)},
		{"P(purchase in t)", m.PPurchase(horizon, x, tx, T), purchase / lik, tol},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s(x=%v, t_x=%v, T=%v, t=%v): closed form %.8g, integral %.8g", c.what, x, tx, T, horizon, c.got, c.want)
		}
	}
}

var histories = []struct{ x, tx, T float64 }{
	{0, 0, 38.86}, {1, 1.71, 38.86}, {2, 30.43, 38.86}, {7, 29.43, 38.86}, {5, 5, 20}, {3, 10, 10},
}

func TestBGNBDClosedFormsVsIntegration(t *testing.T) {
	for _, mbg := range []bool{false, true} {
		var m Model = BGNBD{0.243, 4.414, 0.793, 2.426}
		if mbg {
			m = MBGNBD{0.525, 6.183, 0.891, 1.614}
		}
		p := m.Params()
		r, alpha, a, b := p[0].Value, p[1].Value, p[2].Value, p[3].Value
		ql := newQuadrature(700, distuv.Gamma{Alpha: r, Beta: alpha}.Quantile)
		qp := newQuadrature(700, distuv.Beta{Alpha: a, Beta: b}.Quantile)
		for _, h := range histories {
			x, tx, T := h.x, h.tx, h.T
			k := 0.0
			if mbg {
				k = 1 // MBG/NBD: a dropout chance right after the first purchase too
			}
			ind := individual{
				alive: func(l, p float64) float64 { return math.Pow(1-p, x+k) * math.Pow(l, x) * math.Exp(-l*T) },
				dead: func(l, p float64) float64 {
					if x == 0 && !mbg {
						return 0
					}
					return p * math.Pow(1-p, x-1+k) * math.Pow(l, x) * math.Exp(-l*tx)
				},
				future:   func(l, p float64) float64 { return -math.Expm1(-l*p*39) / p },
				purchase: func(l, _ float64) float64 { return -math.Expm1(-l * 39) },
			}
			closedVsIntegral(t, m, ql, qp, ind, x, tx, T, 39)
		}
	}
}

func TestParetoNBDClosedFormsVsIntegration(t *testing.T) {
	// Both branches of the 2F1 form: α < β (the CDNOW fit) and α > β.
	for _, m := range []ParetoNBD{{0.553, 10.578, 0.606, 11.669}, {0.8, 12, 1.3, 4}} {
		ql := newQuadrature(700, distuv.Gamma{Alpha: m.R, Beta: m.Alpha}.Quantile)
		qm := newQuadrature(700, distuv.Gamma{Alpha: m.S, Beta: m.Beta}.Quantile)
		for _, h := range histories {
			x, tx, T := h.x, h.tx, h.T
			ind := individual{
				alive: func(l, mu float64) float64 { return math.Pow(l, x) * math.Exp(-(l+mu)*T) },
				dead: func(l, mu float64) float64 {
					return math.Pow(l, x) * mu / (l + mu) * (math.Exp(-(l+mu)*tx) - math.Exp(-(l+mu)*T))
				},
				future:   func(l, mu float64) float64 { return l / mu * -math.Expm1(-mu*52) },
				purchase: func(l, mu float64) float64 { return l / (l + mu) * -math.Expm1(-(l+mu)*52) },
			}
			closedVsIntegral(t, m, ql, qm, ind, x, tx, T, 52)
		}
	}
}

func TestGammaGammaVsIntegration(t *testing.T) {
	m := GammaGamma{6.25, 3.74, 15.44}
	qnu := newQuadrature(20000, distuv.Gamma{Alpha: m.Q, Beta: m.Gamma}.Quantile)
	one := quadrature{theta: []float64{0}, w: []float64{1}}
	for _, c := range []struct{ x, mx float64 }{{1, 11.77}, {2, 22.35}, {7, 73.74}, {20, 5}} {
		// The mean of x purchases, each Gamma(p, ν), is Gamma(px, xν).
		dens := func(nu, _ float64) float64 {
			return math.Exp(distuv.Gamma{Alpha: m.P * c.x, Beta: c.x * nu}.LogProb(c.mx))
		}
		f := expect2(qnu, one, dens)
		mean := expect2(qnu, one, func(nu, z float64) float64 { return dens(nu, z) * m.P / nu }) / f
		if got := m.LogLikelihood(c.x, c.mx); math.Abs(got-math.Log(f)) > 1e-6 {
			t.Errorf("LogLikelihood(%v, %v) = %.8f, integral %.8f", c.x, c.mx, got, math.Log(f))
		}
		got, err := m.ExpectedSpend(c.x, c.mx)
		if err != nil || math.Abs(got-mean) > 1e-6*mean {
			t.Errorf("ExpectedSpend(%v, %v) = %.8f, %v; integral %.8f", c.x, c.mx, got, err, mean)
		}
	}
}

// TestExpectedPurchasesNewVsSimulation draws customers from each model's
// generative process with a fixed seed and compares the mean count in (0, t]
// with E[X(t)], within four standard errors.
func TestExpectedPurchasesNewVsSimulation(t *testing.T) {
	models := []Model{
		BGNBD{0.243, 4.414, 0.793, 2.426},
		MBGNBD{0.525, 6.183, 0.891, 1.614},
		ParetoNBD{0.553, 10.578, 0.606, 11.669},
	}
	const n = 200_000
	rng := rand.New(rand.NewPCG(1, 2))
	for _, m := range models {
		for _, horizon := range []float64{1, 39, 78} {
			var sum, sq float64
			for range n {
				c, err := Simulate(rng, m, horizon, 0)
				if err != nil {
					t.Fatal(err)
				}
				sum += c.X
				sq += c.X * c.X
			}
			mean := sum / n
			se := math.Sqrt((sq/n - mean*mean) / n)
			if want := m.ExpectedPurchasesNew(horizon); math.Abs(mean-want) > 4*se {
				t.Errorf("%s: E[X(%v)] = %.5f, simulated mean %.5f ± %.5f", m.Name(), horizon, want, mean, se)
			}
		}
	}
}
