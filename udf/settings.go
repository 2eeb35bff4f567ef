package udf

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Setting is one tunable weight or threshold of a score. Defaults are what
// the functions use when a call passes no settings; the score_settings table
// (migration 0020) ships the same values so views can pass edited ones.
type Setting struct {
	Score   string  // settings group, e.g. "satisfaction"; shared by index and level
	Name    string  // key in the settings MAP, e.g. "half_life_days"
	Default float64 // used when the key is absent or its value is NULL
	Min     float64 // smallest accepted value, inclusive
	Max     float64 // largest accepted value, inclusive
	Doc     string  // one line
}

// field binds a Setting to the params struct field it fills.
type field[P any] struct {
	Setting
	ptr func(*P) *float64
}

// settingSet is every setting of one score, over its params struct P.
type settingSet[P any] []field[P]

func (s settingSet[P]) defaults() P {
	var p P
	for _, f := range s {
		*f.ptr(&p) = f.Default
	}
	return p
}

func (s settingSet[P]) settings() []Setting {
	out := make([]Setting, len(s))
	for i, f := range s {
		out[i] = f.Setting
	}
	return out
}

// set overrides one setting of p; unknown names and values out of range are errors,
// so a typo in a settings MAP fails loudly instead of silently using the default.
func (s settingSet[P]) set(p *P, name string, v float64) error {
	for _, f := range s {
		if f.Name != name {
			continue
		}
		if math.IsNaN(v) || v < f.Min || v > f.Max {
			return fmt.Errorf("%w: %s = %v, want %v..%v", ErrSettingRange, name, v, f.Min, f.Max)
		}
		*f.ptr(p) = v
		return nil
	}
	names := make([]string, len(s))
	for i, f := range s {
		names[i] = f.Name
	}
	sort.Strings(names)
	return fmt.Errorf("%w %q; known: %s", ErrUnknownSetting, name, strings.Join(names, ", "))
}

// with returns the defaults overridden by m; nil values keep the default.
func (s settingSet[P]) with(m map[string]float64) (P, error) {
	p := s.defaults()
	for name, v := range m {
		if err := s.set(&p, name, v); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Settings lists every setting of every score, in documentation order.
func Settings() []Setting {
	var out []Setting
	out = append(out, satisfactionSettings.settings()...)
	out = append(out, loyaltySettings.settings()...)
	out = append(out, contactSettings.settings()...)
	out = append(out, lifecycleSettings.settings()...)
	out = append(out, replacementSettings.settings()...)
	out = append(out, valueSettings.settings()...)
	return out
}

// clamp01 maps x into 0..1; NaN becomes 0.
func clamp01(x float64) float64 {
	switch {
	case !(x > 0): // also NaN
		return 0
	case x > 1:
		return 1
	}
	return x
}

// ratio is min(1, n/target) with target 0 meaning "any amount saturates".
func ratio(n, target float64) float64 {
	if target <= 0 {
		if n > 0 {
			return 1
		}
		return 0
	}
	return clamp01(n / target)
}
