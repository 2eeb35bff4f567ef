package udf

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

var asOf = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time { return asOf.Add(-time.Duration(d * 24 * float64(time.Hour))) }

// seedRatings is the seed-000 customer: 20 surveys in five years, 10 neutral,
// 2 complaints, 5 dissatisfied, 3 satisfied, no very satisfied.
func seedRatings() []Rating {
	var rs []Rating
	for range 10 {
		rs = append(rs, RatingNeutral)
	}
	for range 2 {
		rs = append(rs, RatingComplaint)
	}
	for range 5 {
		rs = append(rs, RatingDissatisfied)
	}
	for range 3 {
		rs = append(rs, RatingSatisfied)
	}
	return rs
}

// spread dates the ratings in order, at the given ages in days.
func spread(rs []Rating, ages func(i int) float64) []Survey {
	out := make([]Survey, len(rs))
	for i, r := range rs {
		out[i] = Survey{Rating: r, At: daysAgo(ages(i))}
	}
	return out
}

func TestSatisfactionSeedExampleIsUnsatisfiedWhateverTheDates(t *testing.T) {
	const fiveYears = 5 * 365.0
	even := func(i int) float64 { return fiveYears * float64(i) / 19 }
	worstFirst := seedRatings() // negatives sit between neutrals and satisfied
	bestFirst := []Rating{RatingSatisfied, RatingSatisfied, RatingSatisfied}
	for range 10 {
		bestFirst = append(bestFirst, RatingNeutral)
	}
	for range 5 {
		bestFirst = append(bestFirst, RatingDissatisfied)
	}
	bestFirst = append(bestFirst, RatingComplaint, RatingComplaint) // complaints oldest
	tests := []struct {
		name    string
		surveys []Survey
	}{
		{"evenly spread, listed order", spread(worstFirst, even)},
		{"positives newest, complaints oldest", spread(bestFirst, even)},
		{"positives and neutrals today, negatives five years ago", spread(bestFirst, func(i int) float64 {
			if i < 13 {
				return 0
			}
			return fiveYears
		})},
		{"negatives newest", spread(reversed(bestFirst), even)},
		{"all on one day", spread(worstFirst, func(int) float64 { return 100 })},
		{"all five years ago", spread(worstFirst, func(int) float64 { return fiveYears })},
		{"dates unknown", undated(worstFirst)},
	}
	// Random orders over random dates in the five years (fixed seed: deterministic).
	rng := rand.New(rand.NewPCG(4, 20))
	for range 200 {
		rs := seedRatings()
		rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		tests = append(tests, struct {
			name    string
			surveys []Survey
		}{"random", spread(rs, func(int) float64 { return rng.Float64() * fiveYears })})
	}
	p := DefaultSatisfactionParams()
	for _, tt := range tests {
		if got := SatisfactionLevel(tt.surveys, asOf, p); got != LevelUnsatisfied {
			index, _ := SatisfactionIndex(tt.surveys, asOf, p)
			t.Errorf("%s: SatisfactionLevel = %q (index %.1f), want unsatisfied", tt.name, got, index)
		}
	}
}

func undated(rs []Rating) []Survey {
	out := make([]Survey, len(rs))
	for i, r := range rs {
		out[i] = Survey{Rating: r}
	}
	return out
}

func reversed(rs []Rating) []Rating {
	out := make([]Rating, len(rs))
	for i, r := range rs {
		out[len(rs)-1-i] = r
	}
	return out
}

