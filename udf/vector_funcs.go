package udf

import (
	"fmt"
	"time"
)

// The vectorized adapters: each reads a chunk's arguments with exactly the
// conventions of its row adapter in adapters.go (same NULL meanings, same
// checks in the same order, same errors) and calls the same pure function.
// parity_test.go runs both over edge cases and compares every result.

func satisfactionIndexVector(in *chunk, out *result) error {
	var a satisfactionVectorArgs
	for i := range in.n {
		surveys, asOf, params, ok, err := a.read(row{in, i})
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

func satisfactionLevelVector(in *chunk, out *result) error {
	var a satisfactionVectorArgs
	for i := range in.n {
		surveys, asOf, params, ok, err := a.read(row{in, i})
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
	settings settingsCache[SatisfactionParams]
}

// read is satisfactionArgs: ok is false when ratings or as_of is NULL.
func (a *satisfactionVectorArgs) read(r row) (surveys []Survey, asOf time.Time, params *SatisfactionParams, ok bool, err error) {
	if params, err = a.settings.get(satisfactionSettings, &defaultSatisfaction, r, 3); err != nil {
		return
	}
	ratings, isList := r.list(0)
	if !isList {
		return
	}
	if asOf, ok = r.time(2); !ok {
		return
	}
	ts, hasTS := r.list(1)
	if hasTS && ts.n != ratings.n {
		return nil, asOf, params, false, fmt.Errorf("%w: %d ratings, %d timestamps", ErrLengthMismatch, ratings.n, ts.n)
	}
	surveys = a.surveys[:0]
	for j := range ratings.n {
		if ratings.null(j) {
			continue
		}
		rating, err := ParseRating(ratings.str(j))
		if err != nil {
			return nil, asOf, params, false, err
		}
		var at time.Time
		if hasTS && !ts.null(j) {
			at = ts.time(j)
		}
		surveys = append(surveys, Survey{Rating: rating, At: at})
	}
	a.surveys = surveys
	return surveys, asOf, params, true, nil
}

func loyaltyScoreVector(in *chunk, out *result) error {
	var settings settingsCache[LoyaltyParams]
	for i := range in.n {
		li, params, err := loyaltyVectorArgs(row{in, i}, &settings)
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

func loyaltyTierVector(in *chunk, out *result) error {
	var settings settingsCache[LoyaltyParams]
	for i := range in.n {
		li, params, err := loyaltyVectorArgs(row{in, i}, &settings)
		if err != nil {
			return err
		}
		out.setCode(i, enumCode(tierNames, LoyaltyTier(li, *params)))
	}
	return nil
}

// loyaltyVectorArgs is loyaltyArgs.
func loyaltyVectorArgs(r row, settings *settingsCache[LoyaltyParams]) (in LoyaltyInput, params *LoyaltyParams, err error) {
	if params, err = settings.get(loyaltySettings, &defaultLoyalty, r, 7); err != nil {
		return
	}
	in.DiscretionaryShare = r.float(0)
	in.DiscretionaryCategories = r.int(1)
	in.Categories = r.int(2)
	in.Orders = r.int(3)
	in.RenewalOrders = r.int(4)
	in.TenureDays = r.float(5)
	kinds, ok := r.list(6)
	if !ok {
		return in, params, nil
	}
	for j := range kinds.n {
		if kinds.null(j) {
			continue
		}
		k, err := ParseKind(kinds.str(j))
		if err != nil {
			return in, params, err
		}
		in.Interactions[k]++
	}
	return in, params, nil
}

var closenessNames = unboxAll(closenessValues)

func contactClosenessVector(in *chunk, out *result) error {
	var settings settingsCache[ContactParams]
	var interactions []Interaction
	for i := range in.n {
		r := row{in, i}
		params, err := settings.get(contactSettings, &defaultContact, r, 6)
		if err != nil {
			return err
		}
		asOf, ok := r.time(5)
		if !ok {
			out.setNull(i)
			continue
		}
		ci := ContactInput{PhoneValid: r.bool(0), EmailOptIn: r.bool(1), DoNotContact: r.bool(2)}
		kinds, hasKinds := r.list(3)
		ts, hasTS := r.list(4)
		if hasTS && hasKinds && ts.n != kinds.n {
			return fmt.Errorf("%w: %d interaction kinds, %d timestamps", ErrLengthMismatch, kinds.n, ts.n)
		}
		interactions = interactions[:0]
		for j := range kinds.n {
			if kinds.null(j) || !hasTS || ts.null(j) {
				continue // an undated interaction cannot be placed in the window
			}
			k, err := ParseKind(kinds.str(j))
			if err != nil {
				return err
			}
			interactions = append(interactions, Interaction{Kind: k, At: ts.time(j)})
		}
		ci.Interactions = interactions
		out.setCode(i, enumCode(closenessNames, ContactCloseness(ci, asOf, *params)))
	}
	return nil
}

var stageNames = unboxAll(stageValues)

func lifecycleStageVector(in *chunk, out *result) error {
	var settings settingsCache[LifecycleParams]
	for i := range in.n {
		r := row{in, i}
		params, err := settings.get(lifecycleSettings, &defaultLifecycle, r, 5)
		if err != nil {
			return err
		}
		stage, ok := LifecycleStage(LifecycleInput{
			DaysSinceLast:       r.float(0),
			TypicalIntervalDays: r.float(1),
			Orders:              r.int(2),
			TenureDays:          r.float(3),
			CategoryNormDays:    r.float(4),
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

func replacementReadinessVector(in *chunk, out *result) error {
	var settings settingsCache[ReplacementParams]
	for i := range in.n {
		r := row{in, i}
		params, err := settings.get(replacementSettings, &defaultReplacement, r, 3)
		if err != nil {
			return err
		}
		readiness, ok := ReplacementReadiness(ReplacementInput{
			AgeYears: r.float(0), MajorSpend12m: r.float(1), AssetPrice: r.float(2),
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

func valueClassVector(in *chunk, out *result) error {
	var settings settingsCache[ValueParams]
	for i := range in.n {
		r := row{in, i}
		params, err := settings.get(valueSettings, &defaultValue, r, 4)
		if err != nil {
			return err
		}
		class, ok := ValueClass(ValueInput{
			Margin: r.float(0), ServeCost: r.float(1), Growth: r.float(2), ValuableNet: r.float(3),
		}, *params)
		if !ok {
			out.setNull(i)
			continue
		}
		out.setCode(i, enumCode(valueNames, class))
	}
	return nil
}

// settingsCache is settingsArg for one chunk. A constant settings argument
// (the usual case: a literal or score_settings_map(...)) reaches the function
// as the same list entry on every row, so it is parsed once per chunk.
type settingsCache[P any] struct {
	off, n int
	params *P
}

// get returns def when the settings argument k is NULL or left out, else a
// copy of def overridden by the MAP (a NULL value keeps the default).
func (c *settingsCache[P]) get(set settingSet[P], def *P, r row, k int) (*P, error) {
	m, ok := r.list(k)
	if !ok {
		return def, nil
	}
	if c.params != nil && c.off == m.off && c.n == m.n {
		return c.params, nil
	}
	params := new(P)
	*params = *def
	for j := range m.n {
		v, ok := m.value(j)
		if !ok {
			continue
		}
		if m.null(j) { // DuckDB rejects NULL map keys; kept for settingsArg's parity
			return nil, unexpected("settings", v)
		}
		if err := set.set(params, m.str(j), v); err != nil {
			return nil, err
		}
	}
	c.off, c.n, c.params = m.off, m.n, params
	return params, nil
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
