package stats

import (
	"fmt"
	"math"
)

// RakedMean is the weighted mean of one item under weights raked to
// margins (see Rake), with the standard error R's survey package gives
// for svymean(~y, rake(design, …), na.rm = TRUE) on a design without
// clusters: the raked design's linearisation, not that of fixed weights.
//
// values, weights and groups hold every raked respondent (the design's
// rows); values[i] is NaN when respondent i did not answer the item.
// groups[i][v] is respondent i's category of margin variable v, in the
// order Rake raked them (sorted by name).
//
// Raking makes the weights fit the margins exactly, so the part of each
// respondent's influence zᵢ = wᵢ(yᵢ−ȳ)/Σw that the margins explain is
// known without error and drops out of the variance (Deville & Särndal
// 1992; Lumley 2010, ch. 7): eᵢ = wᵢuᵢ, where u is z/w with the margins'
// categories fitted out (each raking step is a post-stratification:
// u minus its category mean; survey's svyrecvar alternates them over
// the margins ten times, in the order they were raked, and so does this,
// to give R's numbers), and
//
//	se² = n/(n−1) · Σ eᵢ²
//
// over all n respondents, those without an answer included with z = 0
// (a domain of the calibrated design). df = answers − 1 are the degrees
// of freedom of the design restricted to those who answered (survey's
// degf), and neff is Kish's (Σw)²/Σw² over them. Without an answer the
// mean is NaN; with one, se is NaN.
func RakedMean(values, weights []float64, groups [][]string) (mean, se, neff, df float64) {
	n := len(values)
	if len(weights) != n || len(groups) != n {
		panic(fmt.Sprintf("stats.RakedMean: %d values, %d weights, %d groups", n, len(weights), len(groups)))
	}
	answers, sw, swy, sw2 := weightedSums(values, weights)
	if answers == 0 || !(sw > 0) {
		return math.NaN(), math.NaN(), 0, 0
	}
	mean, neff, df = swy/sw, sw*sw/sw2, float64(answers-1)
	if answers < 2 || n < 2 {
		return mean, math.NaN(), neff, df
	}
	u := make([]float64, n) // z/w
	for i, y := range values {
		if !math.IsNaN(y) {
			u[i] = (y - mean) / sw
		}
	}
	// Each margin variable's categories as indices.
	vars := len(groups[0])
	if vars == 0 {
		panic("stats.RakedMean: no margins")
	}
	cat := make([][]int, vars)
	size := make([][]float64, vars)
	for v := range vars {
		index := map[string]int{}
		cat[v] = make([]int, n)
		for i := range n {
			c := groups[i][v]
			k, ok := index[c]
			if !ok {
				k = len(index)
				index[c] = k
				size[v] = append(size[v], 0)
			}
			cat[v][i] = k
			size[v][k]++
		}
	}
	for range 10 {
		for v := range vars {
			sum := make([]float64, len(size[v]))
			for i, k := range cat[v] {
				sum[k] += u[i]
			}
			for i, k := range cat[v] {
				u[i] -= sum[k] / size[v][k]
			}
		}
	}
	var ss float64
	for i, x := range u {
		e := weights[i] * x
		ss += e * e
	}
	return mean, math.Sqrt(float64(n) / float64(n-1) * ss), neff, df
}
