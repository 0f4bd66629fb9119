package disclosure

import "testing"

// Programme is the adversary's linear programme for the report-level
// adversary (report_adversary_test.go, package disclosure_test, which
// imports the pipeline): the same simplex and GLPK cross-check as
// TestAdversary's.
type Programme struct{ p programme }

// Var adds a variable x ≥ lb and returns its index.
func (P *Programme) Var(lb float64) int {
	P.p.lb = append(P.p.lb, lb)
	P.p.n++
	return P.p.n - 1
}

// Eq adds Σ val·x[idx] = rhs, Le adds Σ val·x[idx] ≤ rhs.
func (P *Programme) Eq(idx []int, val []float64, rhs float64) {
	P.p.eq = append(P.p.eq, row{idx: idx, val: val, rhs: rhs})
}

func (P *Programme) Le(idx []int, val []float64, rhs float64) {
	P.p.le = append(P.p.le, row{idx: idx, val: val, rhs: rhs})
}

// Bounds are the least and greatest value of each variable in want.
func (P *Programme) Bounds(want []int) ([][2]float64, error) { return P.p.bounds(want, nil, 0) }

// Integer solves min and max of variable j over whole numbers with glpsol.
func (P *Programme) Integer(t *testing.T, dir string, j int) [2]float64 {
	return glpk(t, dir, P.p, j, true)
}

// NeedGLPK fails in CI and skips elsewhere when glpsol is missing.
func NeedGLPK(t *testing.T) { needGLPK(t) }
