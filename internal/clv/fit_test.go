package clv

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFitWeightsEqualRepeats: a history with count n must fit exactly like n
// copies with count 1, which is what makes the collapse safe.
func TestFitWeightsEqualRepeats(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	m := BGNBD{0.5, 6, 0.9, 2.5}
	var cs []Customer
	for i := range 1500 {
		c, err := Simulate(rng, m, float64(20+i%20), 1.0/7)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	collapsed := Collapse(cs)
	expanded := make([]History, len(cs))
	for i, c := range cs {
		expanded[i] = History{c.X, c.TX, c.T, 1}
	}
	if len(collapsed) >= len(cs) {
		t.Fatalf("collapse kept %d of %d histories; the test needs repeats", len(collapsed), len(cs))
	}
	for _, fit := range []func([]History) (Fit, error){FitBGNBD, FitMBGNBD, FitParetoNBD} {
		a, err := fit(collapsed)
		if err != nil {
			t.Fatal(err)
		}
		b, err := fit(expanded)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(a.LogLikelihood-b.LogLikelihood) > 1e-6*math.Abs(b.LogLikelihood) {
			t.Errorf("%s: log-likelihood %v on %d histories, %v on %d customers", a.Model, a.LogLikelihood, a.Histories, b.LogLikelihood, b.Histories)
		}
		for i := range a.Params {
			if math.Abs(a.Params[i].Value/b.Params[i].Value-1) > 1e-3 {
				t.Errorf("%s: %s = %v collapsed, %v expanded", a.Model, a.Params[i].Name, a.Params[i].Value, b.Params[i].Value)
			}
		}
	}
}

// TestFitRecoversSimulatedParameters fits data drawn from known parameters.
// Calendar-day merging bends the process slightly, so the check is loose; the
// 1M-customer benchmark reports the same recovery at scale.
func TestFitRecoversSimulatedParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	truth := []Model{BGNBD{0.5, 6, 0.9, 2.5}, MBGNBD{0.5, 6, 0.9, 2.5}, ParetoNBD{0.6, 8, 0.7, 12}}
	fits := []func([]History) (Fit, error){FitBGNBD, FitMBGNBD, FitParetoNBD}
	for i, m := range truth {
		cs := make([]Customer, 6000)
		for j := range cs {
			c, err := Simulate(rng, m, float64(26+rng.IntN(13)), 1.0/7)
			if err != nil {
				t.Fatal(err)
			}
			cs[j] = c
		}
		fit, err := fits[i](Collapse(cs))
		if err != nil {
			t.Fatal(err)
		}
		if !fit.Converged {
			t.Errorf("%s: %s", fit.Model, fit.Message)
		}
		t.Logf("%s: fitted %v, true %v", fit.Model, fit.Params, m.Params())
		for k, p := range m.Params() {
			if got := fit.Params[k].Value; math.Abs(math.Log(got/p.Value)) > 0.35 {
				t.Errorf("%s: %s = %.3f, true %.3f", fit.Model, p.Name, got, p.Value)
			}
		}
	}
}

// TestFitReportsNonConvergence: with no repeat purchases at all the likelihood
// keeps rising towards 0 as the purchase rate r/α → 0, so there is no optimum;
// the gradient vanishes on the way, and the fit must still say it failed.
func TestFitReportsNonConvergence(t *testing.T) {
	h := []History{{0, 0, 10, 50}, {0, 0, 20, 50}, {0, 0, 30, 50}}
	for _, fit := range []func([]History) (Fit, error){FitBGNBD, FitMBGNBD, FitParetoNBD} {
		f, err := fit(h)
		if err != nil {
			t.Fatal(err)
		}
		if f.Converged {
			t.Errorf("%s: Converged = true on data without repeat purchases: %s", f.Model, f.Message)
			continue
		}
		t.Logf("%s: %s", f.Model, f.Message)
		if !errors.Is(f.Err(), ErrNotConverged) || !strings.Contains(f.Message, "not converged") {
			t.Errorf("%s: Err() = %v, Message = %q; want ErrNotConverged and a message saying so", f.Model, f.Err(), f.Message)
		}
	}
}

func TestStoredRoundTrip(t *testing.T) {
	fit := Fit{Model: NameParetoNBD, Params: ParetoNBD{0.553, 10.578, 0.606, 11.669}.Params()}
	b := []byte(`{"model":"paretonbd","time_unit":"week","params":{"r":0.553,"alpha":10.578,"s":0.606,"beta":11.669}}`)
	s, err := ParseStored(b)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Transactions()
	if err != nil {
		t.Fatal(err)
	}
	if want := (ParetoNBD{0.553, 10.578, 0.606, 11.669}); m != want {
		t.Errorf("ParseStored(...).Transactions() = %+v, want %+v", m, want)
	}
	if got := fit.Store(Week); got.Model != s.Model || got.TimeUnit != s.TimeUnit || len(got.Params) != 4 || got.Params["beta"] != 11.669 {
		t.Errorf("Fit.Store(Week) = %+v, want %+v", got, s)
	}
	bad := []struct {
		json string
		want error
	}{
		{`{"model":"bgnbd","time_unit":"week","params":{"r":1,"alpha":1,"a":1}}`, ErrBadParams},
		{`{"model":"bgnbd","time_unit":"week","params":{"r":1,"alpha":-1,"a":1,"b":1}}`, ErrBadParams},
		{`{"model":"weibull","time_unit":"week","params":{}}`, ErrUnknownModel},
		{`{"model":"gammagamma","time_unit":"week","params":{"p":1,"q":2}}`, ErrBadParams},
	}
	for _, tt := range bad {
		if _, err := ParseStored([]byte(tt.json)); !errors.Is(err, tt.want) {
			t.Errorf("ParseStored(%s): err = %v, want %v", tt.json, err, tt.want)
		}
	}
	if _, err := ParseStored([]byte(`{"model":"bgnbd","time_unit":"fortnight","params":{"r":1,"alpha":1,"a":1,"b":1}}`)); err == nil {
		t.Error("ParseStored with time_unit fortnight: err = nil, want an error")
	}
}
