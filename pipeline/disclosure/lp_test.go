package disclosure

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// randomProgramme is a feasible programme like the audit's: two cross
// tables of random counts (answers ≤ respondents cell by cell), a random
// part of the counts unknown, every line an equation.
func randomProgramme(rng *rand.Rand) programme {
	R, C := 2+rng.IntN(4), 2+rng.IntN(5)
	var p programme
	type ent struct{ v, j int } // j: variable or −1
	tables := make([][][]ent, 2)
	for t := range tables {
		tables[t] = make([][]ent, R+1)
		for i := range tables[t] {
			tables[t][i] = make([]ent, C+1)
		}
	}
	for i := range R {
		for j := range C {
			r := rng.IntN(12)
			if rng.IntN(4) == 0 {
				r = 0
			}
			a := rng.IntN(r + 1)
			tables[0][i][j].v, tables[1][i][j].v = r, a
		}
	}
	for t := range tables {
		x := tables[t]
		for i := range R {
			for j := range C {
				x[i][C].v += x[i][j].v
				x[R][j].v += x[i][j].v
				x[R][C].v += x[i][j].v
			}
		}
		for i := range x {
			for j := range x[i] {
				x[i][j].j = -1
				if rng.IntN(3) == 0 && x[i][j].v > 0 {
					x[i][j].j = p.n
					p.n++
					p.lb = append(p.lb, 1)
				}
			}
		}
		line := func(es []ent) {
			var r row
			for n, e := range es {
				s := 1.0
				if n == len(es)-1 {
					s = -1
				}
				if e.j >= 0 {
					r.idx, r.val = append(r.idx, e.j), append(r.val, s)
				} else {
					r.rhs -= s * float64(e.v)
				}
			}
			if len(r.idx) > 0 {
				p.eq = append(p.eq, r)
			}
		}
		for i := 0; i <= R; i++ {
			line(x[i])
		}
		for j := 0; j <= C; j++ {
			var col []ent
			for i := 0; i <= R; i++ {
				col = append(col, x[i][j])
			}
			line(col)
		}
	}
	for i := 0; i <= R; i++ {
		for j := 0; j <= C; j++ {
			a, r := tables[1][i][j], tables[0][i][j]
			if a.j < 0 {
				continue
			}
			rw := row{idx: []int{a.j}, val: []float64{1}}
			if r.j >= 0 {
				rw.idx, rw.val = append(rw.idx, r.j), append(rw.val, -1)
			} else {
				rw.rhs = float64(r.v)
			}
			p.le = append(p.le, rw)
		}
	}
	return p
}

// gonumBounds solves each bound from scratch with gonum's simplex.
func gonumBounds(t *testing.T, p programme, j int) [2]float64 {
	m := len(p.eq) + len(p.le)
	cols := p.n + len(p.le)
	A := mat.NewDense(m, cols, nil)
	b := make([]float64, m)
	for i, r := range append(append([]row(nil), p.eq...), p.le...) {
		v := r.rhs
		for k, x := range r.idx {
			A.Set(i, x, A.At(i, x)+r.val[k])
			v -= r.val[k] * p.lb[x]
		}
		if i >= len(p.eq) {
			A.Set(i, p.n+i-len(p.eq), 1)
		}
		b[i] = v
		if v < 0 {
			b[i] = -v
			for c := range cols {
				A.Set(i, c, -A.At(i, c))
			}
		}
	}
	// Drop dependent rows: gonum wants full row rank.
	var keep []int
	var qr mat.Dense
	for i := range m {
		try := append(append([]int(nil), keep...), i)
		qr.Reset()
		sub := mat.NewDense(len(try), cols+1, nil)
		for k, r := range try {
			for c := range cols {
				sub.Set(k, c, A.At(r, c))
			}
			sub.Set(k, cols, b[r])
		}
		var svd mat.SVD
		svd.Factorize(sub, mat.SVDNone)
		if svd.Rank(1e-9) == len(try) {
			keep = append(keep, i)
		}
	}
	Ak := mat.NewDense(len(keep), cols, nil)
	bk := make([]float64, len(keep))
	for k, r := range keep {
		for c := range cols {
			Ak.Set(k, c, A.At(r, c))
		}
		bk[k] = b[r]
	}
	var out [2]float64
	for s, sign := range []float64{1, -1} {
		c := make([]float64, cols)
		c[j] = sign
		v, _, err := lp.Simplex(c, Ak, bk, 1e-10, nil)
		switch err {
		case nil:
			out[s] = sign*v + p.lb[j]
		case lp.ErrUnbounded:
			out[s] = math.Inf(int(-sign))
		default:
			t.Fatalf("gonum: %v", err)
		}
	}
	return out
}

// TestBoundsMatchGonum: the warm-started simplex finds the same bounds as
// gonum's, solved from scratch for each, on 300 random programmes.
func TestBoundsMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	n := 100
	if testing.Short() {
		n = 30
	}
	checked := 0
	for range n {
		p := randomProgramme(rng)
		if p.n == 0 {
			continue
		}
		want := make([]int, p.n)
		for j := range want {
			want[j] = j
		}
		got, err := p.bounds(want, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for j := range want {
			g := gonumBounds(t, p, j)
			for s := range 2 {
				if math.IsInf(g[s], 0) != math.IsInf(got[j][s], 0) || !math.IsInf(g[s], 0) && math.Abs(g[s]-got[j][s]) > 1e-6 {
					t.Fatalf("variable %d of %d: bounds %v, gonum %v", j, p.n, got[j], g)
				}
			}
			checked++
		}
	}
	if checked < n {
		t.Fatalf("only %d bounds checked", checked)
	}
}

// TestBoundsInfeasible: tables that contradict each other are an error,
// not an interval.
func TestBoundsInfeasible(t *testing.T) {
	p := programme{n: 2, lb: []float64{1, 1}, eq: []row{{idx: []int{0, 1}, val: []float64{1, 1}, rhs: 1}}}
	if _, err := p.bounds([]int{0}, nil, 0); err != errNoSolution {
		t.Fatalf("err = %v, want errNoSolution", err)
	}
}
