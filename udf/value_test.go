package udf

import (
	"math"
	"testing"
)

func TestValueClass(t *testing.T) {
	p := DefaultValueParams()
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		in   ValueInput
		want string // "" means not ok (NULL)
	}{
		// Revenue is not value: a high margin eaten by the cost of serving is negative.
		{"cost exceeds margin", ValueInput{Margin: 5000, ServeCost: 5200, Growth: 0.5, ValuableNet: 1000}, ValueNegative},
		{"cost equals margin", ValueInput{Margin: 300, ServeCost: 300, Growth: 0, ValuableNet: 1000}, ValueMaintain},
		{"top net value", ValueInput{Margin: 3000, ServeCost: 500, Growth: -0.1, ValuableNet: 2000}, ValueMostValuable},
		{"at the valuable threshold", ValueInput{Margin: 2500, ServeCost: 500, Growth: 0, ValuableNet: 2000}, ValueMostValuable},
		{"growing", ValueInput{Margin: 800, ServeCost: 100, Growth: 0.35, ValuableNet: 2000}, ValueMostGrowth},
		{"growth at the threshold", ValueInput{Margin: 800, ServeCost: 100, Growth: 0.2, ValuableNet: 2000}, ValueMostGrowth},
		{"flat", ValueInput{Margin: 800, ServeCost: 100, Growth: 0.05, ValuableNet: 2000}, ValueMaintain},
		{"growth unknown", ValueInput{Margin: 800, ServeCost: 100, Growth: nan, ValuableNet: 2000}, ValueMaintain},
		{"serve cost unknown counts as 0", ValueInput{Margin: 800, ServeCost: nan, Growth: 0, ValuableNet: 700}, ValueMostValuable},
		{"negative serve cost counts as 0", ValueInput{Margin: -10, ServeCost: -100, Growth: 0, ValuableNet: 700}, ValueNegative},
		{"threshold unknown: nobody is most valuable", ValueInput{Margin: 1e9, ServeCost: 0, Growth: 0, ValuableNet: nan}, ValueMaintain},
		{"margin unknown", ValueInput{Margin: nan, ServeCost: 0, Growth: 0, ValuableNet: 1}, ""},
		{"infinite margin", ValueInput{Margin: inf, ServeCost: 10, Growth: 0, ValuableNet: 1e300}, ValueMostValuable},
		{"infinite cost", ValueInput{Margin: 1e300, ServeCost: inf, Growth: 0, ValuableNet: 1}, ValueNegative},
		{"infinite margin and cost", ValueInput{Margin: inf, ServeCost: inf, Growth: 0, ValuableNet: 1}, ""},
	}
	for _, tt := range tests {
		got, ok := ValueClass(tt.in, p)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("%s: ValueClass(%+v) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
