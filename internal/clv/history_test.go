package clv

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestCollapse(t *testing.T) {
	cs := []Customer{
		{X: 2, TX: 3, T: 10, MX: 5}, {X: 0, T: 10}, {X: 2, TX: 3, T: 10, MX: 7}, {X: 0, T: 10}, {X: 0, T: 8}, {X: 1, TX: 2, T: 10, MX: 5},
	}
	wantH := []History{{0, 0, 8, 1}, {0, 0, 10, 2}, {1, 2, 10, 1}, {2, 3, 10, 2}}
	if got := Collapse(cs); !slices.Equal(got, wantH) {
		t.Errorf("Collapse = %v, want %v", got, wantH)
	}
	wantS := []Spend{{1, 5, 1}, {2, 5, 1}, {2, 7, 1}}
	if got := CollapseSpend(cs); !slices.Equal(got, wantS) {
		t.Errorf("CollapseSpend = %v, want %v", got, wantS)
	}
}

func TestFitRejectsBadHistories(t *testing.T) {
	tests := []struct {
		name string
		h    []History
		want error
	}{
		{"empty", nil, ErrNoData},
		{"t_x after T", []History{{1, 5, 4, 1}}, ErrBadHistory},
		{"negative x", []History{{-1, 0, 4, 1}}, ErrBadHistory},
		{"fractional x", []History{{1.5, 1, 4, 1}}, ErrBadHistory},
		{"zero count", []History{{1, 1, 4, 0}}, ErrBadHistory},
		{"NaN T", []History{{1, 1, math.NaN(), 1}}, ErrBadHistory},
	}
	for _, tt := range tests {
		for _, fit := range []func([]History) (Fit, error){FitBGNBD, FitMBGNBD, FitParetoNBD} {
			if _, err := fit(tt.h); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
		}
	}
	if _, err := FitGammaGamma([]Spend{{0, 5, 1}}); !errors.Is(err, ErrBadHistory) {
		t.Errorf("Gamma-Gamma with x=0: err = %v, want %v", err, ErrBadHistory)
	}
	if _, err := FitGammaGamma([]Spend{{2, 0, 1}}); !errors.Is(err, ErrBadHistory) {
		t.Errorf("Gamma-Gamma with m_x=0: err = %v, want %v", err, ErrBadHistory)
	}
}
