package stats_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// rScript rakes the design to the margins and prints, per item, what
// svymean and confint give on the raked design, the design's degrees
// of freedom among those who answered, and Kish's n_eff of their weights.
const rScript = `
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "NA", colClasses = "character")
m <- read.csv(args[2], colClasses = c("character", "character", "numeric"))
items <- setdiff(names(d), c("id", unique(m$var)))
for (it in items) d[[it]] <- as.numeric(d[[it]])
des <- svydesign(ids = ~1, weights = ~rep(1, nrow(d)), data = d)
vars <- unique(m$var)
pops <- lapply(vars, function(v) {
  x <- m[m$var == v, ]
  p <- data.frame(x$cat, x$n / sum(x$n) * nrow(d))
  names(p) <- c(v, "Freq")
  p
})
des <- rake(des, lapply(vars, function(v) as.formula(paste0("~", v))), pops,
            control = list(maxit = 1000, epsilon = 1e-10))
out <- data.frame()
for (it in items) {
  est <- svymean(as.formula(paste0("~", it)), des, na.rm = TRUE)
  sub <- subset(des, !is.na(d[[it]]))
  df <- degf(sub)
  ci <- confint(est, df = df, level = 0.95)
  w <- weights(des)[!is.na(d[[it]])]
  out <- rbind(out, data.frame(item = it, mean = coef(est)[[1]], se = SE(est)[[1]],
    lo = ci[1, 1], hi = ci[1, 2], neff = sum(w)^2 / sum(w^2), df = df))
}
write.csv(out, args[3], row.names = FALSE)
`

// TestRakedMeanMatchesR: on the bundled sample, raked to the example
// margins (state) and to state and sector margins, every item's weighted
// mean, standard error, interval, n_eff and degrees of freedom are R's
// survey::rake + svymean to 4 decimals. R computes them in the test.
func TestRakedMeanMatchesR(t *testing.T) {
	testtool.Slow(t)
	testtool.NeedR(t, "survey")
	tr, err := sample.ReadTruth("../../testdata/mdk16-msforms.xlsx.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../testdata/margins-mdk16.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var example map[string]map[string]float64
	if err := yaml.Unmarshal(b, &example); err != nil {
		t.Fatal(err)
	}
	both := map[string]map[string]float64{
		"state":  example["state"],
		"sector": {"landesverwaltung": 200, "kommunalverwaltung": 250, "wirtschaft": 300, "wissenschaft": 150, "politik": 50, "zivilgesellschaft": 100},
	}
	for name, margins := range map[string]map[string]map[string]float64{"example": example, "state and sector": both} {
		t.Run(name, func(t *testing.T) { compareRaked(t, tr, margins) })
	}
}

func compareRaked(t *testing.T, tr *sample.Truth, margins map[string]map[string]float64) {
	var vars []string
	for v := range margins {
		vars = append(vars, v)
	}
	sort.Strings(vars)
	itemSet := map[string]bool{}
	for _, r := range tr.Respondents {
		for it := range r.Need {
			itemSet[it] = true
		}
	}
	var items []string
	for it := range itemSet {
		items = append(items, it)
	}
	sort.Strings(items)
	of := func(r sample.TruthRespondent, v string) string {
		var p *string
		switch v {
		case "state":
			p = r.State
		case "sector":
			p = r.Sector
		}
		if p == nil {
			return ""
		}
		return *p
	}
	rows := make([]map[string]string, len(tr.Respondents))
	groups := make([][]string, len(tr.Respondents))
	for i, r := range tr.Respondents {
		rows[i] = map[string]string{}
		for _, v := range vars {
			rows[i][v] = of(r, v)
			groups[i] = append(groups[i], of(r, v))
		}
	}
	w, err := stats.Rake(rows, margins, 1000, 1e-12)
	if err != nil {
		t.Fatal(err)
	}
	// The data and margins for R.
	dir := t.TempDir()
	data, marg := filepath.Join(dir, "data.csv"), filepath.Join(dir, "margins.csv")
	writeCSV(t, data, func(out func(...string)) {
		out(append(append([]string{"id"}, vars...), items...)...)
		for i, r := range tr.Respondents {
			rec := []string{r.ID}
			rec = append(rec, groups[i]...)
			for _, it := range items {
				if v, ok := r.Need[it]; ok {
					rec = append(rec, strconv.Itoa(v))
				} else {
					rec = append(rec, "NA")
				}
			}
			out(rec...)
		}
	})
	writeCSV(t, marg, func(out func(...string)) {
		out("var", "cat", "n")
		for _, v := range vars {
			for c, n := range margins[v] {
				out(v, c, strconv.FormatFloat(n, 'g', -1, 64))
			}
		}
	})
	recs := testtool.RunR(t, rScript, data, marg)
	if len(recs) != len(items)+1 {
		t.Fatalf("R gave %d rows for %d items", len(recs)-1, len(items))
	}
	for _, rec := range recs[1:] {
		it := rec[0]
		vals := make([]float64, len(tr.Respondents))
		for i, r := range tr.Respondents {
			vals[i] = math.NaN()
			if v, ok := r.Need[it]; ok {
				vals[i] = float64(v)
			}
		}
		mean, se, neff, df := stats.RakedMean(vals, w, groups)
		lo, hi := stats.TInterval(mean, se, df, 0.95)
		for k, got := range []float64{mean, se, lo, hi, neff, df} {
			want, err := strconv.ParseFloat(rec[k+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-want) >= 5e-5 {
				t.Errorf("%s %s = %.6f, R %.6f", it, recs[0][k+1], got, want)
			}
		}
	}
	// The fixed-weight linearisation the report used before differs:
	// the comparison is not vacuous.
	vals := make([]float64, len(tr.Respondents))
	for i, r := range tr.Respondents {
		vals[i] = math.NaN()
		if v, ok := r.Need[items[0]]; ok {
			vals[i] = float64(v)
		}
	}
	_, raked, _, _ := stats.RakedMean(vals, w, groups)
	var ans, aw []float64
	for i, v := range vals {
		if !math.IsNaN(v) {
			ans, aw = append(ans, v), append(aw, w[i])
		}
	}
	// The fixed-weight linearisation SE, √(n/(n−1) Σw²(y−ȳ)²) / Σw.
	var sw, swy, ss float64
	for i, y := range ans {
		sw, swy = sw+aw[i], swy+aw[i]*y
	}
	for i, y := range ans {
		ss += aw[i] * aw[i] * (y - swy/sw) * (y - swy/sw)
	}
	n := float64(len(ans))
	if fixed := math.Sqrt(n/(n-1)*ss) / sw; math.Abs(fixed-raked) < 1e-3 {
		t.Errorf("%s: raked SE %.5f, fixed-weight %.5f: the margins explain nothing?", items[0], raked, fixed)
	}
}

func writeCSV(t *testing.T, path string, fill func(out func(...string))) {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	fill(func(rec ...string) {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	})
	w.Flush()
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}
