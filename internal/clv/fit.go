package clv

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/optimize"
)

// Fit is the result of a maximum-likelihood fit, with its diagnostics.
type Fit struct {
	Model         string  // NameBGNBD, NameMBGNBD, NameParetoNBD or NameGammaGamma
	Params        []Param // at the best start, in the papers' order
	LogLikelihood float64 // total over all customers, at Params
	Customers     float64 // sum of the histories' counts
	Histories     int     // distinct histories the likelihood was evaluated on
	Iterations    int     // optimizer iterations of the best start
	Evaluations   int     // log-likelihood evaluations over all starts
	Starts        int     // starting points tried
	Skipped       int     // starting points not tried because two converged starts already agreed
	Agreeing      int     // converged starts whose log-likelihood is within 1e-3 of the best
	GradientNorm  float64 // max |∂ℓ/∂ln θ| of the total log-likelihood at Params
	Converged     bool
	Message       string // one line for people: what converged, or why not
}

// Err is nil for a converged fit and wraps ErrNotConverged with the message otherwise.
func (f Fit) Err() error {
	if f.Converged {
		return nil
	}
	return fmt.Errorf("%s: %w: %s", f.Model, ErrNotConverged, f.Message)
}

// Transactions returns the fitted purchase-count model (not for Gamma-Gamma).
func (f Fit) Transactions() (Model, error) { return f.Store(Week).Transactions() }

// Spend returns the fitted Gamma-Gamma model.
func (f Fit) Spend() (GammaGamma, error) { return f.Store(Week).GammaGamma() }

// Param returns the named parameter's value, or NaN.
func (f Fit) Param(name string) float64 {
	for _, p := range f.Params {
		if p.Name == name {
			return p.Value
		}
	}
	return math.NaN()
}

// Convergence tests, on the mean log-likelihood per customer in log-parameter space.
const (
	gradTol      = 1e-6 // a fit counts as converged when every |∂ℓ̄/∂ln θ| is below this
	edge         = 15   // |ln θ| beyond this (θ outside [3e-7, 3e6]) means the estimate ran off to a boundary
	spreadTol    = 0.01 // agreeing starts whose ln θ differ by more than this mean a flat, unidentified likelihood
	agreeTol     = 1e-3 // total log-likelihood difference for starts to "agree"
	maxIter      = 1000
	stopGradient = 1e-8 // below this the mean log-likelihood changes less than float64 can resolve
)

// problem is one model's likelihood over weighted data, in log-parameter space.
type problem struct {
	model  string
	names  []string
	starts [][]float64 // natural-scale starting points
	total  float64     // sum of weights
	rows   int
	// negLL returns the negative mean log-likelihood at exp(theta) and, when grad
	// is non-nil, stores its gradient with respect to theta.
	negLL func(theta, grad []float64) float64
}

