package rfm

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"time"
)

// This file is an independent, straightforward Go implementation of rfm_v1 (docs/rfm.md), written from the
// documented rules and sharing no code or SQL with the macro. The cross-check tests require both to agree on
// every column of every customer.

// refOrder is one row of the orders table, with money in cents.
type refOrder struct {
	ID        string
	Customer  string
	TS        time.Time
	Amount    int64 // cents; negative for refunds
	Cost      int64 // cents
	CostKnown bool
}

// refRow is what rfm_v1 returns for one customer, in comparable Go types.
type refRow struct {
	Customer     string
	AsOf         string
	Recency      *int64
	Frequency    int64
	Monetary     int64 // cents
	Margin       *int64
	FirstOrderOn *string
	LastOrderOn  *string
	Tenure       *int64
	R, F, M      int64
	Cell         string
	Segment8     string
	Segment8ZH   string
	SegmentNamed string
}

type refCustomer struct {
	id                  string
	purchases           int64
	net                 int64
	margin              int64
	marginKnown         bool
	first, last         time.Time
	hasPurchase         bool
	recency, tenure     int64
	r, f, m             int64
	rHigh, fHigh, mHigh bool
}

var seg8 = map[[3]bool][2]string{
	{true, true, true}:    {"important value", "重要价值客户"},
	{false, true, true}:   {"important to win back", "重要唤回客户"},
	{true, false, true}:   {"important to develop", "重要深耕客户"},
	{false, false, true}:  {"important to retain", "重要挽留客户"},
	{true, true, false}:   {"potential", "潜力客户"},
	{true, false, false}:  {"new", "新客户"},
	{false, true, false}:  {"general maintain", "一般维持客户"},
	{false, false, false}: {"lost", "流失客户"},
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func daysBetween(from, to time.Time) int64 {
	return int64(math.Round(day(to).Sub(day(from)).Hours() / 24))
}

// minusMonths goes back n calendar months, clamping to the last day of a shorter month (Jan 31 - 1 month = Feb 28).
func minusMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	total := y*12 + int(m) - 1 - n
	ty, tm := total/12, time.Month(total%12+1)
	last := time.Date(ty, tm+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(ty, tm, min(d, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// refThresholds returns the quantile thresholds: for i = 1..bins-1 the ceil(i*n/bins)-th smallest value.
func refThresholds(values []int64, bins int) []int64 {
	if len(values) == 0 {
		return nil
	}
	s := append([]int64(nil), values...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := int64(len(s))
	var t []int64
	for i := int64(1); i < int64(bins); i++ {
		pos := (i*n + int64(bins) - 1) / int64(bins) // ceil(i*n/bins), 1-based
		t = append(t, s[pos-1])
	}
	return t
}

// refBin is 1 + the number of thresholds strictly below v.
func refBin(v int64, t []int64) int64 {
	b := int64(1)
	for _, x := range t {
		if x < v {
			b++
		}
	}
	return b
}

func lowerMedian(values []int64) int64 {
	s := append([]int64(nil), values...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[(len(s)+1)/2-1]
}

// above reports whether v > sum/n exactly (or v < sum/n when below is set).
func meanCompare(v int64, sum *big.Int, n int64, below bool) bool {
	lhs := new(big.Int).Mul(big.NewInt(v), big.NewInt(n))
	c := lhs.Cmp(sum)
	if below {
		return c < 0
	}
	return c > 0
}

// reference computes rfm_v1 over orders with the given options and segment rules.
func reference(orders []refOrder, opts Options, rules []Rule) map[string]refRow {
	opts = opts.withDefaults()
	asOf := opts.AsOf
	if asOf.IsZero() {
		for _, o := range orders {
			if d := day(o.TS); d.After(asOf) {
				asOf = d
			}
		}
		if asOf.IsZero() {
			return map[string]refRow{}
		}
	}
	end := asOf.AddDate(0, 0, 1)
	start := time.Time{}
	if opts.Months > 0 {
		start = minusMonths(end, opts.Months)
	}

	byID := map[string]*refCustomer{}
	for _, o := range orders {
		if !o.TS.Before(end) || (opts.Months > 0 && o.TS.Before(start)) {
			continue
		}
		c := byID[o.Customer]
		if c == nil {
			c = &refCustomer{id: o.Customer}
			byID[o.Customer] = c
		}
		c.net += o.Amount
		if o.CostKnown {
			c.margin += o.Amount - o.Cost
			c.marginKnown = true
		}
		if o.Amount > 0 {
			c.purchases++
			if !c.hasPurchase || o.TS.Before(c.first) {
				c.first = o.TS
			}
			if !c.hasPurchase || o.TS.After(c.last) {
				c.last = o.TS
			}
			c.hasPurchase = true
		}
	}
	customers := make([]*refCustomer, 0, len(byID))
	for _, c := range byID {
		if c.hasPurchase {
			c.recency = daysBetween(c.last, asOf)
			c.tenure = daysBetween(c.first, asOf)
		}
		customers = append(customers, c)
	}

	// Populations: recency of customers with a purchase; frequency and monetary of all; M thresholds from
	// positive monetary only.
	var recencies, frequencies, monetaries, positive []int64
	for _, c := range customers {
		if c.hasPurchase {
			recencies = append(recencies, c.recency)
		}
		frequencies = append(frequencies, c.purchases)
		monetaries = append(monetaries, c.net)
		if c.net > 0 {
			positive = append(positive, c.net)
		}
	}
	bins := func(n int, cuts []float64) int {
		switch {
		case cuts != nil:
			return len(cuts) + 1
		case n != 0:
			return n
		}
		return opts.K
	}
	g := Grid{R: bins(opts.RBins, opts.RCuts), F: bins(opts.FBins, opts.FCuts), M: bins(opts.MBins, opts.MCuts)}
	thresholds := func(values []int64, bins int, cuts []float64, cents bool) []int64 {
		if cuts == nil {
			return refThresholds(values, bins)
		}
		t := make([]int64, len(cuts))
		for i, c := range cuts {
			if cents {
				t[i] = int64(math.Round(c * 100))
			} else {
				t[i] = int64(math.Floor(c))
			}
		}
		return t
	}
	rt := thresholds(recencies, g.R, opts.RCuts, false)
	ft := thresholds(frequencies, g.F, opts.FCuts, false)
	mt := thresholds(positive, g.M, opts.MCuts, true)

	sumR, sumF, sumM := new(big.Int), new(big.Int), new(big.Int)
	for _, v := range recencies {
		sumR.Add(sumR, big.NewInt(v))
	}
	for _, c := range customers {
		sumF.Add(sumF, big.NewInt(c.purchases))
		sumM.Add(sumM, big.NewInt(c.net))
	}
	var medR, medF, medM int64
	if opts.Statistic == "median" {
		if len(recencies) > 0 {
			medR = lowerMedian(recencies)
		}
		medF, medM = lowerMedian(frequencies), lowerMedian(monetaries)
	}

	sorted := append([]Rule(nil), rules...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Position != sorted[j].Position {
			return sorted[i].Position < sorted[j].Position
		}
		return sorted[i].Segment < sorted[j].Segment
	})

	out := map[string]refRow{}
	for _, c := range customers {
		row := refRow{Customer: c.id, AsOf: asOf.Format(time.DateOnly), Frequency: c.purchases, Monetary: c.net}
		if c.hasPurchase {
			rec, ten := c.recency, c.tenure
			first, last := c.first.Format(time.DateOnly), c.last.Format(time.DateOnly)
			row.Recency, row.Tenure, row.FirstOrderOn, row.LastOrderOn = &rec, &ten, &first, &last
			row.R = int64(g.R) + 1 - refBin(c.recency, rt)
		} else {
			row.R = 1
		}
		if c.marginKnown {
			mg := c.margin
			row.Margin = &mg
		}
		row.F = refBin(c.purchases, ft)
		if c.net <= 0 {
			row.M = 1
		} else {
			row.M = refBin(c.net, mt)
		}
		var high [3]bool
		if opts.Statistic == "median" {
			high = [3]bool{c.hasPurchase && c.recency < medR, c.purchases > medF, c.net > medM}
		} else {
			high = [3]bool{
				c.hasPurchase && meanCompare(c.recency, sumR, int64(len(recencies)), true),
				meanCompare(c.purchases, sumF, int64(len(customers)), false),
				meanCompare(c.net, sumM, int64(len(customers)), false),
			}
		}
		names := seg8[high]
		row.Segment8, row.Segment8ZH = names[0], names[1]
		row.Cell = cellRef(row.R, row.F, row.M, g)
		row.SegmentNamed = "Others"
		for _, r := range sorted {
			if r.RMin <= int(row.R) && int(row.R) <= r.RMax && r.FMin <= int(row.F) && int(row.F) <= r.FMax &&
				r.MMin <= int(row.M) && int(row.M) <= r.MMax {
				row.SegmentNamed = r.Segment
				break
			}
		}
		out[c.id] = row
	}
	return out
}

func cellRef(r, f, m int64, g Grid) string {
	if g.R == 10 || g.F == 10 || g.M == 10 {
		return fmt.Sprintf("%d-%d-%d", r, f, m)
	}
	return fmt.Sprintf("%d%d%d", r, f, m)
}
