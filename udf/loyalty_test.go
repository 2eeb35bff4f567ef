package udf

import (
	"math"
	"testing"
)

func kinds(pairs map[Kind]int64) KindCounts {
	var k KindCounts
	for kind, n := range pairs {
		k[kind] = n
	}
	return k
}

func TestLoyalty(t *testing.T) {
	p := DefaultLoyaltyParams()
	// The seed's two customers: one who comes only when the car breaks, however
	// often, and one who also buys accessories and detailing and renews insurance.
	repairsOnly := LoyaltyInput{DiscretionaryShare: 0, Categories: 4, Orders: 40, TenureDays: 8 * 365.25,
		Interactions: kinds(map[Kind]int64{KindCallAnswered: 20, KindVisit: 40})}
	repairsOnlyEngaged := repairsOnly
	repairsOnlyEngaged.Interactions = kinds(map[Kind]int64{KindEventAttended: 5, KindReferralMade: 3, KindPost: 4, KindMembershipRenewal: 3})
	enthusiast := LoyaltyInput{DiscretionaryShare: 0.15, DiscretionaryCategories: 3, Categories: 5, Orders: 15,
		RenewalOrders: 3, TenureDays: 5 * 365.25}
	tests := []struct {
		name      string
		in        LoyaltyInput
		wantScore float64 // NaN: not ok
		wantTier  string
	}{
		{"repairs only, frequent, long tenure", repairsOnly, 100 * (4.0/5*5 + 5 + 10) / 100, TierTransactional},
		{"repairs only with every kind of engagement is not loyal", repairsOnlyEngaged, 100 * (4.0/5*5 + 10 + 10 + 10 + 5 + 5 + 10) / 100, TierDeveloping},
		{"accessories, detailing, insurance renewals", enthusiast, 15 + 15 + 5 + 10 + 5 + 10, TierLoyal},
		// Hand computation: 0.15/0.30×30 + 1/3×15 + 2/5×5 + 1/3×10 + 2/5×5 + (2 repeat orders / 2 years)/2×10.
		{"developing newcomer", LoyaltyInput{DiscretionaryShare: 0.15, DiscretionaryCategories: 1, Categories: 2, Orders: 3,
			TenureDays: 2 * 365.25, Interactions: kinds(map[Kind]int64{KindEventAttended: 1})}, 15 + 5 + 2 + 10.0/3 + 2 + 5, TierDeveloping},
		{"one order today", LoyaltyInput{Orders: 1, Categories: 1}, 1, TierTransactional},
		{"no orders", LoyaltyInput{DiscretionaryShare: 1, Categories: 3}, math.NaN(), TierUnknown},
		{"negative orders", LoyaltyInput{Orders: -2}, math.NaN(), TierUnknown},
		{"NaN share counts as none", LoyaltyInput{DiscretionaryShare: math.NaN(), Orders: 1}, 0, TierTransactional},
		{"infinite share counts as 1", LoyaltyInput{DiscretionaryShare: math.Inf(1), Orders: 1}, 30, TierDeveloping},
		{"negative counts count as 0", LoyaltyInput{Orders: 1, Categories: -5, RenewalOrders: -1, TenureDays: -10}, 0, TierTransactional},
		{"huge everything saturates at 100", LoyaltyInput{DiscretionaryShare: 1, DiscretionaryCategories: math.MaxInt64, Categories: math.MaxInt64,
			Orders: math.MaxInt64, RenewalOrders: math.MaxInt64, TenureDays: 1e6,
			Interactions: kinds(map[Kind]int64{KindEventAttended: math.MaxInt64, KindReferralMade: math.MaxInt64, KindPost: math.MaxInt64})}, 100, TierLoyal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LoyaltyScore(tt.in, p)
			if math.IsNaN(tt.wantScore) {
				if ok {
					t.Errorf("LoyaltyScore = %v, true; want not ok", got)
				}
			} else if !ok || math.Abs(got-tt.wantScore) > 1e-9 {
				t.Errorf("LoyaltyScore = %v, %v; want %v", got, ok, tt.wantScore)
			}
			if tier := LoyaltyTier(tt.in, p); tier != tt.wantTier {
				t.Errorf("LoyaltyTier = %q, want %q (score %.2f)", tier, tt.wantTier, got)
			}
		})
	}
}

func TestLoyaltyDiscretionaryGate(t *testing.T) {
	p := DefaultLoyaltyParams()
	p.WeightDiscretionary = 0 // the score alone would be loyal without any discretionary spend
	in := LoyaltyInput{Categories: 5, Orders: 40, TenureDays: 3000,
		Interactions: kinds(map[Kind]int64{KindEventAttended: 9, KindReferralMade: 9, KindPost: 9, KindMembershipRenewal: 9})}
	score, _ := LoyaltyScore(in, p)
	if score < p.LoyalFrom {
		t.Fatalf("setup: score %.1f below loyal_from", score)
	}
	if got := LoyaltyTier(in, p); got != TierDeveloping {
		t.Errorf("LoyaltyTier without discretionary spend = %q, want developing", got)
	}
}

func TestLoyaltyZeroWeights(t *testing.T) {
	var p LoyaltyParams // every weight 0
	if got, ok := LoyaltyScore(LoyaltyInput{Orders: 3}, p); ok {
		t.Errorf("LoyaltyScore with zero weights = %v, true; want not ok", got)
	}
}
