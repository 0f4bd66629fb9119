package disclosure

import (
	"errors"
	"math"
	"slices"
)

// The audit's linear programmes are small and all alike: counts with a
// lower bound (1 for a hidden one, 0 for one printed nowhere), equations
// that a line of cells adds up to its margin, and inequalities that the
// answers of a group are at most its respondents. Each is solved for the
// least and the greatest value of every hidden count — twice as many
// objectives as unknowns over one feasible region. So the solver is a
// dense-tableau simplex that finds a feasible basis once (phase one) and
// then walks from each optimum to the next objective's (phase two, warm
// started): a few pivots per objective instead of a solve from scratch,
// each pivot touching only the nonzero entries of its row and column.
// The walk for the greatest value stops once it is high enough to
// protect the count, and the one for the least once the interval is wide
// enough (see bounds). gonum's lp.Simplex, solving every bound from
// scratch, took 15 s of CPU for the sample's 250 hidden counts; this
// takes about 1 s for both rounds of the sample's audit (389 rows, 704
// columns, 9,000 pivots). The mdk17 wave's programme (936 rows, 677
// counts, testdata/lp-mdk17.json.gz) is denser: 27,000 pivots, ≈35 s.

// row is one constraint: Σ val[k]·x[idx[k]] (= or ≤) rhs.
type row struct {
	idx []int
	val []float64
	rhs float64
}

// programme: equations eq, inequalities le, x ≥ lb.
type programme struct {
	n  int
	lb []float64
	eq []row
	le []row
}

var (
	errNoSolution = errors.New("the published tables contradict each other")
	errPivots     = errors.New("simplex: no optimum after many pivots")
)

// tableau is the simplex tableau of a programme in y = x − lb ≥ 0 with a
// slack per inequality: m rows of width cols+1 (the last entry is the
// right side), basis[i] the column basic in row i, and d the reduced
// costs of the current objective.
type tableau struct {
	m, cols int
	t       []float64
	basis   []int
	rowOf   []int // the row a column is basic in, −1
	d       []float64
	banned  []bool // columns that may not enter (artificials after phase one)
	// The least and greatest value of each structural variable over the
	// points visited so far that satisfy the programme itself (checked
	// against its rows, not the tableau's: nil during phase one). A walk
	// towards one objective passes points that answer others, and an
	// audit that only believes checked points cannot be fooled by
	// rounding into calling a count protected.
	seenLo, seenHi []float64
	prog           *programme
	point          []float64 // scratch: the current point
}

const (
	lpEps  = 1e-9
	lpSnap = 1e-11
	// Smallest pivot element: dividing by less multiplies rounding
	// errors past what the snapping above can absorb.
	lpPivot = 1e-7
	// Feasibility slack of the ratio test (Harris).
	lpHarris = 1e-9
	// How far a checked point may miss a row: far below one person.
	lpCheck = 1e-6
)

func (tb *tableau) at(i, j int) float64 { return tb.t[i*(tb.cols+1)+j] }
func (tb *tableau) rowSlice(i int) []float64 {
	return tb.t[i*(tb.cols+1) : (i+1)*(tb.cols+1)]
}

