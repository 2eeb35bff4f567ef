package clv

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// The fits evaluate regrouped likelihoods (bgData, ggData) in fixed blocks on
// several goroutines. These tests hold them to the plain per-customer sum of
// the model's own log-likelihood and gradient, and to bitwise reproducibility.

// likelihoodSets are the data sets of the cross-checks: CDNOW (skipped when
// absent) and a simulated set with day-resolution times and spend.
var likelihoodSets = []struct {
	name string
	load func(t *testing.T) []Customer
}{
	{"cdnow", func(t *testing.T) []Customer { return customersOf(loadCDNOWElog(t)) }},
	{"simulated", func(*testing.T) []Customer { return simulatedCustomers(BGNBD{0.5, 6, 0.9, 2.5}, 3000) }},
}

// simulatedCustomers draws n customers of model m acquired over half a year,
// observed at day resolution in weeks, with a lognormal mean spend.
func simulatedCustomers(m Model, n int) []Customer {
	rng := rand.New(rand.NewPCG(11, 12))
	cs := make([]Customer, n)
	for i := range cs {
		c, err := Simulate(rng, m, float64(1+rng.IntN(182))/7, 1.0/7)
		if err != nil {
			panic(err)
		}
		if c.X > 0 {
			c.MX = math.Round(100*math.Exp(3+0.8*rng.NormFloat64())) / 100
		}
		cs[i] = c
	}
	return cs
}

// TestGroupedLikelihoodMatchesPerCustomer compares the fits' likelihood and
// gradient with Σ over customers of the per-customer log-likelihood (one row
// per customer, no grouping), for each model at several parameter points, in
// one block and in many blocks on several goroutines.
func TestGroupedLikelihoodMatchesPerCustomer(t *testing.T) {
	bgPoints := [][4]float64{{0.243, 4.414, 0.793, 2.426}, {1, 1, 1, 1}, {0.05, 40, 3, 0.4}, {5, 0.5, 0.2, 20}}
	ggPoints := [][3]float64{{6.25, 3.74, 15.44}, {1, 1.5, 3}, {0.3, 10, 200}}
	for _, set := range likelihoodSets {
		t.Run(set.name, func(t *testing.T) { checkGrouped(t, set.name, set.load(t), bgPoints, ggPoints) })
	}
}

func checkGrouped(t *testing.T, name string, cs []Customer, bgPoints [][4]float64, ggPoints [][3]float64) {
	{
		hist, total, err := prepare(Collapse(cs))
		if err != nil {
			t.Fatal(err)
		}
		spend := CollapseSpend(cs)
		spendTotal := 0.0
		for _, s := range spend {
			spendTotal += s.Count
		}
		for _, rows := range []int{1 << 20, 7} {
			old := blockRows
			blockRows = rows
			bg, gg := newBGData(hist, total), newGGData(spend, spendTotal)
			for _, mbg := range []bool{false, true} {
				for _, p := range bgPoints {
					c := bgCore{p[0], p[1], p[2], p[3], mbg}
					want, wantG := 0.0, [4]float64{}
					for _, cu := range cs {
						want += c.ll(c.forX(cu.X, true), cu.TX, cu.T, &wantG, 1)
					}
					got := make([]float64, 4)
					gotLL := -bg.negLL(c, got) * total
					for i := range got {
						got[i] *= -total
					}
					checkClose(t, name, modelName(mbg), rows, p[:], gotLL, got, want, wantG[:])
				}
			}
			for _, p := range ggPoints {
				m := GammaGamma{p[0], p[1], p[2]}
				want, wantG := 0.0, [3]float64{}
				for _, cu := range cs {
					if cu.X > 0 && cu.MX > 0 {
						want += m.ll(cu.X, cu.MX, &wantG, 1)
					}
				}
				got := make([]float64, 3)
				gotLL := -gg.negLL(m, got) * spendTotal
				for i := range got {
					got[i] *= -spendTotal
				}
				checkClose(t, name, NameGammaGamma, rows, p[:], gotLL, got, want, wantG[:])
			}
			blockRows = old
		}
	}
}

func modelName(mbg bool) string {
	if mbg {
		return NameMBGNBD
	}
	return NameBGNBD
}

// checkClose wants the log-likelihood within 1e-9 relative and each gradient
// component within 1e-9 of the gradient's largest component.
func checkClose(t *testing.T, set, model string, rows int, p []float64, got float64, gotG []float64, want float64, wantG []float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Errorf("%s %s at %v (blocks of %d): grouped log-likelihood %.15g, per customer %.15g", set, model, p, rows, got, want)
	}
	scale := 1.0
	for _, v := range wantG {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range wantG {
		if math.Abs(gotG[i]-wantG[i]) > 1e-9*scale {
			t.Errorf("%s %s at %v (blocks of %d): ∂ℓ/∂ln θ%d grouped %.15g, per customer %.15g", set, model, p, rows, i, gotG[i], wantG[i])
		}
	}
}

// TestFitBitwiseReproducible fits every model with GOMAXPROCS 1 and 4, with
// blocks small enough that the evaluation runs on several goroutines, and
// wants bitwise the same parameters and log-likelihood.
func TestFitBitwiseReproducible(t *testing.T) {
	cs := simulatedCustomers(BGNBD{0.5, 6, 0.9, 2.5}, 3000)
	hist, spend := Collapse(cs), CollapseSpend(cs)
	pareto := Collapse(simulatedCustomers(ParetoNBD{0.6, 8, 0.7, 12}, 1000))
	fits := []func() (Fit, error){
		func() (Fit, error) { return FitBGNBD(hist) },
		func() (Fit, error) { return FitMBGNBD(hist) },
		func() (Fit, error) { return FitParetoNBD(pareto) },
		func() (Fit, error) { return FitGammaGamma(spend) },
	}
	old, oldProcs := blockRows, runtime.GOMAXPROCS(0)
	defer func() { blockRows = old; runtime.GOMAXPROCS(oldProcs) }()
	blockRows = 100
	for _, fit := range fits {
		var got [2]Fit
		for i, procs := range []int{1, 4} {
			runtime.GOMAXPROCS(procs)
			f, err := fit()
			if err != nil {
				t.Fatal(err)
			}
			got[i] = f
		}
		a, b := got[0], got[1]
		if !a.Converged {
			t.Errorf("%s: %s", a.Model, a.Message)
		}
		if a.LogLikelihood != b.LogLikelihood || a.Evaluations != b.Evaluations {
			t.Errorf("%s: log-likelihood %v in %d evaluations with GOMAXPROCS 1, %v in %d with 4", a.Model, a.LogLikelihood, a.Evaluations, b.LogLikelihood, b.Evaluations)
		}
		for i := range a.Params {
			if a.Params[i] != b.Params[i] {
				t.Errorf("%s: %s = %v with GOMAXPROCS 1, %v with 4", a.Model, a.Params[i].Name, a.Params[i].Value, b.Params[i].Value)
			}
		}
	}
}
