package clv

import (
	"math"
	"testing"
)

func TestCheckHoldout(t *testing.T) {
	m := BGNBD{0.243, 4.414, 0.793, 2.426}
	cs := []Customer{{X: 0, T: 30}, {X: 1, TX: 5, T: 30}, {X: 2, TX: 20, T: 30}, {X: 9, TX: 29, T: 30}}
	actual := []float64{0, 1, 3, 7}
	h, err := CheckHoldout(m, cs, actual, 39, 2)
	if err != nil {
		t.Fatal(err)
	}
	e := func(c Customer) float64 { return m.ExpectedPurchases(39, c.X, c.TX, c.T) }
	p := func(c Customer) float64 { return m.PPurchase(39, c.X, c.TX, c.T) }
	want := []HoldoutRow{
		{X: 0, Customers: 1, Actual: 0, Predicted: e(cs[0]), Buyers: 0, PredictedBuyers: p(cs[0])},
		{X: 1, Customers: 1, Actual: 1, Predicted: e(cs[1]), Buyers: 1, PredictedBuyers: p(cs[1])},
		{X: 2, OrMore: true, Customers: 2, Actual: 10, Predicted: e(cs[2]) + e(cs[3]), Buyers: 2, PredictedBuyers: p(cs[2]) + p(cs[3])},
	}
	if len(h.Rows) != len(want) {
		t.Fatalf("CheckHoldout gave %d rows, want %d", len(h.Rows), len(want))
	}
	for i, w := range want {
		g := h.Rows[i]
		if g.X != w.X || g.OrMore != w.OrMore || g.Customers != w.Customers || g.Actual != w.Actual || math.Abs(g.Predicted-w.Predicted) > 1e-12 ||
			g.Buyers != w.Buyers || math.Abs(g.PredictedBuyers-w.PredictedBuyers) > 1e-12 {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	tracking := 0.0
	for _, c := range cs {
		tracking += m.ExpectedPurchasesNew(c.T+39) - m.ExpectedPurchasesNew(c.T)
	}
	if h.Actual != 11 || math.Abs(h.Tracking-tracking) > 1e-12 || h.Buyers != 3 {
		t.Errorf("totals: actual %v, tracking %v, buyers %v; want 11, %v, 3", h.Actual, h.Tracking, h.Buyers, tracking)
	}
	if _, err := CheckHoldout(m, cs, actual[:3], 39, 2); err == nil {
		t.Error("CheckHoldout with 4 customers and 3 actual counts: err = nil, want an error")
	}
	if _, err := CheckHoldout(m, cs, actual, 39, 0); err == nil {
		t.Error("CheckHoldout with top bucket 0: err = nil, want an error")
	}
	if _, err := CheckHoldout(m, []Customer{{X: 1, TX: 40, T: 30}}, []float64{0}, 39, 2); err == nil {
		t.Error("CheckHoldout with t_x > T: err = nil, want an error")
	}
}
