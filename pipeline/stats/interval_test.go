package stats

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func TestTQuantile(t *testing.T) {
	for _, c := range []struct {
		p, df, want float64
	}{
		{0.975, 10, 2.228139}, // every t table; also R qt(0.975, 10)
		{0.975, 7, 2.364624},  // t table, df = 7
		{0.025, 10, -2.228139},
		{0.95, 1, 6.313752}, // Cauchy: tan(0.45π)
		{0.5, 3, 0},
		{1.2, 10, math.NaN()},
		{0.975, 0, math.NaN()},
	} {
		if got := TQuantile(c.p, c.df); !near(got, c.want, 1e-6) {
			t.Errorf("TQuantile(%g, %g) = %.7f, want %.7f", c.p, c.df, got, c.want)
		}
	}
}

func TestMeanCI(t *testing.T) {
	// Hand example: 2 4 4 4 5 5 7 9. Mean 40/8 = 5; squared deviations
	// 9+1+1+1+0+0+4+16 = 32, s = √(32/7) = 2.138090; s/√8 = 0.755929;
	// t(0.975; 7) = 2.364624 from the table; half width 1.787488.
	for _, c := range []struct {
		name     string
		n        int
		mean, sd float64
		level    float64
		wlo, whi float64
	}{
		{"hand example", 8, 5, math.Sqrt(32.0 / 7), 0.95, 3.212512, 6.787488},
		{"one answer", 1, 4, 0, 0.95, math.NaN(), math.NaN()},
		{"bad level", 8, 5, 1, 95, math.NaN(), math.NaN()},
	} {
		lo, hi := MeanCI(c.n, c.mean, c.sd, c.level)
		if !near(lo, c.wlo, 1e-6) || !near(hi, c.whi, 1e-6) {
			t.Errorf("%s: MeanCI = [%.6f, %.6f], want [%.6f, %.6f]", c.name, lo, hi, c.wlo, c.whi)
		}
	}
}

func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n     int
		wlo, whi float64
	}{
		{5, 20, 0.1119, 0.4687}, // Newcombe (1998), also R binom.confint "wilson"
		{0, 10, 0, 0.2775},      // ditto; not [0, 0] as the Wald interval
		{10, 10, 0.7225, 1},     // mirror of 0 of 10
		// Hand: 1 of 2, z² = 3.8415: centre 0.5, half width
		// z/(1+z²/2)·√(1/8 + z²/16) = 1.95996/2.92073·√0.36509 = 0.40547.
		{1, 2, 0.0945, 0.9055},
		{0, 0, math.NaN(), math.NaN()},
		{3, 2, math.NaN(), math.NaN()},
	} {
		lo, hi := Wilson(c.k, c.n, 0.95)
		if !near(lo, c.wlo, 5e-5) || !near(hi, c.whi, 5e-5) {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", c.k, c.n, lo, hi, c.wlo, c.whi)
		}
	}
	// The bound at 0 is exactly 0, not a rounding residue a report prints.
	if lo, _ := Wilson(0, 150, 0.95); lo != 0 {
		t.Errorf("Wilson(0, 150) lower bound = %g, want exactly 0", lo)
	}
}

func TestTInterval(t *testing.T) {
	// est 3 ± t(0.975; 10)·0.5 = 3 ± 1.1140694.
	lo, hi := TInterval(3, 0.5, 10, 0.95)
	if !near(lo, 1.8859306, 1e-6) || !near(hi, 4.1140694, 1e-6) {
		t.Errorf("TInterval = [%g, %g], want [1.885931, 4.114069]", lo, hi)
	}
	if lo, _ := TInterval(3, 0.5, 0, 0.95); !math.IsNaN(lo) {
		t.Errorf("df 0 gave %g, want NaN", lo)
	}
}
