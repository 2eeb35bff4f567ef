package udf

import (
	"fmt"
	"math"
	"time"
)

// Rating is a survey answer from the data contract's surveys.rating column.
type Rating int8

// Ratings, worst first.
const (
	RatingComplaint Rating = iota
	RatingDissatisfied
	RatingNeutral
	RatingSatisfied
	RatingVerySatisfied
)

var ratingNames = [...]string{"complaint", "dissatisfied", "neutral", "satisfied", "very_satisfied"}

func (r Rating) String() string { return ratingNames[r] }

// ParseRating reads a contract rating such as "very_satisfied".
func ParseRating(s string) (Rating, error) {
	for i, name := range ratingNames {
		if s == name {
			return Rating(i), nil
		}
	}
	return 0, fmt.Errorf("%w %q; want very_satisfied, satisfied, neutral, dissatisfied or complaint", ErrUnknownRating, s)
}

// Survey is one answered survey. A zero At means the date is unknown; such a
// survey counts with the smallest (oldest) weight.
type Survey struct {
	Rating Rating
	At     time.Time
}

// Satisfaction levels.
const (
	LevelSatisfied   = "satisfied"
	LevelNeutral     = "neutral"
	LevelUnsatisfied = "unsatisfied"
	LevelUnknown     = "unknown"
)

// SatisfactionParams are the weights and thresholds of satisfaction_index and
// satisfaction_level; see docs/scores/satisfaction_index.md.
type SatisfactionParams struct {
	HalfLifeDays        float64
	MemoryFloor         float64
	PointsVerySatisfied float64
	PointsSatisfied     float64
	PointsNeutral       float64
	PointsDissatisfied  float64
	PointsComplaint     float64
	WeightDissatisfied  float64
	WeightComplaint     float64
	SatisfiedFrom       float64
	UnsatisfiedBelow    float64
	RecentComplaintDays float64
}

var satisfactionSettings = settingSet[SatisfactionParams]{
	{Setting{"satisfaction", "half_life_days", 365, 1, 36500, "a survey's recency weight halves toward the floor every this many days"},
		func(p *SatisfactionParams) *float64 { return &p.HalfLifeDays }},
	{Setting{"satisfaction", "memory_floor", 0.5, 0, 1, "smallest recency weight: old surveys fade to this share of a new one, never to zero"},
		func(p *SatisfactionParams) *float64 { return &p.MemoryFloor }},
	{Setting{"satisfaction", "points_very_satisfied", 100, 0, 100, "points of a very_satisfied answer"},
		func(p *SatisfactionParams) *float64 { return &p.PointsVerySatisfied }},
	{Setting{"satisfaction", "points_satisfied", 75, 0, 100, "points of a satisfied answer"},
		func(p *SatisfactionParams) *float64 { return &p.PointsSatisfied }},
	{Setting{"satisfaction", "points_neutral", 50, 0, 100, "points of a neutral answer"},
		func(p *SatisfactionParams) *float64 { return &p.PointsNeutral }},
	{Setting{"satisfaction", "points_dissatisfied", 25, 0, 100, "points of a dissatisfied answer"},
		func(p *SatisfactionParams) *float64 { return &p.PointsDissatisfied }},
	{Setting{"satisfaction", "points_complaint", 0, 0, 100, "points of a complaint"},
		func(p *SatisfactionParams) *float64 { return &p.PointsComplaint }},
	{Setting{"satisfaction", "weight_dissatisfied", 2, 0, 100, "a dissatisfied answer counts this many times a neutral or positive one"},
		func(p *SatisfactionParams) *float64 { return &p.WeightDissatisfied }},
	{Setting{"satisfaction", "weight_complaint", 3, 0, 100, "a complaint counts this many times a neutral or positive answer"},
		func(p *SatisfactionParams) *float64 { return &p.WeightComplaint }},
	{Setting{"satisfaction", "satisfied_from", 65, 0, 100, "index at or above this is satisfied"},
		func(p *SatisfactionParams) *float64 { return &p.SatisfiedFrom }},
	{Setting{"satisfaction", "unsatisfied_below", 45, 0, 100, "index below this is unsatisfied"},
		func(p *SatisfactionParams) *float64 { return &p.UnsatisfiedBelow }},
	{Setting{"satisfaction", "recent_complaint_days", 90, 0, 36500, "a complaint this recent makes the level unsatisfied whatever the index; 0 turns the rule off"},
		func(p *SatisfactionParams) *float64 { return &p.RecentComplaintDays }},
}

// DefaultSatisfactionParams returns the documented defaults.
func DefaultSatisfactionParams() SatisfactionParams { return satisfactionSettings.defaults() }

func (p *SatisfactionParams) points(r Rating) float64 {
	switch r {
	case RatingComplaint:
		return p.PointsComplaint
	case RatingDissatisfied:
		return p.PointsDissatisfied
	case RatingNeutral:
		return p.PointsNeutral
	case RatingSatisfied:
		return p.PointsSatisfied
	}
	return p.PointsVerySatisfied
}

func (p *SatisfactionParams) severity(r Rating) float64 {
	switch r {
	case RatingComplaint:
		return p.WeightComplaint
	case RatingDissatisfied:
		return p.WeightDissatisfied
	}
	return 1
}

// ageDays is how many days before asOf t lies; negative when t is after asOf.
// An unknown (zero) t is older than any real date.
func ageDays(t, asOf time.Time) float64 {
	if t.IsZero() {
		return math.Inf(1)
	}
	return asOf.Sub(t).Hours() / 24
}

// SatisfactionIndex is the recency- and severity-weighted mean of the survey
// points, 0..100. Each survey weighs severity × (floor + (1-floor) × 2^(-age/half_life)).
// Surveys after asOf are ignored. ok is false when no survey counts (no
// surveys, all after asOf, or every weight zero).
func SatisfactionIndex(surveys []Survey, asOf time.Time, p SatisfactionParams) (index float64, ok bool) {
	var sumW, sumWP float64
	for _, s := range surveys {
		age := ageDays(s.At, asOf)
		if age < 0 {
			continue
		}
		decay := p.MemoryFloor + (1-p.MemoryFloor)*math.Exp2(-age/p.HalfLifeDays)
		w := p.severity(s.Rating) * decay
		sumW += w
		sumWP += w * p.points(s.Rating)
	}
	if !(sumW > 0) {
		return 0, false
	}
	return math.Min(100, math.Max(0, sumWP/sumW)), true
}

// SatisfactionLevel classifies the index: unsatisfied when a complaint came
// within recent_complaint_days or the index is below unsatisfied_below;
// satisfied at or above satisfied_from; neutral between; unknown without surveys.
func SatisfactionLevel(surveys []Survey, asOf time.Time, p SatisfactionParams) string {
	index, ok := SatisfactionIndex(surveys, asOf, p)
	if !ok {
		return LevelUnknown
	}
	if p.RecentComplaintDays > 0 {
		for _, s := range surveys {
			if s.Rating != RatingComplaint {
				continue
			}
			if age := ageDays(s.At, asOf); age >= 0 && age <= p.RecentComplaintDays {
				return LevelUnsatisfied
			}
		}
	}
	switch {
	case index < p.UnsatisfiedBelow:
		return LevelUnsatisfied
	case index >= p.SatisfiedFrom:
		return LevelSatisfied
	}
	return LevelNeutral
}
