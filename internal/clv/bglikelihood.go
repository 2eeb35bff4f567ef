package clv

import "math"

// bgData holds distinct histories arranged so that a BG/NBD or MBG/NBD
// log-likelihood evaluation costs one exp and one log1p per history and
// nothing more:
//   - terms that depend on x only (log-gammas, log-betas, digammas) are
//     computed once per distinct x and weighted by that x's customers;
//   - ln(α+T), ln(α+t_x) and their reciprocals are computed once per distinct
//     time value: with day-resolution data there are a few thousand of those
//     however many customers there are, and rows keep indices into the table.
type bgData struct {
	total float64
	xs    []float64 // distinct x, ascending
	wx    []float64 // customers per distinct x
	times []float64 // distinct values of T and t_x
	xi    []int32   // per row: index into xs
	ti    []int32   // per row: index of T in times
	txi   []int32   // per row: index of t_x in times
	w     []float64 // per row: customers
}

// newBGData arranges histories already validated and sorted by x.
func newBGData(h []History, total float64) *bgData {
	d := &bgData{total: total, xi: make([]int32, len(h)), ti: make([]int32, len(h)), txi: make([]int32, len(h)), w: make([]float64, len(h))}
	index := map[float64]int32{}
	timeIndex := func(v float64) int32 {
		i, ok := index[v]
		if !ok {
			i = int32(len(d.times))
			index[v] = i
			d.times = append(d.times, v)
		}
		return i
	}
	for i, row := range h {
		if i == 0 || row.X != h[i-1].X {
			d.xs = append(d.xs, row.X)
			d.wx = append(d.wx, 0)
		}
		k := len(d.xs) - 1
		d.wx[k] += row.Count
		d.xi[i], d.ti[i], d.txi[i], d.w[i] = int32(k), timeIndex(row.T), timeIndex(row.TX), row.Count
	}
	return d
}

// prodRows bounds the factors in (1, 2] multiplied before taking a log: 2^512 is far from overflow.
const prodRows = 512

// bgRowX is what a row needs from its x.
type bgRowX struct {
	rx     float64 // r+x
	logK   float64 // ln a − ln(b+x−1+k)
	invBK  float64 // 1/(b+x−1+k)
	second bool
}

// negLL is the negative mean log-likelihood at c and, when grad is non-nil,
// its gradient with respect to (ln r, ln α, ln a, ln b). It equals the sum
// over rows of w·c.ll(...) (a test checks it to 1e-9 relative), regrouped:
//
//	ℓ = Σ_x W_x c0(x) + Σ_rows w · logsumexp(−(r+x) ln(α+T), ln K_x − (r+x) ln(α+t_x))
func (d *bgData) negLL(c bgCore, grad []float64) float64 {
	la := make([]float64, len(d.times))
	ia := make([]float64, len(d.times))
	for j, t := range d.times {
		la[j] = math.Log(c.alpha + t)
		ia[j] = 1 / (c.alpha + t)
	}
	wantGrad := grad != nil
	px := make([]bgRowX, len(d.xs))
	var ll float64
	var g [4]float64 // Σ_x W_x · (the x-only parts of ∂ℓ/∂r, ∂ℓ/∂α, ∂ℓ/∂a, ∂ℓ/∂b)
	for k, x := range d.xs {
		p := c.forX(x, wantGrad)
		px[k] = bgRowX{rx: c.r + x, logK: p.logK, invBK: 1 / p.bk, second: p.second}
		w := d.wx[k]
		ll += w * p.c0
		g[0] += w * p.dr
		g[1] += w * c.r / c.alpha
		g[2] += w * p.da
		g[3] += w * p.db
	}
	rows := sumBlocks(len(d.w), func(lo, hi int, out *partial) {
		// s accumulates Σ w·lse; g0..g3 the row parts of the gradient:
		// Σ w((1−s)ln(α+T) + s ln(α+t_x)), Σ w(r+x)((1−s)/(α+T) + s/(α+t_x)),
		// Σ w s and Σ w s/(b+x−1+k), where s is the "dropped out at t_x" share.
		var sum, g0, g1, g2, g3 float64
		prod, n := 1.0, 0 // the pending product of 1+e over n rows of weight 1
		for i := lo; i < hi; i++ {
			p := &px[d.xi[i]]
			w := d.w[i]
			lT, iT := la[d.ti[i]], ia[d.ti[i]]
			t1 := -p.rx * lT
			if !p.second {
				sum += w * t1
				g0 += w * lT
				g1 += w * p.rx * iT
				continue
			}
			t2 := p.logK - p.rx*la[d.txi[i]]
			// lse = max(t1, t2) + ln(1+e) with e = exp(−|t1−t2|) in (0, 1].
			// ln(1+e) is the costliest step, so for the common weight 1 the
			// factors 1+e (each in (1, 2]) are multiplied and their product's
			// log taken once per prodRows rows; the relative rounding of the
			// product, under prodRows·2^−53, is an absolute error of the same
			// size in the sum, far under the optimizer's tolerance.
			var share float64
			e := 0.0
			if t2 > t1 {
				e = math.Exp(t1 - t2)
				sum += w * t2
				share = 1 / (1 + e)
			} else {
				e = math.Exp(t2 - t1)
				sum += w * t1
				share = e / (1 + e)
			}
			if w == 1 {
				prod *= 1 + e
				if n++; n == prodRows {
					sum += math.Log(prod)
					prod, n = 1, 0
				}
			} else {
				sum += w * math.Log1p(e)
			}
			if wantGrad {
				lX, iX := la[d.txi[i]], ia[d.txi[i]]
				g0 += w * ((1-share)*lT + share*lX)
				g1 += w * p.rx * ((1-share)*iT + share*iX)
				g2 += w * share
				g3 += w * share * p.invBK
			}
		}
		out.ll, out.g = sum+math.Log(prod), [4]float64{g0, g1, g2, g3}
	})
	ll += rows.ll
	if wantGrad {
		grad[0] = -c.r * (g[0] - rows.g[0]) / d.total
		grad[1] = -c.alpha * (g[1] - rows.g[1]) / d.total
		grad[2] = -(c.a*g[2] + rows.g[2]) / d.total
		grad[3] = -c.b * (g[3] - rows.g[3]) / d.total
	}
	return -ll / d.total
}
