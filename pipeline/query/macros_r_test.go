package query_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/query"
)

// runR runs an R script with the files given as arguments and returns
// the CSV it writes to its last argument, by its first column.
func runR(t *testing.T, script string, args ...string) map[string][]string {
	t.Helper()
	res := map[string][]string{}
	for _, r := range testtool.RunR(t, script, args...)[1:] {
		res[r[0]] = r[1:]
	}
	return res
}

// sameAsR compares a figure with R's ("NA": R refuses, so must we).
func sameAsR(t *testing.T, what string, got any, r string) {
	t.Helper()
	if r == "NA" {
		if got != nil {
			t.Errorf("%s = %v; R gives none", what, got)
		}
		return
	}
	want, err := strconv.ParseFloat(r, 64)
	if err != nil {
		t.Fatalf("%s: R printed %q", what, r)
	}
	g, ok := got.(float64)
	if !ok {
		t.Errorf("%s = %v, R %.6f", what, got, want)
		return
	}
	if math.Abs(g-want) >= 5e-5 {
		t.Errorf("%s = %.6f, R %.6f", what, g, want)
	}
}

// TestMacroEdgesMatchR: the interval macros on the edge cases of #14 —
// one answer, two, no spread, nobody chose an option, everybody did,
// nobody answered — give R's t.test and prop.test (Wilson, no continuity
// correction) intervals to 4 decimals, or nothing where R refuses.
func TestMacroEdgesMatchR(t *testing.T) {
	testtool.Slow(t)
	testtool.NeedR(t, "survey")
	means := []struct {
		name string
		xs   []float64
	}{
		{"one answer", []float64{4}},
		{"two answers", []float64{2, 5}},
		{"no spread", []float64{5, 5, 5, 5, 5}},
		{"usual", []float64{1, 2, 2, 3, 4, 5, 5}},
		{"nobody answered", nil},
	}
	shares := []struct {
		name string
		k, n int
	}{
		{"nobody chose", 0, 20},
		{"everybody chose", 20, 20},
		{"one of one", 1, 1},
		{"some chose", 7, 31},
		{"nobody answered", 0, 0},
	}
	var in strings.Builder
	for _, m := range means {
		var xs []string
		for _, x := range m.xs {
			xs = append(xs, strconv.FormatFloat(x, 'g', -1, 64))
		}
		fmt.Fprintf(&in, "mean,%s,%s\n", m.name, strings.Join(xs, " "))
	}
	for _, s := range shares {
		fmt.Fprintf(&in, "share,%s,%d %d\n", s.name, s.k, s.n)
	}
	cases := filepath.Join(t.TempDir(), "cases.csv")
	if err := os.WriteFile(cases, []byte("kind,name,values\n"+in.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runR(t, `
args <- commandArgs(trailingOnly = TRUE)
cs <- read.csv(args[1], colClasses = "character")
out <- data.frame()
for (i in seq_len(nrow(cs))) {
  v <- as.numeric(strsplit(cs$values[i], " ")[[1]])
  ci <- tryCatch(if (cs$kind[i] == "mean") t.test(v)$conf.int else prop.test(v[1], v[2], correct = FALSE)$conf.int,
                 error = function(e) c(NA, NA))
  out <- rbind(out, data.frame(key = paste(cs$kind[i], cs$name[i]), lo = ci[1], hi = ci[2]))
}
write.csv(out, args[2], row.names = FALSE)
`, cases)
	e := open(t, query.Options{})
	for _, m := range means {
		src := "select cast(null as double) as x where false"
		if len(m.xs) > 0 {
			var vs []string
			for _, x := range m.xs {
				vs = append(vs, fmt.Sprintf("(%g::double)", x))
			}
			src = "select * from (values " + strings.Join(vs, ", ") + ") v(x)"
		}
		row := table(t, e, `select mean_ci_low(avg(x), stddev_samp(x), count(x)), mean_ci_high(avg(x), stddev_samp(x), count(x)) from (`+src+`)`, nil).Rows[0]
		want := r["mean "+m.name]
		sameAsR(t, m.name+" low", row[0], want[0])
		sameAsR(t, m.name+" high", row[1], want[1])
	}
	for _, s := range shares {
		row := table(t, e, fmt.Sprintf(`select wilson_low(%d, %d), wilson_high(%d, %d)`, s.k, s.n, s.k, s.n), nil).Rows[0]
		want := r["share "+s.name]
		sameAsR(t, s.name+" low", row[0], want[0])
		sameAsR(t, s.name+" high", row[1], want[1])
	}
}

// TestTwoGroupsMatchR: a breakdown of two groups (Sachsen and the rest,
// in a temp view shadowing groups) tests each item once: both groups'
// p_adj equal R's p.adjust(t.test(a, b)$p.value, "holm") over the items —
// #14 found the single comparison counted twice (p_adj doubled).
func TestTwoGroupsMatchR(t *testing.T) {
	testtool.Slow(t)
	testtool.NeedR(t, "survey")
	e := open(t, query.Options{})
	if err := query.ExecUnchecked(context.Background(), e, `create temp view groups as
		select event, respondent, 'two' as dimension, case when state = 'DE-SN' then 'a' else 'b' end as grp
		from responses`); err != nil {
		t.Fatal(err)
	}
	raw := table(t, e, `select a.item, g.grp, a.value from answers a join groups g using (event, respondent)
		where a.question = 'need' and a.value is not null order by all`, nil)
	var in strings.Builder
	in.WriteString("item,grp,value\n")
	for _, r := range raw.Rows {
		fmt.Fprintf(&in, "%s,%s,%g\n", r[0], r[1], num(r[2]))
	}
	values := filepath.Join(t.TempDir(), "values.csv")
	if err := os.WriteFile(values, []byte(in.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runR(t, `
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("character", "character", "numeric"))
items <- sort(unique(d$item))
p <- sapply(items, function(i) t.test(d$value[d$item == i & d$grp == "a"], d$value[d$item == i & d$grp == "b"])$p.value)
write.csv(data.frame(item = items, p = p, p_adj = p.adjust(p, "holm")), args[2], row.names = FALSE)
`, values)
	tab := table(t, e, `select item, grp, p_adj from scale_by_group('need', 'two') order by item, grp`, nil)
	if len(tab.Rows) < 4 || len(r) < 2 {
		t.Fatalf("%d rows, R %d items", len(tab.Rows), len(r))
	}
	doubled := false
	for _, row := range tab.Rows {
		item := query.Text(row[0])
		want, ok := r[item]
		if !ok {
			t.Fatalf("R has no item %s", item)
		}
		sameAsR(t, item+" "+query.Text(row[1])+" p_adj", row[2], want[1])
		if pa, _ := strconv.ParseFloat(want[1], 64); pa > 1e-3 && pa < 0.5 {
			doubled = true // a p_adj that doubling would move measurably
		}
	}
	if !doubled {
		t.Errorf("no p_adj in (0.001, 0.5): the test cannot tell a doubled one (R: %v)", r)
	}
}
