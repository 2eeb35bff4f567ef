package clv

import (
	"encoding/json"
	"fmt"
	"math"
)

// Model is a fitted purchase-count model. Times are in the unit of the summary
// the model was fitted on; x, t_x and T describe one customer's calibration history.
type Model interface {
	// Name is the stored model name: "bgnbd", "mbgnbd" or "paretonbd".
	Name() string
	// Params lists the parameters in the papers' order.
	Params() []Param
	// LogLikelihood is the log-likelihood of one customer's history.
	LogLikelihood(x, tx, T float64) float64
	// PAlive is the probability that the customer is still active at T.
	PAlive(x, tx, T float64) float64
	// ExpectedPurchases is the expected number of purchases in (T, T+t] given the history.
	ExpectedPurchases(t, x, tx, T float64) float64
	// PPurchase is the probability of at least one purchase in (T, T+t] given the history.
	PPurchase(t, x, tx, T float64) float64
	// ExpectedPurchasesNew is E[X(t)], the expected repeat purchases in (0, t]
	// of a customer just acquired at time 0 (the unconditional expectation).
	ExpectedPurchasesNew(t float64) float64
}

// Param is one named model parameter.
type Param struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Model names as stored.
const (
	NameBGNBD      = "bgnbd"
	NameMBGNBD     = "mbgnbd"
	NameParetoNBD  = "paretonbd"
	NameGammaGamma = "gammagamma"
)

// TimeUnit is the unit a summary's x, t_x and T are measured in. Models fitted
// on weekly summaries have weekly rates; TimeUnit converts calendar horizons.
type TimeUnit string

// Supported time units.
const (
	Day  TimeUnit = "day"
	Week TimeUnit = "week"
)

// Days is the unit's length in days.
func (u TimeUnit) Days() (float64, error) {
	switch u {
	case Day:
		return 1, nil
	case Week:
		return 7, nil
	}
	return 0, fmt.Errorf("time unit %q: want %q or %q", string(u), Day, Week)
}

// Stored is the JSON shape a fitted model is kept in (the params column of clv_models):
//
//	{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}
type Stored struct {
	Model    string             `json:"model"`
	TimeUnit TimeUnit           `json:"time_unit"`
	Params   map[string]float64 `json:"params"`
}

// Store returns the storable form of a fit made on summaries in unit u.
func (f Fit) Store(u TimeUnit) Stored {
	p := make(map[string]float64, len(f.Params))
	for _, q := range f.Params {
		p[q.Name] = q.Value
	}
	return Stored{Model: f.Model, TimeUnit: u, Params: p}
}

// ParseStored decodes the stored JSON and checks the model name, unit and parameters.
func ParseStored(b []byte) (Stored, error) {
	var s Stored
	if err := json.Unmarshal(b, &s); err != nil {
		return Stored{}, fmt.Errorf("decode stored clv model: %w", err)
	}
	if _, err := s.TimeUnit.Days(); err != nil {
		return Stored{}, fmt.Errorf("decode stored clv model %s: %w", s.Model, err)
	}
	if s.Model == NameGammaGamma {
		_, err := s.GammaGamma()
		return s, err
	}
	_, err := s.Transactions()
	return s, err
}

// Transactions builds the purchase-count model a Stored describes.
func (s Stored) Transactions() (Model, error) {
	switch s.Model {
	case NameBGNBD, NameMBGNBD:
		v, err := params(s, "r", "alpha", "a", "b")
		if err != nil {
			return nil, err
		}
		if s.Model == NameMBGNBD {
			return MBGNBD{R: v[0], Alpha: v[1], A: v[2], B: v[3]}, nil
		}
		return BGNBD{R: v[0], Alpha: v[1], A: v[2], B: v[3]}, nil
	case NameParetoNBD:
		v, err := params(s, "r", "alpha", "s", "beta")
		if err != nil {
			return nil, err
		}
		return ParetoNBD{R: v[0], Alpha: v[1], S: v[2], Beta: v[3]}, nil
	case NameGammaGamma:
		return nil, fmt.Errorf("build purchase model: %q is a spend model, use GammaGamma", s.Model)
	}
	return nil, fmt.Errorf("build purchase model %q: %w (want %s, %s or %s)", s.Model, ErrUnknownModel, NameBGNBD, NameMBGNBD, NameParetoNBD)
}

// GammaGamma builds the spend model a Stored describes.
func (s Stored) GammaGamma() (GammaGamma, error) {
	if s.Model != NameGammaGamma {
		return GammaGamma{}, fmt.Errorf("build spend model %q: %w (want %s)", s.Model, ErrUnknownModel, NameGammaGamma)
	}
	v, err := params(s, "p", "q", "gamma")
	if err != nil {
		return GammaGamma{}, err
	}
	return GammaGamma{P: v[0], Q: v[1], Gamma: v[2]}, nil
}

func params(s Stored, names ...string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		v, ok := s.Params[n]
		if !ok {
			return nil, fmt.Errorf("build %s model: %w: parameter %q missing", s.Model, ErrBadParams, n)
		}
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("build %s model: %w: %s=%v must be positive and finite", s.Model, ErrBadParams, n, v)
		}
		out[i] = v
	}
	return out, nil
}