// run fits from the starts in order, until two converged starts agree on the
// log-likelihood (within agreeTol) and the parameters (within spreadTol), and
// keeps the best.
func (p problem) run() Fit {
	type outcome struct {
		theta  []float64
		f      float64
		iter   int
		status string
		ok     bool
		gnorm  float64
	}
	evals := 0
	var outs []outcome
	for _, s := range p.starts {
		x0 := make([]float64, len(s))
		for i, v := range s {
			x0[i] = math.Log(v)
		}
		theta, iter, status, n := p.minimize(x0)
		evals += n
		g := make([]float64, len(theta))
		f := p.negLL(theta, g)
		evals++
		gn := 0.0
		for _, v := range g {
			gn = math.Max(gn, math.Abs(v))
		}
		ok := !math.IsNaN(f) && !math.IsInf(f, 0) && gn < gradTol
		for i, v := range theta {
			if math.Abs(v) > edge {
				// The likelihood is still rising towards a boundary: a vanishing
				// gradient there is not an optimum, and the parameter is not identified.
				ok = false
				status = fmt.Sprintf("%s=%.3g ran off to the edge of the parameter space", p.names[i], math.Exp(v))
			}
		}
		outs = append(outs, outcome{theta, f, iter, status, ok, gn})
		if agreed := func() bool {
			// Two converged starts at the same optimum answer what the other
			// starts are for; more of them would only cost time.
			for _, o := range outs[:len(outs)-1] {
				if o.ok && ok && math.Abs(o.f-f)*p.total < agreeTol && maxDiff(o.theta, theta) <= spreadTol {
					return true
				}
			}
			return false
		}(); agreed {
			break
		}
	}
	best := 0
	for i, o := range outs {
		b := outs[best]
		if (o.ok && !b.ok) || (o.ok == b.ok && o.f < b.f) || math.IsNaN(b.f) {
			best = i
		}
	}
	b := outs[best]
	fit := Fit{
		Model:         p.model,
		LogLikelihood: -b.f * p.total,
		Customers:     p.total,
		Histories:     p.rows,
		Iterations:    b.iter,
		Evaluations:   evals,
		Starts:        len(outs),
		Skipped:       len(p.starts) - len(outs),
		GradientNorm:  b.gnorm * p.total,
		Converged:     b.ok,
	}
	for i, n := range p.names {
		fit.Params = append(fit.Params, Param{n, math.Exp(b.theta[i])})
	}
	spread, worst := 0.0, ""
	for _, o := range outs {
		if o.ok && math.Abs(o.f-b.f)*p.total < agreeTol {
			fit.Agreeing++
			for i := range o.theta {
				if d := math.Abs(o.theta[i] - b.theta[i]); d > spread {
					spread, worst = d, fmt.Sprintf("%s from %.4g to %.4g", p.names[i], math.Exp(b.theta[i]), math.Exp(o.theta[i]))
				}
			}
		}
	}
	for _, o := range outs {
		if b.ok && !o.ok && (b.f-o.f)*p.total > agreeTol {
			// A start that stopped short still found a higher likelihood: the
			// converged point is a local maximum, not the estimate.
			fit.Converged = false
			fit.Message = fmt.Sprintf("not converged: the best converged start reaches log-likelihood %.4f but another start, which stopped (%s), reached %.4f",
				fit.LogLikelihood, o.status, -o.f*p.total)
			return fit
		}
	}
	if b.ok && spread > spreadTol {
		// Same likelihood, different parameters: a ridge or a supremum at
		// infinity, not a maximum; the estimates mean nothing.
		fit.Converged = false
		fit.Message = fmt.Sprintf("not converged: %d of %d starts reach log-likelihood %.4f but disagree on %s; the data do not identify the parameters",
			fit.Agreeing, fit.Starts, fit.LogLikelihood, worst)
		return fit
	}
	if b.ok {
		fit.Message = fmt.Sprintf("converged: %d of %d starts reach log-likelihood %.4f (max |gradient| %.1e, %d iterations)",
			fit.Agreeing, fit.Starts, fit.LogLikelihood, fit.GradientNorm, fit.Iterations)
		if fit.Skipped > 0 {
			fit.Message += fmt.Sprintf("; %d more starts skipped once two agreed", fit.Skipped)
		}
	} else {
		fit.Message = fmt.Sprintf("not converged: best of %d starts stopped (%s) after %d iterations at log-likelihood %.4f with max |gradient| %.1e (want < %.0e per customer)",
			fit.Starts, b.status, b.iter, fit.LogLikelihood, fit.GradientNorm, gradTol)
	}
	return fit
}

