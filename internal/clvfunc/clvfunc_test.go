package clvfunc

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/custval/custval/internal/clv"
)

const (
	bgnbd  = `{"model":"bgnbd","time_unit":"week","params":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}}`
	pareto = `{"model":"paretonbd","time_unit":"day","params":{"r":0.55,"alpha":10.6,"s":0.61,"beta":11.7}}`
	spend  = `{"model":"gammagamma","time_unit":"week","params":{"p":6.25,"q":3.74,"gamma":15.44}}`
)

// A Models reused across rows answers each row from that row's text, also
// when the texts alternate, and equals a fresh Models per row.
func TestModelsFollowTheText(t *testing.T) {
	var shared Models
	texts := []string{bgnbd, bgnbd, pareto, "not json", bgnbd, pareto, pareto}
	for i, text := range texts {
		var fresh Models
		got, gotErr := shared.PAlive(text, 3, 20, 52)
		want, wantErr := fresh.PAlive(text, 3, 20, 52)
		if math.Float64bits(got) != math.Float64bits(want) || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("row %d: reused Models %v, %v; fresh %v, %v", i, got, gotErr, want, wantErr)
		}
		p, err := clv.ParseCached(text, false)
		if err != nil {
			if gotErr == nil || gotErr.Error() != err.Error() {
				t.Errorf("row %d: error %v, want %v", i, gotErr, err)
			}
			continue
		}
		if w := p.Model.PAlive(3, 20, 52); got != w {
			t.Errorf("row %d: PAlive %v, want the %s model's %v", i, got, p.Model.Name(), w)
		}
	}
	// The same text read as a spend model is another question.
	if _, err := shared.ExpectedSpend(bgnbd, 1, 1); !errors.Is(err, clv.ErrUnknownModel) {
		t.Errorf("bgnbd params as a spend model: error %v, want %v", err, clv.ErrUnknownModel)
	}
	if _, err := shared.PAlive(spend, 1, 1, 2); err == nil {
		t.Errorf("gammagamma params as a purchase model: no error")
	}
}

func TestArgumentChecks(t *testing.T) {
	var m Models
	for _, c := range []struct {
		name string
		err  error
		want string // "" for no error
	}{
		{"x = 0, t_x = T = 0", History(0, 0, 0), ""},
		{"-0 repeats", History(math.Copysign(0, -1), 0, 1), ""},
		{"negative x", History(-1, 0, 1), "x=-1 must be a whole number >= 0"},
		{"fractional x", History(0.5, 0, 1), "x=0.5"},
		{"NaN x", History(math.NaN(), 0, 1), "x=NaN"},
		{"t_x > T", History(1, 2, 1), "t_x=2, T=1: need 0 <= t_x <= T"},
		{"infinite T", History(1, 2, math.Inf(1)), "T=+Inf"},
		{"NaN t_x", History(1, math.NaN(), 1), "t_x=NaN"},
		{"negative m_x", SpendHistory(1, -1), "m_x=-1 must be a finite number >= 0"},
		{"infinite m_x", SpendHistory(1, math.Inf(1)), "m_x=+Inf"},
		{"part-month value horizon", second(m.Value(bgnbd, spend, 1, 1, 0, 0.1, 1, 1, 2, 3)), "horizon of 1 months 1 days 0 µs"},
		{"negative purchases horizon", second(m.ExpectedPurchases(bgnbd, -1, 0, 0, 1, 1, 2)), "must not be negative"},
		{"negative p_purchase horizon", second(m.PPurchase(bgnbd, 0, -1, 0, 1, 1, 2)), "must not be negative"},
		{"p_purchase history", second(m.PPurchase(pareto, 12, 0, 0, 1, 5, 2)), "need 0 <= t_x <= T"},
		{"value m_x", second(m.Value(bgnbd, spend, 12, 0, 0, 0.1, 1, 1, 2, -3)), "m_x=-3"},
	} {
		if c.want == "" {
			if c.err != nil {
				t.Errorf("%s: %v, want no error", c.name, c.err)
			}
			continue
		}
		if !errors.Is(c.err, ErrArgument) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want one wrapping %v and containing %q", c.name, c.err, ErrArgument, c.want)
		}
	}
}

