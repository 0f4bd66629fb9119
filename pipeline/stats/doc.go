// Package stats turns numbers into what the report may honestly print:
// intervals, significance marks and weights; what may not be printed is
// the disclosure stage's.
// It is pure Go on plain values and knows nothing of DuckDB,
// Arrow or the report layout; the report calls it per table.
//
// The survey is small (n≈150 split by Sachsen, Sachsen-Anhalt, Thüringen) and
// personal, so the package leans towards wide intervals, few marks and more
// suppression. The level, alpha and minimum n come from the caller
// (disclosure.Rule).
//
// # Intervals
//
//	stats.Wilson(5, 20, 0.95)         → 0.1119, 0.4687  (share 25 %)
//	stats.Wilson(0, 10, 0.95)         → 0, 0.2775       (not 0–0)
//	stats.MeanCI(8, 5, 2.138, 0.95)   → 3.2126, 6.7874  (t, df 7)
//	stats.MeanCI(1, 4, 0, 0.95)       → NaN, NaN        (no spread)
//	stats.TQuantile(0.975, 10)               → 2.228139
//
// Weighted: RakedMean(values, weights, groups) → mean, SE by linearisation
// with the residuals of the raking margins (as R's survey::rake + svymean),
// Kish's effective n and the design's df; the interval is
// TInterval(mean, se, df, level).
//
// # Significance
//
//	stats.WelchT(10, 5, 2, 20, 4, 1) → t 1.4907, df 11.31, p 0.1634
//	stats.Holm([0.01 0.04 0.03 0.005]) → [0.03 0.06 0.06 0.02]
//
// VsRest takes a banner table, table[item] = one Group{Label, N, Mean, SD}
// per state, tests each group against the other respondents of the item, and
// corrects all p-values of the table together:
//
//	A n=40 mean 4.2 | B n=40 mean 3.0 | C n=3 mean 1.0
//	→ A Higher, B Lower, C Skip=SmallGroup (never marked)
//
// # Weights
//
// Rake fits weights to population margins given as Go maps (parsing them is
// the caller's job):
//
//	rows:    m/N ×1, m/S ×2, f/N ×3, f/S ×2
//	margins: {"sex": {"m": 600, "f": 400}, "region": {"N": 300, "S": 200}}
//	→ weights m/N 2.4, m/S 1.2, f/N 0.8, f/S 0.4 (mean 1), Kish n_eff 5.88
//
// A category in the data but not in the margins is ErrNoMargin, a margin
// category without respondents ErrNoRespondents, margins that cannot be met
// a *ConvergenceError with the last weights.
package stats
