package clv

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestSummarizePolicy pins the refund and zero-value policy of docs/clv.md.
func TestSummarizePolicy(t *testing.T) {
	asOf := day("2026-01-29") // 28 days after 2026-01-01
	tests := []struct {
		name        string
		lines       []Purchase
		want        Customer
		wantHoldout float64
		wantOK      bool
	}{
		{"same-day orders are one purchase",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-08"), 5}, {day("2026-01-08"), 15}},
			Customer{X: 1, TX: 1, T: 4, MX: 20}, 0, true},
		{"zero-value order counts as a purchase",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-15"), 0}},
			Customer{X: 1, TX: 2, T: 4, MX: 0}, 0, true},
		{"refund-only day is not a purchase but lowers repeat spend",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-08"), 30}, {day("2026-01-22"), -10}},
			Customer{X: 1, TX: 1, T: 4, MX: 20}, 0, true},
		{"repeat spend is floored at zero",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-08"), 5}, {day("2026-01-22"), -50}},
			Customer{X: 1, TX: 1, T: 4, MX: 0}, 0, true},
		{"refund on the first day does not touch repeat spend",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-01"), -10}, {day("2026-01-08"), 8}},
			Customer{X: 1, TX: 1, T: 4, MX: 8}, 0, true},
		{"a refund before any purchase does not start the clock",
			[]Purchase{{day("2025-12-20"), -5}, {day("2026-01-01"), 10}},
			Customer{X: 0, TX: 0, T: 4}, 0, true},
		{"holdout purchases are counted, not summarised",
			[]Purchase{{day("2026-01-01"), 10}, {day("2026-01-29"), 10}, {day("2026-02-05"), 1}, {day("2026-02-05"), 2}, {day("2026-02-26"), 3}, {day("2026-03-30"), 3}},
			Customer{X: 1, TX: 4, T: 4, MX: 10}, 2, true},
		{"only refunds: not a customer", []Purchase{{day("2026-01-03"), -5}}, Customer{}, 0, false},
		{"first purchase after as_of: not yet a customer", []Purchase{{day("2026-02-03"), 5}}, Customer{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hold, ok, err := Summarize(tt.lines, asOf, Week, 28)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || hold != tt.wantHoldout || ok != tt.wantOK {
				t.Errorf("Summarize = %+v, holdout %v, ok %v; want %+v, %v, %v", got, hold, ok, tt.want, tt.wantHoldout, tt.wantOK)
			}
		})
	}
	if _, _, _, err := Summarize(nil, asOf, TimeUnit("month"), 0); err == nil {
		t.Error("Summarize with unit month: err = nil, want an error")
	}
}
