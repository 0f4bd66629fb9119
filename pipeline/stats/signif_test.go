package stats

import (
	"math"
	"testing"
)

func TestWelchT(t *testing.T) {
	// Hand example: group 1 n=10, mean 5, sd 2; group 2 n=20, mean 4, sd 1.
	// v1 = 4/10 = 0.4, v2 = 1/20 = 0.05, se = √0.45 = 0.670820,
	// t = 1/0.670820 = 1.490712,
	// df = 0.45² / (0.4²/9 + 0.05²/19) = 0.2025/0.0179094 = 11.306939.
	// p = 2·P(T₁₁.₃₀₇ > 1.490712) = 0.163397, by Simpson integration of the
	// t density in a separate script (no gonum).
	for _, c := range []struct {
		name        string
		n1          int
		m1, sd1     float64
		n2          int
		m2, sd2     float64
		wt, wdf, wp float64
	}{
		{"hand example", 10, 5, 2, 20, 4, 1, 1.490712, 11.306939, 0.163397},
		{"swapped", 20, 4, 1, 10, 5, 2, -1.490712, 11.306939, 0.163397},
		{"one answer", 1, 5, 0, 20, 4, 1, math.NaN(), math.NaN(), math.NaN()},
		{"no variance", 5, 3, 0, 5, 4, 0, math.NaN(), math.NaN(), math.NaN()},
	} {
		tt, df, p := WelchT(c.n1, c.m1, c.sd1, c.n2, c.m2, c.sd2)
		if !near(tt, c.wt, 1e-6) || !near(df, c.wdf, 1e-6) || !near(p, c.wp, 1e-6) {
			t.Errorf("%s: WelchT = %.6f, %.6f, %.6f; want %.6f, %.6f, %.6f", c.name, tt, df, p, c.wt, c.wdf, c.wp)
		}
	}
}

func TestHolm(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name string
		p    []float64
		want []float64
	}{
		// Sorted 0.005 0.01 0.03 0.04 times 4 3 2 1: 0.02 0.03 0.06 0.04,
		// made monotone: 0.02 0.03 0.06 0.06. R: p.adjust(c(.01,.04,.03,.005), "holm").
		{"known vector", []float64{0.01, 0.04, 0.03, 0.005}, []float64{0.03, 0.06, 0.06, 0.02}},
		{"capped at 1", []float64{0.5, 0.6}, []float64{1, 1}},
		// NaN is not a test: m = 2, so 0.02·2 and 0.04·1 → 0.04 0.04.
		{"NaN skipped", []float64{0.04, nan, 0.02}, []float64{0.04, nan, 0.04}},
		{"empty", nil, []float64{}},
	} {
		got := Holm(c.p)
		if len(got) != len(c.want) {
			t.Fatalf("%s: len %d, want %d", c.name, len(got), len(c.want))
		}
		for i := range got {
			if !near(got[i], c.want[i], 1e-12) {
				t.Errorf("%s: Holm = %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}

// The rest's summary must equal the summary of the other groups' pooled raw
// answers.
func TestRestPoolsExactly(t *testing.T) {
	raw := [][]float64{{1, 2, 3, 5}, {4, 4, 5}, {2}, {}}
	var groups []Group
	for _, r := range raw {
		n, m, sd := summary(r)
		groups = append(groups, Group{N: n, Mean: m, SD: sd})
	}
	// Rest of group 0: 4 4 5 2 → mean 3.75, deviations .25 .25 1.25 −1.75,
	// squares sum 4.75, sd = √(4.75/3) = 1.258306.
	n, m, sd := rest(groups, 0)
	if n != 4 || !near(m, 3.75, 1e-12) || !near(sd, math.Sqrt(4.75/3), 1e-12) {
		t.Errorf("rest = %d, %g, %g; want 4, 3.75, 1.258306", n, m, sd)
	}
}

func summary(x []float64) (n int, mean, sd float64) {
	n = len(x)
	if n == 0 {
		return 0, math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	if n == 1 {
		return 1, mean, math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return n, mean, math.Sqrt(ss / float64(n-1))
}

func TestVsRest(t *testing.T) {
	clear := []Group{ // A well above, B well below, C too small to mark
		{"A", 40, 4.2, 0.8}, {"B", 40, 3.0, 0.9}, {"C", 3, 1.0, 0},
	}
	// Two groups: t = −0.55/√(2/30) = −2.1301, df 58, p ≈ 0.037: below 0.05
	// as the table's only test, not once other tests share the family.
	borderline := []Group{{"A", 30, 3.0, 1}, {"B", 30, 3.55, 1}}
	flat := []Group{{"X", 20, 3, 1}, {"Y", 20, 3, 1}, {"Z", 20, 3, 1}}
	lopsided := []Group{{"big", 50, 3, 1}, {"tiny", 3, 5, 1}}

	_, _, pb := WelchT(30, 3.0, 1, 30, 3.55, 1)
	if !(pb < 0.05 && 4*pb > 0.05) {
		t.Fatalf("borderline example broken: p = %g", pb)
	}

	t.Run("alone", func(t *testing.T) {
		got := VsRest([][]Group{borderline}, 0.05, 5)
		// One test, not two: adjusted p equals the raw p.
		for j, m := range got[0] {
			if m.Skip != Tested || !near(m.Adj, pb, 1e-12) {
				t.Errorf("group %d: %+v, want tested with Adj = %g", j, m, pb)
			}
		}
		if got[0][0].Dir != Lower || got[0][1].Dir != Higher {
			t.Errorf("dirs %v %v, want Lower Higher", got[0][0].Dir, got[0][1].Dir)
		}
	})

	t.Run("table", func(t *testing.T) {
		got := VsRest([][]Group{clear, borderline, flat, lopsided}, 0.05, 5)
		want := [][]struct {
			dir  Dir
			skip Skip
		}{
			{{Higher, Tested}, {Lower, Tested}, {Same, SmallGroup}},
			// Family of 6 (A, B; the pair once; X, Y, Z): p ≈ 0.037 ranks
			// third, Holm multiplies it by 4.
			{{Same, Tested}, {Same, Tested}},
			{{Same, Tested}, {Same, Tested}, {Same, Tested}},
			{{Same, SmallRest}, {Same, SmallGroup}},
		}
		for i := range want {
			for j, w := range want[i] {
				m := got[i][j]
				if m.Dir != w.dir || m.Skip != w.skip {
					t.Errorf("item %d group %s: Dir %v Skip %v, want %v %v", i, m.Label, m.Dir, m.Skip, w.dir, w.skip)
				}
				if (m.Skip == Tested) == math.IsNaN(m.Adj) {
					t.Errorf("item %d group %s: Skip %v but Adj %g", i, m.Label, m.Skip, m.Adj)
				}
			}
		}
		if a := got[1][0].Adj; !near(a, 4*pb, 1e-12) {
			t.Errorf("borderline Adj = %g, want 4·p = %g", a, 4*pb)
		}
	})
}