// PPurchase converts the horizon as ExpectedPurchases does: against BG/NBD's
// closed form written out here, P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)), with
// t the horizon in the model's unit (weeks for bgnbd, days for pareto).
func TestPPurchaseHorizon(t *testing.T) {
	var m Models
	const r, alpha = 0.243, 4.414 // bgnbd's
	for _, c := range []struct {
		name         string
		months, days int32
		micros       int64
		weeks        float64
		x, tx, T     float64
	}{
		{"12 months", 12, 0, 0, 365.25 / 7, 3, 20, 52},
		{"90 days", 0, 90, 0, 90.0 / 7, 3, 20, 52},
		{"36 hours", 0, 0, 36 * 3600e6, 1.5 / 7, 0, 0, 10},
		{"1 month 3 days", 1, 3, 0, (365.25/12 + 3) / 7, 10, 52, 52},
		{"zero horizon", 0, 0, 0, 0, 3, 20, 52},
	} {
		got, err := m.PPurchase(bgnbd, c.months, c.days, c.micros, c.x, c.tx, c.T)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		alive, err := m.PAlive(bgnbd, c.x, c.tx, c.T)
		if err != nil {
			t.Fatal(err)
		}
		want := alive * (1 - math.Pow((alpha+c.T)/(alpha+c.T+c.weeks), r+c.x))
		if math.Abs(got-want) > 1e-12*math.Max(1, want) {
			t.Errorf("%s: PPurchase %v, want %v", c.name, got, want)
		}
	}
	// A day-unit model reads the same horizon in days.
	p, err := clv.ParseCached(pareto, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.PPurchase(pareto, 0, 90, 0, 3, 20, 52)
	if want := p.Model.PPurchase(90, 3, 20, 52); err != nil || got != want {
		t.Errorf("pareto over 90 days: %v, %v; want %v", got, err, want)
	}
}

// PPurchase and ExpectedPurchases refuse the same arguments with the same
// words: they share the argument rules of clv_expected_purchases_params.
func TestPPurchaseErrorsAsExpectedPurchases(t *testing.T) {
	var m Models
	for _, c := range []struct {
		params       string
		months, days int32
		x, tx, T     float64
	}{
		{"not json", 12, 0, 1, 1, 2},
		{spend, 12, 0, 1, 1, 2},
		{`{"model":"bgnbd","time_unit":"month","params":{"r":1,"alpha":1,"a":1,"b":1}}`, 12, 0, 1, 1, 2},
		{bgnbd, -1, 0, 1, 1, 2},
		{bgnbd, 0, -3, 1, 1, 2},
		{bgnbd, -1, 0, -1, 5, 2}, // the horizon is checked before the history
		{bgnbd, 12, 0, -1, 1, 2},
		{bgnbd, 12, 0, 1.5, 1, 2},
		{bgnbd, 12, 0, math.NaN(), 1, 2},
		{pareto, 12, 0, 1, 5, 2},
		{pareto, 12, 0, 1, 1, math.Inf(1)},
		{pareto, 12, 0, 1, math.NaN(), 2},
	} {
		_, got := m.PPurchase(c.params, c.months, c.days, 0, c.x, c.tx, c.T)
		_, want := m.ExpectedPurchases(c.params, c.months, c.days, 0, c.x, c.tx, c.T)
		if got == nil || want == nil || got.Error() != want.Error() || errors.Is(got, ErrArgument) != errors.Is(want, ErrArgument) {
			t.Errorf("%.20s… %d months %d days (%v, %v, %v): PPurchase error %v, ExpectedPurchases %v; want the same error",
				c.params, c.months, c.days, c.x, c.tx, c.T, got, want)
		}
	}
}

func second(_ float64, err error) error { return err }
