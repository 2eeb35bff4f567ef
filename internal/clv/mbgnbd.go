package clv

// MBGNBD is the modified BG/NBD model of Batislam, Denizel & Filiztekin (2007),
// "Empirical validation and comparison of models for customer base analysis",
// International Journal of Research in Marketing 24(3). It is BG/NBD except that
// a customer may also drop out right after the first purchase, so a customer
// with no repeat purchase is not certainly alive.
type MBGNBD struct {
	R, Alpha, A, B float64
}

// Name implements Model.
func (MBGNBD) Name() string { return NameMBGNBD }

// Params implements Model.
func (m MBGNBD) Params() []Param {
	return []Param{{"r", m.R}, {"alpha", m.Alpha}, {"a", m.A}, {"b", m.B}}
}

func (m MBGNBD) core() bgCore { return bgCore{m.R, m.Alpha, m.A, m.B, true} }

// LogLikelihood implements Model:
//
//	ℓ = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
//	    + ln[ (α+T)^−(r+x) + a/(b+x) (α+t_x)^−(r+x) ]
func (m MBGNBD) LogLikelihood(x, tx, T float64) float64 {
	c := m.core()
	return c.ll(c.forX(x, false), tx, T, nil, 0)
}

// PAlive implements Model: 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), for every x.
func (m MBGNBD) PAlive(x, tx, T float64) float64 { return m.core().pAlive(x, tx, T) }

// ExpectedPurchases implements Model:
//
//	E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive)
func (m MBGNBD) ExpectedPurchases(t, x, tx, T float64) float64 {
	return m.core().expectedPurchases(t, x, tx, T)
}

// ExpectedPurchasesNew implements Model:
// E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
func (m MBGNBD) ExpectedPurchasesNew(t float64) float64 {
	return m.core().expectedPurchases(t, 0, 0, 0)
}
