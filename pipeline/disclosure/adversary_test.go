package disclosure

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
)

// The adversary of #14: it knows the questionnaire (every state, sector
// and item, "not given" included), reads every number the tables print,
// takes a missing row for a zero and a "." for at least one person, and
// solves the linear programme over the people of every combination of
// groups (the atoms) for each hidden count. It shares nothing with the
// stage but the rule: not the cells, not the cross tables, not the
// pattern. Its integer programme is solved by GLPK (glpsol) for the
// narrowest counts.

// person is one respondent: "" = not given, answers 0 = not answered.
type person struct {
	state, sector string
	answers       []int
}

type survey struct {
	states, sectors, items []string
	people                 []person
}

// randomSurvey has n people, skewed over 2–4 states and 2–6 sectors so
// that small groups are common, some without state or sector, and 3 items
// on a 1–5 scale answered by most.
func randomSurvey(rng *rand.Rand, n int) survey {
	s := survey{items: []string{"i0", "i1", "i2"}}
	for k := range 2 + rng.IntN(3) {
		s.states = append(s.states, fmt.Sprintf("S%d", k))
	}
	for k := range 2 + rng.IntN(5) {
		s.sectors = append(s.sectors, fmt.Sprintf("B%d", k))
	}
	weights := func(k int) []float64 {
		w := make([]float64, k)
		for i := range w {
			w[i] = math.Pow(rng.Float64(), 2) + 0.02
		}
		return w
	}
	pick := func(codes []string, w []float64, none float64) string {
		if rng.Float64() < none {
			return ""
		}
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		u := rng.Float64() * sum
		for i, x := range w {
			if u -= x; u < 0 {
				return codes[i]
			}
		}
		return codes[len(codes)-1]
	}
	ws, wc := weights(len(s.states)), weights(len(s.sectors))
	noneS, noneC := 0.05*rng.Float64(), 0.05*rng.Float64()
	for range n {
		p := person{state: pick(s.states, ws, noneS), sector: pick(s.sectors, wc, noneC)}
		for range s.items {
			a := 0
			if rng.IntN(10) > 0 {
				a = 1 + rng.IntN(5)
			}
			p.answers = append(p.answers, a)
		}
		s.people = append(s.people, p)
	}
	return s
}

func code(c string) any {
	if c == "" {
		return nil
	}
	return c
}

// group is a set of people the tables print a row for: a state, a
// sector, both or neither ("*" = any), of one item (−1: respondents).
type group struct {
	item          int
	state, sector string
}

const anyGroup = "*"

func (g group) has(p person) bool {
	return (g.state == anyGroup || g.state == p.state) && (g.sector == anyGroup || g.sector == p.sector) &&
		(g.item < 0 || p.answers[g.item] > 0)
}

// stats are a row's figures: n, mean and a t interval (none for n < 2 or
// no spread, as the macros give).
func (s survey) stats(g group) (n int64, mean, lo, hi any) {
	var xs []float64
	for _, p := range s.people {
		if g.has(p) {
			n++
			if g.item >= 0 {
				xs = append(xs, float64(p.answers[g.item]))
			}
		}
	}
	if g.item < 0 || n == 0 {
		return n, nil, nil, nil
	}
	m, v := 0.0, 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(n)
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	if n < 2 || v == 0 {
		return n, m, nil, nil
	}
	se := math.Sqrt(v/float64(n-1)) / math.Sqrt(float64(n))
	t := Default.TQuantile(float64(n - 1))
	return n, m, m - t*se, m + t*se
}

// printed is one table as the tables test prints it, with the group of
// each row's count.
type printed struct {
	Table
	groups []group
}

