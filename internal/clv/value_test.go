package clv

import (
	"errors"
	"math"
	"testing"
)

func TestValue(t *testing.T) {
	bg := BGNBD{0.243, 4.414, 0.793, 2.426}
	x, tx, T, spend := 2.0, 30.43, 38.86, 24.65
	weeksPerMonth := 365.25 / 12 / 7

	// Undiscounted, the value is spend times the expected purchases over the horizon.
	got, err := Value(bg, Week, 12, 0, x, tx, T, spend)
	if err != nil {
		t.Fatal(err)
	}
	if want := spend * bg.ExpectedPurchases(12*weeksPerMonth, x, tx, T); math.Abs(got-want) > 1e-9 {
		t.Errorf("Value(12 months, 0%%) = %v, want %v", got, want)
	}

	// Discounted: each month's increment at (1+d)^(-k/12), summed by hand.
	got, err = Value(bg, Week, 24, 0.1, x, tx, T, spend)
	if err != nil {
		t.Fatal(err)
	}
	want := 0.0
	for k := 1; k <= 24; k++ {
		inc := bg.ExpectedPurchases(float64(k)*weeksPerMonth, x, tx, T) - bg.ExpectedPurchases(float64(k-1)*weeksPerMonth, x, tx, T)
		want += spend * inc / math.Pow(1.1, float64(k)/12)
	}
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("Value(24 months, 10%%) = %v, want %v", got, want)
	}

	// The same horizon in a daily model of the same process gives the same value:
	// rates per day are rates per week / 7, so alpha scales by 7.
	daily := BGNBD{bg.R, bg.Alpha * 7, bg.A, bg.B}
	gotDaily, err := Value(daily, Day, 24, 0.1, x, tx*7, T*7, spend)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(gotDaily-got) > 1e-9 {
		t.Errorf("daily model value %v, weekly model value %v: the time unit changed the answer", gotDaily, got)
	}

	for _, bad := range []struct {
		months int
		rate   float64
		unit   TimeUnit
	}{{-1, 0.1, Week}, {12, -1, Week}, {12, math.NaN(), Week}, {12, 0.1, "month"}} {
		if _, err := Value(bg, bad.unit, bad.months, bad.rate, x, tx, T, spend); err == nil {
			t.Errorf("Value(%d months, rate %v, unit %q): err = nil, want an error", bad.months, bad.rate, bad.unit)
		}
	}
}

func TestHorizonUnits(t *testing.T) {
	tests := []struct {
		unit         TimeUnit
		months, days int32
		micros       int64
		want         float64
	}{
		{Week, 12, 0, 0, 365.25 / 7},
		{Day, 0, 14, 0, 14},
		{Week, 0, 7, 12 * 3600e6, 1 + 0.5/7},
		{Day, 1, 0, 0, 30.4375},
	}
	for _, tt := range tests {
		got, err := HorizonUnits(tt.unit, tt.months, tt.days, tt.micros)
		if err != nil || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("HorizonUnits(%s, %d months, %d days, %d µs) = %v, %v; want %v", tt.unit, tt.months, tt.days, tt.micros, got, err, tt.want)
		}
	}
	if _, err := HorizonUnits(Week, -1, 0, 0); err == nil {
		t.Error("HorizonUnits(-1 month): err = nil, want an error")
	}
}

func TestGammaGammaUndefinedMean(t *testing.T) {
	m := GammaGamma{P: 2, Q: 0.8, Gamma: 10}
	if _, err := m.ExpectedSpend(3, 20); !errors.Is(err, ErrUndefined) {
		t.Errorf("ExpectedSpend with q=0.8: err = %v, want %v", err, ErrUndefined)
	}
}
