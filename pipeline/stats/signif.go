package stats

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// WelchT compares two means without assuming equal variances: t is
// (m1−m2)/√(sd1²/n1 + sd2²/n2), df the Welch–Satterthwaite degrees of
// freedom, p two-sided. Groups of a survey rarely share a variance, and the
// pooled test is wrong exactly when group sizes differ, as they do here.
//
// All three are NaN when a group has fewer than two answers or neither group
// varies: there is then no spread to test against.
func WelchT(n1 int, m1, sd1 float64, n2 int, m2, sd2 float64) (t, df, p float64) {
	nan := math.NaN()
	if n1 < 2 || n2 < 2 {
		return nan, nan, nan
	}
	v1 := sd1 * sd1 / float64(n1)
	v2 := sd2 * sd2 / float64(n2)
	v := v1 + v2
	if !(v > 0) {
		return nan, nan, nan
	}
	t = (m1 - m2) / math.Sqrt(v)
	df = v * v / (v1*v1/float64(n1-1) + v2*v2/float64(n2-1))
	p = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
	return t, df, p
}

// Holm returns Holm's step-down adjusted p-values in the input's order: the
// i-th smallest of m is multiplied by m−i+1, then made monotone and capped at
// 1. It controls the family-wise error like Bonferroni but rejects more.
// NaN entries are tests not performed: they stay NaN and do not count in m.
func Holm(pvalues []float64) []float64 {
	adj := make([]float64, len(pvalues))
	var idx []int
	for i, p := range pvalues {
		adj[i] = math.NaN()
		if !math.IsNaN(p) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return pvalues[idx[a]] < pvalues[idx[b]] })
	m := len(idx)
	run := 0.0
	for r, i := range idx {
		run = math.Max(run, math.Min(1, float64(m-r)*pvalues[i]))
		adj[i] = run
	}
	return adj
}

// Group is one column of a banner table for one item: the respondents of a
// state, say, and their answers' count, mean and standard deviation.
type Group struct {
	Label string
	N     int
	Mean  float64
	SD    float64
}

// Dir is the verdict of a comparison with the rest of the sample.
type Dir int8

// Verdicts. Same means "not shown to differ", not "equal".
const (
	Lower  Dir = -1
	Same   Dir = 0
	Higher Dir = 1
)

func (d Dir) String() string {
	switch d {
	case Lower:
		return "lower"
	case Higher:
		return "higher"
	}
	return "same"
}

// Skip says why a group was not tested.
type Skip int8

const (
	// Tested: the group was compared; see Dir and Adj.
	Tested Skip = iota
	// SmallGroup: the group has fewer than minN answers. Marking it would
	// single out a handful of people, and the test has no power anyway.
	SmallGroup
	// SmallRest: the other groups together have fewer than minN answers;
	// "A is higher" would then tell how the few others answered.
	SmallRest
	// Untestable: no variance in group and rest, or fewer than two answers.
	Untestable
)

func (s Skip) String() string {
	switch s {
	case Tested:
		return "tested"
	case SmallGroup:
		return "group below minimum n"
	case SmallRest:
		return "rest below minimum n"
	case Untestable:
		return "no variance to test"
	}
	return "unknown"
}

// Mark is the outcome for one group.
type Mark struct {
	Label string
	Dir   Dir
	P     float64 // Welch p against the rest; NaN if not tested
	Adj   float64 // Holm-adjusted over the whole table; NaN if not tested
	Skip  Skip
}

// VsRest compares every group of every item (table[item][group]) with the
// rest of that item's respondents, i.e. the union of the item's other groups,
// by Welch's t test, the "vs. rest" significance survey platforms mark in
// banner tables. The p-values of all comparisons of the table form one Holm
// family, so adding items does not add false alarms. A group is Higher or
// Lower when its adjusted p is below alpha.
//
// The summaries are unweighted: N answers, their mean and sample standard
// deviation. Groups must not overlap (one state per respondent); the rest's
// mean and standard deviation are pooled exactly from the other groups'
// summaries. A group with N < minN, or whose rest has N < minN, is not
// tested and so never marked. Small groups still count in the others' rest.
// An item with two groups is one comparison, counted once.
func VsRest(table [][]Group, alpha float64, minN int) [][]Mark {
	out := make([][]Mark, len(table))
	type side struct {
		item, group int
		t           float64
	}
	var family [][]side // one entry per test, each with the groups it marks
	var ps []float64
	for i, groups := range table {
		out[i] = make([]Mark, len(groups))
		// With two groups, each is the other's rest: one test, not two,
		// or Holm would count it twice.
		pair, shared := answered(groups) == 2, -1
		for j, g := range groups {
			m := Mark{Label: g.Label, P: math.NaN(), Adj: math.NaN()}
			rn, rm, rsd := rest(groups, j)
			switch {
			case g.N < minN:
				m.Skip = SmallGroup
			case rn < minN:
				m.Skip = SmallRest
			default:
				t, _, p := WelchT(g.N, g.Mean, g.SD, rn, rm, rsd)
				if math.IsNaN(p) {
					m.Skip = Untestable
					break
				}
				if shared >= 0 {
					m.P = ps[shared]
					family[shared] = append(family[shared], side{i, j, t})
					break
				}
				m.P = p
				if pair {
					shared = len(ps)
				}
				ps = append(ps, p)
				family = append(family, []side{{i, j, t}})
			}
			out[i][j] = m
		}
	}
	for k, a := range Holm(ps) {
		for _, x := range family[k] {
			m := &out[x.item][x.group]
			m.Adj = a
			if a < alpha {
				m.Dir = Higher
				if x.t < 0 {
					m.Dir = Lower
				}
			}
		}
	}
	return out
}

// answered counts the groups with at least one answer.
func answered(groups []Group) int {
	k := 0
	for _, g := range groups {
		if g.N > 0 {
			k++
		}
	}
	return k
}

// rest pools all groups but skip into one: n, mean and the sample standard
// deviation the concatenated answers would have, from within-group sums of
// squares plus each group's offset from the pooled mean.
func rest(groups []Group, skip int) (n int, mean, sd float64) {
	var sum float64
	for j, g := range groups {
		if j != skip && g.N > 0 {
			n += g.N
			sum += float64(g.N) * g.Mean
		}
	}
	if n == 0 {
		return 0, math.NaN(), math.NaN()
	}
	mean = sum / float64(n)
	var ss float64
	for j, g := range groups {
		if j == skip || g.N <= 0 {
			continue
		}
		if g.N > 1 {
			ss += float64(g.N-1) * g.SD * g.SD
		}
		ss += float64(g.N) * (g.Mean - mean) * (g.Mean - mean)
	}
	if n < 2 {
		return n, mean, math.NaN()
	}
	return n, mean, math.Sqrt(ss / float64(n-1))
}
