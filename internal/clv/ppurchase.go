package clv

import "math"

// The probability that a customer buys at least once in (T, T+t], given the
// history: the question "will they be back this quarter?" that the expected
// count answers only on average. For all three models it is
//
//	P(purchase in (T, T+t] | x, t_x, T) = P(alive at T) · P(purchase in (T, T+t] | alive at T, x)
//
// because a customer dead at T never buys again. Given alive at T, the history
// says λ ~ Gamma(r+x, α+T) (and in Pareto/NBD, independently, μ ~ Gamma(s, β+T)).

// PPurchase implements Model. A BG/NBD customer drops out only right after a
// purchase, so one alive at T buys in the window unless the wait for the next
// purchase is longer than t:
//
//	P = P(alive) · [1 − ((α+T)/(α+T+t))^(r+x)]
func (m BGNBD) PPurchase(t, x, tx, T float64) float64 { return m.core().pPurchase(t, x, tx, T) }

// PPurchase implements Model, with BG/NBD's formula and MBG/NBD's P(alive).
func (m MBGNBD) PPurchase(t, x, tx, T float64) float64 { return m.core().pPurchase(t, x, tx, T) }

func (c bgCore) pPurchase(t, x, tx, T float64) float64 {
	if t <= 0 {
		return 0
	}
	return c.pAlive(x, tx, T) * -math.Expm1(-(c.r+x)*math.Log1p(t/(c.alpha+T)))
}

// PPurchase implements Model. A Pareto/NBD customer alive at T may die before
// buying, so the next purchase must come at some u <= t with the customer
// still alive then; with A = α+T, B = β+T and k = r+x:
//
//	P = P(alive) · ∫₀ᵗ k/A (A/(A+u))^(k+1) · (B/(B+u))^s du
//	  = P(alive) · k A^k B^s · [I(A, B) − I(A+t, B+t)],   I(A, B) = ∫₀^∞ (A+v)^−(k+1) (B+v)^−s dv
//
// and I has the closed form of logIIntegral. Where its ₂F₁ argument is near 1
// (α and β far apart against T) the series is slow, so the integral is
// computed by quadrature instead, as logA0 does.
func (m ParetoNBD) PPurchase(t, x, tx, T float64) float64 {
	if t <= 0 {
		return 0
	}
	k := m.R + x
	A, B := m.Alpha+T, m.Beta+T
	return m.PAlive(x, tx, T) * math.Min(1, math.Exp(math.Log(k)+k*math.Log(A)+m.S*math.Log(B)+m.logWindowIntegral(k, A, B, t)))
}

// logWindowIntegral is log ∫₀ᵗ (A+u)^−(k+1) (B+u)^−s du, by the closed form or,
// past seriesMaxZ, by quadrature.
func (m ParetoNBD) logWindowIntegral(k, A, B, t float64) float64 {
	if math.Abs(A-B)/math.Max(A, B) > seriesMaxZ {
		return logPowIntegral(A, k+1, B, m.S, 0, t)
	}
	l0 := logIIntegral(k+1, m.S, A, B)
	lt := logIIntegral(k+1, m.S, A+t, B+t)
	return l0 + log1mExp(lt-l0)
}

// logIIntegral is log ∫₀^∞ (A+v)^−a (B+v)^−s dv for a+s > 1. With M = max(A, B)
// and w = M/(M+v) it is an Euler integral:
//
//	A >= B: A^(1−a−s)/(a+s−1) · ₂F₁(s, a+s−1; a+s; (A−B)/A)
//	A <  B: B^(1−a−s)/(a+s−1) · ₂F₁(a, a+s−1; a+s; (B−A)/B)
//
// Taking the larger of A and B keeps z = |A−B|/M below 1.
func logIIntegral(a, s, A, B float64) float64 {
	c := a + s
	if A >= B {
		return (1-c)*math.Log(A) - math.Log(c-1) + log2F1(s, c-1, c, (A-B)/A)
	}
	return (1-c)*math.Log(B) - math.Log(c-1) + log2F1(a, c-1, c, (B-A)/B)
}
