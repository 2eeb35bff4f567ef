package clv

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// ParetoNBD is the Pareto/NBD model of Schmittlein, Morrison & Colombo (1987),
// "Counting Your Customers: Who Are They and What Will They Do Next?",
// Management Science 33(1): while active, a customer buys at rate λ ~ Gamma(r, α)
// and has an exponential lifetime with rate μ ~ Gamma(s, β).
type ParetoNBD struct {
	R, Alpha, S, Beta float64
}

// Name implements Model.
func (ParetoNBD) Name() string { return NameParetoNBD }

// Params implements Model.
func (m ParetoNBD) Params() []Param {
	return []Param{{"r", m.R}, {"alpha", m.Alpha}, {"s", m.S}, {"beta", m.Beta}}
}

// LogLikelihood implements Model. It follows Fader & Hardie (2005), "A Note on
// Deriving the Pareto/NBD Model and Related Expressions", eq. 22–24, in log space:
//
//	L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ]
//
// where for α ≥ β
//
//	A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t_x)) / (α+t_x)^(r+s+x)
//	   − ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T))   / (α+T)^(r+s+x)
//
// and for α < β the same with α and β swapped and the second ₂F₁ argument r+x.
// The branch keeps the ₂F₁ argument in [0, 1); the difference is taken as
// log T₁ + log(1 − T₂/T₁) so it neither overflows nor loses the small term.
func (m ParetoNBD) LogLikelihood(x, tx, T float64) float64 {
	c0 := lgamma(m.R+x) - lgamma(m.R) + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta)
	return c0 + m.logBracket(x, tx, T)
}

// logBracket is the log of the bracket above.
func (m ParetoNBD) logBracket(x, tx, T float64) float64 {
	t1 := -(m.R+x)*math.Log(m.Alpha+T) - m.S*math.Log(m.Beta+T)
	return logAddExp(t1, math.Log(m.S/(m.R+m.S+x))+m.logA0(x, tx, T))
}

// logA0 is log A₀; -Inf when t_x = T.
func (m ParetoNBD) logA0(x, tx, T float64) float64 {
	if !(tx < T) {
		return math.Inf(-1)
	}
	rsx := m.R + m.S + x
	big, small, b := m.Alpha, m.Beta, m.S+1
	if m.Alpha < m.Beta {
		big, small, b = m.Beta, m.Alpha, m.R+x
	}
	if (big-small)/(big+tx) > seriesMaxZ {
		// The series needs ~1/(1−z) terms; near z = 1 integrate instead.
		return math.Log(rsx) + m.logDeadIntegral(x, tx, T)
	}
	lt1 := log2F1(rsx, b, rsx+1, (big-small)/(big+tx)) - rsx*math.Log(big+tx)
	lt2 := log2F1(rsx, b, rsx+1, (big-small)/(big+T)) - rsx*math.Log(big+T)
	if !(lt2 < lt1) {
		return math.Inf(-1)
	}
	return lt1 + log1mExp(lt2-lt1)
}

// seriesMaxZ is where logA0 switches from the ₂F₁ series to the integral.
const seriesMaxZ = 0.9

// gaussN is the size of logDeadIntegral's Gauss-Legendre rule.
const gaussN = 32

// gauss holds the Gauss-Legendre nodes, weights and log weights on [0, 1].
var gauss = func() (g struct{ u, w, logW []float64 }) {
	g.u, g.w, g.logW = make([]float64, gaussN), make([]float64, gaussN), make([]float64, gaussN)
	quad.Legendre{}.FixedLocations(g.u, g.w, 0, 1)
	for i, w := range g.w {
		g.logW[i] = math.Log(w)
	}
	return g
}()

// logDeadIntegral is log ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, the
// "died between t_x and T" part of the likelihood, with A₀ = (r+s+x) times it.
func (m ParetoNBD) logDeadIntegral(x, tx, T float64) float64 {
	return logPowIntegral(m.Alpha, m.R+x, m.Beta, m.S+1, tx, T)
}

// logPowIntegral is log ∫_{from}^{to} (a+τ)^−pa (b+τ)^−pb dτ for a, b > 0. It
// substitutes v = ln(min(a, b) + τ), which removes the nearby singularity that
// makes the ₂F₁ series slow, leaving an integrand whose singularities lie π off
// the real axis, so 32 Gauss-Legendre nodes reach double precision. When the
// integrand decays fast (many purchases) the range is cut where it has fallen
// by e^−50.
func logPowIntegral(a, pa, b, pb, from, to float64) float64 {
	lo := math.Min(a, b)
	// One of the two logs is v itself; only the other needs computing.
	pLo, pHi, dHi := pa, pb, b-lo
	if a > b {
		pLo, pHi, dHi = pb, pa, a-lo
	}
	v0 := math.Log(lo + from)
	width := math.Log(lo+to) - v0
	// A lower bound on the integrand's decay rate in v.
	if rate := pLo - 1; rate > 0 && rate*width > 50 {
		width = 50 / rate
	}
	var l [gaussN]float64
	top := math.Inf(-1)
	for i, u := range gauss.u {
		v := v0 + width*u
		l[i] = (1-pLo)*v - pHi*math.Log(math.Exp(v)+dHi) + gauss.logW[i]
		top = math.Max(top, l[i])
	}
	sum := 0.0
	for _, li := range l {
		sum += math.Exp(li - top)
	}
	return top + math.Log(sum*width)
}

