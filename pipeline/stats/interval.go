package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// TQuantile returns the p-quantile of Student's t distribution with df
// degrees of freedom (df may be fractional, as Welch's df is). It returns NaN
// for p outside [0, 1] or df ≤ 0, where gonum would panic.
func TQuantile(p, df float64) float64 {
	if !(p >= 0 && p <= 1 && df > 0) {
		return math.NaN()
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p)
}

// MeanCI is the t interval mean ± t(1−α/2; n−1)·sd/√n, sd being the sample
// standard deviation (n−1 denominator). With fewer than two answers there is
// no spread to estimate, so both bounds are NaN.
func MeanCI(n int, mean, sd, level float64) (lo, hi float64) {
	if n < 2 {
		return math.NaN(), math.NaN()
	}
	return TInterval(mean, sd/math.Sqrt(float64(n)), float64(n-1), level)
}

// TInterval is est ± t(1−α/2; df)·se. For a weighted mean pass the se of
// WeightedMean and df = neff−1: fewer effective answers, wider interval.
func TInterval(est, se, df, level float64) (lo, hi float64) {
	if !validLevel(level) || !(df > 0) || !(se >= 0) {
		return math.NaN(), math.NaN()
	}
	h := TQuantile(1-(1-level)/2, df) * se
	return est - h, est + h
}

// Wilson is the Wilson score interval for k successes in n trials. Unlike
// the textbook p ± z·√(p(1−p)/n) it stays inside [0, 1] and does not collapse
// to a point at 0 of 10, which matters at n≈150 split by state.
func Wilson(k, n int, level float64) (lo, hi float64) {
	if n <= 0 || k < 0 || k > n {
		return math.NaN(), math.NaN()
	}
	return wilsonP(float64(k)/float64(n), float64(n), level)
}

// wilsonP is the Wilson interval for a share p observed on n cases.
func wilsonP(p, n, level float64) (lo, hi float64) {
	if !(n > 0) || !(p >= 0 && p <= 1) || !validLevel(level) {
		return math.NaN(), math.NaN()
	}
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	z2 := z * z
	d := 1 + z2/n
	c := (p + z2/(2*n)) / d
	h := z / d * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	// At p = 0 or 1 the formula gives the bound exactly up to rounding;
	// snap it so a report prints 0 %, not -0 % or 1e-17.
	lo, hi = math.Max(0, c-h), math.Min(1, c+h)
	if p == 0 {
		lo = 0
	}
	if p == 1 {
		hi = 1
	}
	return lo, hi
}

func validLevel(level float64) bool { return level > 0 && level < 1 }

// weightedSums counts the answers (values not NaN) and sums their
// weights w, w·y and w² — what RakedMean's mean and Kish's n_eff need.
func weightedSums(values, weights []float64) (answers int, sw, swy, sw2 float64) {
	for i, y := range values {
		if !math.IsNaN(y) {
			answers++
			sw += weights[i]
			swy += weights[i] * y
			sw2 += weights[i] * weights[i]
		}
	}
	return answers, sw, swy, sw2
}
