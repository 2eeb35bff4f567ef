package udf

import "time"

// ContactInput is what contact_closeness reads about one customer.
type ContactInput struct {
	PhoneValid   bool
	EmailOptIn   bool
	DoNotContact bool
	Interactions []Interaction
}

// Contact closeness classes, from farthest to closest.
const (
	ClosenessUnreachable  = "unreachable"
	ClosenessDoNotContact = "do_not_contact"
	ClosenessCold         = "cold"
	ClosenessOfficial     = "official"
	ClosenessClose        = "close"
)

// ContactParams are the window and thresholds of contact_closeness; see
// docs/scores/contact_closeness.md.
type ContactParams struct {
	WindowDays           float64
	RefusedCallsLimit    float64
	UnansweredCallsLimit float64
	ClosePoints          float64
	PointsCallAnswered   float64
	PointsEvent          float64
	PointsReferral       float64
	PointsSuggestion     float64
	PointsPost           float64
}

func contactSetting(name string, def, lo, hi float64, doc string, ptr func(*ContactParams) *float64) field[ContactParams] {
	return field[ContactParams]{Setting{"contact", name, def, lo, hi, doc}, ptr}
}

var contactSettings = settingSet[ContactParams]{
	contactSetting("window_days", 730, 1, 36500, "only interactions this many days before as_of count",
		func(p *ContactParams) *float64 { return &p.WindowDays }),
	contactSetting("refused_calls_limit", 2, 1, 1e6, "this many refused calls in the window mean do_not_contact",
		func(p *ContactParams) *float64 { return &p.RefusedCallsLimit }),
	contactSetting("unanswered_calls_limit", 3, 1, 1e6, "this many unanswered calls and no answered one make a valid phone number unusable",
		func(p *ContactParams) *float64 { return &p.UnansweredCallsLimit }),
	contactSetting("close_points", 3, 0, 1e6, "engagement points for close (at least one customer-initiated interaction is needed too)",
		func(p *ContactParams) *float64 { return &p.ClosePoints }),
	contactSetting("points_call_answered", 1, 0, 1000, "points of an answered call",
		func(p *ContactParams) *float64 { return &p.PointsCallAnswered }),
	contactSetting("points_event", 2, 0, 1000, "points of an event attended",
		func(p *ContactParams) *float64 { return &p.PointsEvent }),
	contactSetting("points_referral", 3, 0, 1000, "points of a referral made",
		func(p *ContactParams) *float64 { return &p.PointsReferral }),
	contactSetting("points_suggestion", 2, 0, 1000, "points of a suggestion",
		func(p *ContactParams) *float64 { return &p.PointsSuggestion }),
	contactSetting("points_post", 1, 0, 1000, "points of a post",
		func(p *ContactParams) *float64 { return &p.PointsPost }),
}

// DefaultContactParams returns the documented defaults.
func DefaultContactParams() ContactParams { return contactSettings.defaults() }

// ContactCloseness classifies how close the relationship is, using only
// interactions in (as_of - window_days, as_of]; interactions without a date
// do not count. Rules, first match wins:
//  1. do_not_contact: the customer opted out, or refused refused_calls_limit calls;
//  2. unreachable: no usable channel — the phone is not valid (or is valid but
//     unanswered_calls_limit calls went unanswered with none answered), no email
//     opt-in, and no two-way interaction in the window;
//  3. close: at least one customer-initiated interaction (event, referral,
//     post, suggestion) and engagement points ≥ close_points;
//  4. official: some two-way contact in the window, but only routine (answered
//     calls, visits, opened emails, renewals, complaints) or too little to be close;
//  5. cold: reachable, but nothing in the window.
func ContactCloseness(in ContactInput, asOf time.Time, p ContactParams) string {
	var k KindCounts
	for _, it := range in.Interactions {
		if age := ageDays(it.At, asOf); age >= 0 && age < p.WindowDays {
			k[it.Kind]++
		}
	}
	if in.DoNotContact || float64(k[KindCallRefused]) >= p.RefusedCallsLimit {
		return ClosenessDoNotContact
	}
	voluntary := k[KindEventAttended] + k[KindReferralMade] + k[KindPost] + k[KindSuggestion]
	twoWay := voluntary + k[KindCallAnswered] + k[KindVisit] + k[KindEmailOpened] +
		k[KindMembershipRenewal] + k[KindComplaint]
	phoneUsable := in.PhoneValid &&
		!(k[KindCallAnswered] == 0 && float64(k[KindCallUnanswered]) >= p.UnansweredCallsLimit)
	if !phoneUsable && !in.EmailOptIn && twoWay == 0 {
		return ClosenessUnreachable
	}
	points := float64(k[KindCallAnswered])*p.PointsCallAnswered +
		float64(k[KindEventAttended])*p.PointsEvent +
		float64(k[KindReferralMade])*p.PointsReferral +
		float64(k[KindSuggestion])*p.PointsSuggestion +
		float64(k[KindPost])*p.PointsPost
	switch {
	case voluntary > 0 && points >= p.ClosePoints:
		return ClosenessClose
	case twoWay > 0:
		return ClosenessOfficial
	}
	return ClosenessCold
}