// tables are the report's tables of s: participation by state × sector,
// by state, by sector and in all; the answers to each item by state ×
// sector, by state, by sector and in all (n, mean, interval); and a
// heatmap of means by state. Groups with nobody have no row.
func (s survey) tables() []printed {
	states := append(slices.Clone(s.states), "")
	sectors := append(slices.Clone(s.sectors), "")
	var out []printed
	add := func(name string, cols []string, spec string, wide *Spec, gs []group, row func(group, int64, any, any, any) []any) {
		t := printed{Table: Table{Name: name, Columns: cols}}
		if wide != nil {
			t.Spec = wide
		} else {
			var err error
			if t.Spec, err = ParseProtect(nil, spec); err != nil {
				panic(err)
			}
		}
		for _, g := range gs {
			n, m, lo, hi := s.stats(g)
			if n == 0 {
				continue
			}
			t.Rows = append(t.Rows, row(g, n, m, lo, hi))
			t.groups = append(t.groups, g)
		}
		out = append(out, t)
	}
	var cells, byState, bySector []group
	for _, st := range states {
		for _, sc := range sectors {
			cells = append(cells, group{-1, st, sc})
		}
		byState = append(byState, group{-1, st, anyGroup})
	}
	for _, sc := range sectors {
		bySector = append(bySector, group{-1, anyGroup, sc})
	}
	add("participation", []string{"state", "sector", "n"}, "n of=respondents by=state,sector", nil, cells,
		func(g group, n int64, _, _, _ any) []any { return []any{code(g.state), code(g.sector), n} })
	add("by_state", []string{"state", "n"}, "n of=respondents by=state", nil, byState,
		func(g group, n int64, _, _, _ any) []any { return []any{code(g.state), n} })
	add("by_sector", []string{"sector", "n"}, "n of=respondents by=sector", nil, bySector,
		func(g group, n int64, _, _, _ any) []any { return []any{code(g.sector), n} })
	add("total", []string{"n"}, "n of=respondents", nil, []group{{-1, anyGroup, anyGroup}},
		func(g group, n int64, _, _, _ any) []any { return []any{n} })
	items := func(gs []group) []group {
		var out []group
		for i := range s.items {
			for _, g := range gs {
				g.item = i
				out = append(out, g)
			}
		}
		return out
	}
	figs := []string{"n", "mean", "ci_low", "ci_high"}
	spec := " of=answers:need item=item values=mean,ci_low,ci_high"
	add("needs_cells", append([]string{"state", "sector", "item"}, figs...), "n"+spec+" by=state,sector", nil, items(cells),
		func(g group, n int64, m, lo, hi any) []any {
			return []any{code(g.state), code(g.sector), s.items[g.item], n, m, lo, hi}
		})
	add("needs_state", append([]string{"state", "item"}, figs...), "n"+spec+" by=state", nil, items(byState),
		func(g group, n int64, m, lo, hi any) []any {
			return []any{code(g.state), s.items[g.item], n, m, lo, hi}
		})
	add("needs_sector", append([]string{"sector", "item"}, figs...), "n"+spec+" by=sector", nil, items(bySector),
		func(g group, n int64, m, lo, hi any) []any {
			return []any{code(g.sector), s.items[g.item], n, m, lo, hi}
		})
	add("likert", append([]string{"item"}, figs...), "n"+spec, nil, items([]group{{-1, anyGroup, anyGroup}}),
		func(g group, n int64, m, lo, hi any) []any { return []any{s.items[g.item], n, m, lo, hi} })
	heat := &Spec{Counts: []Count{{Of: "answers:need", Item: "item"}}}
	cols := []string{"item"}
	for _, st := range s.states {
		heat.Wide = append(heat.Wide, Wide{Column: "mean_" + st, Codes: map[string]string{"state": st}})
		cols = append(cols, "mean_"+st)
	}
	heatT := printed{Table: Table{Name: "heatmap", Columns: cols, Spec: heat}}
	for i, it := range s.items {
		row := []any{it}
		for _, st := range s.states {
			_, m, _, _ := s.stats(group{i, st, anyGroup})
			row = append(row, m)
		}
		heatT.Rows = append(heatT.Rows, row)
		heatT.groups = append(heatT.groups, group{i, anyGroup, anyGroup})
	}
	return append(out, heatT)
}

// attack is what the adversary learns of each hidden count: its interval
// by linear programming, and every figure it could read beside a hidden
// count (a leak in itself).
type attack struct {
	prog    programme
	aux     []int // variable of each hidden count
	truth   []int
	name    []string
	leaks   []string
	nAtoms  int
	atomsOf [][]int // per hidden count, its atoms (for the ILP file)
}

// published is what the reader sees of cell (row, col): shown is false
// for a ".".
type published func(t, r, c int) (v any, shown bool)

