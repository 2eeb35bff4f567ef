package udf

import (
	"fmt"
	"time"

	"github.com/custval/custval/internal/vector"
)

// The vectorized adapters: each reads a chunk's arguments with exactly the
// conventions of its row adapter in adapters.go (same NULL meanings, same
// checks in the same order, same errors) and calls the same pure function.
// parity_test.go runs both over edge cases and compares every result.

func satisfactionIndexVector(in *vector.Chunk, out *result) error {
	var a satisfactionVectorArgs
	for i := range in.N {
		surveys, asOf, params, ok, err := a.read(row{C: in, I: i})
		if err != nil {
			return err
		}
		index, ok := SatisfactionIndex(surveys, asOf, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setFloat(i, index)
	}
	return nil
}

var levelNames = unboxAll(levelValues)

func satisfactionLevelVector(in *vector.Chunk, out *result) error {
	var a satisfactionVectorArgs
	for i := range in.N {
		surveys, asOf, params, ok, err := a.read(row{C: in, I: i})
		if err != nil {
			return err
		}
		level := LevelUnknown
		if ok {
			level = SatisfactionLevel(surveys, asOf, *params)
		}
		out.setCode(i, enumCode(levelNames, level))
	}
	return nil
}

// satisfactionVectorArgs reads satisfaction arguments row by row, reusing one
// survey buffer (the pure functions keep no reference to it).
type satisfactionVectorArgs struct {
	surveys  []Survey
	settings SettingsCache
}

// read is satisfactionArgs: ok is false when ratings or as_of is NULL.
func (a *satisfactionVectorArgs) read(r row) (surveys []Survey, asOf time.Time, params *SatisfactionParams, ok bool, err error) {
	if params, err = SettingsArg(&a.settings, r, 3, &defaultSatisfaction); err != nil {
		return
	}
	ratings, isList := r.List(0)
	if !isList {
		return
	}
	if asOf, ok = r.Timestamp(2); !ok {
		return
	}
	ts, hasTS := r.List(1)
	if hasTS && ts.Len() != ratings.Len() {
		return nil, asOf, params, false, fmt.Errorf("%w: %d ratings, %d timestamps", ErrLengthMismatch, ratings.Len(), ts.Len())
	}
	surveys = a.surveys[:0]
	for j := range ratings.Len() {
		if ratings.Null(j) {
			continue
		}
		rating, err := ParseRating(ratings.Str(j))
		if err != nil {
			return nil, asOf, params, false, err
		}
		var at time.Time
		if hasTS && !ts.Null(j) {
			at = ts.Time(j)
		}
		surveys = append(surveys, Survey{Rating: rating, At: at})
	}
	a.surveys = surveys
	return surveys, asOf, params, true, nil
}

func loyaltyScoreVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	for i := range in.N {
		li, params, err := loyaltyVectorArgs(row{C: in, I: i}, &settings)
		if err != nil {
			return err
		}
		score, ok := LoyaltyScore(li, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setFloat(i, score)
	}
	return nil
}

var tierNames = unboxAll(tierValues)

func loyaltyTierVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	for i := range in.N {
		li, params, err := loyaltyVectorArgs(row{C: in, I: i}, &settings)
		if err != nil {
			return err
		}
		out.setCode(i, enumCode(tierNames, LoyaltyTier(li, *params)))
	}
	return nil
}

// loyaltyVectorArgs is loyaltyArgs.
func loyaltyVectorArgs(r row, settings *SettingsCache) (in LoyaltyInput, params *LoyaltyParams, err error) {
	if params, err = SettingsArg(settings, r, 7, &defaultLoyalty); err != nil {
		return
	}
	in.DiscretionaryShare = r.Double(0)
	in.DiscretionaryCategories = r.BigInt(1)
	in.Categories = r.BigInt(2)
	in.Orders = r.BigInt(3)
	in.RenewalOrders = r.BigInt(4)
	in.TenureDays = r.Double(5)
	kinds, ok := r.List(6)
	if !ok {
		return in, params, nil
	}
	for j := range kinds.Len() {
		if kinds.Null(j) {
			continue
		}
		k, err := ParseKind(kinds.Str(j))
		if err != nil {
			return in, params, err
		}
		in.Interactions[k]++
	}
	return in, params, nil
}

var closenessNames = unboxAll(closenessValues)

func contactClosenessVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	var interactions []Interaction
	for i := range in.N {
		r := row{C: in, I: i}
		params, err := SettingsArg(&settings, r, 6, &defaultContact)
		if err != nil {
			return err
		}
		asOf, ok := r.Timestamp(5)
		if !ok {
			out.setNull(i)
			continue
		}
		ci := ContactInput{PhoneValid: r.Boolean(0), EmailOptIn: r.Boolean(1), DoNotContact: r.Boolean(2)}
		kinds, hasKinds := r.List(3)
		ts, hasTS := r.List(4)
		if hasTS && hasKinds && ts.Len() != kinds.Len() {
			return fmt.Errorf("%w: %d interaction kinds, %d timestamps", ErrLengthMismatch, kinds.Len(), ts.Len())
		}
		interactions = interactions[:0]
		for j := range kinds.Len() {
			if kinds.Null(j) || !hasTS || ts.Null(j) {
				continue // an undated interaction cannot be placed in the window
			}
			k, err := ParseKind(kinds.Str(j))
			if err != nil {
				return err
			}
			interactions = append(interactions, Interaction{Kind: k, At: ts.Time(j)})
		}
		ci.Interactions = interactions
		out.setCode(i, enumCode(closenessNames, ContactCloseness(ci, asOf, *params)))
	}
	return nil
}

var stageNames = unboxAll(stageValues)

func lifecycleStageVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	for i := range in.N {
		r := row{C: in, I: i}
		params, err := SettingsArg(&settings, r, 5, &defaultLifecycle)
		if err != nil {
			return err
		}
		stage, ok := LifecycleStage(LifecycleInput{
			DaysSinceLast:       r.Double(0),
			TypicalIntervalDays: r.Double(1),
			Orders:              r.BigInt(2),
			TenureDays:          r.Double(3),
			CategoryNormDays:    r.Double(4),
		}, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setCode(i, enumCode(stageNames, stage))
	}
	return nil
}

var readinessNames = unboxAll(readinessValues)

func replacementReadinessVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	for i := range in.N {
		r := row{C: in, I: i}
		params, err := SettingsArg(&settings, r, 3, &defaultReplacement)
		if err != nil {
			return err
		}
		readiness, ok := ReplacementReadiness(ReplacementInput{
			AgeYears: r.Double(0), MajorSpend12m: r.Double(1), AssetPrice: r.Double(2),
		}, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setCode(i, enumCode(readinessNames, readiness))
	}
	return nil
}

var valueNames = unboxAll(valueValues)

func valueClassVector(in *vector.Chunk, out *result) error {
	var settings SettingsCache
	for i := range in.N {
		r := row{C: in, I: i}
		params, err := SettingsArg(&settings, r, 4, &defaultValue)
		if err != nil {
			return err
		}
		class, ok := ValueClass(ValueInput{
			Margin: r.Double(0), ServeCost: r.Double(1), Growth: r.Double(2), ValuableNet: r.Double(3),
		}, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setCode(i, enumCode(valueNames, class))
	}
	return nil
}

// enumCode is s's code in an ENUM result: its index in names. The pure
// functions return only members of their ENUM.
func enumCode(names []string, s string) uint8 {
	for i, n := range names {
		if n == s {
			return uint8(i)
		}
	}
	panic(fmt.Sprintf("%q is not one of %v", s, names))
}
