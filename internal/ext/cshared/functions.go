package main

// #include "custval_ext.h"
import "C"

import (
	"fmt"
	"time"

	"github.com/custval/custval/internal/clvfunc"
	"github.com/custval/custval/udf"
)

// function is one SQL overload the extension registers. Its evaluator reads a
// row's arguments with the NULL conventions of udf's duckdb-go adapters and
// calls the same pure Go function, so both hosts answer alike (parity_test.go
// in internal/ext checks it).
type function struct {
	name   string
	params []kind
	result kind
	// values are the members of an ENUM result, in package udf's order; the
	// result is written as their codes.
	values []string
	text   func(r row) (string, bool, error)  // ENUM result; false means NULL
	number func(r row) (float64, bool, error) // DOUBLE result; false means NULL

	// defaultNulls keeps DuckDB's default NULL handling (NULL in any argument
	// gives NULL); otherwise every function documents what a NULL argument means.
	defaultNulls bool

	cValues **C.char // values copied to C by prepare
}

// spec is one custval function; trailing parameters from index required on
// are optional, and each arity becomes an overload, as in package udf. A left
// out argument reads as NULL.
type spec struct {
	function
	required int
}

// functions is the extension's table; a function's index is its id in DuckDB.
var functions = overloads(append(specs, clvSpecs...))

func overloads(specs []spec) []function {
	var out []function
	for _, s := range specs {
		for n := s.required; n <= len(s.params); n++ {
			f := s.function
			f.params = s.params[:n:n]
			out = append(out, f)
		}
	}
	return out
}

// scratch holds per-chunk buffers reused from row to row; the pure functions
// do not keep their input slices.
type scratch struct {
	surveys      []udf.Survey
	interactions []udf.Interaction
	settings     udf.SettingsCache
	clv          clvfunc.Models
}

var (
	dbl         = kindDouble
	bigint      = kindBigint
	boolean     = kindBoolean
	ts          = kindTimestamp
	varchars    = listOf(kindVarchar)
	tsList      = listOf(kindTimestamp)
	settingsMap = kindSettings
	lifecycle   = udf.DefaultLifecycleParams()
	replace     = udf.DefaultReplacementParams()
	value       = udf.DefaultValueParams()
	satisfy     = udf.DefaultSatisfactionParams()
	loyalty     = udf.DefaultLoyaltyParams()
	contact     = udf.DefaultContactParams()
)

// Every score takes its settings MAP as an optional last argument, as in
// package udf; it is read first, so a bad setting is reported whatever the
// other arguments hold, as there.
var specs = []spec{
	{required: 3, function: function{
		name: "satisfaction_index", params: []kind{varchars, tsList, ts, settingsMap}, result: kindDouble,
		number: func(r row) (float64, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 3, &satisfy)
			if err != nil {
				return 0, false, err
			}
			surveys, asOf, ok, err := satisfactionArgs(r)
			if err != nil || !ok {
				return 0, false, err
			}
			v, ok := udf.SatisfactionIndex(surveys, asOf, *p)
			return v, ok, nil
		},
	}},
	{required: 3, function: function{
		name: "satisfaction_level", params: []kind{varchars, tsList, ts, settingsMap}, result: kindEnum,
		values: []string{udf.LevelSatisfied, udf.LevelNeutral, udf.LevelUnsatisfied, udf.LevelUnknown},
		text: func(r row) (string, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 3, &satisfy)
			if err != nil {
				return "", false, err
			}
			surveys, asOf, ok, err := satisfactionArgs(r)
			if err != nil {
				return "", false, err
			}
			if !ok {
				return udf.LevelUnknown, true, nil
			}
			return udf.SatisfactionLevel(surveys, asOf, *p), true, nil
		},
	}},
	{required: 7, function: function{
		name: "loyalty_score", params: []kind{dbl, bigint, bigint, bigint, bigint, dbl, varchars, settingsMap}, result: kindDouble,
		number: func(r row) (float64, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 7, &loyalty)
			if err != nil {
				return 0, false, err
			}
			in, err := loyaltyArgs(r)
			if err != nil {
				return 0, false, err
			}
			v, ok := udf.LoyaltyScore(in, *p)
			return v, ok, nil
		},
	}},
	{required: 7, function: function{
		name: "loyalty_tier", params: []kind{dbl, bigint, bigint, bigint, bigint, dbl, varchars, settingsMap}, result: kindEnum,
		values: []string{udf.TierLoyal, udf.TierDeveloping, udf.TierTransactional, udf.TierUnknown},
		text: func(r row) (string, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 7, &loyalty)
			if err != nil {
				return "", false, err
			}
			in, err := loyaltyArgs(r)
			if err != nil {
				return "", false, err
			}
			return udf.LoyaltyTier(in, *p), true, nil
		},
	}},
	{required: 6, function: function{
		name: "contact_closeness", params: []kind{boolean, boolean, boolean, varchars, tsList, ts, settingsMap}, result: kindEnum,
		values: []string{udf.ClosenessUnreachable, udf.ClosenessDoNotContact, udf.ClosenessCold, udf.ClosenessOfficial, udf.ClosenessClose},
		text:   contactCloseness,
	}},
	{required: 4, function: function{
		name: "lifecycle_stage", params: []kind{dbl, dbl, bigint, dbl, dbl, settingsMap}, result: kindEnum,
		values: []string{udf.StageNew, udf.StageActive, udf.StageAtRisk, udf.StageLapsed, udf.StageLost},
		text: func(r row) (string, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 5, &lifecycle)
			if err != nil {
				return "", false, err
			}
			in := udf.LifecycleInput{
				DaysSinceLast: r.Double(0), TypicalIntervalDays: r.Double(1), Orders: r.BigInt(2),
				TenureDays: r.Double(3), CategoryNormDays: r.Double(4),
			}
			s, ok := udf.LifecycleStage(in, *p)
			return s, ok, nil
		},
	}},
	{required: 2, function: function{
		name: "replacement_readiness", params: []kind{dbl, dbl, dbl, settingsMap}, result: kindEnum,
		values: []string{udf.ReadinessNotYet, udf.ReadinessWindowOpen, udf.ReadinessOverdue, udf.ReadinessRecentlyRenewed},
		text: func(r row) (string, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 3, &replace)
			if err != nil {
				return "", false, err
			}
			in := udf.ReplacementInput{AgeYears: r.Double(0), MajorSpend12m: r.Double(1), AssetPrice: r.Double(2)}
			s, ok := udf.ReplacementReadiness(in, *p)
			return s, ok, nil
		},
	}},
	{required: 4, function: function{
		name: "value_class", params: []kind{dbl, dbl, dbl, dbl, settingsMap}, result: kindEnum,
		values: []string{udf.ValueMostValuable, udf.ValueMostGrowth, udf.ValueMaintain, udf.ValueNegative},
		text: func(r row) (string, bool, error) {
			p, err := udf.SettingsArg(&r.settings, r.Row, 4, &value)
			if err != nil {
				return "", false, err
			}
			in := udf.ValueInput{Margin: r.Double(0), ServeCost: r.Double(1), Growth: r.Double(2), ValuableNet: r.Double(3)}
			s, ok := udf.ValueClass(in, *p)
			return s, ok, nil
		},
	}},
}

