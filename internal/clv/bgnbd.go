package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// BGNBD is the beta-geometric/NBD model of Fader, Hardie & Lee (2005),
// "Counting Your Customers the Easy Way", Marketing Science 24(2): while
// active, a customer buys at rate λ ~ Gamma(r, α); after each repeat purchase
// the customer drops out with probability p ~ Beta(a, b).
type BGNBD struct {
	R, Alpha, A, B float64
}

// Name implements Model.
func (BGNBD) Name() string { return NameBGNBD }

// Params implements Model.
func (m BGNBD) Params() []Param {
	return []Param{{"r", m.R}, {"alpha", m.Alpha}, {"a", m.A}, {"b", m.B}}
}

func (m BGNBD) core() bgCore { return bgCore{m.R, m.Alpha, m.A, m.B, false} }

// LogLikelihood implements Model (FHL 2005 eq. 6, in log space):
//
//	ℓ = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//	    + ln[ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x) ]
func (m BGNBD) LogLikelihood(x, tx, T float64) float64 {
	c := m.core()
	return c.ll(c.forX(x, false), tx, T, nil, 0)
}

// PAlive implements Model (FHL 2005 eq. 11):
// 1 / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
func (m BGNBD) PAlive(x, tx, T float64) float64 { return m.core().pAlive(x, tx, T) }

// ExpectedPurchases implements Model (FHL 2005 eq. 10):
//
//	E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)
func (m BGNBD) ExpectedPurchases(t, x, tx, T float64) float64 {
	return m.core().expectedPurchases(t, x, tx, T)
}

// ExpectedPurchasesNew implements Model (FHL 2005 eq. 9):
// E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
func (m BGNBD) ExpectedPurchasesNew(t float64) float64 {
	return m.core().expectedPurchases(t, 0, 0, 0)
}

// bgCore evaluates BG/NBD and MBG/NBD, which differ only in whether a customer
// may drop out right after the first purchase (mbg) or only after repeats.
type bgCore struct {
	r, alpha, a, b float64
	mbg            bool
}

// bgX holds the parts of the log-likelihood and its gradient that depend on x
// only; fits reuse them across every history with the same x.
type bgX struct {
	x          float64
	c0         float64 // lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x+k) − ln B(a, b)
	second     bool    // whether the "dropped out after the last purchase" term exists
	logK       float64 // ln a − ln(b+x−1+k)
	bk         float64 // b+x−1+k
	dr, da, db float64
}

// shift is k above: 0 for BG/NBD, 1 for MBG/NBD.
func (c bgCore) shift() float64 {
	if c.mbg {
		return 1
	}
	return 0
}

func (c bgCore) forX(x float64, grad bool) bgX {
	k := c.shift()
	p := bgX{x: x, second: x > 0 || c.mbg, bk: c.b + x - 1 + k}
	p.c0 = lgamma(c.r+x) - lgamma(c.r) + c.r*math.Log(c.alpha) + lbeta(c.a, c.b+x+k) - lbeta(c.a, c.b)
	p.logK = math.Log(c.a) - math.Log(p.bk)
	if grad {
		psiAB := mathext.Digamma(c.a + c.b)
		psiABX := mathext.Digamma(c.a + c.b + x + k)
		p.dr = mathext.Digamma(c.r+x) - mathext.Digamma(c.r) + math.Log(c.alpha)
		p.da = psiAB - psiABX
		p.db = mathext.Digamma(c.b+x+k) - psiABX - mathext.Digamma(c.b) + psiAB
	}
	return p
}

// ll returns the log-likelihood of (x, t_x, T). When g is non-nil it adds w
// times the gradient with respect to (ln r, ln α, ln a, ln b).
func (c bgCore) ll(p bgX, tx, T float64, g *[4]float64, w float64) float64 {
	rx := c.r + p.x
	laT := math.Log(c.alpha + T)
	t1 := -rx * laT
	lse, wt := t1, 0.0
	var latx float64
	if p.second {
		latx = math.Log(c.alpha + tx)
		t2 := p.logK - rx*latx
		lse = logAddExp(t1, t2)
		wt = math.Exp(t2 - lse) // share of the likelihood from "dropped out at t_x"
	}
	if g != nil {
		dr := p.dr - (1-wt)*laT
		dAlpha := c.r/c.alpha - rx*(1-wt)/(c.alpha+T)
		da, db := p.da, p.db
		if p.second {
			dr -= wt * latx
			dAlpha -= rx * wt / (c.alpha + tx)
			da += wt / c.a
			db -= wt / p.bk
		}
		g[0] += w * dr * c.r
		g[1] += w * dAlpha * c.alpha
		g[2] += w * da * c.a
		g[3] += w * db * c.b
	}
	return p.c0 + lse
}

func (c bgCore) logOddsDead(x, tx, T float64) float64 {
	if !c.mbg && x == 0 {
		return math.Inf(-1)
	}
	k := c.shift()
	return math.Log(c.a) - math.Log(c.b+x-1+k) + (c.r+x)*(math.Log(c.alpha+T)-math.Log(c.alpha+tx))
}

func (c bgCore) pAlive(x, tx, T float64) float64 {
	return 1 / (1 + math.Exp(c.logOddsDead(x, tx, T)))
}

// expectedPurchases is E[Y(t) | x, t_x, T]. At x = t_x = T = 0 it is the
// unconditional E[X(t)]: eq. 9 is eq. 10 at T = 0, where P(alive) is 1 for
// BG/NBD and b/(a+b) for MBG/NBD (which may drop out right at time 0).
func (c bgCore) expectedPurchases(t, x, tx, T float64) float64 {
	if t <= 0 {
		return 0
	}
	return c.expectedIfAlive(t, x, T) * c.pAlive(x, tx, T)
}

// expectedIfAlive is E[Y(t) | alive at T, x]: eq. 10 without its P(alive) factor.
func (c bgCore) expectedIfAlive(t, x, T float64) float64 {
	if t <= 0 {
		return 0
	}
	k := c.shift()
	a := c.a
	if math.Abs(a-1) < 1e-9 {
		a = 1 + 1e-9 // the formula has a removable singularity at a = 1
	}
	z := t / (c.alpha + T + t)
	l2f1, sign := logAbs2F1(c.r+x, c.b+x+k, a+c.b+x-1+k, z)
	lf := (c.r+x)*math.Log1p(-z) + l2f1
	bracket := -math.Expm1(lf) // 1 - (1-z)^(r+x)·2F1
	if sign < 0 {
		bracket = 1 + math.Exp(lf) // 2F1 < 0: BG/NBD at x = 0 with a+b < 1
	}
	// An expectation is >= 0; at extreme parameters rounding can leave -1e-9.
	return math.Max(0, (a+c.b+x-1+k)/(a-1)*bracket)
}
