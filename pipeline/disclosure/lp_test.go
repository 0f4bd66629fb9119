package disclosure

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
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

// TestBoundsDegenerateAudit: the programme of the generated mdk17
// LimeSurvey wave's audit (testdata/lp-mdk17.json.gz, written from
// testdata/mdk17-limesurvey.xlsx) is highly degenerate; rounding noise
// once made phase one pivot on entries of 1e−9 and run out of pivots.
// Its bounds of every 19th hidden count must equal GLPK's (gonum's
// simplex takes minutes on it).
func TestBoundsDegenerateAudit(t *testing.T) {
	testtool.Slow(t)
	needGLPK(t)
	f, err := os.Open("testdata/lp-mdk17.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		N      int
		LB     []float64
		Eq, Le [][3]json.RawMessage
		Want   []int
	}
	if err := json.NewDecoder(zr).Decode(&d); err != nil {
		t.Fatal(err)
	}
	rows := func(in [][3]json.RawMessage) []row {
		var out []row
		for _, r := range in {
			var x row
			for i, dst := range []any{&x.idx, &x.val, &x.rhs} {
				if err := json.Unmarshal(r[i], dst); err != nil {
					t.Fatal(err)
				}
			}
			out = append(out, x)
		}
		return out
	}
	p := programme{n: d.N, lb: d.LB, eq: rows(d.Eq), le: rows(d.Le)}
	var want []int
	for i := 0; i < len(d.Want); i += 19 {
		want = append(want, d.Want[i])
	}
	got, err := p.bounds(want, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, j := range want {
		g := glpk(t, t.TempDir(), p, j, false)
		for s := range 2 {
			if math.Abs(g[s]-got[i][s]) > 1e-6 {
				t.Errorf("hidden count %d: bounds %v, GLPK %v", j, got[i], g)
			}
		}
	}
	t.Logf("%d of %d hidden counts, %d equations, %d inequalities: bounds equal GLPK's", len(want), len(d.Want), len(p.eq), len(p.le))
}

// TestAuditBelievesCheckedPoints: the audit's bounds come only from
// points that satisfy the programme's own rows, so a tableau worn down by
// rounding cannot make a count look protected; an unbounded count is
// believed as far as a checked point out along its ray.
func TestAuditBelievesCheckedPoints(t *testing.T) {
	// x0 + x1 = 5 with x1 ≥ 3 (hidden: at least 1, here 3 known as lb):
	// x0 lies in 0..2.
	p := programme{n: 2, lb: []float64{0, 3}, eq: []row{{idx: []int{0, 1}, val: []float64{1, 1}, rhs: 5}}}
	tb, err := newTableau(p)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := tb.seenLo[0], tb.seenHi[0]
	tb.record([]float64{7, 0}) // 7 + 3 ≠ 5
	tb.record([]float64{-1, 3})
	if tb.seenLo[0] != lo || tb.seenHi[0] != hi {
		t.Errorf("points off the programme were believed: x0 seen %v..%v, was %v..%v", tb.seenLo[0], tb.seenHi[0], lo, hi)
	}
	tb.record([]float64{2, 0})
	tb.record([]float64{0, 2})
	if tb.seenLo[0] != 0 || tb.seenHi[0] != 2 {
		t.Errorf("x0 seen %v..%v, want 0..2", tb.seenLo[0], tb.seenHi[0])
	}
	// Wear the tableau down: the right side of every row doubled. The
	// walk now ends at points that break the rows; the audit keeps what
	// it checked.
	for i := range tb.m {
		tb.rowSlice(i)[tb.cols] *= 2
	}
	tb.see()
	if tb.seenHi[0] > 2 {
		t.Errorf("a vertex of the worn tableau was believed: x0 up to %v", tb.seenHi[0])
	}
	got, err := p.bounds([]int{0}, []float64{4}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != [2]float64{0, 2} {
		t.Errorf("audit bounds of x0 %v, want [0 2]", got[0])
	}

	// x0 − x1 = 0, x1 ≥ 1: x0 has no upper bound; the audit asked for 9
	// gets a checked point at 9 or more.
	p = programme{n: 2, lb: []float64{1, 1}, eq: []row{{idx: []int{0, 1}, val: []float64{1, -1}, rhs: 0}}}
	got, err = p.bounds([]int{0}, []float64{9}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if got[0][0] != 1 || got[0][1] < 9 || math.IsInf(got[0][1], 1) {
		t.Errorf("unbounded count: audit bounds %v, want 1 and a checked point ≥ 9", got[0])
	}
}