// minimize runs BFGS from x0, then Nelder-Mead from where BFGS stopped if BFGS
// failed (line-search trouble in a flat or extreme region).
func (p problem) minimize(x0 []float64) (theta []float64, iter int, status string, evals int) {
	var cacheX, cacheG []float64
	var cacheF float64
	eval := func(x []float64) {
		if cacheX != nil && slices.Equal(cacheX, x) {
			return
		}
		g := make([]float64, len(x))
		f := p.negLL(x, g)
		evals++
		if math.IsNaN(f) {
			f = math.Inf(1)
		}
		cacheX, cacheF, cacheG = slices.Clone(x), f, g
	}
	prob := optimize.Problem{
		Func: func(x []float64) float64 { eval(x); return cacheF },
		Grad: func(grad, x []float64) { eval(x); copy(grad, cacheG) },
	}
	settings := &optimize.Settings{
		GradientThreshold: stopGradient,
		MajorIterations:   maxIter,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-14, Relative: 1e-14, Iterations: 30},
	}
	res, err := optimize.Minimize(prob, x0, settings, &optimize.BFGS{})
	if res != nil && (err == nil && goodStatus(res.Status) || stationary(res.Gradient)) {
		// A line-search failure where the gradient already vanishes is rounding
		// noise at the optimum, not a failure.
		return res.X, res.MajorIterations, describe(res, err), evals
	}
	from := x0
	if res != nil && !hasNaN(res.X) && !math.IsInf(res.F, 0) {
		from = res.X
	}
	it := 0
	if res != nil {
		it = res.MajorIterations
	}
	nm, err2 := optimize.Minimize(optimize.Problem{Func: prob.Func}, from, &optimize.Settings{
		MajorIterations: 20 * maxIter,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-14, Relative: 1e-14, Iterations: 200},
	}, &optimize.NelderMead{})
	if nm == nil {
		return from, it, describe(res, err) + "; Nelder-Mead: " + describe(nm, err2), evals
	}
	return nm.X, it + nm.MajorIterations, "BFGS " + describe(res, err) + ", then Nelder-Mead " + describe(nm, err2), evals
}

func goodStatus(s optimize.Status) bool {
	switch s {
	case optimize.GradientThreshold, optimize.FunctionConvergence, optimize.StepConvergence, optimize.Success, optimize.MethodConverge:
		return true
	}
	return false
}

func describe(r *optimize.Result, err error) string {
	var parts []string
	if r != nil {
		parts = append(parts, r.Status.String())
	}
	if err != nil {
		parts = append(parts, err.Error())
	}
	if len(parts) == 0 {
		return "no result"
	}
	return strings.Join(parts, ": ")
}

func stationary(g []float64) bool {
	if len(g) == 0 {
		return false
	}
	for _, v := range g {
		if !(math.Abs(v) < gradTol) {
			return false
		}
	}
	return true
}

// diagonalFirst orders a 2×2 grid of starts (a0b0, a0b1, a1b0, a1b1) as
// a0b0, a1b1, a0b1, a1b0: the first two, which end the search when they
// agree, then differ in both coordinates.
func diagonalFirst(s [][]float64) [][]float64 { return [][]float64{s[0], s[3], s[1], s[2]} }

// maxDiff is max |a_i − b_i|.
func maxDiff(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

func hasNaN(x []float64) bool { return slices.ContainsFunc(x, math.IsNaN) }

// FitBGNBD fits BG/NBD by maximum likelihood on distinct histories.
func FitBGNBD(h []History) (Fit, error) { return fitBG(h, false) }

// FitMBGNBD fits MBG/NBD by maximum likelihood on distinct histories.
func FitMBGNBD(h []History) (Fit, error) { return fitBG(h, true) }

func fitBG(h []History, mbg bool) (Fit, error) {
	name := NameBGNBD
	if mbg {
		name = NameMBGNBD
	}
	h, total, err := prepare(h)
	if err != nil {
		return Fit{}, fmt.Errorf("fit %s: %w", name, err)
	}
	rate := purchaseRate(h)
	var starts [][]float64
	for _, r := range []float64{1, 0.25} {
		for _, ab := range [][2]float64{{1, 1}, {0.5, 3}} {
			starts = append(starts, []float64{r, r / rate, ab[0], ab[1]})
		}
	}
	d := newBGData(h, total)
	return problem{
		model: name, names: []string{"r", "alpha", "a", "b"}, starts: diagonalFirst(starts), total: total, rows: len(h),
		negLL: func(theta, grad []float64) float64 {
			return d.negLL(bgCore{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2]), math.Exp(theta[3]), mbg}, grad)
		},
	}.run(), nil
}

