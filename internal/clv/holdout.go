package clv

import "fmt"

// HoldoutRow is one calibration-frequency bucket of the holdout check: the
// customers with x repeat purchases in calibration (the last bucket: x or
// more), their actual purchases in the holdout and the model's conditional
// expectation for them; and how many of them bought at all in the holdout
// against the sum of their probabilities of buying.
type HoldoutRow struct {
	X               int     // bucket: calibration repeat purchases
	OrMore          bool    // the bucket holds every x >= X
	Customers       float64 // customers in the bucket
	Actual          float64 // total actual holdout purchases
	Predicted       float64 // total Σ E[Y(t) | x, t_x, T]
	Buyers          float64 // customers with at least one holdout purchase
	PredictedBuyers float64 // Σ P(purchase in (T, T+t] | x, t_x, T)
}

// Holdout is the papers' standard check of a fitted model: predicted against
// actual holdout purchases by calibration frequency and in total.
type Holdout struct {
	Rows                    []HoldoutRow
	Actual, Predicted       float64 // totals over all customers
	Buyers, PredictedBuyers float64 // totals over all customers
	// Tracking is Σ E[X(T+t)] − E[X(T)]: the forecast of holdout purchases from
	// the population-level expectation and each customer's age only, the
	// papers' cumulative tracking check.
	Tracking float64
}

// CheckHoldout sums E[Y(t) | x, t_x, T] over customers with the same
// calibration x (0, 1, ..., top−1, and top or more) next to the actual holdout
// purchases, and P(purchase in the holdout) next to the customers who bought.
// actual[i] belongs to cs[i]; t is the holdout length in the model's unit.
func CheckHoldout(m Model, cs []Customer, actual []float64, t float64, top int) (Holdout, error) {
	if len(actual) != len(cs) {
		return Holdout{}, fmt.Errorf("check holdout: %d customers but %d actual counts", len(cs), len(actual))
	}
	if top < 1 {
		return Holdout{}, fmt.Errorf("check holdout: top bucket %d must be >= 1", top)
	}
	h := Holdout{Rows: make([]HoldoutRow, top+1)}
	for i := range h.Rows {
		h.Rows[i].X = i
	}
	h.Rows[top].OrMore = true
	for i, c := range cs {
		if err := validHistory(History{c.X, c.TX, c.T, 1}); err != nil {
			return Holdout{}, fmt.Errorf("check holdout: customer %d: %w", i, err)
		}
		b := min(int(c.X), top)
		e := m.ExpectedPurchases(t, c.X, c.TX, c.T)
		p := m.PPurchase(t, c.X, c.TX, c.T)
		bought := 0.0
		if actual[i] > 0 {
			bought = 1
		}
		h.Rows[b].Customers++
		h.Rows[b].Actual += actual[i]
		h.Rows[b].Predicted += e
		h.Rows[b].Buyers += bought
		h.Rows[b].PredictedBuyers += p
		h.Actual += actual[i]
		h.Predicted += e
		h.Buyers += bought
		h.PredictedBuyers += p
		h.Tracking += m.ExpectedPurchasesNew(c.T+t) - m.ExpectedPurchasesNew(c.T)
	}
	return h, nil
}