func (s survey) attack(ts []printed, see published) attack {
	states := append(slices.Clone(s.states), "")
	sectors := append(slices.Clone(s.sectors), "")
	// Atoms: people of one state × sector, as respondents (item −1) and
	// as answers to each item.
	atom := map[group]int{}
	for it := -1; it < len(s.items); it++ {
		for _, st := range states {
			for _, sc := range sectors {
				atom[group{it, st, sc}] = len(atom)
			}
		}
	}
	a := attack{nAtoms: len(atom)}
	p := &a.prog
	p.n = len(atom)
	p.lb = make([]float64, p.n)
	atomsOf := func(g group) []int {
		var out []int
		for _, st := range states {
			for _, sc := range sectors {
				if (g.state == anyGroup || g.state == st) && (g.sector == anyGroup || g.sector == sc) {
					out = append(out, atom[group{g.item, st, sc}])
				}
			}
		}
		return out
	}
	sum := func(js []int, rhs float64, extra int) row {
		r := row{rhs: rhs}
		for _, j := range js {
			r.idx, r.val = append(r.idx, j), append(r.val, 1)
		}
		if extra >= 0 {
			r.idx, r.val = append(r.idx, extra), append(r.val, -1)
		}
		return r
	}
	for ti, t := range ts {
		if t.Name == "heatmap" {
			for r := range t.Rows {
				for c := 1; c < len(t.Columns); c++ {
					if v, shown := see(ti, r, c); shown && v == nil {
						// An empty mean: nobody of the state answered.
						st := strings.TrimPrefix(t.Columns[c], "mean_")
						p.eq = append(p.eq, sum(atomsOf(group{r, st, anyGroup}), 0, -1))
					}
				}
			}
			continue
		}
		nCol := slices.Index(t.Columns, "n")
		listed := map[group]bool{}
		for r, g := range t.groups {
			listed[g] = true
			v, shown := see(ti, r, nCol)
			js := atomsOf(g)
			if shown {
				p.eq = append(p.eq, sum(js, float64(v.(int64)), -1))
				continue
			}
			// Hidden: somebody, and a variable of its own.
			j := p.n
			p.n++
			p.lb = append(p.lb, 1)
			p.eq = append(p.eq, sum(js, 0, j))
			a.aux = append(a.aux, j)
			a.atomsOf = append(a.atomsOf, js)
			n, _, _, _ := s.stats(g)
			a.truth = append(a.truth, int(n))
			a.name = append(a.name, fmt.Sprintf("%s %+v", t.Name, g))
			for c := nCol + 1; c < len(t.Columns); c++ {
				if fv, shown := see(ti, r, c); shown {
					a.leaks = append(a.leaks, fmt.Sprintf("%s row %d: %s = %v beside a hidden n", t.Name, r+1, t.Columns[c], fv))
					if fv == nil && strings.HasPrefix(t.Columns[c], "ci_") {
						// No interval: one person (or no spread; the
						// adversary bets on one).
						p.eq = append(p.eq, row{idx: []int{j}, val: []float64{1}, rhs: 1})
					}
				}
			}
		}
		// A group the table lists no row for is nobody: every group of
		// its shape (the adversary knows the codes).
		shape := t.groups[0]
		for _, g := range allGroups(shape, len(s.items), states, sectors) {
			if !listed[g] {
				p.eq = append(p.eq, sum(atomsOf(g), 0, -1))
			}
		}
	}
	// Answers are at most the respondents, group by group.
	for g, j := range atom {
		if g.item >= 0 {
			r := atom[group{-1, g.state, g.sector}]
			p.le = append(p.le, row{idx: []int{j, r}, val: []float64{1, -1}})
		}
	}
	sort.Slice(p.le, func(i, j int) bool { return p.le[i].idx[0] < p.le[j].idx[0] })
	return a
}

// allGroups are the groups of a table whose rows look like g: the same
// dimensions ("*" where g has "*"), every item if g has one.
func allGroups(g group, items int, states, sectors []string) []group {
	st, sc := []string{anyGroup}, []string{anyGroup}
	if g.state != anyGroup {
		st = states
	}
	if g.sector != anyGroup {
		sc = sectors
	}
	its := []int{-1}
	if g.item >= 0 {
		its = nil
		for i := range items {
			its = append(its, i)
		}
	}
	var out []group
	for _, i := range its {
		for _, a := range st {
			for _, b := range sc {
				out = append(out, group{i, a, b})
			}
		}
	}
	return out
}

// intervals are the LP bounds of every hidden count, rounded inwards.
func (a attack) intervals(t *testing.T) [][2]float64 {
	t.Helper()
	b, err := a.prog.bounds(a.aux, nil, 0)
	if err != nil {
		t.Fatalf("adversary: %v", err)
	}
	for i := range b {
		b[i] = [2]float64{math.Ceil(b[i][0] - 1e-6), math.Floor(b[i][1] + 1e-6)}
	}
	return b
}

