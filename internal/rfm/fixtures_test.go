package rfm

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/custval/custval/sql/sqltest"
)

func buy(customer, when string, cents int64) refOrder {
	return refOrder{Customer: customer, TS: ts(when), Amount: cents}
}

func buyCost(customer, when string, cents, cost int64) refOrder {
	return refOrder{Customer: customer, TS: ts(when), Amount: cents, Cost: cost, CostKnown: true}
}

// The small example of docs/rfm.md, computed by hand: every expected value below was worked out on paper.
func TestRFMHandComputed(t *testing.T) {
	db := sqltest.Open(t)
	loadOrders(t, db, []refOrder{
		buyCost("a", "2026-01-01", 1000, 500),
		buy("a", "2026-03-01", 2000),
		buyCost("b", "2026-02-01", 10000, 5000),
		buy("c", "2026-06-01", -1000),
		buyCost("d", "2026-06-30 23:00", 500, 100),
		buyCost("e", "2026-07-02", 500, 100),     // after as_of: ignored
		buyCost("b", "2026-06-15", -3000, -1000), // a refund with its cost returned
	})
	got := rfmRows(t, db, Options{AsOf: date("2026-06-30")})
	i := func(n int64) *int64 { return &n }
	s := func(v string) *string { return &v }
	want := map[string]refRow{
		"a": {Customer: "a", AsOf: "2026-06-30", Recency: i(121), Frequency: 2, Monetary: 3000, Margin: i(500),
			FirstOrderOn: s("2026-01-01"), LastOrderOn: s("2026-03-01"), Tenure: i(180), R: 4, F: 4, M: 2, Cell: "442",
			Segment8: "important to win back", Segment8ZH: "重要唤回客户", SegmentNamed: "Potential Loyalist"},
		"b": {Customer: "b", AsOf: "2026-06-30", Recency: i(149), Frequency: 1, Monetary: 7000, Margin: i(3000),
			FirstOrderOn: s("2026-02-01"), LastOrderOn: s("2026-02-01"), Tenure: i(149), R: 2, F: 2, M: 4, Cell: "224",
			Segment8: "important to retain", Segment8ZH: "重要挽留客户", SegmentNamed: "About To Sleep"},
		"c": {Customer: "c", AsOf: "2026-06-30", Frequency: 0, Monetary: -1000, R: 1, F: 1, M: 1, Cell: "111",
			Segment8: "lost", Segment8ZH: "流失客户", SegmentNamed: "Lost"},
		"d": {Customer: "d", AsOf: "2026-06-30", Recency: i(0), Frequency: 1, Monetary: 500, Margin: i(400),
			FirstOrderOn: s("2026-06-30"), LastOrderOn: s("2026-06-30"), Tenure: i(0), R: 5, F: 2, M: 1, Cell: "521",
			Segment8: "new", Segment8ZH: "新客户", SegmentNamed: "Potential Loyalist"},
	}
	requireSame(t, got, want)

	// The first query: segment is the headline scheme, segment_named.
	var bySegment []struct {
		Segment string `db:"segment"`
		N       int    `db:"n"`
	}
	if err := db.SelectContext(context.Background(), &bySegment,
		"select segment, count(*) as n from rfm_v1(date '2026-06-30') group by all order by segment"); err != nil {
		t.Fatal(err)
	}
	wantSeg := []string{"About To Sleep 1", "Lost 1", "Potential Loyalist 2"}
	for i, r := range bySegment {
		if i >= len(wantSeg) || fmt.Sprintf("%s %d", r.Segment, r.N) != wantSeg[i] {
			t.Errorf("segment counts = %+v, want %q", bySegment, wantSeg)
			break
		}
	}
}

