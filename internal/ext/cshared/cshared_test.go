package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/custval/custval/udf"
)

func TestRefusesUnsupportedCAPI(t *testing.T) {
	got := loadIntoUnsupportedDuckDB()
	for _, want := range []string{"custval extension", "v1.2.0", "DuckDB 1.2 or newer"} {
		if !strings.Contains(got, want) {
			t.Errorf("loading into a DuckDB without the C API v1.2.0 reported %q, want it to mention %q", got, want)
		}
	}
}

// udfOverloads lists the overloads package udf registers through duckdb-go,
// by signature, with the values of an ENUM result.
func udfOverloads(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range append(udf.Funcs(), udf.CLVFuncs()...) {
		for n := range len(f.Params) + 1 {
			if n < len(f.Params) && !f.Params[n].Optional {
				continue
			}
			types := make([]string, n)
			for i, p := range f.Params[:n] {
				types[i] = p.Type
			}
			out[fmt.Sprintf("%s(%s) -> %s", f.Name, strings.Join(types, ", "), f.Result)] = f.Values
		}
	}
	return out
}

func TestFunctionsMatchUDF(t *testing.T) {
	want := udfOverloads(t)
	got := map[string]bool{}
	for _, f := range functions {
		sig := f.signature()
		got[sig] = true
		values, ok := want[sig]
		if !ok {
			t.Errorf("extension offers %s, which package udf does not", sig)
			continue
		}
		if !slices.Equal(f.values, values) {
			t.Errorf("%s: extension's values are %q, package udf's %q (same order needed: it is the ENUM's)", sig, f.values, values)
		}
		if (f.result == kindDouble) != (f.number != nil) || (f.result == kindEnum) != (f.text != nil) {
			t.Errorf("%s: evaluator does not match the result type", sig)
		}
		// udf registers the CLV functions with DuckDB's default NULL handling, the scores with special handling.
		if f.defaultNulls != strings.HasPrefix(f.name, "clv_") {
			t.Errorf("%s: defaultNulls = %v, want %v as in package udf", sig, f.defaultNulls, !f.defaultNulls)
		}
	}
	for sig := range want {
		if !got[sig] {
			t.Errorf("package udf offers %s, the extension does not", sig)
		}
	}
}

// TestOverrideCoversEverySetting: every setting package udf documents can be
// set through the Override helpers the extension reads a settings MAP with,
// and they refuse what a settings MAP inside custval refuses.
func TestOverrideCoversEverySetting(t *testing.T) {
	overriders := map[string]func(name string, v float64) error{
		"satisfaction": func(n string, v float64) error { p := satisfy; return p.Override(n, v) },
		"loyalty":      func(n string, v float64) error { p := loyalty; return p.Override(n, v) },
		"contact":      func(n string, v float64) error { p := contact; return p.Override(n, v) },
		"lifecycle":    func(n string, v float64) error { p := lifecycle; return p.Override(n, v) },
		"replacement":  func(n string, v float64) error { p := replace; return p.Override(n, v) },
		"value":        func(n string, v float64) error { p := value; return p.Override(n, v) },
	}
	for _, s := range udf.Settings() {
		override, ok := overriders[s.Score]
		if !ok {
			t.Errorf("setting %s.%s: score %q has no Override helper", s.Score, s.Name, s.Score)
			continue
		}
		if err := override(s.Name, s.Max); err != nil {
			t.Errorf("%s.%s = max %v: %v", s.Score, s.Name, s.Max, err)
		}
		if err := override(s.Name, math.NaN()); !errors.Is(err, udf.ErrSettingRange) {
			t.Errorf("%s.%s = NaN: error %v, want %v", s.Score, s.Name, err, udf.ErrSettingRange)
		}
	}
	for score, override := range overriders {
		if err := override("no_such_setting", 1); !errors.Is(err, udf.ErrUnknownSetting) {
			t.Errorf("%s: no_such_setting: error %v, want %v", score, err, udf.ErrUnknownSetting)
		}
	}
}

// TestOverrideChangesTheAnswer: an override reaches the pure function.
func TestOverrideChangesTheAnswer(t *testing.T) {
	in := udf.LifecycleInput{DaysSinceLast: 274, TypicalIntervalDays: 182.5, Orders: 10, TenureDays: 2000, CategoryNormDays: math.NaN()}
	p := lifecycle
	before, _ := udf.LifecycleStage(in, p)
	if err := p.Override("at_risk_ratio", 2); err != nil {
		t.Fatal(err)
	}
	after, _ := udf.LifecycleStage(in, p)
	if before != udf.StageAtRisk || after != udf.StageActive {
		t.Errorf("lifecycle_stage with the defaults %q, with at_risk_ratio 2 %q; want %q then %q", before, after, udf.StageAtRisk, udf.StageActive)
	}
	if lifecycle.AtRiskRatio != udf.DefaultLifecycleParams().AtRiskRatio {
		t.Errorf("overriding a copy changed the shared defaults")
	}
}
