package stats

import (
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
)

// TestNPSAgainstR: the score and its interval are what R's survey package
// gives for the mean of +1/0/−1 in a simple random sample, times 100.
func TestNPSAgainstR(t *testing.T) {
	testtool.Slow(t)
	const level = 0.95
	rscript := testtool.NeedR(t, "survey")
	cases := []struct{ pro, pas, det int }{{44, 55, 46}, {10, 3, 1}, {0, 5, 5}, {30, 0, 0}, {7, 2, 11}}
	var script strings.Builder
	script.WriteString("suppressMessages(library(survey))\n")
	for _, tc := range cases {
		fmt.Fprintf(&script, `x <- c(rep(1, %d), rep(0, %d), rep(-1, %d))
d <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = x, w = 1))
m <- svymean(~x, d); ci <- confint(m, level = %g)
cat(sprintf("%%.12f", c(100 * coef(m), max(-100, 100 * ci[1]), min(100, 100 * ci[2]))), "\n")
`, tc.pro, tc.pas, tc.det, level)
	}
	out, err := exec.Command(rscript, "-e", script.String()).Output()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("R printed %q", out)
	}
	for i, tc := range cases {
		score, lo, hi := NPS(tc.pro, tc.det, tc.pro+tc.pas+tc.det, level)
		f := strings.Fields(lines[i])
		for j, got := range []float64{score, lo, hi} {
			want, _ := strconv.ParseFloat(f[j], 64)
			if math.Abs(got-want) > 1e-8 {
				t.Errorf("%+v: value %d = %v, R says %v", tc, j, got, want)
			}
		}
	}
	if s, lo, _ := NPS(1, 0, 1, level); s != 100 || !math.IsNaN(lo) {
		t.Errorf("one answer: %v %v, want 100 and no interval", s, lo)
	}
}