// satisfactionArgs reads (ratings, ts, as_of): ok is false when ratings or
// as_of is NULL; NULL ratings are skipped and NULL timestamps are unknown dates.
func satisfactionArgs(r row) (surveys []udf.Survey, asOf time.Time, ok bool, err error) {
	ratings, ok := r.List(0)
	if !ok {
		return nil, asOf, false, nil
	}
	if asOf, ok = r.Timestamp(2); !ok {
		return nil, asOf, false, nil
	}
	times, hasTimes := r.List(1)
	if hasTimes && times.Len() != ratings.Len() {
		return nil, asOf, false, fmt.Errorf("%w: %d ratings, %d timestamps", udf.ErrLengthMismatch, ratings.Len(), times.Len())
	}
	surveys = r.surveys[:0]
	for j := range ratings.Len() {
		if ratings.Null(j) {
			continue
		}
		rating, err := udf.ParseRating(ratings.Str(j))
		if err != nil {
			return nil, asOf, false, err
		}
		s := udf.Survey{Rating: rating}
		if hasTimes && !times.Null(j) {
			s.At = times.Time(j)
		}
		surveys = append(surveys, s)
	}
	r.surveys = surveys
	return surveys, asOf, true, nil
}

// loyaltyArgs reads the loyalty inputs: NULL numbers are NaN or 0, NULL kinds are skipped.
func loyaltyArgs(r row) (in udf.LoyaltyInput, err error) {
	in = udf.LoyaltyInput{
		DiscretionaryShare: r.Double(0), DiscretionaryCategories: r.BigInt(1), Categories: r.BigInt(2),
		Orders: r.BigInt(3), RenewalOrders: r.BigInt(4), TenureDays: r.Double(5),
	}
	kinds, ok := r.List(6)
	if !ok {
		return in, nil
	}
	for j := range kinds.Len() {
		if kinds.Null(j) {
			continue
		}
		k, err := udf.ParseKind(kinds.Str(j))
		if err != nil {
			return in, err
		}
		in.Interactions[k]++
	}
	return in, nil
}

// contactCloseness: NULL as_of gives NULL; NULL flags are false; an
// interaction without a kind or a date is skipped.
func contactCloseness(r row) (string, bool, error) {
	p, err := udf.SettingsArg(&r.settings, r.Row, 6, &contact)
	if err != nil {
		return "", false, err
	}
	asOf, ok := r.Timestamp(5)
	if !ok {
		return "", false, nil
	}
	in := udf.ContactInput{PhoneValid: r.Boolean(0), EmailOptIn: r.Boolean(1), DoNotContact: r.Boolean(2)}
	kinds, hasKinds := r.List(3)
	times, hasTimes := r.List(4)
	if hasKinds && hasTimes && kinds.Len() != times.Len() {
		return "", false, fmt.Errorf("%w: %d interaction kinds, %d timestamps", udf.ErrLengthMismatch, kinds.Len(), times.Len())
	}
	in.Interactions = r.interactions[:0]
	if hasKinds && hasTimes {
		for j := range kinds.Len() {
			if kinds.Null(j) || times.Null(j) {
				continue
			}
			k, err := udf.ParseKind(kinds.Str(j))
			if err != nil {
				return "", false, err
			}
			in.Interactions = append(in.Interactions, udf.Interaction{Kind: k, At: times.Time(j)})
		}
	}
	r.interactions = in.Interactions
	return udf.ContactCloseness(in, asOf, *p), true, nil
}
