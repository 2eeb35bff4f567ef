package udf

import (
	"fmt"
	"time"
)

// Kind is an interaction kind from the data contract's interactions.kind column.
type Kind int8

// Interaction kinds, in the contract's order.
const (
	KindCallAnswered Kind = iota
	KindCallUnanswered
	KindCallRefused
	KindVisit
	KindEventAttended
	KindReferralMade
	KindPost
	KindSuggestion
	KindMembershipRenewal
	KindEmailOpened
	KindComplaint
	numKinds
)

var kindNames = [numKinds]string{
	"call_answered", "call_unanswered", "call_refused", "visit", "event_attended", "referral_made",
	"post", "suggestion", "membership_renewal", "email_opened", "complaint",
}

func (k Kind) String() string { return kindNames[k] }

// ParseKind reads a contract interaction kind such as "event_attended".
func ParseKind(s string) (Kind, error) {
	for i, name := range kindNames {
		if s == name {
			return Kind(i), nil
		}
	}
	return 0, fmt.Errorf("%w %q; want one of the interactions.kind values in docs/data-contract.md", ErrUnknownKind, s)
}

// KindCounts counts interactions by kind.
type KindCounts [numKinds]int64

// Interaction is one dated interaction. A zero At means the date is unknown.
type Interaction struct {
	Kind Kind
	At   time.Time
}