// ilp solves min and max of hidden count i over whole numbers with glpsol.
func (a attack) ilp(t *testing.T, dir string, i int) [2]float64 {
	t.Helper()
	return glpk(t, dir, a.prog, a.aux[i], true)
}

// glpk solves min and max of variable j of p with glpsol, over whole
// numbers if integer, else as the linear programme.
func glpk(t *testing.T, dir string, p programme, j int, integer bool) [2]float64 {
	t.Helper()
	var b strings.Builder
	v := func(j int) string { return fmt.Sprintf("x%d", j) }
	fmt.Fprintf(&b, "Minimize\n obj: %s\nSubject To\n", v(j))
	for k, r := range append(append([]row(nil), p.eq...), p.le...) {
		fmt.Fprintf(&b, " c%d:", k)
		for n, j := range r.idx {
			fmt.Fprintf(&b, " %+g %s", r.val[n], v(j))
		}
		op := "="
		if k >= len(p.eq) {
			op = "<="
		}
		fmt.Fprintf(&b, " %s %g\n", op, r.rhs)
	}
	b.WriteString("Bounds\n")
	for j := range p.n {
		fmt.Fprintf(&b, " %s >= %g\n", v(j), p.lb[j])
	}
	if integer {
		b.WriteString("General\n")
		for j := range p.n {
			fmt.Fprintf(&b, " %s\n", v(j))
		}
	}
	b.WriteString("End\n")
	lp := filepath.Join(dir, "attack.lp")
	if err := os.WriteFile(lp, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out [2]float64
	for s, flag := range []string{"--min", "--max"} {
		res := filepath.Join(dir, "attack.out")
		if msg, err := exec.Command("glpsol", "--lp", lp, flag, "-o", res).CombinedOutput(); err != nil {
			t.Fatalf("glpsol: %v\n%s", err, msg)
		}
		text, err := os.ReadFile(res)
		if err != nil {
			t.Fatal(err)
		}
		var val float64
		found := false
		for _, l := range strings.Split(string(text), "\n") {
			if strings.HasPrefix(l, "Status:") && !strings.Contains(l, "OPTIMAL") {
				t.Fatalf("glpsol: %s", l)
			}
			if rest, ok := strings.CutPrefix(l, "Objective:  obj = "); ok {
				if _, err := fmt.Sscan(rest, &val); err != nil {
					t.Fatalf("glpsol objective %q: %v", l, err)
				}
				found = true
			}
		}
		if !found {
			t.Fatalf("glpsol printed no objective:\n%s", text)
		}
		out[s] = val
	}
	return out
}

// needGLPK fails where the cross-check must run (CI) and skips elsewhere
// when glpsol (Debian glpk-utils) is missing.
func needGLPK(t *testing.T) {
	t.Helper()
	testtool.Need(t, "glpsol")
}

// publish is the stage's result as a reader sees it.
func publish(ts []printed, res *Result) published {
	return func(t, r, c int) (any, bool) {
		h := res.Hidden[t]
		if r < len(h) && h[r] != nil && h[r][c] {
			return nil, false
		}
		return ts[t].Rows[r][c], true
	}
}

func protectSurvey(t *testing.T, s survey) ([]printed, *Result) {
	t.Helper()
	ts := s.tables()
	var in []Table
	for _, x := range ts {
		in = append(in, x.Table)
	}
	res, err := Protect(Default, in, Options{Event: "ev"})
	if err != nil {
		t.Fatalf("%v\nsurvey: %+v", err, s)
	}
	return ts, res
}

// TestAdversary: for 200 random surveys of 30 to 300 people (20 with
// -short), no hidden count can be pinned down by the adversary: each
// could be 2 more or less than it is, and a small one could be MinN or
// more; and no figure shows beside a hidden count. GLPK's integer
// programme agrees for the narrowest count of each survey.
func TestAdversary(t *testing.T) {
	needGLPK(t)
	surveys := 200
	if testing.Short() {
		surveys = 20
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	dir := t.TempDir()
	hidden, small, narrowest := 0, 0, math.Inf(1)
	for k := range surveys {
		s := randomSurvey(rng, 30+rng.IntN(271))
		ts, res := protectSurvey(t, s)
		a := s.attack(ts, publish(ts, res))
		for _, l := range a.leaks {
			t.Errorf("survey %d: %s", k, l)
		}
		iv := a.intervals(t)
		worst := -1
		for i, b := range iv {
			v := a.truth[i]
			hidden++
			if Hide(v, Default.MinN) {
				small++
			}
			if b[0] > float64(v) || b[1] < float64(v) {
				t.Fatalf("survey %d: %s is %d, outside the adversary's %v: the adversary is wrong", k, a.name[i], v, b)
			}
			if !Default.Protects(v, b[0], b[1]) {
				t.Errorf("survey %d: %s = %d: the adversary narrows it to %g–%g", k, a.name[i], v, b[0], b[1])
			}
			if w := b[1] - b[0]; w < narrowest || worst < 0 || w < iv[worst][1]-iv[worst][0] {
				narrowest = math.Min(narrowest, w)
				worst = i
			}
		}
		if worst >= 0 {
			b := a.ilp(t, dir, worst)
			if b[0] < iv[worst][0] || b[1] > iv[worst][1] {
				t.Errorf("survey %d: %s: integer bounds %v outside the linear ones %v", k, a.name[worst], b, iv[worst])
			}
			if !Default.Protects(a.truth[worst], b[0], b[1]) {
				t.Errorf("survey %d: %s = %d: the integer programme narrows it to %v", k, a.name[worst], a.truth[worst], b)
			}
		}
		if t.Failed() {
			t.Fatalf("survey %d: %+v", k, s)
		}
	}
	// The surveys must put the stage to work.
	if hidden < 20*surveys || small < 5*surveys {
		t.Errorf("%d hidden counts, %d of them small, in %d surveys: the generator tests too little", hidden, small, surveys)
	}
	t.Logf("%d surveys: %d hidden counts (%d below %d), narrowest interval %g", surveys, hidden, small, Default.MinN, narrowest)
}

// TestAdversaryEmptyInterval is the leak of #14: one person's group shows
// "." for n and mean, but its interval, NULL for one person, printed
// empty. The adversary reads the empty cell as n = 1 and pins the count;
// with every figure of a hidden row hidden it cannot.
func TestAdversaryEmptyInterval(t *testing.T) {
	var s survey
	s.states, s.sectors, s.items = []string{"S0", "S1"}, []string{"B0", "B1"}, []string{"i0", "i1", "i2"}
	for i := range 60 {
		p := person{state: []string{"S0", "S1"}[i%2], sector: []string{"B0", "B1"}[i/2%2], answers: []int{1 + i%5, 1 + i%3, 1 + (i/3)%5}}
		s.people = append(s.people, p)
	}
	s.people = append(s.people, person{state: "S1", sector: "", answers: []int{4, 4, 4}})
	ts, res := protectSurvey(t, s)
	loneRow := func(name string) (int, int) {
		for ti, x := range ts {
			if x.Name != name {
				continue
			}
			for r, g := range x.groups {
				if g.state == "S1" && g.sector == "" && g.item == 0 {
					return ti, r
				}
			}
		}
		t.Fatalf("no row of the lone person in %s", name)
		return 0, 0
	}
	ti, r := loneRow("needs_cells")
	if lo := slices.Index(ts[ti].Columns, "ci_low"); ts[ti].Rows[r][lo] != nil {
		t.Fatalf("the lone person's interval is %v, want NULL", ts[ti].Rows[r][lo])
	}
	// The old printing: a hidden row's NULL figures were left empty.
	old := func(t, r, c int) (any, bool) {
		v, shown := publish(ts, res)(t, r, c)
		if !shown && ts[t].Rows[r][c] == nil {
			return nil, true
		}
		return v, shown
	}
	find := func(a attack) int {
		for i, n := range a.name {
			if strings.HasPrefix(n, "needs_cells ") && strings.Contains(n, "{item:0 state:S1 sector:}") {
				return i
			}
		}
		t.Fatalf("the lone person's count is not hidden: %v", a.name)
		return 0
	}
	a := s.attack(ts, old)
	iv := a.intervals(t)
	if i := find(a); iv[i] != [2]float64{1, 1} || len(a.leaks) == 0 {
		t.Errorf("old printing: the adversary finds %v for the lone person (leaks %v), want exactly 1", iv[i], a.leaks)
	}
	a = s.attack(ts, publish(ts, res))
	iv = a.intervals(t)
	if i := find(a); !Default.Protects(1, iv[i][0], iv[i][1]) || len(a.leaks) > 0 {
		t.Errorf("the stage: the adversary finds %v for the lone person (leaks %v)", iv[i], a.leaks)
	}
}
