package udf

import (
	"math"
	"testing"
)

func TestReplacementReadiness(t *testing.T) {
	p := DefaultReplacementParams()
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		in   ReplacementInput
		want string // "" means not ok (NULL)
	}{
		{"three-year-old car", ReplacementInput{3, 0, 20000}, ReadinessNotYet},
		{"just under five years", ReplacementInput{4.99, 0, 20000}, ReadinessNotYet},
		{"five years: window opens", ReplacementInput{5, 0, 20000}, ReadinessWindowOpen},
		{"seven years, small repairs", ReplacementInput{7, 1500, 20000}, ReadinessWindowOpen},
		{"eight years: overdue", ReplacementInput{8, 0, 20000}, ReadinessOverdue},
		// The seed: a big repair after five years "renewed its youth".
		{"six years, major repair 15% of price", ReplacementInput{6, 3000, 20000}, ReadinessRecentlyRenewed},
		{"ten years, major repair", ReplacementInput{10, 2000, 20000}, ReadinessRecentlyRenewed},
		{"major repair on a young car is still not_yet", ReplacementInput{2, 9000, 20000}, ReadinessNotYet},
		{"price unknown: 2000 threshold", ReplacementInput{6, 2000, nan}, ReadinessRecentlyRenewed},
		{"price unknown, 1999", ReplacementInput{6, 1999, nan}, ReadinessWindowOpen},
		{"price zero uses the amount", ReplacementInput{6, 2500, 0}, ReadinessRecentlyRenewed},
		{"spend unknown", ReplacementInput{9, nan, 20000}, ReadinessOverdue},
		{"negative spend (refund)", ReplacementInput{9, -5000, 20000}, ReadinessOverdue},
		{"infinite spend", ReplacementInput{6, inf, 20000}, ReadinessRecentlyRenewed},
		{"infinite age", ReplacementInput{inf, 0, nan}, ReadinessOverdue},
		{"negative age", ReplacementInput{-1, 0, nan}, ReadinessNotYet},
		{"age unknown", ReplacementInput{nan, 0, 20000}, ""},
	}
	for _, tt := range tests {
		got, ok := ReplacementReadiness(tt.in, p)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("%s: ReplacementReadiness(%+v) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
