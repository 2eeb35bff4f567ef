package udf

import "math"

// LoyaltyInput is what loyalty_score reads about one customer.
type LoyaltyInput struct {
	DiscretionaryShare      float64    // share of net spend in categories of kind 'discretionary', 0..1
	DiscretionaryCategories int64      // distinct discretionary categories bought
	Categories              int64      // distinct categories bought
	Orders                  int64      // orders placed
	RenewalOrders           int64      // orders that renew something (insurance, warranty)
	TenureDays              float64    // days since the first order or joining
	Interactions            KindCounts // interactions by kind
}

// Loyalty tiers.
const (
	TierLoyal         = "loyal"
	TierDeveloping    = "developing"
	TierTransactional = "transactional"
	TierUnknown       = "unknown"
)

// LoyaltyParams are the weights and targets of loyalty_score and loyalty_tier;
// see docs/scores/loyalty_score.md. Each component is min(1, amount/target);
// the score is the weighted mean of the components × 100.
type LoyaltyParams struct {
	WeightDiscretionary           float64
	DiscretionaryShareTarget      float64
	WeightDiscretionaryBreadth    float64
	DiscretionaryCategoriesTarget float64
	WeightBreadth                 float64
	CategoriesTarget              float64
	WeightRenewals                float64
	RenewalsTarget                float64
	WeightEvents                  float64
	EventsTarget                  float64
	WeightReferrals               float64
	ReferralsTarget               float64
	WeightVoice                   float64
	VoiceTarget                   float64
	WeightTenure                  float64
	TenureTargetYears             float64
	WeightRepeat                  float64
	RepeatTargetPerYear           float64
	LoyalFrom                     float64
	DevelopingFrom                float64
	LoyalMinDiscretionaryShare    float64
}

func loyaltySetting(name string, def, lo, hi float64, doc string, ptr func(*LoyaltyParams) *float64) field[LoyaltyParams] {
	return field[LoyaltyParams]{Setting{"loyalty", name, def, lo, hi, doc}, ptr}
}