// varied is a deterministic, messy order history: skewed frequencies and amounts, refunds, zero-amount orders,
// unknown costs, times of day, and orders after the usual as_of.
func varied(customers int, seed uint64) []refOrder {
	rng := rand.New(rand.NewPCG(seed, 7))
	start := date("2023-07-01")
	var out []refOrder
	for c := 0; c < customers; c++ {
		id := fmt.Sprintf("c%04d", c)
		n := 1
		switch r := rng.IntN(100); {
		case r < 45:
			n = 1
		case r < 70:
			n = 2 + rng.IntN(2)
		case r < 95:
			n = 4 + rng.IntN(6)
		default:
			n = 10 + rng.IntN(30)
		}
		for k := 0; k < n; k++ {
			when := start.Add(time.Duration(rng.IntN(3*365*24*60+90*24*60)) * time.Minute)
			amount := int64(500 + rng.IntN(20000))
			if rng.IntN(10) == 0 {
				amount *= 10 // big tickets
			}
			if rng.IntN(8) == 0 {
				amount = []int64{1999, 4999, 9999}[rng.IntN(3)] // price points: ties in monetary
			}
			o := refOrder{Customer: id, TS: when, Amount: amount}
			switch r := rng.IntN(20); {
			case r == 0:
				o.Amount = -o.Amount / 2 // refund
			case r == 1:
				o.Amount = 0 // free service: not a purchase
			}
			if rng.IntN(3) > 0 {
				o.Cost, o.CostKnown = o.Amount*int64(40+rng.IntN(40))/100, true
			}
			out = append(out, o)
		}
	}
	return out
}

