package udf

import (
	"testing"
	"time"
)

func its(kinds ...any) []Interaction {
	// kinds alternate Kind, age in days.
	var out []Interaction
	for i := 0; i < len(kinds); i += 2 {
		at := time.Time{}
		if d, ok := kinds[i+1].(float64); ok {
			at = daysAgo(d)
		}
		out = append(out, Interaction{Kind: kinds[i].(Kind), At: at})
	}
	return out
}

func TestContactCloseness(t *testing.T) {
	p := DefaultContactParams()
	tests := []struct {
		name string
		in   ContactInput
		want string
	}{
		{"nothing on file", ContactInput{}, ClosenessUnreachable},
		{"valid phone, no interactions", ContactInput{PhoneValid: true}, ClosenessCold},
		{"email opt-in only", ContactInput{EmailOptIn: true}, ClosenessCold},
		{"opted out beats everything", ContactInput{PhoneValid: true, DoNotContact: true,
			Interactions: its(KindReferralMade, 10.0, KindEventAttended, 10.0)}, ClosenessDoNotContact},
		{"two refused calls", ContactInput{PhoneValid: true, Interactions: its(KindCallRefused, 10.0, KindCallRefused, 50.0)}, ClosenessDoNotContact},
		{"one refused call", ContactInput{PhoneValid: true, Interactions: its(KindCallRefused, 10.0)}, ClosenessCold},
		{"refusals outside the window", ContactInput{PhoneValid: true, Interactions: its(KindCallRefused, 800.0, KindCallRefused, 900.0)}, ClosenessCold},
		{"valid phone never answered", ContactInput{PhoneValid: true,
			Interactions: its(KindCallUnanswered, 10.0, KindCallUnanswered, 20.0, KindCallUnanswered, 30.0)}, ClosenessUnreachable},
		{"invalid phone but answered a call", ContactInput{Interactions: its(KindCallAnswered, 100.0)}, ClosenessOfficial},
		{"routine return-visit calls only", ContactInput{PhoneValid: true,
			Interactions: its(KindCallAnswered, 10.0, KindCallAnswered, 100.0, KindCallAnswered, 200.0, KindCallAnswered, 300.0, KindVisit, 30.0)}, ClosenessOfficial},
		{"answered call and an event", ContactInput{PhoneValid: true, Interactions: its(KindCallAnswered, 10.0, KindEventAttended, 40.0)}, ClosenessClose},
		{"a referral alone", ContactInput{PhoneValid: true, Interactions: its(KindReferralMade, 10.0)}, ClosenessClose},
		{"one post is not yet close", ContactInput{PhoneValid: true, Interactions: its(KindPost, 10.0)}, ClosenessOfficial},
		{"engagement outside the window", ContactInput{PhoneValid: true, Interactions: its(KindReferralMade, 731.0, KindEventAttended, 1000.0)}, ClosenessCold},
		{"undated interactions do not count", ContactInput{Interactions: its(KindReferralMade, nil, KindCallAnswered, nil)}, ClosenessUnreachable},
		{"interactions after as_of do not count", ContactInput{Interactions: its(KindReferralMade, -3.0)}, ClosenessUnreachable},
		{"opened email only", ContactInput{Interactions: its(KindEmailOpened, 3.0)}, ClosenessOfficial},
	}
	for _, tt := range tests {
		if got := ContactCloseness(tt.in, asOf, p); got != tt.want {
			t.Errorf("%s: ContactCloseness = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseKind(t *testing.T) {
	for k := range numKinds {
		got, err := ParseKind(k.String())
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", k.String(), got, err, k)
		}
	}
	if _, err := ParseKind("phone_call"); err == nil {
		t.Errorf("ParseKind(%q) = nil error, want an error", "phone_call")
	}
}
