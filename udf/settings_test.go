package udf

import (
	"errors"
	"math"
	"testing"
)

func TestSettingsOverride(t *testing.T) {
	p, err := satisfactionSettings.with(map[string]float64{"half_life_days": 180, "memory_floor": 0})
	if err != nil {
		t.Fatalf("with: %v", err)
	}
	if p.HalfLifeDays != 180 || p.MemoryFloor != 0 || p.PointsNeutral != 50 {
		t.Errorf("with(half_life_days=180, memory_floor=0) = %+v; want those two changed, the rest default", p)
	}
	tests := []struct {
		name string
		m    map[string]float64
		want error
	}{
		{"unknown", map[string]float64{"half_life": 1}, ErrUnknownSetting},
		{"below min", map[string]float64{"half_life_days": 0}, ErrSettingRange},
		{"above max", map[string]float64{"memory_floor": 1.5}, ErrSettingRange},
		{"NaN", map[string]float64{"memory_floor": math.NaN()}, ErrSettingRange},
		{"Inf", map[string]float64{"half_life_days": math.Inf(1)}, ErrSettingRange},
	}
	for _, tt := range tests {
		if _, err := satisfactionSettings.with(tt.m); !errors.Is(err, tt.want) {
			t.Errorf("%s: with(%v) error = %v, want %v", tt.name, tt.m, err, tt.want)
		}
	}
}

func TestSettingsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Settings() {
		key := s.Score + "." + s.Name
		if seen[key] {
			t.Errorf("setting %s listed twice", key)
		}
		seen[key] = true
		if s.Default < s.Min || s.Default > s.Max {
			t.Errorf("setting %s: default %v outside %v..%v", key, s.Default, s.Min, s.Max)
		}
		if s.Doc == "" {
			t.Errorf("setting %s has no doc", key)
		}
	}
}

func TestSignature(t *testing.T) {
	tests := []struct {
		f    Func
		want string
	}{
		{satisfactionIndexFunc, "satisfaction_index(ratings VARCHAR[], ts TIMESTAMP[], as_of TIMESTAMP [, settings MAP(VARCHAR, DOUBLE)]) -> DOUBLE"},
		{lifecycleStageFunc, "lifecycle_stage(days_since_last DOUBLE, typical_interval_days DOUBLE, orders BIGINT, tenure_days DOUBLE [, category_norm_days DOUBLE [, settings MAP(VARCHAR, DOUBLE)]]) -> ENUM('new', 'active', 'at_risk', 'lapsed', 'lost')"},
	}
	for _, tt := range tests {
		if got := tt.f.Signature(); got != tt.want {
			t.Errorf("Signature() =\n%s\nwant\n%s", got, tt.want)
		}
	}
}