// ll is the log-likelihood by the integral form, for fitting: c0 holds the
// terms that depend on x only, and when g is non-nil w times the gradient with
// respect to (ln r, ln α, ln s, ln β) is added to it. With
// I = ∫_{t_x}^{T} f(τ) dτ, f(τ) = (α+τ)^−(r+x) (β+τ)^−(s+1), the bracket is
// (α+T)^−(r+x) (β+T)^−s + s·I, and every derivative of ln I is an
// f-weighted average over the same nodes.
func (m ParetoNBD) ll(c0, dr0, x, tx, T float64, g *[4]float64, w float64) float64 {
	rx := m.R + x
	laT, lbT := math.Log(m.Alpha+T), math.Log(m.Beta+T)
	t1 := -rx*laT - m.S*lbT
	var (
		share, lse = 0.0, t1
		eLa, eInvA float64 // f-weighted means of ln(α+τ) and 1/(α+τ)
		eLb, eInvB float64 // and of ln(β+τ) and 1/(β+τ)
	)
	if tx < T {
		lo := math.Min(m.Alpha, m.Beta)
		v0 := math.Log(lo + tx)
		width := math.Log(lo+T) - v0
		rate := m.S
		if m.Alpha <= m.Beta {
			rate = rx - 1
		}
		if rate > 0 && rate*width > 50 {
			width = 50 / rate
		}
		var l, la, lb, ia, ib [gaussN]float64
		top := math.Inf(-1)
		for i, u := range gauss.u {
			v := v0 + width*u
			e := math.Exp(v) // lo + τ; one of α+τ, β+τ is e itself, so its log is v
			ia[i], ib[i] = 1/(e+(m.Alpha-lo)), 1/(e+(m.Beta-lo))
			if m.Alpha == lo {
				la[i], lb[i] = v, math.Log(e+(m.Beta-lo))
			} else {
				la[i], lb[i] = math.Log(e+(m.Alpha-lo)), v
			}
			l[i] = v - rx*la[i] - (m.S+1)*lb[i] + gauss.logW[i]
			top = math.Max(top, l[i])
		}
		sum := 0.0
		for i := range l {
			p := math.Exp(l[i] - top)
			sum += p
			if g != nil {
				eLa += p * la[i]
				eInvA += p * ia[i]
				eLb += p * lb[i]
				eInvB += p * ib[i]
			}
		}
		t2 := math.Log(m.S) + top + math.Log(sum*width)
		lse = logAddExp(t1, t2)
		share = math.Exp(t2 - lse)
		eLa, eInvA, eLb, eInvB = eLa/sum, eInvA/sum, eLb/sum, eInvB/sum
	}
	if g != nil {
		dr := dr0 - (1-share)*laT - share*eLa
		dAlpha := m.R/m.Alpha - rx*((1-share)/(m.Alpha+T)+share*eInvA)
		ds := math.Log(m.Beta) - (1-share)*lbT + share*(1/m.S-eLb)
		dBeta := m.S/m.Beta - (1-share)*m.S/(m.Beta+T) - share*(m.S+1)*eInvB
		g[0] += w * dr * m.R
		g[1] += w * dAlpha * m.Alpha
		g[2] += w * ds * m.S
		g[3] += w * dBeta * m.Beta
	}
	return c0 + lse
}

// PAlive implements Model (Fader & Hardie 2005 note, eq. 18 in the A₀ form):
// 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀).
func (m ParetoNBD) PAlive(x, tx, T float64) float64 {
	l := math.Log(m.S/(m.R+m.S+x)) + m.logA0(x, tx, T) + (m.R+x)*math.Log(m.Alpha+T) + m.S*math.Log(m.Beta+T)
	return 1 / (1 + math.Exp(l))
}

// ExpectedPurchases implements Model:
//
//	E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]
//
// with the s → 1 limit (r+x)(β+T)/(α+T) · ln(1 + t/(β+T)).
func (m ParetoNBD) ExpectedPurchases(t, x, tx, T float64) float64 {
	if t <= 0 {
		return 0
	}
	return m.PAlive(x, tx, T) * m.expectedIfAlive(t, x, T)
}

// expectedIfAlive is E[Y(t) | alive at T, x] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)].
func (m ParetoNBD) expectedIfAlive(t, x, T float64) float64 {
	if t <= 0 {
		return 0
	}
	return (m.R + x) * (m.Beta + T) / (m.Alpha + T) * powDiff(m.S-1, t/(m.Beta+T))
}

// ExpectedPurchasesNew implements Model: E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)].
func (m ParetoNBD) ExpectedPurchasesNew(t float64) float64 {
	if t <= 0 {
		return 0
	}
	return m.R * m.Beta / m.Alpha * powDiff(m.S-1, t/m.Beta)
}

// powDiff is (1 − (1+u)^−k)/k, and its limit ln(1+u) at k = 0, without cancellation.
func powDiff(k, u float64) float64 {
	l := math.Log1p(u)
	if math.Abs(k*l) < 1e-12 {
		return l
	}
	return -math.Expm1(-k*l) / k
}
