package stats

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Errors of Rake's input; match them with errors.Is.
var (
	// ErrNoMargin: respondents have a category the margins do not list.
	// Raking cannot give them a weight; map the category (e.g. a typed-in
	// state) onto a listed one, or add it to the margins.
	ErrNoMargin = errors.New("category has respondents but no margin")
	// ErrNoRespondents: a margin category nobody in the sample belongs to.
	// No weight can make up for it; merge it with a neighbour.
	ErrNoRespondents = errors.New("margin category has no respondents")
)

// ConvergenceError is returned, together with the last weights, when Rake
// does not meet its tolerance: the margins cannot all be met at once (a
// combination the margins require is missing from the sample) or need more
// sweeps. The weights are then not to be used silently.
type ConvergenceError struct {
	Sweeps int
	MaxDev float64 // largest |weighted share − target share| after the last sweep
}

func (e *ConvergenceError) Error() string {
	return fmt.Sprintf("raking did not converge in %d sweeps: a weighted share is still %.3g off its margin", e.Sweeps, e.MaxDev)
}

// Rake fits respondent weights to population margins by iterative
// proportional fitting: for each variable in turn (sorted by name) the
// weights of each category are scaled so the weighted shares equal the
// margin's shares, and sweeps repeat until every share of every variable is
// within tol (absolute, e.g. 1e-6 = 0.0001 percentage points) or maxIter
// sweeps are done.
//
// rows[i][variable] is respondent i's category; a missing key is category
// "". margins[variable][category] are population counts or shares; only
// their proportions matter, so each variable may come from a different
// source and total. The weights average 1, so weighted counts stay on the
// sample's scale (Σw = n). They are not trimmed: look at the n_eff RakedMean gives.
func Rake(rows []map[string]string, margins map[string]map[string]float64, maxIter int, tol float64) ([]float64, error) {
	if len(rows) == 0 {
		return nil, errors.New("rake: no respondents")
	}
	if len(margins) == 0 {
		return nil, errors.New("rake: no margins")
	}
	if maxIter < 1 || !(tol > 0) {
		return nil, fmt.Errorf("rake: need maxIter ≥ 1 and tol > 0, got %d and %g", maxIter, tol)
	}
	n := float64(len(rows))
	vars := sortedKeys(margins)

	// For each variable: its categories' target shares and each
	// respondent's category index.
	type dim struct {
		share []float64
		cat   []int
	}
	dims := make([]dim, len(vars))
	var errs []error
	for d, v := range vars {
		cats := sortedKeys(margins[v])
		pos := make(map[string]int, len(cats))
		var sum float64
		for k, c := range cats {
			pos[c] = k
			x := margins[v][c]
			if !(x > 0) || math.IsInf(x, 1) {
				errs = append(errs, fmt.Errorf("rake: %s %q: margin %g is not a positive number", v, c, x))
			}
			sum += x
		}
		dims[d].share = make([]float64, len(cats))
		for k, c := range cats {
			dims[d].share[k] = margins[v][c] / sum
		}
		dims[d].cat = make([]int, len(rows))
		seen := make([]int, len(cats))
		unknown := map[string]int{}
		for i, row := range rows {
			k, ok := pos[row[v]]
			if !ok {
				unknown[row[v]]++
				continue
			}
			dims[d].cat[i] = k
			seen[k]++
		}
		for _, c := range sortedKeys(unknown) {
			errs = append(errs, fmt.Errorf("rake: %s %q (n=%d): %w", v, c, unknown[c], ErrNoMargin))
		}
		for k, c := range cats {
			if seen[k] == 0 {
				errs = append(errs, fmt.Errorf("rake: %s %q: %w", v, c, ErrNoRespondents))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	w := make([]float64, len(rows))
	for i := range w {
		w[i] = 1
	}
	totals := func(d dim) []float64 {
		t := make([]float64, len(d.share))
		for i, k := range d.cat {
			t[k] += w[i]
		}
		return t
	}
	var dev float64
	for range maxIter {
		for _, d := range dims {
			t := totals(d)
			for i, k := range d.cat {
				w[i] *= d.share[k] * n / t[k]
			}
		}
		dev = 0
		for _, d := range dims {
			for k, t := range totals(d) {
				dev = math.Max(dev, math.Abs(t/n-d.share[k]))
			}
		}
		if dev < tol {
			break
		}
	}
	// Each step keeps Σw = n; rescale only to undo rounding drift.
	var sum float64
	for _, x := range w {
		sum += x
	}
	for i := range w {
		w[i] *= n / sum
	}
	if dev >= tol {
		return w, &ConvergenceError{Sweeps: maxIter, MaxDev: dev}
	}
	return w, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
