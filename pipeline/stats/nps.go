package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// NPS is the Net Promoter Score of n answers on the 0–10 scale, promoters
// of which answered 9 or 10 and detractors 0 to 6: 100 · (promoters −
// detractors) / n, in points from −100 to +100, with its confidence
// interval at level.
//
// The score is 100 times the mean of x = +1 (promoter), 0 (passive), −1
// (detractor), so its standard error is that of a mean: s/√n with the
// sample variance s² = (p + d − (p − d)²) · n/(n − 1) of x, p and d being
// the shares. The interval is the normal one, score ± z · 100 · s/√n,
// clipped to −100…100 — what R's survey package gives for svymean(~x) of a
// simple random sample. With fewer than two answers there is no interval.
func NPS(promoters, detractors, n int, level float64) (score, lo, hi float64) {
	if n <= 0 || promoters < 0 || detractors < 0 || promoters+detractors > n {
		return math.NaN(), math.NaN(), math.NaN()
	}
	p, d := float64(promoters)/float64(n), float64(detractors)/float64(n)
	score = 100 * (p - d)
	if n < 2 || !validLevel(level) {
		return score, math.NaN(), math.NaN()
	}
	se := math.Sqrt((p + d - (p-d)*(p-d)) / float64(n-1))
	h := 100 * distuv.UnitNormal.Quantile(1-(1-level)/2) * se
	return score, math.Max(-100, score-h), math.Min(100, score+h)
}