// newTableau builds the tableau of p with a feasible basis, or
// errNoSolution.
func newTableau(p programme) (*tableau, error) {
	nv, ns := p.n, len(p.le)
	m := len(p.eq) + len(p.le)
	// An artificial for every equation and for every inequality whose
	// right side, after the shift by lb, is negative.
	rhs := make([]float64, m)
	neg := make([]bool, m)
	all := append(append([]row(nil), p.eq...), p.le...)
	na := 0
	for i, r := range all {
		v := r.rhs
		for k, j := range r.idx {
			v -= r.val[k] * p.lb[j]
		}
		rhs[i] = v
		neg[i] = v < 0
		if i < len(p.eq) || neg[i] {
			na++
		}
	}
	cols := nv + ns + na
	tb := &tableau{m: m, cols: cols, t: make([]float64, m*(cols+1)), basis: make([]int, m), rowOf: make([]int, cols), banned: make([]bool, cols)}
	for j := range tb.rowOf {
		tb.rowOf[j] = -1
	}
	a := nv + ns
	for i, r := range all {
		s := 1.0
		if neg[i] {
			s = -1
		}
		ri := tb.rowSlice(i)
		for k, j := range r.idx {
			ri[j] += s * r.val[k]
		}
		ri[cols] = s * rhs[i]
		if i >= len(p.eq) {
			ri[nv+i-len(p.eq)] = s
		}
		if i < len(p.eq) || neg[i] {
			ri[a] = 1
			tb.basis[i] = a
			a++
		} else {
			tb.basis[i] = nv + i - len(p.eq)
		}
		tb.rowOf[tb.basis[i]] = i
	}
	// Phase one: minimise the sum of the artificials.
	tb.d = make([]float64, cols+1)
	for i := range m {
		if tb.basis[i] >= nv+ns {
			ri := tb.rowSlice(i)
			for j := range nv + ns {
				tb.d[j] -= ri[j]
			}
			tb.d[cols] -= ri[cols]
		}
	}
	if _, _, err := tb.optimise(nil, 20*(m+cols)+1000); err != nil {
		return nil, err
	}
	if -tb.d[cols] > 1e-7 {
		return nil, errNoSolution
	}
	// Drive the artificials out of the basis; a row where none can be is
	// implied by the others and goes.
	for j := nv + ns; j < cols; j++ {
		tb.banned[j] = true
	}
	var drop []int
	for i := range m {
		if tb.basis[i] < nv+ns {
			continue
		}
		// The artificial is at zero (phase one ended there), so the pivot
		// is degenerate; on the largest entry, because a tiny one would
		// multiply what rounding left of that zero and make other rows
		// infeasible.
		ri := tb.rowSlice(i)
		ri[cols] = 0
		piv, big := -1, 1e-7
		for j := range nv + ns {
			if a := math.Abs(ri[j]); a > big {
				piv, big = j, a
			}
		}
		if piv < 0 {
			drop = append(drop, i)
			continue
		}
		tb.pivot(i, piv)
	}
	tb.dropRows(drop)
	tb.dropArtificials(nv + ns)
	tb.prog, tb.point = &p, make([]float64, nv)
	tb.seenLo, tb.seenHi = make([]float64, nv), make([]float64, nv)
	for j := range nv {
		tb.seenLo[j], tb.seenHi[j] = math.Inf(1), math.Inf(-1)
	}
	tb.see()
	return tb, nil
}

// dropArtificials narrows the tableau to its first keep columns once no
// artificial is basic: they may not enter again, and every pivot would
// still update them.
func (tb *tableau) dropArtificials(keep int) {
	w, nw := tb.cols+1, keep+1
	for i := range tb.m {
		src := tb.t[i*w : (i+1)*w]
		dst := tb.t[i*nw : (i+1)*nw]
		rhs := src[tb.cols]
		copy(dst, src[:keep])
		dst[keep] = rhs
	}
	tb.t = tb.t[:tb.m*nw]
	tb.cols = keep
	tb.rowOf, tb.banned = tb.rowOf[:keep], tb.banned[:keep]
	tb.d = make([]float64, nw)
}

// dropRows removes rows (their basic columns being artificials).
func (tb *tableau) dropRows(drop []int) {
	if len(drop) == 0 {
		return
	}
	w := tb.cols + 1
	skip := map[int]bool{}
	for _, i := range drop {
		skip[i] = true
		tb.rowOf[tb.basis[i]] = -1
	}
	k := 0
	for i := range tb.m {
		if skip[i] {
			continue
		}
		copy(tb.t[k*w:(k+1)*w], tb.t[i*w:(i+1)*w])
		tb.basis[k] = tb.basis[i]
		tb.rowOf[tb.basis[k]] = k
		k++
	}
	tb.m = k
	tb.t = tb.t[:k*w]
	tb.basis = tb.basis[:k]
}

