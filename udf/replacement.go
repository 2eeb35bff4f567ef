package udf

import "math"

// ReplacementInput is what replacement_readiness reads about one asset (a car).
// NaN marks an unknown float.
type ReplacementInput struct {
	AgeYears      float64 // years since the asset was bought, at as_of
	MajorSpend12m float64 // spend on repairs and upgrades in the 12 months before as_of
	AssetPrice    float64 // purchase price; NaN to use major_spend_amount
}

// Replacement readiness classes.
const (
	ReadinessNotYet          = "not_yet"
	ReadinessWindowOpen      = "window_open"
	ReadinessOverdue         = "overdue"
	ReadinessRecentlyRenewed = "recently_renewed"
)

// ReplacementParams are the thresholds of replacement_readiness; see
// docs/scores/replacement_readiness.md.
type ReplacementParams struct {
	WindowOpenYears  float64
	OverdueYears     float64
	MajorSpendShare  float64
	MajorSpendAmount float64
}

func replacementSetting(name string, def, lo, hi float64, doc string, ptr func(*ReplacementParams) *float64) field[ReplacementParams] {
	return field[ReplacementParams]{Setting{"replacement", name, def, lo, hi, doc}, ptr}
}

var replacementSettings = settingSet[ReplacementParams]{
	replacementSetting("window_open_years", 5, 0, 1000, "the replacement window opens at this asset age",
		func(p *ReplacementParams) *float64 { return &p.WindowOpenYears }),
	replacementSetting("overdue_years", 8, 0, 1000, "at this asset age replacement is overdue",
		func(p *ReplacementParams) *float64 { return &p.OverdueYears }),
	replacementSetting("major_spend_share", 0.10, 0, 100, "spend in the last 12 months at or above this share of the asset price is a major renewal",
		func(p *ReplacementParams) *float64 { return &p.MajorSpendShare }),
	replacementSetting("major_spend_amount", 2000, 0, 1e15, "major-renewal threshold when the asset price is unknown",
		func(p *ReplacementParams) *float64 { return &p.MajorSpendAmount }),
}

// DefaultReplacementParams returns the documented defaults.
func DefaultReplacementParams() ReplacementParams { return replacementSettings.defaults() }

// MajorSpendThreshold is major_spend_share × price when the price is known and
// positive, else major_spend_amount.
func MajorSpendThreshold(price float64, p ReplacementParams) float64 {
	if price > 0 && !math.IsInf(price, 1) {
		return p.MajorSpendShare * price
	}
	return p.MajorSpendAmount
}

// ReplacementReadiness says whether an asset's owner is ready to replace it:
// not_yet below window_open_years; recently_renewed when, inside the window,
// the owner spent at least the major-spend threshold in the last 12 months
// (the car "renewed its youth"); overdue from overdue_years; window_open between.
// ok is false when the age is unknown (NaN). A negative age counts as 0, a NaN
// or negative spend as none.
func ReplacementReadiness(in ReplacementInput, p ReplacementParams) (readiness string, ok bool) {
	if math.IsNaN(in.AgeYears) {
		return "", false
	}
	if in.AgeYears < p.WindowOpenYears {
		return ReadinessNotYet, true
	}
	if in.MajorSpend12m > 0 && in.MajorSpend12m >= MajorSpendThreshold(in.AssetPrice, p) {
		return ReadinessRecentlyRenewed, true
	}
	if in.AgeYears >= p.OverdueYears {
		return ReadinessOverdue, true
	}
	return ReadinessWindowOpen, true
}