// FitParetoNBD fits Pareto/NBD by maximum likelihood on distinct histories,
// with the likelihood in its integral form and an analytic gradient.
func FitParetoNBD(h []History) (Fit, error) {
	h, total, err := prepare(h)
	if err != nil {
		return Fit{}, fmt.Errorf("fit %s: %w", NameParetoNBD, err)
	}
	rate := purchaseRate(h)
	meanT := 0.0
	for _, row := range h {
		meanT += row.Count * row.T / total
	}
	var starts [][]float64
	for _, r := range []float64{1, 0.25} {
		for _, s := range []float64{1, 0.5} {
			starts = append(starts, []float64{r, r / rate, s, s * math.Max(meanT, 1)})
		}
	}
	return problem{
		model: NameParetoNBD, names: []string{"r", "alpha", "s", "beta"}, starts: diagonalFirst(starts), total: total, rows: len(h),
		negLL: func(theta, grad []float64) float64 {
			m := ParetoNBD{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2]), math.Exp(theta[3])}
			sum := sumBlocks(len(h), func(lo, hi int, out *partial) {
				var g *[4]float64
				if grad != nil {
					g = &out.g
				}
				var c0, dr0 float64
				for i := lo; i < hi; i++ {
					row := h[i]
					if i == lo || row.X != h[i-1].X {
						c0 = lgamma(m.R+row.X) - lgamma(m.R) + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta)
						if g != nil {
							dr0 = mathext.Digamma(m.R+row.X) - mathext.Digamma(m.R) + math.Log(m.Alpha)
						}
					}
					out.ll += row.Count * m.ll(c0, dr0, row.X, row.TX, row.T, g, row.Count)
				}
			})
			for i := range grad {
				grad[i] = -sum.g[i] / total
			}
			return -sum.ll / total
		},
	}.run(), nil
}

// FitGammaGamma fits the Gamma-Gamma spend model on repeat customers' (x, m_x).
func FitGammaGamma(s []Spend) (Fit, error) {
	if len(s) == 0 {
		return Fit{}, fmt.Errorf("fit %s: %w", NameGammaGamma, ErrNoData)
	}
	total, mean := 0.0, 0.0
	for _, row := range s {
		if err := validSpend(row); err != nil {
			return Fit{}, fmt.Errorf("fit %s: %w", NameGammaGamma, err)
		}
		total += row.Count
		mean += row.Count * row.MX
	}
	mean /= total
	d := newGGData(s, total)
	var starts [][]float64
	for _, p := range []float64{1, 5} {
		for _, q := range []float64{2, 4} {
			starts = append(starts, []float64{p, q, mean * (q - 1) / p})
		}
	}
	return problem{
		model: NameGammaGamma, names: []string{"p", "q", "gamma"}, starts: diagonalFirst(starts), total: total, rows: len(s),
		negLL: func(theta, grad []float64) float64 {
			return d.negLL(GammaGamma{math.Exp(theta[0]), math.Exp(theta[1]), math.Exp(theta[2])}, grad)
		},
	}.run(), nil
}

// prepare validates histories and returns them sorted by x (fits reuse the
// x-only terms across a run of equal x) with their total count.
func prepare(h []History) ([]History, float64, error) {
	if len(h) == 0 {
		return nil, 0, ErrNoData
	}
	total := 0.0
	for _, row := range h {
		if err := validHistory(row); err != nil {
			return nil, 0, err
		}
		total += row.Count
	}
	if !slices.IsSortedFunc(h, byX) {
		h = slices.Clone(h)
		slices.SortStableFunc(h, byX)
	}
	return h, total, nil
}

func byX(a, b History) int {
	switch {
	case a.X < b.X:
		return -1
	case a.X > b.X:
		return 1
	}
	return 0
}

// purchaseRate is the pooled repeat-purchase rate Σx/ΣT, the scale for α starts.
func purchaseRate(h []History) float64 {
	var x, t float64
	for _, row := range h {
		x += row.Count * row.X
		t += row.Count * row.T
	}
	if x == 0 || t == 0 {
		return 1
	}
	return x / t
}