// pivot makes column j basic in row r, updating the rows and d.
func (tb *tableau) pivot(r, j int) {
	w := tb.cols + 1
	pr := tb.rowSlice(r)
	inv := 1 / pr[j]
	var nz []int
	for k := range w {
		if pr[k] != 0 {
			pr[k] *= inv
			if math.Abs(pr[k]) < 1e-12 {
				pr[k] = 0
				continue
			}
			nz = append(nz, k)
		}
	}
	pr[j] = 1
	update := func(x []float64) {
		f := x[j]
		if f == 0 {
			return
		}
		for _, k := range nz {
			// Snapping what rounding leaves of a zero keeps degenerate
			// pivots recognisable: a right side of −1e−13 would otherwise
			// give a negative ratio, and 1e−12 a "progress" that resets
			// the anti-cycling rule below.
			if v := x[k] - f*pr[k]; math.Abs(v) < lpSnap {
				x[k] = 0
			} else {
				x[k] = v
			}
		}
		x[j] = 0
	}
	for i := range tb.m {
		if i != r {
			update(tb.t[i*w : (i+1)*w])
		}
	}
	update(tb.d)
	tb.rowOf[tb.basis[r]] = -1
	tb.basis[r] = j
	tb.rowOf[j] = r
	if tb.seenLo != nil {
		tb.see()
	}
}

// see records the current vertex if it satisfies the programme.
func (tb *tableau) see() {
	y := tb.point
	clear(y)
	for i, b := range tb.basis {
		if b < len(y) {
			y[b] = tb.at(i, tb.cols)
		}
	}
	tb.record(y)
}

// record adds point y (in y = x − lb) to the seen ranges if it satisfies
// every row of the programme, within rounding.
func (tb *tableau) record(y []float64) {
	p := tb.prog
	for _, v := range y {
		if v < -lpCheck {
			return
		}
	}
	sum := func(r row) float64 {
		v := 0.0
		for k, j := range r.idx {
			v += r.val[k] * (y[j] + p.lb[j])
		}
		return v
	}
	for _, r := range p.eq {
		if math.Abs(sum(r)-r.rhs) > lpCheck {
			return
		}
	}
	for _, r := range p.le {
		if sum(r) > r.rhs+lpCheck {
			return
		}
	}
	for j, v := range y {
		tb.seenLo[j] = math.Min(tb.seenLo[j], v)
		tb.seenHi[j] = math.Max(tb.seenHi[j], v)
	}
}

// optimise pivots until no reduced cost is negative: the largest
// decrease first, Bland's rule after a run of degenerate pivots (so it
// cannot cycle). It reports false when the objective is unbounded below.
// It stops early, as if optimal, once enough (if not nil) says so, and
// fails after limit pivots. When unbounded, ray is the column that can
// grow without end.
func (tb *tableau) optimise(enough func() bool, limit int) (ok bool, ray int, err error) {
	degenerate := 0
	for iter := 0; ; iter++ {
		if enough != nil && enough() {
			return true, -1, nil
		}
		if iter > limit {
			return false, -1, errPivots
		}
		bland := degenerate > 20
		enter := -1
		best := -lpEps
		for j := range tb.cols {
			if tb.banned[j] || tb.rowOf[j] >= 0 {
				continue
			}
			if dj := tb.d[j]; dj < best {
				enter, best = j, dj
				if bland {
					break
				}
			}
		}
		if enter < 0 {
			return true, -1, nil
		}
		// Harris's ratio test: the bound the step may take, each right
		// side relaxed by lpHarris; then, of the rows within it, the
		// largest pivot element (the smallest basic column under Bland's
		// rule), so no pivot divides by a sliver.
		bound := math.Inf(1)
		for i := range tb.m {
			if a := tb.at(i, enter); a > lpPivot {
				bound = math.Min(bound, (math.Max(tb.at(i, tb.cols), 0)+lpHarris)/a)
			}
		}
		if math.IsInf(bound, 1) {
			return false, enter, nil
		}
		leave, big := -1, 0.0
		var ratio float64
		for i := range tb.m {
			a := tb.at(i, enter)
			if a <= lpPivot {
				continue
			}
			q := math.Max(tb.at(i, tb.cols), 0) / a
			if q > bound {
				continue
			}
			if leave < 0 || (bland && tb.basis[i] < tb.basis[leave]) || (!bland && a > big) {
				leave, big, ratio = i, a, q
			}
		}
		if ratio < lpEps {
			degenerate++
		} else {
			degenerate = 0
		}
		tb.pivot(leave, enter)
	}
}

// value is y_j at the current basis.
func (tb *tableau) value(j int) float64 {
	if r := tb.rowOf[j]; r >= 0 {
		return tb.at(r, tb.cols)
	}
	return 0
}

