package udf

import "math"

// LifecycleInput is what lifecycle_stage reads about one customer. NaN marks
// an unknown float.
type LifecycleInput struct {
	DaysSinceLast       float64 // days from the last order to as_of
	TypicalIntervalDays float64 // the customer's typical days between orders (e.g. the median gap); NaN with one order
	Orders              int64
	TenureDays          float64 // days from the first order (or joining) to as_of; NaN if unknown
	CategoryNormDays    float64 // typical interval of the customer's main category; NaN to use norm_days
}

// Lifecycle stages.
const (
	StageNew    = "new"
	StageActive = "active"
	StageAtRisk = "at_risk"
	StageLapsed = "lapsed"
	StageLost   = "lost"
)

// LifecycleParams are the thresholds of lifecycle_stage; see docs/scores/lifecycle_stage.md.
type LifecycleParams struct {
	NewDays            float64
	MinOrdersForRhythm float64
	NormDays           float64
	MinIntervalDays    float64
	AtRiskRatio        float64
	LapsedRatio        float64
	LostRatio          float64
}

func lifecycleSetting(name string, def, lo, hi float64, doc string, ptr func(*LifecycleParams) *float64) field[LifecycleParams] {
	return field[LifecycleParams]{Setting{"lifecycle", name, def, lo, hi, doc}, ptr}
}

var lifecycleSettings = settingSet[LifecycleParams]{
	lifecycleSetting("new_days", 90, 0, 36500, "a customer whose tenure is shorter than this is new",
		func(p *LifecycleParams) *float64 { return &p.NewDays }),
	lifecycleSetting("min_orders_for_rhythm", 3, 2, 1e6, "orders needed before the customer's own interval is trusted",
		func(p *LifecycleParams) *float64 { return &p.MinOrdersForRhythm }),
	lifecycleSetting("norm_days", 180, 1, 36500, "interval used when the customer has too few orders and no category norm is given",
		func(p *LifecycleParams) *float64 { return &p.NormDays }),
	lifecycleSetting("min_interval_days", 7, 0, 36500, "intervals shorter than this are raised to it",
		func(p *LifecycleParams) *float64 { return &p.MinIntervalDays }),
	lifecycleSetting("at_risk_ratio", 1.5, 0, 1e6, "days since last / interval at or above this is at_risk",
		func(p *LifecycleParams) *float64 { return &p.AtRiskRatio }),
	lifecycleSetting("lapsed_ratio", 3, 0, 1e6, "days since last / interval at or above this is lapsed",
		func(p *LifecycleParams) *float64 { return &p.LapsedRatio }),
	lifecycleSetting("lost_ratio", 5, 0, 1e6, "days since last / interval at or above this is lost",
		func(p *LifecycleParams) *float64 { return &p.LostRatio }),
}

// DefaultLifecycleParams returns the documented defaults.
func DefaultLifecycleParams() LifecycleParams { return lifecycleSettings.defaults() }

// LifecycleInterval is the rhythm a customer is judged against: their own
// typical interval once they have min_orders_for_rhythm orders, else the
// category norm, else norm_days; never below min_interval_days.
func LifecycleInterval(in LifecycleInput, p LifecycleParams) float64 {
	interval := p.NormDays
	switch {
	case float64(in.Orders) >= p.MinOrdersForRhythm && in.TypicalIntervalDays > 0 && !math.IsInf(in.TypicalIntervalDays, 1):
		interval = in.TypicalIntervalDays
	case in.CategoryNormDays > 0 && !math.IsInf(in.CategoryNormDays, 1):
		interval = in.CategoryNormDays
	}
	return math.Max(interval, math.Max(p.MinIntervalDays, 1e-9))
}

// LifecycleStage places a customer in new, active, at_risk, lapsed or lost by
// comparing the days since their last order with their own rhythm (see
// LifecycleInterval): a customer who comes every 6 months is at risk at 9, not at 2.
// ok is false when the stage cannot be judged: no orders, or days since last unknown (NaN).
// A negative days_since_last (last order after as_of) counts as 0.
func LifecycleStage(in LifecycleInput, p LifecycleParams) (stage string, ok bool) {
	if in.Orders <= 0 || math.IsNaN(in.DaysSinceLast) {
		return "", false
	}
	if in.TenureDays < p.NewDays { // false for NaN
		return StageNew, true
	}
	r := math.Max(in.DaysSinceLast, 0) / LifecycleInterval(in, p)
	switch {
	case r >= p.LostRatio:
		return StageLost, true
	case r >= p.LapsedRatio:
		return StageLapsed, true
	case r >= p.AtRiskRatio:
		return StageAtRisk, true
	}
	return StageActive, true
}
