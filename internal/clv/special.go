package clv

import "math"

// lgamma is log|Γ(x)|; every argument here is positive, so the sign is always +1.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// lbeta is log B(a, b).
func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// logAddExp is log(e^a + e^b) without overflow.
func logAddExp(a, b float64) float64 {
	if math.IsInf(a, -1) {
		return b
	}
	if math.IsInf(b, -1) {
		return a
	}
	if a < b {
		a, b = b, a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// log1mExp is log(1 - e^d) for d <= 0, accurate at both ends (Mächler 2012).
func log1mExp(d float64) float64 {
	if d > -math.Ln2 {
		return math.Log(-math.Expm1(d))
	}
	return math.Log1p(-math.Exp(d))
}

// hypMaxTerms bounds the 2F1 series. It converges geometrically at rate z; the
// cap only bites for z within about 1e-5 of 1, which no sensible horizon reaches.
const hypMaxTerms = 2_000_000

// log2F1 returns log 2F1(a, b; c; z) for 0 <= z < 1 and c not a non-positive
// integer, or NaN when the series does not converge or the value is not positive.
//
// It sums the Gauss series after Euler's transformation
// 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) whenever that makes the
// leading coefficients smaller. In the CLV models c exceeds a or b by a small
// amount (c = a+1 in Pareto/NBD, c ≈ a+b in BG/NBD), so the transformed series
// has tiny coefficients and converges in a few terms even for x in the
// thousands, where the plain series would overflow before turning down.
func log2F1(a, b, c, z float64) float64 {
	l, sign := logAbs2F1(a, b, c, z)
	if sign <= 0 {
		return math.NaN()
	}
	return l
}

// logAbs2F1 is log|2F1(a, b; c; z)| and the sign of 2F1 (+1 or -1), or NaN
// and 0 where log2F1 gives NaN for a reason other than the sign. 2F1 is
// negative for some c < 0, e.g. BG/NBD's c = a+b-1 at x = 0 when a+b < 1.
func logAbs2F1(a, b, c, z float64) (float64, float64) {
	if z < 0 || z >= 1 || (c <= 0 && c == math.Trunc(c)) {
		return math.NaN(), 0
	}
	if z == 0 {
		return 0, 1
	}
	prefix := 0.0
	if math.Abs((c-a)*(c-b)) < math.Abs(a*b) {
		prefix = (c - a - b) * math.Log1p(-z)
		a, b = c-a, c-b
	}
	const rescale = 1e250
	sum, term, scale := 1.0, 1.0, 0.0
	for n := 0.0; n < hypMaxTerms; n++ {
		term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
		sum += term
		if term == 0 || (math.Abs(term) < 1e-17*math.Abs(sum) && n > 1) {
			if sum == 0 || math.IsNaN(sum) {
				return math.NaN(), 0
			}
			return prefix + math.Log(math.Abs(sum)) + scale, math.Copysign(1, sum)
		}
		if math.Abs(sum) > rescale {
			sum /= rescale
			term /= rescale
			scale += math.Log(rescale)
		}
	}
	return math.NaN(), 0
}