// extreme returns the least (sign 1) or greatest (sign −1) value of y_j
// over the region, starting from the current basis; ±Inf when unbounded.
// The search stops at the first vertex beyond stop (in the direction of
// sign; ±Inf: never) and returns its value.
func (tb *tableau) extreme(j int, sign, stop float64) (float64, error) {
	// Reduced costs of the objective sign·y_j at the current basis.
	for k := range tb.d {
		tb.d[k] = 0
	}
	if r := tb.rowOf[j]; r >= 0 {
		ri := tb.rowSlice(r)
		for k := range tb.cols + 1 {
			tb.d[k] = -sign * ri[k]
		}
		tb.d[j] = 0
	} else {
		tb.d[j] = sign
	}
	ok, ray, err := tb.optimise(func() bool { return sign*(tb.value(j)-stop) <= 0 }, 2*(tb.m+tb.cols)+200)
	if err != nil {
		return 0, err
	}
	if !ok {
		tb.walk(ray, j, stop)
		return math.Inf(int(-sign)), nil
	}
	return tb.value(j), nil
}

// walk records the point out along the unbounded column ray where y_j
// reaches stop (if finite), so an audit believes the unbounded greatest
// value only as far as a checked point shows it.
func (tb *tableau) walk(ray, j int, stop float64) {
	if math.IsInf(stop, 0) || j >= len(tb.point) {
		return
	}
	// y_j grows at rate per unit of the ray column.
	rate := 0.0
	if j == ray {
		rate = 1
	} else if r := tb.rowOf[j]; r >= 0 {
		rate = -tb.at(r, ray)
	}
	if rate <= 0 {
		return
	}
	step := math.Max(0, (stop-tb.value(j))/rate) + 1
	y := tb.point
	clear(y)
	for i, b := range tb.basis {
		if b < len(y) {
			y[b] = tb.at(i, tb.cols) - tb.at(i, ray)*step
		}
	}
	if ray < len(y) {
		y[ray] = step
	}
	tb.record(y)
}

// bounds returns the least and greatest value of each variable in want.
// With reach (if not nil) the search for the greatest value of want[i]
// ends once it reaches reach[i], and the search for the least once it is
// span below the greatest: the audit needs to know no more, and most
// hidden counts get there in a few pivots.
func (p programme) bounds(want []int, reach []float64, span float64) ([][2]float64, error) {
	out := make([][2]float64, len(want))
	if len(want) == 0 {
		return out, nil
	}
	tb, err := newTableau(p)
	if err != nil {
		return nil, err
	}
	if reach == nil {
		for i, j := range want {
			hi, err := tb.extreme(j, -1, math.Inf(1))
			if err != nil {
				return nil, err
			}
			lo, err := tb.extreme(j, 1, math.Inf(-1))
			if err != nil {
				return nil, err
			}
			out[i] = [2]float64{lo + p.lb[j], hi + p.lb[j]}
		}
		return out, nil
	}
	// The audit: each bound is the farthest checked point. A walk that
	// runs out of pivots (rounding has worn the tableau down) starts the
	// next one from the tableau phase one left; the count keeps the
	// interval its checked points show, which can only make the audit
	// hide more.
	start := tb.clone()
	for i, j := range want {
		hiStop := reach[i] - p.lb[j]
		if tb.seenHi[j] < hiStop {
			if _, err := tb.extreme(j, -1, hiStop); err != nil {
				tb.restore(start)
			}
		}
		hi := tb.seenHi[j]
		loStop := hi - span
		if tb.seenLo[j] > loStop {
			if _, err := tb.extreme(j, 1, loStop); err != nil {
				tb.restore(start)
			}
		}
		lo := tb.seenLo[j]
		out[i] = [2]float64{lo + p.lb[j], hi + p.lb[j]}
	}
	return out, nil
}

// clone copies the tableau's state, restore puts a copy's back.
func (tb *tableau) clone() *tableau {
	c := *tb
	c.t = slices.Clone(tb.t)
	c.basis = slices.Clone(tb.basis)
	c.rowOf = slices.Clone(tb.rowOf)
	return &c
}

func (tb *tableau) restore(c *tableau) {
	copy(tb.t, c.t)
	copy(tb.basis, c.basis)
	copy(tb.rowOf, c.rowOf)
}
