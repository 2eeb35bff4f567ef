package clv

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// GammaGamma is the spend model of Fader & Hardie (2013), "The Gamma-Gamma
// Model of Monetary Value" (brucehardie.com/notes/025): each purchase's value is
// Gamma(p, ν) with the customer's ν ~ Gamma(q, γ), independent of the purchase
// process. It is fitted on repeat customers' (x, m_x).
type GammaGamma struct {
	P, Q, Gamma float64
}

// Params lists p, q, gamma.
func (m GammaGamma) Params() []Param {
	return []Param{{"p", m.P}, {"q", m.Q}, {"gamma", m.Gamma}}
}

// LogLikelihood is the log density of the mean spend m_x of x purchases
// (the note's eq. 3, including the Jacobian of the mean):
//
//	ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x)
func (m GammaGamma) LogLikelihood(x, mx float64) float64 {
	return m.ll(x, mx, nil, 0)
}

// ll adds w times the gradient with respect to (ln p, ln q, ln γ) to g when g is non-nil.
func (m GammaGamma) ll(x, mx float64, g *[3]float64, w float64) float64 {
	px := m.P * x
	lgxm := math.Log(m.Gamma + x*mx)
	lm, lx := math.Log(mx), math.Log(x)
	if g != nil {
		psi := mathext.Digamma(px + m.Q)
		g[0] += w * m.P * x * (psi - mathext.Digamma(px) + lm + lx - lgxm)
		g[1] += w * m.Q * (psi - mathext.Digamma(m.Q) + math.Log(m.Gamma) - lgxm)
		g[2] += w * m.Gamma * (m.Q/m.Gamma - (px+m.Q)/(m.Gamma+x*mx))
	}
	return lgamma(px+m.Q) - lgamma(px) - lgamma(m.Q) + m.Q*math.Log(m.Gamma) + (px-1)*lm + px*lx - (px+m.Q)*lgxm
}

// MeanSpend is the population mean value per purchase, pγ/(q−1); it exists only for q > 1.
func (m GammaGamma) MeanSpend() (float64, error) {
	if m.Q <= 1 {
		return 0, fmt.Errorf("gamma-gamma mean spend with q=%v: %w (needs q > 1)", m.Q, ErrUndefined)
	}
	return finiteSpend(m.P*m.Gamma/(m.Q-1), "gamma-gamma mean spend", m)
}

// finiteSpend turns an overflow (extreme parameters or m_x) into an error
// rather than an +Inf that would poison every sum it enters.
func finiteSpend(v float64, what string, m GammaGamma) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s with p=%v, q=%v, gamma=%v is %v: %w", what, m.P, m.Q, m.Gamma, v, ErrUndefined)
	}
	return v, nil
}

// ExpectedSpend is the expected value per future purchase of a customer with x
// repeat purchases of mean value m_x (the note's eq. 5):
//
//	E[M | x, m_x] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m_x = p(γ + x m_x)/(px+q−1)
//
// a weighted average of the population mean and the customer's own mean. With
// x = 0 it is the population mean. It needs q > 1.
func (m GammaGamma) ExpectedSpend(x, mx float64) (float64, error) {
	if m.Q <= 1 {
		return 0, fmt.Errorf("gamma-gamma expected spend with q=%v: %w (needs q > 1)", m.Q, ErrUndefined)
	}
	if x <= 0 {
		return m.MeanSpend()
	}
	v := m.P * (m.Gamma + x*mx) / (m.P*x + m.Q - 1)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return finiteSpend(v, fmt.Sprintf("gamma-gamma expected spend for x=%v, m_x=%v", x, mx), m)
	}
	return v, nil
}
