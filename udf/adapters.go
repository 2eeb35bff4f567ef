package udf

import (
	"database/sql/driver"
	"fmt"
	"math"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// The adapters below turn the values DuckDB passes (NULL as nil) into the pure
// functions' inputs. NULL handling per function is documented in docs/scores/.

var (
	defaultSatisfaction = DefaultSatisfactionParams()
	defaultLoyalty      = DefaultLoyaltyParams()
	defaultContact      = DefaultContactParams()
	defaultLifecycle    = DefaultLifecycleParams()
	defaultReplacement  = DefaultReplacementParams()
	defaultValue        = DefaultValueParams()
)

func p(name, typ string) Param { return Param{Name: name, Type: typ} }

var satisfactionParams = []Param{p("ratings", "VARCHAR[]"), p("ts", "TIMESTAMP[]"), p("as_of", "TIMESTAMP"), settingsParam}

var satisfactionIndexFunc = Func{
	Name:   "satisfaction_index",
	Params: satisfactionParams,
	Result: "DOUBLE",
	Doc:    "recency- and severity-weighted survey satisfaction, 0..100 (complaints weigh most); NULL without surveys",
	Score:  "satisfaction",
	Eval: func(args []driver.Value) (any, error) {
		surveys, asOf, params, ok, err := satisfactionArgs(args)
		if err != nil || !ok {
			return nil, err
		}
		index, ok := SatisfactionIndex(surveys, asOf, *params)
		if !ok {
			return nil, nil
		}
		return index, nil
	},
	vectorized: satisfactionIndexVector,
}

var levelValues = boxAll(LevelSatisfied, LevelNeutral, LevelUnsatisfied, LevelUnknown)

var satisfactionLevelFunc = Func{
	Name:   "satisfaction_level",
	Params: satisfactionParams,
	Result: "ENUM",
	Values: unboxAll(levelValues),
	Doc:    "satisfied | neutral | unsatisfied | unknown, from satisfaction_index and recent complaints",
	Score:  "satisfaction",
	Eval: func(args []driver.Value) (any, error) {
		surveys, asOf, params, ok, err := satisfactionArgs(args)
		if err != nil {
			return nil, err
		}
		if !ok {
			return box(levelValues, LevelUnknown), nil
		}
		return box(levelValues, SatisfactionLevel(surveys, asOf, *params)), nil
	},
	vectorized: satisfactionLevelVector,
}

// satisfactionArgs: ok is false when ratings or as_of is NULL.
func satisfactionArgs(args []driver.Value) (surveys []Survey, asOf time.Time, params *SatisfactionParams, ok bool, err error) {
	if params, err = settingsArg(satisfactionSettings, &defaultSatisfaction, arg(args, 3)); err != nil {
		return
	}
	ratings, err := listArg(args, 0)
	if err != nil || ratings == nil {
		return
	}
	asOf, ok, err = timeArg(args, 2)
	if err != nil || !ok {
		return
	}
	ts, err := listArg(args, 1)
	if err != nil {
		return
	}
	if ts != nil && len(ts) != len(ratings) {
		return nil, asOf, params, false, fmt.Errorf("%w: %d ratings, %d timestamps", ErrLengthMismatch, len(ratings), len(ts))
	}
	surveys = make([]Survey, 0, len(ratings))
	for i, r := range ratings {
		if r == nil {
			continue
		}
		s, isString := r.(string)
		if !isString {
			return nil, asOf, params, false, unexpected("ratings", r)
		}
		rating, err := ParseRating(s)
		if err != nil {
			return nil, asOf, params, false, err
		}
		var at time.Time
		if ts != nil && ts[i] != nil {
			if at, ok = ts[i].(time.Time); !ok {
				return nil, asOf, params, false, unexpected("ts", ts[i])
			}
		}
		surveys = append(surveys, Survey{Rating: rating, At: at})
	}
	return surveys, asOf, params, true, nil
}

var loyaltyParams = []Param{
	p("discretionary_share", "DOUBLE"), p("discretionary_categories", "BIGINT"), p("categories", "BIGINT"),
	p("orders", "BIGINT"), p("renewal_orders", "BIGINT"), p("tenure_days", "DOUBLE"),
	p("interaction_kinds", "VARCHAR[]"), settingsParam,
}

var loyaltyScoreFunc = Func{
	Name:   "loyalty_score",
	Params: loyaltyParams,
	Result: "DOUBLE",
	Doc:    "loyalty shown by choice: discretionary spend, breadth, renewals, events, referrals, posts, tenure, repeat rate, 0..100",
	Score:  "loyalty",
	Eval: func(args []driver.Value) (any, error) {
		in, params, err := loyaltyArgs(args)
		if err != nil {
			return nil, err
		}
		score, ok := LoyaltyScore(in, *params)
		if !ok {
			return nil, nil
		}
		return score, nil
	},
	vectorized: loyaltyScoreVector,
}

var tierValues = boxAll(TierLoyal, TierDeveloping, TierTransactional, TierUnknown)

var loyaltyTierFunc = Func{
	Name:   "loyalty_tier",
	Params: loyaltyParams,
	Result: "ENUM",
	Values: unboxAll(tierValues),
	Doc:    "loyal | developing | transactional | unknown; loyal needs discretionary spend, not just frequent repairs",
	Score:  "loyalty",
	Eval: func(args []driver.Value) (any, error) {
		in, params, err := loyaltyArgs(args)
		if err != nil {
			return nil, err
		}
		return box(tierValues, LoyaltyTier(in, *params)), nil
	},
	vectorized: loyaltyTierVector,
}

func loyaltyArgs(args []driver.Value) (in LoyaltyInput, params *LoyaltyParams, err error) {
	if params, err = settingsArg(loyaltySettings, &defaultLoyalty, arg(args, 7)); err != nil {
		return
	}
	if in.DiscretionaryShare, err = floatArg(args, 0); err != nil {
		return
	}
	for i, dst := range []*int64{&in.DiscretionaryCategories, &in.Categories, &in.Orders, &in.RenewalOrders} {
		if *dst, _, err = intArg(args, 1+i); err != nil {
			return
		}
	}
	if in.TenureDays, err = floatArg(args, 5); err != nil {
		return
	}
	kinds, err := listArg(args, 6)
	if err != nil {
		return
	}
	for _, v := range kinds {
		if v == nil {
			continue
		}
		k, err := kindOf(v)
		if err != nil {
			return in, params, err
		}
		in.Interactions[k]++
	}
	return in, params, nil
}

var closenessValues = boxAll(ClosenessUnreachable, ClosenessDoNotContact, ClosenessCold, ClosenessOfficial, ClosenessClose)

var contactClosenessFunc = Func{
	Name: "contact_closeness",
	Params: []Param{
		p("phone_valid", "BOOLEAN"), p("email_opt_in", "BOOLEAN"), p("do_not_contact", "BOOLEAN"),
		p("interaction_kinds", "VARCHAR[]"), p("interaction_ts", "TIMESTAMP[]"), p("as_of", "TIMESTAMP"), settingsParam,
	},
	Result: "ENUM",
	Values: unboxAll(closenessValues),
	Doc:    "unreachable | do_not_contact | cold | official | close, from contact details and two-way interactions in the window",
	Score:  "contact",
	Eval: func(args []driver.Value) (any, error) {
		params, err := settingsArg(contactSettings, &defaultContact, arg(args, 6))
		if err != nil {
			return nil, err
		}
		asOf, ok, err := timeArg(args, 5)
		if err != nil || !ok {
			return nil, err
		}
		var in ContactInput
		if in.PhoneValid, err = boolArg(args, 0); err != nil {
			return nil, err
		}
		if in.EmailOptIn, err = boolArg(args, 1); err != nil {
			return nil, err
		}
		if in.DoNotContact, err = boolArg(args, 2); err != nil {
			return nil, err
		}
		kinds, err := listArg(args, 3)
		if err != nil {
			return nil, err
		}
		ts, err := listArg(args, 4)
		if err != nil {
			return nil, err
		}
		if ts != nil && kinds != nil && len(ts) != len(kinds) {
			return nil, fmt.Errorf("%w: %d interaction kinds, %d timestamps", ErrLengthMismatch, len(kinds), len(ts))
		}
		in.Interactions = make([]Interaction, 0, len(kinds))
		for i, v := range kinds {
			if v == nil || ts == nil || ts[i] == nil {
				continue // an undated interaction cannot be placed in the window
			}
			k, err := kindOf(v)
			if err != nil {
				return nil, err
			}
			at, isTime := ts[i].(time.Time)
			if !isTime {
				return nil, unexpected("interaction_ts", ts[i])
			}
			in.Interactions = append(in.Interactions, Interaction{Kind: k, At: at})
		}
		return box(closenessValues, ContactCloseness(in, asOf, *params)), nil
	},
	vectorized: contactClosenessVector,
}

var stageValues = boxAll(StageNew, StageActive, StageAtRisk, StageLapsed, StageLost)

var lifecycleStageFunc = Func{
	Name: "lifecycle_stage",
	Params: []Param{
		p("days_since_last", "DOUBLE"), p("typical_interval_days", "DOUBLE"), p("orders", "BIGINT"), p("tenure_days", "DOUBLE"),
		{Name: "category_norm_days", Type: "DOUBLE", Optional: true}, settingsParam,
	},
	Result: "ENUM",
	Values: unboxAll(stageValues),
	Doc:    "new | active | at_risk | lapsed | lost, judged against the customer's own purchase rhythm",
	Score:  "lifecycle",
	Eval: func(args []driver.Value) (any, error) {
		params, err := settingsArg(lifecycleSettings, &defaultLifecycle, arg(args, 5))
		if err != nil {
			return nil, err
		}
		var in LifecycleInput
		if in.DaysSinceLast, err = floatArg(args, 0); err != nil {
			return nil, err
		}
		if in.TypicalIntervalDays, err = floatArg(args, 1); err != nil {
			return nil, err
		}
		if in.Orders, _, err = intArg(args, 2); err != nil {
			return nil, err
		}
		if in.TenureDays, err = floatArg(args, 3); err != nil {
			return nil, err
		}
		if in.CategoryNormDays, err = floatArg(args, 4); err != nil {
			return nil, err
		}
		stage, ok := LifecycleStage(in, *params)
		if !ok {
			return nil, nil
		}
		return box(stageValues, stage), nil
	},
	vectorized: lifecycleStageVector,
}

var readinessValues = boxAll(ReadinessNotYet, ReadinessWindowOpen, ReadinessOverdue, ReadinessRecentlyRenewed)

var replacementReadinessFunc = Func{
	Name: "replacement_readiness",
	Params: []Param{
		p("asset_age_years", "DOUBLE"), p("major_spend_last_12m", "DOUBLE"),
		{Name: "asset_price", Type: "DOUBLE", Optional: true}, settingsParam,
	},
	Result: "ENUM",
	Values: unboxAll(readinessValues),
	Doc:    "not_yet | window_open | overdue | recently_renewed: window opens at 5 years, overdue at 8, a major repair suppresses it",
	Score:  "replacement",
	Eval: func(args []driver.Value) (any, error) {
		params, err := settingsArg(replacementSettings, &defaultReplacement, arg(args, 3))
		if err != nil {
			return nil, err
		}
		var in ReplacementInput
		if in.AgeYears, err = floatArg(args, 0); err != nil {
			return nil, err
		}
		if in.MajorSpend12m, err = floatArg(args, 1); err != nil {
			return nil, err
		}
		if in.AssetPrice, err = floatArg(args, 2); err != nil {
			return nil, err
		}
		readiness, ok := ReplacementReadiness(in, *params)
		if !ok {
			return nil, nil
		}
		return box(readinessValues, readiness), nil
	},
	vectorized: replacementReadinessVector,
}

var valueValues = boxAll(ValueMostValuable, ValueMostGrowth, ValueMaintain, ValueNegative)

var valueClassFunc = Func{
	Name: "value_class",
	Params: []Param{
		p("margin", "DOUBLE"), p("serve_cost", "DOUBLE"), p("growth", "DOUBLE"), p("valuable_net", "DOUBLE"), settingsParam,
	},
	Result: "ENUM",
	Values: unboxAll(valueValues),
	Doc:    "most_valuable | most_growth | maintain | negative, by margin after the cost of serving, not revenue",
	Score:  "value",
	Eval: func(args []driver.Value) (any, error) {
		params, err := settingsArg(valueSettings, &defaultValue, arg(args, 4))
		if err != nil {
			return nil, err
		}
		var in ValueInput
		if in.Margin, err = floatArg(args, 0); err != nil {
			return nil, err
		}
		if in.ServeCost, err = floatArg(args, 1); err != nil {
			return nil, err
		}
		if in.Growth, err = floatArg(args, 2); err != nil {
			return nil, err
		}
		if in.ValuableNet, err = floatArg(args, 3); err != nil {
			return nil, err
		}
		class, ok := ValueClass(in, *params)
		if !ok {
			return nil, nil
		}
		return box(valueValues, class), nil
	},
	vectorized: valueClassVector,
}

// arg is args[i], or nil (NULL) when an optional argument was left out.
func arg(args []driver.Value, i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

func unexpected(param string, v any) error {
	return fmt.Errorf("%w for %s: %T", ErrUnexpectedValue, param, v)
}

// floatArg reads a DOUBLE argument; NULL becomes NaN, which every pure function reads as unknown.
func floatArg(args []driver.Value, i int) (float64, error) {
	switch v := arg(args, i).(type) {
	case nil:
		return math.NaN(), nil
	case float64:
		return v, nil
	default:
		return 0, unexpected(fmt.Sprintf("argument %d", i+1), v)
	}
}

// intArg reads a BIGINT argument; NULL becomes 0 with ok false.
func intArg(args []driver.Value, i int) (int64, bool, error) {
	switch v := arg(args, i).(type) {
	case nil:
		return 0, false, nil
	case int64:
		return v, true, nil
	default:
		return 0, false, unexpected(fmt.Sprintf("argument %d", i+1), v)
	}
}

// boolArg reads a BOOLEAN argument; NULL (not known to be true) becomes false.
func boolArg(args []driver.Value, i int) (bool, error) {
	switch v := arg(args, i).(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	default:
		return false, unexpected(fmt.Sprintf("argument %d", i+1), v)
	}
}

func timeArg(args []driver.Value, i int) (time.Time, bool, error) {
	switch v := arg(args, i).(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v, true, nil
	default:
		return time.Time{}, false, unexpected(fmt.Sprintf("argument %d", i+1), v)
	}
}

// listArg reads a LIST argument; NULL becomes a nil slice.
func listArg(args []driver.Value, i int) ([]any, error) {
	switch v := arg(args, i).(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	default:
		return nil, unexpected(fmt.Sprintf("argument %d", i+1), v)
	}
}

func kindOf(v any) (Kind, error) {
	s, ok := v.(string)
	if !ok {
		return 0, unexpected("interaction_kinds", v)
	}
	return ParseKind(s)
}

// settingsArg returns def when the settings argument is NULL, else a copy of
// def overridden by the MAP (a NULL value keeps the default). The common case
// allocates nothing.
func settingsArg[P any](set settingSet[P], def *P, v any) (*P, error) {
	if v == nil {
		return def, nil
	}
	m, ok := v.(duckdb.OrderedMap)
	if !ok {
		return nil, unexpected("settings", v)
	}
	params := new(P)
	*params = *def
	keys, vals := m.Keys(), m.Values()
	for i, k := range keys {
		if vals[i] == nil {
			continue
		}
		name, okName := k.(string)
		f, okVal := vals[i].(float64)
		if !okName || !okVal {
			return nil, unexpected("settings", vals[i])
		}
		if err := set.set(params, name, f); err != nil {
			return nil, err
		}
	}
	return params, nil
}

// boxAll converts a function's result classes to interface values once, so
// returning one per row does not allocate.
func boxAll(values ...string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

func unboxAll(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.(string)
	}
	return out
}

// box returns the pre-boxed copy of s from values.
func box(values []any, s string) any {
	for _, v := range values {
		if v.(string) == s {
			return v
		}
	}
	return s
}