func TestRFMMatchesReferenceOnFixtures(t *testing.T) {
	asOf := date("2026-06-30")
	var identical, ties, refunds []refOrder
	for c := 0; c < 12; c++ {
		id := fmt.Sprintf("same%02d", c)
		identical = append(identical, buyCost(id, "2026-01-10 10:00", 4500, 2000), buy(id, "2026-05-02", 1200))
	}
	for c := 0; c < 60; c++ {
		id := fmt.Sprintf("t%02d", c)
		switch {
		case c < 40: // 2/3 of customers: one order of 50.00 on the same day
			ties = append(ties, buy(id, "2026-03-01", 5000))
		case c < 50:
			ties = append(ties, buy(id, "2026-03-01", 5000), buy(id, "2026-04-01", 5000))
		default:
			ties = append(ties, buy(id, fmt.Sprintf("2025-%02d-15", c-49), int64(1000*(c-49))))
		}
	}
	refunds = append(varied(40, 3),
		buy("refund-only", "2026-02-01", -2500), buy("refund-only", "2026-03-01", -500),
		buy("net-zero", "2026-01-01", 3000), buy("net-zero", "2026-02-01", -3000),
		buy("zero-amount", "2026-04-01", 0),
		buy("future-only", "2026-07-15", 9900), // after as_of: not a customer yet
		buy("c0001", "2026-08-01", 50000),      // after as_of: ignored
	)

	cases := []struct {
		name   string
		orders []refOrder
		opts   map[string]Options
	}{
		{"one customer", []refOrder{buyCost("solo", "2025-10-01", 1000, 300), buy("solo", "2026-06-01", 2500)},
			map[string]Options{"k5": {AsOf: asOf}, "k3 median": {AsOf: asOf, K: 3, Statistic: "median"}, "k10": {AsOf: asOf, K: 10}}},
		{"all identical", identical,
			map[string]Options{"k5": {AsOf: asOf}, "k3": {AsOf: asOf, K: 3}, "k10 median": {AsOf: asOf, K: 10, Statistic: "median"}}},
		{"heavy ties", ties,
			map[string]Options{"k5": {AsOf: asOf}, "k3": {AsOf: asOf, K: 3}, "k10": {AsOf: asOf, K: 10},
				"median": {AsOf: asOf, Statistic: "median"}}},
		{"refunds, zero amounts and orders after as_of", refunds,
			map[string]Options{"k5": {AsOf: asOf}, "median": {AsOf: asOf, Statistic: "median"},
				"window 3 months": {AsOf: asOf, Months: 3}, "default as_of": {}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { crossCheck(t, tc.orders, tc.opts) })
	}
}

func TestRFMMatchesReferenceOnVariedHistory(t *testing.T) {
	asOf := date("2026-06-30")
	crossCheck(t, varied(600, 1), map[string]Options{
		"default":                {AsOf: asOf},
		"default as_of":          {},
		"k3":                     {AsOf: asOf, K: 3},
		"k10":                    {AsOf: asOf, K: 10},
		"k7 median":              {AsOf: asOf, K: 7, Statistic: "median"},
		"bins per dimension":     {AsOf: asOf, RBins: 4, FBins: 3, MBins: 10},
		"explicit thresholds":    {AsOf: asOf, RCuts: []float64{30, 90, 180, 365}, FCuts: []float64{1, 2, 4, 8}, MCuts: []float64{50, 100.5, 500, 1999.99}},
		"fractional day cuts":    {AsOf: asOf, RCuts: []float64{30.5, 90.9, 365}, FCuts: []float64{1.5, 3}},
		"window 12 months":       {AsOf: asOf, Months: 12},
		"window at a month end":  {AsOf: date("2026-03-30"), Months: 1},
		"window of 25 months k4": {AsOf: date("2025-12-31"), Months: 25, K: 4},
		"earlier as_of":          {AsOf: date("2024-02-29")},
	})
}

// A rule set with gaps and a shadowed rule: segment_named must follow it exactly, Others included.
func TestRFMCustomRuleSet(t *testing.T) {
	db := sqltest.Open(t)
	orders := varied(300, 5)
	loadOrders(t, db, orders)
	if _, err := db.ExecContext(context.Background(), `insert into segment_rules (rule_set, position, segment, r_min, r_max, f_min, f_max, m_min, m_max) values
		('mine', 1, 'Best', 3, 3, 3, 3, 3, 3),
		('mine', 2, 'Recent', 3, 3, 1, 3, 1, 3),
		('mine', 2, 'Also recent', 3, 3, 1, 3, 1, 3),
		('mine', 3, 'Never', 3, 3, 3, 3, 3, 3),
		('mine', 4, 'Old', 1, 1, 1, 2, 1, 3)`); err != nil {
		t.Fatal(err)
	}
	crossCheckDB(t, db, orders, map[string]Options{
		"mine k3":          {AsOf: date("2026-06-30"), K: 3, Rules: "mine"},
		"mine k5":          {AsOf: date("2026-06-30"), Rules: "mine"},
		"missing rule set": {AsOf: date("2026-06-30"), Rules: "nope"},
	})
	got := rfmRows(t, db, Options{AsOf: date("2026-06-30"), K: 3, Rules: "mine"})
	seen := map[string]bool{}
	for _, r := range got {
		seen[r.SegmentNamed] = true
	}
	for _, want := range []string{"Best", "Also recent", "Old", "Others"} {
		if !seen[want] {
			t.Errorf("no customer in segment %q; segments seen: %v", want, seen)
		}
	}
	for _, never := range []string{"Recent", "Never"} {
		if seen[never] {
			t.Errorf("customers in segment %q, which an earlier rule shadows", never)
		}
	}
}

func TestRFMRejectsBadArguments(t *testing.T) {
	db := sqltest.Open(t)
	loadOrders(t, db, varied(20, 2))
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{"k too small", "from rfm_v1(k := 2)", "bin counts must be between 3 and 10"},
		{"k too large", "from rfm_v1(k := 11)", "bin counts must be between 3 and 10"},
		{"one dimension's bins", "from rfm_v1(m_bins := 1)", "m_bins=1"},
		{"cuts not increasing", "from rfm_v1(r_cuts := [90, 30])", "strictly increasing"},
		{"cuts repeated", "from rfm_v1(f_cuts := [1, 1, 2])", "strictly increasing"},
		{"one cut", "from rfm_v1(m_cuts := [100])", "2 to 9"},
		{"statistic", "from rfm_v1(statistic := 'mode')", "statistic must be 'mean' or 'median'"},
		{"months", "from rfm_v1(months := 0)", "months must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := db.QueryContext(context.Background(), tt.sql)
			if err == nil {
				for rows.Next() {
				}
				err = rows.Err()
				rows.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: err = %v, want it to mention %q", tt.sql, err, tt.want)
			}
		})
	}
}
