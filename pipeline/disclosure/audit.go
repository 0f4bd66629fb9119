package disclosure

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Audit is the check of a protection as τ-ARGUS audits one: for every
// hidden count, the interval of values consistent with everything the
// tables print, by linear programming.
type Audit struct {
	// Hidden is the number of hidden counts audited.
	Hidden int
	// Narrowest is the smallest width hi − lo of a hidden count's interval
	// (0 when nothing is hidden), MinUpper the smallest upper bound of a
	// count below MinN.
	Narrowest, MinUpper float64
	// Intervals per hidden count, by its place.
	Intervals []Interval
}

// Interval is what an attacker can know of one hidden count.
type Interval struct {
	Cell   string // the count, as "what event {dimension=code, …}"
	Value  int
	Lo, Hi float64
}

// audit computes the interval of every hidden printed count.
//
// The programme: every count hidden or printed nowhere is a variable, at
// least 1 when hidden (zeros are shown, so a "." is somebody) and at
// least 0 when unprinted; every line of every cross table is an equation,
// cells minus margin = 0, with the printed counts on the right; and a
// count of answers is at most the count of respondents of its group.
// Minimise and maximise each hidden count. To stay fast, the answers of
// each item are solved with the respondents of its event, not with every
// other item at once, and a respondents' count takes the narrowest of
// those intervals.
func (p *protection) audit() (Audit, error) {
	a := Audit{Narrowest: math.Inf(1), MinUpper: math.Inf(1)}
	unknown := func(k key) bool {
		_, printed := p.printed[k]
		return p.hide[k] || !printed
	}
	// Cross tables by base.
	byBase := map[base][]*cross{}
	var bases []base
	for _, x := range p.grids {
		if byBase[x.b] == nil {
			bases = append(bases, x.b)
		}
		byBase[x.b] = append(byBase[x.b], x)
	}
	sort.Slice(bases, func(i, j int) bool {
		return bases[i].event+bases[i].of+bases[i].item < bases[j].event+bases[j].of+bases[j].item
	})
	intervals := map[key][2]float64{}
	narrow := func(k key, lo, hi float64) {
		if old, ok := intervals[k]; ok {
			lo, hi = math.Max(lo, old[0]), math.Min(hi, old[1])
		}
		intervals[k] = [2]float64{lo, hi}
	}
	for _, b := range bases {
		if p.small(b.event) {
			continue // nothing of it is shown
		}
		var group []*cross
		group = append(group, byBase[b]...)
		people := base{event: b.event, of: Respondents}
		if b.of != Respondents {
			group = append(group, byBase[people]...)
		} else if len(bases) > 1 {
			// Respondents alone are solved as well, for events with no
			// answers tables.
		}
		iv, err := p.solve(group, unknown)
		if err != nil {
			return a, fmt.Errorf("disclosure: audit of %s: %w", b.of, err)
		}
		for k, v := range iv {
			if b.of == Respondents || k.base != people {
				narrow(k, v[0], v[1])
			} else {
				narrow(k, v[0], v[1])
			}
		}
	}
	var keys []key
	for k := range intervals {
		if p.hide[k] && p.printed[k] != nil {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	var bad []string
	for _, k := range keys {
		iv := intervals[k]
		v := p.value[k]
		a.Hidden++
		a.Intervals = append(a.Intervals, Interval{Cell: k.String(), Value: v, Lo: iv[0], Hi: iv[1]})
		a.Narrowest = math.Min(a.Narrowest, iv[1]-iv[0])
		if p.rule.Hide(v) {
			a.MinUpper = math.Min(a.MinUpper, iv[1])
		}
		if !p.rule.Protects(v, iv[0], iv[1]) {
			bad = append(bad, fmt.Sprintf("%s: %g to %g", k, iv[0], iv[1]))
		}
	}
	if a.Hidden == 0 {
		a.Narrowest, a.MinUpper = 0, 0
	}
	if math.IsInf(a.MinUpper, 1) {
		a.MinUpper = 0
	}
	if len(bad) > 0 {
		return a, &AuditError{Rule: p.rule, Cells: bad}
	}
	return a, nil
}

// AuditError: hidden counts an attacker could narrow down too far.
type AuditError struct {
	Rule  Rule
	Cells []string
}

func (e *AuditError) Error() string {
	more := ""
	cells := e.Cells
	if len(cells) > 5 {
		cells, more = cells[:5], fmt.Sprintf(" and %d more", len(e.Cells)-5)
	}
	return fmt.Sprintf("disclosure: audit: %d hidden counts can be narrowed down to less than ±%d or to below %d (%v%s): not published",
		len(e.Cells), Margin, e.Rule.MinN, cells, more)
}

// solve bounds every unknown count of the cross tables given, which must
// be of one event: their lines as equations, and answers at most the
// respondents of the same group.
func (p *protection) solve(group []*cross, unknown func(key) bool) (map[key][2]float64, error) {
	idx := map[key]int{}
	var vars []key
	add := func(k key) {
		if _, ok := idx[k]; !ok && unknown(k) {
			idx[k] = len(vars)
			vars = append(vars, k)
		}
	}
	for _, x := range group {
		for i := range x.keys {
			for _, k := range x.keys[i] {
				add(k)
			}
		}
	}
	if len(vars) == 0 {
		return nil, nil
	}
	lb := make([]float64, len(vars))
	for i, k := range vars {
		if p.printed[k] != nil {
			lb[i] = 1 // hidden: somebody
		}
	}
	// Equations over y = x − lb ≥ 0.
	var eqRows [][]float64
	var eqB []float64
	seen := map[string]bool{}
	for _, x := range group {
		for _, l := range x.lines() {
			row := make([]float64, len(vars))
			rhs := 0.0
			sig := ""
			any := false
			for n, e := range l {
				k := x.keys[e[0]][e[1]]
				sign := 1.0
				if n == len(l)-1 {
					sign = -1
				}
				if j, ok := idx[k]; ok {
					row[j] += sign
					rhs -= sign * lb[j]
					any = true
				} else {
					rhs -= sign * float64(p.value[k])
				}
				sig += fmt.Sprintf("%v%g;", k, sign)
			}
			if !any || seen[sig] {
				continue
			}
			seen[sig] = true
			eqRows = append(eqRows, row)
			eqB = append(eqB, rhs)
		}
	}
	// Inequalities: answers ≤ respondents of the same group.
	var inRows [][]float64
	var inH []float64
	for k, j := range idx {
		if k.of == Respondents {
			continue
		}
		pk := key{base{k.event, Respondents, ""}, k.dims}
		row := make([]float64, len(vars))
		row[j] = 1
		rhs := -lb[j]
		if pj, ok := idx[pk]; ok {
			row[pj] = -1
			rhs += lb[pj]
		} else if v, ok := p.value[pk]; ok {
			rhs += float64(v)
		} else {
			continue
		}
		inRows = append(inRows, row)
		inH = append(inH, rhs)
	}
	eqRows, eqB = independent(eqRows, eqB)
	out := map[key][2]float64{}
	for j, k := range vars {
		if p.printed[k] == nil {
			continue // only printed (hidden) counts are reported
		}
		var lohi [2]float64
		for s, sign := range []float64{1, -1} {
			c := make([]float64, len(vars))
			c[j] = sign
			v, err := minimise(c, inRows, inH, eqRows, eqB)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			if math.IsInf(v, -1) {
				lohi[s] = math.Inf(int(-sign))
				continue
			}
			lohi[s] = sign*v + lb[j]
		}
		out[k] = lohi
	}
	return out, nil
}

// minimise solves min cᵀy s.t. G y ≤ h, A y = b, y ≥ 0; −Inf when
// unbounded.
func minimise(c []float64, g [][]float64, h []float64, a [][]float64, b []float64) (float64, error) {
	n := len(c)
	// Standard form: y ≥ 0 already; slacks for the inequalities.
	m := len(a) + len(g)
	cols := n + len(g)
	A := mat.NewDense(m, cols, nil)
	rhs := make([]float64, m)
	for i, row := range a {
		for j, v := range row {
			A.Set(i, j, v)
		}
		rhs[i] = b[i]
	}
	for i, row := range g {
		r := len(a) + i
		for j, v := range row {
			A.Set(r, j, v)
		}
		A.Set(r, n+i, 1)
		rhs[r] = h[i]
	}
	// Rows with a negative right side are negated: Simplex wants b ≥ 0
	// for its phase one.
	for i := range m {
		if rhs[i] < 0 {
			rhs[i] = -rhs[i]
			for j := range cols {
				A.Set(i, j, -A.At(i, j))
			}
		}
	}
	cc := make([]float64, cols)
	copy(cc, c)
	v, _, err := lp.Simplex(cc, A, rhs, 1e-9, nil)
	switch err {
	case nil:
		return v, nil
	case lp.ErrUnbounded:
		return math.Inf(-1), nil
	}
	return 0, err
}

// independent drops equations that follow from the others (the lines of
// a table with margins add up to the same grand total twice): the simplex
// wants a matrix of full row rank. Gaussian elimination with partial
// pivoting, on copies.
func independent(rows [][]float64, b []float64) ([][]float64, []float64) {
	const eps = 1e-9
	m := make([][]float64, len(rows))
	for i, r := range rows {
		m[i] = append(append([]float64(nil), r...), b[i])
	}
	var keep []int
	used := make([]bool, len(m))
	if len(m) == 0 {
		return rows, b
	}
	n := len(m[0]) - 1
	for col := 0; col < n; col++ {
		piv, best := -1, eps
		for i := range m {
			if !used[i] && math.Abs(m[i][col]) > best {
				piv, best = i, math.Abs(m[i][col])
			}
		}
		if piv < 0 {
			continue
		}
		used[piv] = true
		keep = append(keep, piv)
		for i := range m {
			if i == piv || used[i] && false {
				continue
			}
			if !used[i] && m[i][col] != 0 {
				f := m[i][col] / m[piv][col]
				for j := col; j <= n; j++ {
					m[i][j] -= f * m[piv][j]
				}
			}
		}
	}
	sort.Ints(keep)
	outR := make([][]float64, 0, len(keep))
	outB := make([]float64, 0, len(keep))
	for _, i := range keep {
		outR = append(outR, rows[i])
		outB = append(outB, b[i])
	}
	return outR, outB
}
