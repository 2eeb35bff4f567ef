package udf

import "math"

// ValueInput is what value_class reads about one customer. NaN marks an unknown float.
type ValueInput struct {
	Margin      float64 // gross margin (revenue - cost of goods) over the period
	ServeCost   float64 // cost of serving the customer over the period; NaN counts as 0
	Growth      float64 // relative change of margin against the previous period, 0.2 = +20%; NaN if unknown
	ValuableNet float64 // net value (margin - serve cost) at which a customer is most valuable, e.g. the 80th percentile; NaN: nobody is
}

// Value classes.
const (
	ValueMostValuable = "most_valuable"
	ValueMostGrowth   = "most_growth"
	ValueMaintain     = "maintain"
	ValueNegative     = "negative"
)

// ValueParams are the thresholds of value_class; see docs/scores/value_class.md.
type ValueParams struct {
	GrowthFrom    float64
	NegativeBelow float64
}

func valueSetting(name string, def, lo, hi float64, doc string, ptr func(*ValueParams) *float64) field[ValueParams] {
	return field[ValueParams]{Setting{"value", name, def, lo, hi, doc}, ptr}
}

var valueSettings = settingSet[ValueParams]{
	valueSetting("growth_from", 0.20, -1e6, 1e6, "growth at or above this makes a non-negative customer most_growth",
		func(p *ValueParams) *float64 { return &p.GrowthFrom }),
	valueSetting("negative_below", 0, -1e15, 1e15, "net value (margin - serve cost) below this is negative",
		func(p *ValueParams) *float64 { return &p.NegativeBelow }),
}

// DefaultValueParams returns the documented defaults.
func DefaultValueParams() ValueParams { return valueSettings.defaults() }

// ValueClass classifies a customer by net value, margin after the cost of
// serving them (not revenue): negative when net < negative_below; most_valuable
// when net ≥ valuable_net; most_growth when growth ≥ growth_from; else maintain.
// ok is false when the net value is unknown (margin NaN, or +Inf - +Inf).
// A negative serve cost counts as 0.
func ValueClass(in ValueInput, p ValueParams) (class string, ok bool) {
	cost := in.ServeCost
	if !(cost > 0) {
		cost = 0
	}
	net := in.Margin - cost
	if math.IsNaN(net) {
		return "", false
	}
	switch {
	case net < p.NegativeBelow:
		return ValueNegative, true
	case net >= in.ValuableNet: // false for NaN
		return ValueMostValuable, true
	case in.Growth >= p.GrowthFrom:
		return ValueMostGrowth, true
	}
	return ValueMaintain, true
}
