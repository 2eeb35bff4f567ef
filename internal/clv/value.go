package clv

import (
	"fmt"
	"math"
)

// DaysPerMonth is the calendar month used to turn month horizons into model
// time: 365.25/12 days, so 12 months are exactly one average year.
const DaysPerMonth = 365.25 / 12

// HorizonUnits converts a calendar horizon (the parts of a DuckDB INTERVAL:
// months, days, microseconds) into the model's time unit. A month counts as
// DaysPerMonth days.
func HorizonUnits(u TimeUnit, months, days int32, micros int64) (float64, error) {
	unit, err := u.Days()
	if err != nil {
		return 0, fmt.Errorf("convert horizon: %w", err)
	}
	d := float64(months)*DaysPerMonth + float64(days) + float64(micros)/86400e6
	if d < 0 {
		return 0, fmt.Errorf("convert horizon of %d months %d days: must not be negative", months, days)
	}
	return d / unit, nil
}

// Value is the discounted expected value of a customer's purchases over the
// next `months` calendar months, with value per purchase `spend` (the
// Gamma-Gamma ExpectedSpend, or a margin per purchase when cost is known):
//
//	CLV = Σ_{k=1..months} spend · (E[Y(τ_k)] − E[Y(τ_{k−1})]) / (1 + annualRate)^(k/12)
//
// where E[Y(τ)] is m.ExpectedPurchases(τ, x, t_x, T) and τ_k is k months in the
// model's unit. Each month's expected purchases are discounted from the end of
// that month at the monthly rate equivalent to annualRate, so 12 months at
// 10% a year discount the last month by exactly 1/1.1.
func Value(m Model, u TimeUnit, months int, annualRate, x, tx, T, spend float64) (float64, error) {
	if months < 0 {
		return 0, fmt.Errorf("clv value over %d months: horizon must not be negative", months)
	}
	if !(annualRate > -1) {
		return 0, fmt.Errorf("clv value at annual discount rate %v: must be > -1", annualRate)
	}
	unit, err := u.Days()
	if err != nil {
		return 0, fmt.Errorf("clv value: %w", err)
	}
	step := DaysPerMonth / unit
	logDisc := math.Log1p(annualRate) / 12
	// E[Y(τ)] = P(alive) · E[Y(τ) | alive]: compute P(alive) once, not per month.
	expected := func(tau float64) float64 { return m.ExpectedPurchases(tau, x, tx, T) }
	switch m := m.(type) {
	case BGNBD:
		c, pa := m.core(), m.PAlive(x, tx, T)
		expected = func(tau float64) float64 { return pa * c.expectedIfAlive(tau, x, T) }
	case MBGNBD:
		c, pa := m.core(), m.PAlive(x, tx, T)
		expected = func(tau float64) float64 { return pa * c.expectedIfAlive(tau, x, T) }
	case ParetoNBD:
		pa := m.PAlive(x, tx, T)
		expected = func(tau float64) float64 { return pa * m.expectedIfAlive(tau, x, T) }
	}
	v, prev := 0.0, 0.0
	for k := 1; k <= months; k++ {
		e := expected(float64(k) * step)
		v += (e - prev) * math.Exp(-float64(k)*logDisc)
		prev = e
	}
	return spend * v, nil
}
