package clv

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// Benchmarks: go test ./internal/clv -run '^$' -bench . -benchtime 1x
// (the 1M-customer ones generate their data once, outside the timer).

func BenchmarkFitCDNOW(b *testing.B) {
	cs := customersOf(loadCDNOWElog(b))
	hist, spend := Collapse(cs), CollapseSpend(cs)
	fits := []struct {
		name string
		fit  func() (Fit, error)
	}{
		{"bgnbd", func() (Fit, error) { return FitBGNBD(hist) }},
		{"mbgnbd", func() (Fit, error) { return FitMBGNBD(hist) }},
		{"paretonbd", func() (Fit, error) { return FitParetoNBD(hist) }},
		{"gammagamma", func() (Fit, error) { return FitGammaGamma(spend) }},
	}
	for _, f := range fits {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				fit, err := f.fit()
				if err != nil || !fit.Converged {
					b.Fatalf("%v %s", err, fit.Message)
				}
			}
		})
	}
}

var synthetic = sync.OnceValues(func() ([]Customer, BGNBD) {
	// A year of acquisitions at calendar-day resolution, weekly model, CDNOW's
	// BG/NBD parameters; the summary is taken at day 365.
	truth := BGNBD{0.243, 4.414, 0.793, 2.426}
	rng := rand.New(rand.NewPCG(2026, 11))
	cs := make([]Customer, 1_000_000)
	for i := range cs {
		first := rng.IntN(365)
		c, err := Simulate(rng, truth, float64(365-first)/7, 1.0/7)
		if err != nil {
			panic(err)
		}
		cs[i] = c
	}
	return cs, truth
})

// BenchmarkFit1M fits BG/NBD on one million simulated customers: the collapse
// to distinct histories, the fit on them, and (for comparison) the same fit
// on one row per customer. It reports the distinct histories and the recovered
// parameters next to the true ones (r=0.243 alpha=4.414 a=0.793 b=2.426).
func BenchmarkFit1M(b *testing.B) {
	cs, _ := synthetic()
	var hist []History
	b.Run("collapse", func(b *testing.B) {
		for b.Loop() {
			hist = Collapse(cs)
		}
		b.ReportMetric(float64(len(hist)), "histories")
	})
	b.Run("fit-collapsed", func(b *testing.B) {
		var fit Fit
		for b.Loop() {
			var err error
			if fit, err = FitBGNBD(hist); err != nil {
				b.Fatal(err)
			}
		}
		reportFit(b, fit)
	})
	b.Run("fit-per-customer", func(b *testing.B) {
		rows := make([]History, len(cs))
		for i, c := range cs {
			rows[i] = History{c.X, c.TX, c.T, 1}
		}
		var fit Fit
		for b.Loop() {
			var err error
			if fit, err = FitBGNBD(rows); err != nil {
				b.Fatal(err)
			}
		}
		reportFit(b, fit)
	})
}

func reportFit(b *testing.B, fit Fit) {
	b.Helper()
	if !fit.Converged {
		b.Fatalf("not converged: %s", fit.Message)
	}
	for _, p := range fit.Params {
		b.ReportMetric(p.Value, p.Name)
	}
	b.ReportMetric(float64(fit.Evaluations), "evals")
}

// BenchmarkPredict measures per-customer prediction cost over the CDNOW
// histories (ns/op is per customer).
func BenchmarkPredict(b *testing.B) {
	cs := customersOf(loadCDNOWElog(b))
	models := []Model{BGNBD{0.243, 4.414, 0.793, 2.426}, MBGNBD{0.525, 6.183, 0.891, 1.614}, ParetoNBD{0.553, 10.578, 0.606, 11.669}}
	sink := 0.0
	for _, m := range models {
		b.Run(m.Name()+"/p_alive", func(b *testing.B) {
			i := 0
			for b.Loop() {
				c := cs[i%len(cs)]
				sink += m.PAlive(c.X, c.TX, c.T)
				i++
			}
		})
		b.Run(m.Name()+"/expected_purchases_52w", func(b *testing.B) {
			i := 0
			for b.Loop() {
				c := cs[i%len(cs)]
				sink += m.ExpectedPurchases(52, c.X, c.TX, c.T)
				i++
			}
		})
		b.Run(m.Name()+"/value_12m", func(b *testing.B) {
			i := 0
			for b.Loop() {
				c := cs[i%len(cs)]
				v, err := Value(m, Week, 12, 0.1, c.X, c.TX, c.T, 35)
				if err != nil {
					b.Fatal(err)
				}
				sink += v
				i++
			}
		})
	}
	gg := GammaGamma{6.25, 3.74, 15.44}
	b.Run("gammagamma/expected_spend", func(b *testing.B) {
		i := 0
		for b.Loop() {
			c := cs[i%len(cs)]
			v, _ := gg.ExpectedSpend(c.X, c.MX)
			sink += v
			i++
		}
	})
	_ = sink
}
