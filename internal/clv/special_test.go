package clv

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestLog2F1 compares the series with gonum's independent implementation
// (Cephes) where the latter is accurate, and checks large-parameter cases that
// overflow a plain series against the Euler-transformed closed value.
func TestLog2F1(t *testing.T) {
	tests := []struct{ a, b, c, z float64 }{
		{0.243, 2.426, 2.219, 0.1},
		{0.243, 2.426, 2.219, 0.9},
		{2.243, 4.426, 4.219, 0.47},
		{1.2, 0.6, 2.2, 0.08},
		{1.2, 1.6, 2.2, 0.999},
		{0.5, 0.5, 1.5, 0.5},
		{3, -0.2, 4.5, 0.7}, // a negative b: terms change sign
	}
	for _, tt := range tests {
		want := math.Log(mathext.Hypergeo(tt.a, tt.b, tt.c, tt.z))
		if got := log2F1(tt.a, tt.b, tt.c, tt.z); math.Abs(got-want) > 1e-10*math.Max(1, math.Abs(want)) {
			t.Errorf("log2F1(%v, %v, %v, %v) = %.14g, want %.14g", tt.a, tt.b, tt.c, tt.z, got, want)
		}
	}
	// 2F1(a, b; a; z) = (1−z)^−b exactly, for any size of a.
	for _, a := range []float64{1.5, 300, 5000} {
		want := -2.5 * math.Log1p(-0.6)
		if got := log2F1(a, 2.5, a, 0.6); math.Abs(got-want) > 1e-10 {
			t.Errorf("log2F1(%v, 2.5, %v, 0.6) = %.14g, want %.14g", a, a, got, want)
		}
	}
	for _, bad := range [][4]float64{{1, 1, 1, 1}, {1, 1, 1, -0.1}, {1, 1, -2, 0.5}} {
		if got := log2F1(bad[0], bad[1], bad[2], bad[3]); !math.IsNaN(got) {
			t.Errorf("log2F1%v = %v, want NaN outside the supported domain", bad, got)
		}
	}
}

func TestLogAddExpAndLog1mExp(t *testing.T) {
	if got := logAddExp(1000, 1000); math.Abs(got-(1000+math.Ln2)) > 1e-12 {
		t.Errorf("logAddExp(1000, 1000) = %v, want 1000+ln 2", got)
	}
	if got := logAddExp(math.Inf(-1), -3); got != -3 {
		t.Errorf("logAddExp(-Inf, -3) = %v, want -3", got)
	}
	for _, tt := range []struct{ d, want float64 }{
		{-1e-12, math.Log(1e-12) - 5e-13}, // log(d·(1 − d/2 ...)) near 0
		{-0.1, math.Log(1 - math.Exp(-0.1))},
		{-1, math.Log(1 - math.Exp(-1))},
		{-50, -math.Exp(-50)}, // log(1 − ε) ≈ −ε where 1 − ε rounds to 1
	} {
		d, want := tt.d, tt.want
		if got := log1mExp(d); math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("log1mExp(%v) = %v, want %v", d, got, want)
		}
	}
}

// TestExtremeHistories checks the closed forms stay finite and in range where
// naive formulas overflow: very frequent buyers and long silences.
func TestExtremeHistories(t *testing.T) {
	models := []Model{BGNBD{0.243, 4.414, 0.793, 2.426}, MBGNBD{0.525, 6.183, 0.891, 1.614}, ParetoNBD{0.553, 10.578, 0.606, 11.669}, ParetoNBD{0.8, 12, 1.3, 4}}
	for _, m := range models {
		for _, h := range [][3]float64{{1000, 10, 100}, {400, 5, 6}, {5000, 364, 365}, {1, 0.01, 3000}} {
			ll, pa, e := m.LogLikelihood(h[0], h[1], h[2]), m.PAlive(h[0], h[1], h[2]), m.ExpectedPurchases(52, h[0], h[1], h[2])
			if math.IsNaN(ll) || math.IsInf(ll, 0) || !(pa >= 0 && pa <= 1) || !(e >= 0) || math.IsInf(e, 0) {
				t.Errorf("%s at x=%v t_x=%v T=%v: LL=%v P(alive)=%v E[Y(52)]=%v", m.Name(), h[0], h[1], h[2], ll, pa, e)
			}
		}
	}
}

// TestParetoDeadIntegralMatchesSeries checks the two ways logA0 is computed
// against each other where both are accurate, for both branches of α vs β.
func TestParetoDeadIntegralMatchesSeries(t *testing.T) {
	for _, m := range []ParetoNBD{{0.553, 10.578, 0.606, 11.669}, {0.8, 12, 1.3, 4}, {0.3, 2, 0.5, 40}, {2, 50, 3, 5}, {0.3, 0.01, 0.5, 40}, {0.5, 100, 0.4, 0.05}, {0.5, 1e-4, 2, 3}} {
		for _, h := range [][3]float64{{0, 0, 38.86}, {1, 1.71, 38.86}, {7, 29.43, 38.86}, {40, 3, 30}, {3, 10, 10.5}} {
			x, tx, T := h[0], h[1], h[2]
			rsx := m.R + m.S + x
			big, small, b := m.Alpha, m.Beta, m.S+1
			if m.Alpha < m.Beta {
				big, small, b = m.Beta, m.Alpha, m.R+x
			}
			lt1 := log2F1(rsx, b, rsx+1, (big-small)/(big+tx)) - rsx*math.Log(big+tx)
			lt2 := log2F1(rsx, b, rsx+1, (big-small)/(big+T)) - rsx*math.Log(big+T)
			series := lt1 + log1mExp(lt2-lt1)
			integral := math.Log(rsx) + m.logDeadIntegral(x, tx, T)
			if math.Abs(series-integral) > 1e-10*math.Max(1, math.Abs(series)) {
				t.Errorf("%+v at x=%v t_x=%v T=%v: log A0 series %.14g, integral %.14g", m, x, tx, T, series, integral)
			}
		}
	}
}

// TestParetoWindowIntegralMatchesSeries checks the two ways PPurchase's
// integral is computed against each other where both are accurate (z up to
// 0.99), for both branches of α vs β, short and long windows.
func TestParetoWindowIntegralMatchesSeries(t *testing.T) {
	for _, m := range []ParetoNBD{{0.553, 10.578, 0.606, 11.669}, {0.8, 12, 1.3, 4}, {0.3, 2, 0.5, 40}, {2, 50, 3, 5}, {0.3, 0.5, 0.5, 40}, {0.5, 100, 0.4, 1}} {
		for _, h := range [][2]float64{{0, 0}, {1, 38.86}, {7, 38.86}, {40, 30}, {3, 0.5}} {
			x, T := h[0], h[1]
			k, A, B := m.R+x, m.Alpha+T, m.Beta+T
			for _, horizon := range []float64{1.0 / 7, 13, 52, 520} {
				l0 := logIIntegral(k+1, m.S, A, B)
				series := l0 + log1mExp(logIIntegral(k+1, m.S, A+horizon, B+horizon)-l0)
				integral := logPowIntegral(A, k+1, B, m.S, 0, horizon)
				if math.Abs(series-integral) > 1e-10*math.Max(1, math.Abs(series)) {
					t.Errorf("%+v at x=%v T=%v t=%v (z=%.3f): series %.14g, integral %.14g", m, x, T, horizon,
						math.Abs(A-B)/math.Max(A, B), series, integral)
				}
			}
		}
	}
}
