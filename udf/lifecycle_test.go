package udf

import (
	"math"
	"testing"
)

func TestLifecycleStage(t *testing.T) {
	p := DefaultLifecycleParams()
	nan, inf := math.NaN(), math.Inf(1)
	const sixMonths = 182.5
	tests := []struct {
		name string
		in   LifecycleInput
		want string // "" means not ok (NULL)
	}{
		// The seed's rhythm: a customer who comes every 6 months is at risk at 9, not at 2.
		{"every 6 months, 2 months since last", LifecycleInput{60, sixMonths, 10, 2000, nan}, StageActive},
		{"every 6 months, 9 months since last", LifecycleInput{274, sixMonths, 10, 2000, nan}, StageAtRisk},
		{"every 6 months, 18 months since last", LifecycleInput{548, sixMonths, 10, 2000, nan}, StageLapsed},
		{"every 6 months, 3 years since last", LifecycleInput{1095, sixMonths, 10, 2000, nan}, StageLost},
		{"weekly customer, 2 months since last is lost", LifecycleInput{60, 7, 50, 2000, nan}, StageLost},
		{"weekly customer, 9 days since last", LifecycleInput{9, 7, 50, 2000, nan}, StageActive},
		{"at the at_risk ratio exactly", LifecycleInput{270, 180, 5, 2000, nan}, StageAtRisk},
		{"just under it", LifecycleInput{269.9, 180, 5, 2000, nan}, StageActive},
		// Too few orders: the own interval (30 days) is not trusted; the category norm is.
		{"two orders, category norm 365", LifecycleInput{200, 30, 2, 400, 365}, StageActive},
		{"two orders, no norm: 180 days", LifecycleInput{200, 30, 2, 400, nan}, StageActive},
		{"two orders, no norm, 300 days", LifecycleInput{300, 30, 2, 400, nan}, StageAtRisk},
		{"one order, no interval", LifecycleInput{400, nan, 1, 400, nan}, StageAtRisk},
		{"new customer", LifecycleInput{10, nan, 1, 10, nan}, StageNew},
		{"new even if slow", LifecycleInput{89, nan, 1, 89, 7}, StageNew},
		{"tenure unknown is not new", LifecycleInput{10, nan, 1, nan, nan}, StageActive},
		{"interval below 7 days is raised", LifecycleInput{10, 0.5, 100, 1000, nan}, StageActive},
		{"no orders", LifecycleInput{10, 30, 0, 1000, nan}, ""},
		{"days since last unknown", LifecycleInput{nan, 30, 5, 1000, nan}, ""},
		{"infinite days since last", LifecycleInput{inf, 30, 5, 1000, nan}, StageLost},
		{"last order after as_of", LifecycleInput{-5, 30, 5, 1000, nan}, StageActive},
		{"infinite interval falls back to the norm", LifecycleInput{300, inf, 5, 1000, nan}, StageAtRisk},
		{"negative norm falls back to 180", LifecycleInput{300, nan, 1, 1000, -20}, StageAtRisk},
		{"huge values", LifecycleInput{1e308, 1e308, math.MaxInt64, 1e308, 1e308}, StageActive},
	}
	for _, tt := range tests {
		got, ok := LifecycleStage(tt.in, p)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("%s: LifecycleStage(%+v) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