var loyaltySettings = settingSet[LoyaltyParams]{
	loyaltySetting("weight_discretionary", 30, 0, 1000, "weight of the discretionary share of spend",
		func(p *LoyaltyParams) *float64 { return &p.WeightDiscretionary }),
	loyaltySetting("discretionary_share_target", 0.30, 0, 1, "discretionary share that earns the full component",
		func(p *LoyaltyParams) *float64 { return &p.DiscretionaryShareTarget }),
	loyaltySetting("weight_discretionary_breadth", 15, 0, 1000, "weight of the number of discretionary categories bought",
		func(p *LoyaltyParams) *float64 { return &p.WeightDiscretionaryBreadth }),
	loyaltySetting("discretionary_categories_target", 3, 0, 1e6, "discretionary categories that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.DiscretionaryCategoriesTarget }),
	loyaltySetting("weight_breadth", 5, 0, 1000, "weight of the number of categories bought, of any kind",
		func(p *LoyaltyParams) *float64 { return &p.WeightBreadth }),
	loyaltySetting("categories_target", 5, 0, 1e6, "categories that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.CategoriesTarget }),
	loyaltySetting("weight_renewals", 10, 0, 1000, "weight of renewals (renewal orders plus membership_renewal interactions)",
		func(p *LoyaltyParams) *float64 { return &p.WeightRenewals }),
	loyaltySetting("renewals_target", 2, 0, 1e6, "renewals that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.RenewalsTarget }),
	loyaltySetting("weight_events", 10, 0, 1000, "weight of events attended",
		func(p *LoyaltyParams) *float64 { return &p.WeightEvents }),
	loyaltySetting("events_target", 3, 0, 1e6, "events that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.EventsTarget }),
	loyaltySetting("weight_referrals", 10, 0, 1000, "weight of referrals made",
		func(p *LoyaltyParams) *float64 { return &p.WeightReferrals }),
	loyaltySetting("referrals_target", 2, 0, 1e6, "referrals that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.ReferralsTarget }),
	loyaltySetting("weight_voice", 5, 0, 1000, "weight of posts and suggestions",
		func(p *LoyaltyParams) *float64 { return &p.WeightVoice }),
	loyaltySetting("voice_target", 3, 0, 1e6, "posts plus suggestions that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.VoiceTarget }),
	loyaltySetting("weight_tenure", 5, 0, 1000, "weight of tenure",
		func(p *LoyaltyParams) *float64 { return &p.WeightTenure }),
	loyaltySetting("tenure_target_years", 5, 0, 1000, "tenure in years that earns the full component",
		func(p *LoyaltyParams) *float64 { return &p.TenureTargetYears }),
	loyaltySetting("weight_repeat", 10, 0, 1000, "weight of the repeat rate (orders after the first per year of tenure)",
		func(p *LoyaltyParams) *float64 { return &p.WeightRepeat }),
	loyaltySetting("repeat_target_per_year", 2, 0, 1e6, "repeat orders per year that earn the full component",
		func(p *LoyaltyParams) *float64 { return &p.RepeatTargetPerYear }),
	loyaltySetting("loyal_from", 60, 0, 100, "score at or above this is loyal (if the discretionary gate passes)",
		func(p *LoyaltyParams) *float64 { return &p.LoyalFrom }),
	loyaltySetting("developing_from", 30, 0, 100, "score at or above this is developing",
		func(p *LoyaltyParams) *float64 { return &p.DevelopingFrom }),
	loyaltySetting("loyal_min_discretionary_share", 0.10, 0, 1, "loyal needs at least this discretionary share, whatever the score",
		func(p *LoyaltyParams) *float64 { return &p.LoyalMinDiscretionaryShare }),
}

// DefaultLoyaltyParams returns the documented defaults.
func DefaultLoyaltyParams() LoyaltyParams { return loyaltySettings.defaults() }

// count turns a possibly negative count into a float64 ≥ 0.
func count(n int64) float64 { return float64(max(n, 0)) }

// LoyaltyScore is the weighted mean of the loyalty components × 100, 0..100.
// ok is false when the customer has no orders (loyalty needs a purchase history).
// A NaN share counts as 0, a share above 1 as 1; a NaN or negative tenure as 0.
func LoyaltyScore(in LoyaltyInput, p LoyaltyParams) (score float64, ok bool) {
	if in.Orders <= 0 {
		return 0, false
	}
	tenureYears := in.TenureDays / 365.25
	if !(tenureYears > 0) {
		tenureYears = 0
	}
	// Orders after the first, per year of tenure; a short tenure counts as one
	// year so that two orders in a week do not look like a habit.
	repeatPerYear := count(in.Orders-1) / math.Max(tenureYears, 1)
	k := in.Interactions
	components := [...]struct{ weight, value float64 }{
		{p.WeightDiscretionary, ratio(clamp01(in.DiscretionaryShare), p.DiscretionaryShareTarget)},
		{p.WeightDiscretionaryBreadth, ratio(count(in.DiscretionaryCategories), p.DiscretionaryCategoriesTarget)},
		{p.WeightBreadth, ratio(count(in.Categories), p.CategoriesTarget)},
		{p.WeightRenewals, ratio(count(in.RenewalOrders)+count(k[KindMembershipRenewal]), p.RenewalsTarget)},
		{p.WeightEvents, ratio(count(k[KindEventAttended]), p.EventsTarget)},
		{p.WeightReferrals, ratio(count(k[KindReferralMade]), p.ReferralsTarget)},
		{p.WeightVoice, ratio(count(k[KindPost])+count(k[KindSuggestion]), p.VoiceTarget)},
		{p.WeightTenure, ratio(tenureYears, p.TenureTargetYears)},
		{p.WeightRepeat, ratio(repeatPerYear, p.RepeatTargetPerYear)},
	}
	var sumW, sum float64
	for _, c := range components {
		sumW += c.weight
		sum += c.weight * c.value
	}
	if !(sumW > 0) {
		return 0, false
	}
	return math.Min(100, math.Max(0, 100*sum/sumW)), true
}

// LoyaltyTier classifies the score: loyal needs score ≥ loyal_from and a
// discretionary share ≥ loyal_min_discretionary_share (a customer who only
// buys what the car needs is not loyal, however often); developing from
// developing_from; transactional below; unknown without orders.
func LoyaltyTier(in LoyaltyInput, p LoyaltyParams) string {
	score, ok := LoyaltyScore(in, p)
	if !ok {
		return TierUnknown
	}
	switch {
	case score >= p.LoyalFrom && clamp01(in.DiscretionaryShare) >= p.LoyalMinDiscretionaryShare:
		return TierLoyal
	case score >= p.DevelopingFrom:
		return TierDeveloping
	}
	return TierTransactional
}
