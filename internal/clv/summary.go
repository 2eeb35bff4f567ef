package clv

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Purchase is one order line of a customer: its calendar day and net value
// (negative for a refund or return).
type Purchase struct {
	Day    time.Time // only the date is used
	Amount float64
}

// Summarize builds one customer's calibration summary as of asOf (inclusive)
// in unit u, and counts the purchase days in the holdout (asOf, asOf+holdoutDays].
// It is the reference for the SQL summary view and applies the documented
// refund and zero-value policy (docs/clv.md):
//
//   - A purchase occasion is a calendar day with at least one order line of
//     amount >= 0. Same-day orders are one purchase. Zero-value orders (free
//     items, promotions) count: the customer transacted. Days with only
//     negative lines (refunds, returns) are not purchases.
//   - The first purchase day starts the customer's clock and is not a repeat;
//     x counts later purchase days, and t_x and T are measured from the first day.
//   - m_x is the net value of every line dated after the first purchase day
//     through asOf (refunds included, so returns lower it), divided by x, and
//     floored at 0. Refunds on the first purchase day only reduce that day,
//     which is excluded anyway.
//
// ok is false when the customer has no purchase day on or before asOf.
func Summarize(lines []Purchase, asOf time.Time, u TimeUnit, holdoutDays int) (c Customer, holdout float64, ok bool, err error) {
	unit, err := u.Days()
	if err != nil {
		return Customer{}, 0, false, fmt.Errorf("summarize: %w", err)
	}
	date := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	buys := make(map[time.Time]bool)
	for _, l := range lines {
		if l.Amount >= 0 {
			buys[date(l.Day)] = true
		}
	}
	end := date(asOf)
	days := slices.Collect(maps.Keys(buys))
	slices.SortFunc(days, func(a, b time.Time) int { return cmp.Compare(a.Unix(), b.Unix()) })
	if len(days) == 0 || days[0].After(end) {
		return Customer{}, 0, false, nil
	}
	first := days[0]
	since := func(t time.Time) float64 { return float64(t.Sub(first)/(24*time.Hour)) / unit }
	c.T = since(end)
	stop := end.AddDate(0, 0, holdoutDays)
	for _, day := range days[1:] {
		switch {
		case !day.After(end):
			c.X++
			c.TX = since(day)
		case !day.After(stop):
			holdout++
		}
	}
	if c.X > 0 {
		sum := 0.0
		for _, l := range lines {
			if d := date(l.Day); d.After(first) && !d.After(end) {
				sum += l.Amount
			}
		}
		c.MX = max(sum, 0) / c.X
	}
	return c, holdout, true, nil
}
