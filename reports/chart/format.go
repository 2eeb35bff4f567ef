package chart

import (
	"math"
	"strconv"
	"strings"
)

// Format turns a value into a label.
type Format func(float64) string

// Number formats with thousands separators: no decimals from 100 up or for
// whole numbers, else up to two.
func Number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	}
	s := strconv.FormatFloat(round2(v), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return group(s)
}

// Money formats with two decimals and thousands separators (no currency sign:
// custval does not know the shop's currency).
func Money(v float64) string {
	return group(strconv.FormatFloat(round2(v), 'f', 2, 64))
}

// round2 rounds half away from zero to two decimals (strconv alone rounds
// half to even, which surprises people reading money).
func round2(v float64) float64 {
	return math.Round(v*100) / 100
}

// Integer rounds to a whole number.
func Integer(v float64) string {
	return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

// Percent formats a ratio (0.25) as "25.0%".
func Percent(v float64) string {
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// Compact formats with k, M and B suffixes, for axis ticks.
func Compact(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return short(v/1e9) + "B"
	case a >= 1e6:
		return short(v/1e6) + "M"
	case a >= 1e4:
		return short(v/1e3) + "k"
	}
	return Number(v)
}

func short(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

// group inserts thousands separators into a plain decimal number.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	if sign != "" && strings.Trim(b.String(), "0.,") == "" {
		sign = "" // no "-0.00"
	}
	return sign + b.String()
}

// FormatNamed returns the format called name: number, money, int, pct or compact.
func FormatNamed(name string) (Format, bool) {
	switch name {
	case "", "number":
		return Number, true
	case "money":
		return Money, true
	case "int":
		return Integer, true
	case "pct":
		return Percent, true
	case "compact":
		return Compact, true
	}
	return nil, false
}

// FormatNames lists the names FormatNamed accepts.
const FormatNames = "number, money, int, pct, compact"
