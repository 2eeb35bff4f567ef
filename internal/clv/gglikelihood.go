package clv

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// ggData holds the Gamma-Gamma input arranged so that an evaluation costs
// about one multiplication and one division per distinct (x, m_x): every term of
//
//	ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m_x + px ln x − (px+q) ln(γ + x m_x)
//
// but the last depends on the parameters through x only, or is linear in
// ln m_x, so it is computed once per distinct x from Σ w and Σ w ln m_x.
type ggData struct {
	total float64
	xs    []float64 // distinct x, ascending
	wx    []float64 // customers per distinct x
	wlm   []float64 // Σ w ln m_x per distinct x
	xi    []int32   // per row: index into xs
	xm    []float64 // per row: x·m_x
	w     []float64 // per row: customers
}

// newGGData arranges validated spend rows; they need not be sorted.
func newGGData(s []Spend, total float64) *ggData {
	d := &ggData{total: total, xi: make([]int32, len(s)), xm: make([]float64, len(s)), w: make([]float64, len(s))}
	index := map[float64]int32{}
	for i, row := range s {
		k, ok := index[row.X]
		if !ok {
			k = int32(len(d.xs))
			index[row.X] = k
			d.xs = append(d.xs, row.X)
			d.wx = append(d.wx, 0)
			d.wlm = append(d.wlm, 0)
		}
		d.wx[k] += row.Count
		d.wlm[k] += row.Count * math.Log(row.MX)
		d.xi[i], d.xm[i], d.w[i] = k, row.X*row.MX, row.Count
	}
	return d
}

// negLL is the negative mean log-likelihood at m and, when grad is non-nil,
// its gradient with respect to (ln p, ln q, ln γ). It equals the sum over
// rows of w·m.ll(...) (a test checks it to 1e-9 relative).
func (d *ggData) negLL(m GammaGamma, grad []float64) float64 {
	wantGrad := grad != nil
	pq := make([]float64, len(d.xs)) // px+q per distinct x
	lq, lgm := lgamma(m.Q), math.Log(m.Gamma)
	var psiQ float64
	if wantGrad {
		psiQ = mathext.Digamma(m.Q)
	}
	var ll float64
	var g [3]float64 // ∂ℓ/∂ln θ from the x-only terms
	for k, x := range d.xs {
		px := m.P * x
		pq[k] = px + m.Q
		w := d.wx[k]
		ll += w*(lgamma(px+m.Q)-lgamma(px)-lq+m.Q*lgm+px*math.Log(x)) + (px-1)*d.wlm[k]
		if wantGrad {
			psi := mathext.Digamma(px + m.Q)
			g[0] += px * (w*(psi-mathext.Digamma(px)+math.Log(x)) + d.wlm[k])
			g[1] += m.Q * w * (psi - psiQ + lgm)
			g[2] += w * m.Q
		}
	}
	rows := sumBlocks(len(d.w), func(lo, hi int, out *partial) {
		// Σ w(px+q)L, Σ w x L, Σ w L and Σ w(px+q)/(γ+x m_x), with L = ln(γ + x m_x).
		var sum, g0, g1, g2 float64
		// For rows of weight 1, Σ L over a run of equal x is the log of a
		// product, kept as mantissa·2^exp (math.Frexp, so it cannot overflow)
		// and logged once per run or per prodRows rows: one log per row is
		// most of the cost otherwise. The rounding, under prodRows·2^−53
		// relative, is far under the optimizer's tolerance.
		run, prod, exp, n := int32(-1), 1.0, 0, 0
		flush := func() {
			if n > 0 {
				l := math.Log(prod) + float64(exp)*math.Ln2
				sum += pq[run] * l
				g0 += d.xs[run] * l
				g1 += l
			}
			prod, exp, n = 1, 0, 0
		}
		for i := lo; i < hi; i++ {
			k := d.xi[i]
			w, v := d.w[i], m.Gamma+d.xm[i]
			if wantGrad {
				g2 += w * pq[k] / v
			}
			if w != 1 {
				l := math.Log(v)
				sum += w * pq[k] * l
				g0 += w * d.xs[k] * l
				g1 += w * l
				continue
			}
			if k != run || n == prodRows {
				flush()
				run = k
			}
			f, e := math.Frexp(v)
			prod *= f
			exp += e
			n++
		}
		flush()
		out.ll, out.g = sum, [4]float64{g0, g1, g2}
	})
	ll -= rows.ll
	if wantGrad {
		grad[0] = -(g[0] - m.P*rows.g[0]) / d.total
		grad[1] = -(g[1] - m.Q*rows.g[1]) / d.total
		grad[2] = -(g[2] - m.Gamma*rows.g[2]) / d.total
	}
	return -ll / d.total
}