func TestSatisfactionIndex(t *testing.T) {
	p := DefaultSatisfactionParams()
	tests := []struct {
		name    string
		surveys []Survey
		want    float64
		wantOK  bool
	}{
		{"no surveys", nil, 0, false},
		{"only surveys after as_of", []Survey{{RatingSatisfied, asOf.Add(time.Hour)}}, 0, false},
		{"one neutral today", []Survey{{RatingNeutral, asOf}}, 50, true},
		{"one very satisfied", []Survey{{RatingVerySatisfied, daysAgo(3000)}}, 100, true},
		// Complaint weighs 3: (50×1 + 0×3) / 4.
		{"neutral and complaint today", []Survey{{RatingNeutral, asOf}, {RatingComplaint, asOf}}, 12.5, true},
		// A year-old complaint: decay 0.5 + 0.5×0.5 = 0.75, weight 2.25: 50 / 3.25.
		{"complaint a year old", []Survey{{RatingNeutral, asOf}, {RatingComplaint, daysAgo(365)}}, 50 / 3.25, true},
		// Dissatisfied weighs 2: (75 + 25×2) / 3.
		{"satisfied and dissatisfied", []Survey{{RatingSatisfied, asOf}, {RatingDissatisfied, asOf}}, 125.0 / 3, true},
		// Unknown date weighs as the floor: (100×1 + 50×0.5) / 1.5.
		{"undated survey weighs the floor", []Survey{{RatingVerySatisfied, asOf}, {RatingNeutral, time.Time{}}}, 125 / 1.5, true},
		{"survey after as_of ignored", []Survey{{RatingSatisfied, asOf}, {RatingComplaint, asOf.AddDate(0, 0, 1)}}, 75, true},
	}
	for _, tt := range tests {
		got, ok := SatisfactionIndex(tt.surveys, asOf, p)
		if ok != tt.wantOK || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: SatisfactionIndex = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestSatisfactionLevel(t *testing.T) {
	p := DefaultSatisfactionParams()
	recovered := []Survey{{RatingComplaint, daysAgo(4 * 365)}}
	for i := range 6 {
		recovered = append(recovered, Survey{RatingVerySatisfied, daysAgo(float64(i) * 150)})
	}
	tests := []struct {
		name    string
		surveys []Survey
		want    string
	}{
		{"no surveys", nil, LevelUnknown},
		{"one satisfied", []Survey{{RatingSatisfied, daysAgo(10)}}, LevelSatisfied},
		{"one neutral", []Survey{{RatingNeutral, daysAgo(10)}}, LevelNeutral},
		{"one dissatisfied", []Survey{{RatingDissatisfied, daysAgo(10)}}, LevelUnsatisfied},
		{"old complaint, six very satisfied since", recovered, LevelSatisfied},
		{"recent complaint outweighs a high index", append([]Survey{{RatingComplaint, daysAgo(30)}},
			repeat(Survey{RatingVerySatisfied, daysAgo(5)}, 50)...), LevelUnsatisfied},
		{"complaint just outside recent_complaint_days", append([]Survey{{RatingComplaint, daysAgo(91)}},
			repeat(Survey{RatingVerySatisfied, daysAgo(5)}, 50)...), LevelSatisfied},
		{"satisfied and very satisfied mix", []Survey{{RatingSatisfied, daysAgo(400)}, {RatingVerySatisfied, daysAgo(20)}}, LevelSatisfied},
	}
	for _, tt := range tests {
		if got := SatisfactionLevel(tt.surveys, asOf, p); got != tt.want {
			t.Errorf("%s: SatisfactionLevel = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func repeat[T any](v T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func TestSatisfactionEdgeCases(t *testing.T) {
	t.Run("huge list stays in range", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		surveys := make([]Survey, 1_000_000)
		for i := range surveys {
			surveys[i] = Survey{Rating(rng.IntN(5)), daysAgo(rng.Float64() * 20000)}
		}
		got, ok := SatisfactionIndex(surveys, asOf, DefaultSatisfactionParams())
		if !ok || got < 0 || got > 100 || math.IsNaN(got) {
			t.Errorf("SatisfactionIndex(1M surveys) = %v, %v; want 0..100", got, ok)
		}
	})
	t.Run("weights underflow to zero", func(t *testing.T) {
		p := DefaultSatisfactionParams()
		p.MemoryFloor, p.HalfLifeDays = 0, 1
		surveys := []Survey{{RatingSatisfied, time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)}}
		if got, ok := SatisfactionIndex(surveys, asOf, p); ok {
			t.Errorf("SatisfactionIndex with zero weight = %v, true; want not ok", got)
		}
		if got := SatisfactionLevel(surveys, asOf, p); got != LevelUnknown {
			t.Errorf("SatisfactionLevel with zero weight = %q, want unknown", got)
		}
	})
	t.Run("far-apart dates do not overflow", func(t *testing.T) {
		surveys := []Survey{{RatingNeutral, time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)}, {RatingNeutral, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}}
		got, ok := SatisfactionIndex(surveys, asOf, DefaultSatisfactionParams())
		if !ok || got != 50 {
			t.Errorf("SatisfactionIndex = %v, %v; want 50, true", got, ok)
		}
	})
}

func TestParseRating(t *testing.T) {
	for _, name := range []string{"very_satisfied", "satisfied", "neutral", "dissatisfied", "complaint"} {
		r, err := ParseRating(name)
		if err != nil || r.String() != name {
			t.Errorf("ParseRating(%q) = %v, %v; want round trip", name, r, err)
		}
	}
	if _, err := ParseRating("Satisfied"); err == nil {
		t.Errorf("ParseRating(%q) = nil error, want an error", "Satisfied")
	}
}
