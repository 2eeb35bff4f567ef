package clv

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Customer is one customer's calibration summary, in the literature's notation.
// Time is in the summary's unit (for example weeks) and counts from the
// customer's first purchase.
type Customer struct {
	X  float64 // repeat purchases: purchase days after the first one
	TX float64 // t_x: time of the last purchase (0 when X == 0)
	T  float64 // T: time from the first purchase to the end of calibration
	MX float64 // m_x: mean value of the repeat purchases (0 when X == 0)
}

// History is a distinct (x, t_x, T) with the number of customers sharing it.
// Fits take histories so that their cost follows distinct histories, not customers.
type History struct {
	X, TX, T float64
	Count    float64
}

// Spend is a distinct (x, m_x) with the number of repeat customers sharing it,
// the Gamma-Gamma model's input.
type Spend struct {
	X, MX float64
	Count float64
}

// Collapse groups customers by (x, t_x, T) and returns the distinct histories,
// sorted by x, then t_x, then T.
func Collapse(cs []Customer) []History {
	m := make(map[[3]float64]float64, len(cs)/4+1)
	for _, c := range cs {
		m[[3]float64{c.X, c.TX, c.T}]++
	}
	out := make([]History, 0, len(m))
	for k, n := range m {
		out = append(out, History{X: k[0], TX: k[1], T: k[2], Count: n})
	}
	slices.SortFunc(out, func(a, b History) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.TX, b.TX), cmp.Compare(a.T, b.T))
	})
	return out
}

// CollapseSpend groups the repeat customers (x > 0 and m_x > 0) by (x, m_x).
// Customers without a repeat purchase carry no spend information and are left out.
func CollapseSpend(cs []Customer) []Spend {
	m := make(map[[2]float64]float64)
	for _, c := range cs {
		if c.X > 0 && c.MX > 0 {
			m[[2]float64{c.X, c.MX}]++
		}
	}
	out := make([]Spend, 0, len(m))
	for k, n := range m {
		out = append(out, Spend{X: k[0], MX: k[1], Count: n})
	}
	slices.SortFunc(out, func(a, b Spend) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.MX, b.MX))
	})
	return out
}

// validHistory reports why h cannot be fitted, or nil.
func validHistory(h History) error {
	switch {
	case !finite(h.X) || !finite(h.TX) || !finite(h.T) || !finite(h.Count):
		return fmt.Errorf("%w: x=%v t_x=%v T=%v count=%v: not a finite number", ErrBadHistory, h.X, h.TX, h.T, h.Count)
	case h.X < 0 || h.X != math.Trunc(h.X):
		return fmt.Errorf("%w: x=%v must be a whole number >= 0", ErrBadHistory, h.X)
	case h.TX < 0 || h.TX > h.T:
		return fmt.Errorf("%w: t_x=%v must lie in [0, T=%v]", ErrBadHistory, h.TX, h.T)
	case h.Count <= 0:
		return fmt.Errorf("%w: count=%v must be > 0", ErrBadHistory, h.Count)
	}
	return nil
}

func validSpend(s Spend) error {
	switch {
	case !finite(s.X) || !finite(s.MX) || !finite(s.Count):
		return fmt.Errorf("%w: x=%v m_x=%v count=%v: not a finite number", ErrBadHistory, s.X, s.MX, s.Count)
	case s.X < 1 || s.X != math.Trunc(s.X):
		return fmt.Errorf("%w: x=%v: the spend model needs a whole number of repeat purchases >= 1", ErrBadHistory, s.X)
	case s.MX <= 0:
		return fmt.Errorf("%w: m_x=%v: the spend model needs a positive mean spend", ErrBadHistory, s.MX)
	case s.Count <= 0:
		return fmt.Errorf("%w: count=%v must be > 0", ErrBadHistory, s.Count)
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
