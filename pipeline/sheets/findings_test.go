package sheets_test

import (
	"context"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sheets"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// conferenceBook is the report of the 16th conference, with the 15th as
// its previous wave.
func conferenceBook(t *testing.T, minN int) book.Book {
	t.Helper()
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	for _, f := range []struct{ file, ev, title, date string }{
		{"mdk15-googleforms.xlsx", "mdk15", "15. MDK", "2024-11-14"}, {"mdk16-msforms.xlsx", "mdk16", "16. MDK", "2025-11-13"},
	} {
		if _, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: f.ev, EventTitle: f.title, EventDate: f.date, Files: []string{"../../testdata/" + f.file}}); err != nil {
			t.Fatal(err)
		}
	}
	e, err := query.Open(ctx, query.Options{DataDir: data, Events: []string{"mdk16"}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: "de", Rule: disclosure.Rule{MinN: minN}, Event: sheets.Event{ID: "mdk16", Title: "16. MDK"}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// findings are the cover's finding sentences with the sheet each points to.
func findings(b book.Book) []book.Para {
	for _, bl := range b.Sheets[0].Blocks {
		if len(bl.Paras) > 0 && bl.Paras[0].Link != "" {
			var out []book.Para
			for _, p := range bl.Paras {
				if !p.Note {
					out = append(out, p)
				}
			}
			return out
		}
	}
	return nil
}

// de reads a number as the report prints it in German: 4,3 −14,2 +11,5 33,3 %.
func de(s string) float64 {
	s = strings.NewReplacer("\u2212", "-", "+", "", ",", ".", "\u00a0%", "", " %", "").Replace(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// printed says whether a figure printed with d decimals is v.
func printed(got string, v float64, d int) bool {
	p := math.Pow(10, float64(d))
	return math.Abs(de(got)-math.Round(v*p)/p) < 1e-9
}

type agg struct{ xs []float64 }

func (a *agg) add(v float64) { a.xs = append(a.xs, v) }
func (a *agg) ci() (n int, mean, lo, hi float64) {
	if len(a.xs) < 2 {
		return len(a.xs), math.NaN(), math.NaN(), math.NaN()
	}
	return meanCI(a.xs)
}

// TestConferenceFindings checks every sentence of the cover against the
// truth files: each figure it quotes is recomputed from the generated
// answers (means, intervals, n, shares, the NPS, significance by
// stats.VsRest, the change from the previous wave), and none rests on a
// cell the report hides.
func TestConferenceFindings(t *testing.T) {
	b := conferenceBook(t, 5)
	tr, err := sample.ReadTruth("../../testdata/mdk16-msforms.xlsx.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	prev, err := sample.ReadTruth("../../testdata/mdk15-googleforms.xlsx.truth.json")
	if err != nil {
		t.Fatal(err)
	}
	item := map[string]string{}
	for _, it := range sample.Items {
		item[it.DE] = it.Code
	}
	need := map[string]*agg{}
	for _, r := range tr.Respondents {
		for it, v := range r.Need {
			if need[it] == nil {
				need[it] = &agg{}
			}
			need[it].add(float64(v))
		}
	}
	fs := findings(b)
	if len(fs) < 3 || len(fs) > 6 {
		t.Fatalf("%d findings, want 3 to 6", len(fs))
	}
	seen := map[string]bool{}
	num := `(−?[\d,]+)`
	ci := num + `–` + num
	for _, f := range fs {
		if f.Link == "" || sheetOf(b, f.Link) == nil {
			t.Errorf("finding %q points to no sheet (%q)", f.Text, f.Link)
		}
		switch {
		case strings.HasPrefix(f.Text, "Handlungsbedarf: am höchsten"):
			seen["rated"] = true
			m := regexp.MustCompile(`„([^“]+)“ mit `+num+` \(95-%-KI `+ci+`; n = (\d+)\)`).FindAllStringSubmatch(f.Text, -1)
			if len(m) != 2 {
				t.Fatalf("rated: %q", f.Text)
			}
			best, worst := "", ""
			for it, a := range need {
				_, mean, _, _ := a.ci()
				if best == "" || mean > mustMean(need[best]) {
					best = it
				}
				if worst == "" || mean < mustMean(need[worst]) {
					worst = it
				}
			}
			for i, want := range []string{best, worst} {
				x := m[i]
				n, mean, lo, hi := need[want].ci()
				if item[x[1]] != want || !printed(x[2], mean, 1) || !printed(x[3], lo, 1) || !printed(x[4], hi, 1) || x[5] != strconv.Itoa(n) {
					t.Errorf("rated %d: %q, want %s %.3f (%.3f–%.3f) n %d", i, x[0], want, mean, lo, hi, n)
				}
			}
		case strings.HasPrefix(f.Text, "Handlungsbedarf nach Gruppen:"):
			seen["groups"] = true
			m := regexp.MustCompile(`([^:;]+?) bewertet „([^“]+)“ signifikant (höher|niedriger) als die übrigen Befragten \(`+num+`; n = (\d+)\)`).FindAllStringSubmatch(f.Text, -1)
			if len(m) == 0 {
				t.Fatalf("groups: %q", f.Text)
			}
			for _, x := range m {
				checkGroup(t, tr, strings.TrimSpace(x[1]), item[x[2]], x[3] == "höher", x[4], x[5])
			}
		case strings.HasPrefix(f.Text, "Gegenüber „15. MDK“"):
			seen["change"] = true
			m := regexp.MustCompile(`ist „([^“]+)“ am stärksten (gestiegen|gesunken), signifikant von ` + num + ` auf ` + num).FindStringSubmatch(f.Text)
			if m == nil {
				t.Fatalf("change: %q", f.Text)
			}
			it := item[m[1]]
			before := &agg{}
			for _, r := range prev.Respondents {
				if v, ok := r.Need[it]; ok {
					before.add(float64(v))
				}
			}
			if !printed(m[3], mustMean(before), 1) || !printed(m[4], mustMean(need[it]), 1) || (m[2] == "gesunken") != (mustMean(need[it]) < mustMean(before)) {
				t.Errorf("change: %q, truth %.3f → %.3f", m[0], mustMean(before), mustMean(need[it]))
			}
			// The largest significant change: no item changed more.
			for _, other := range sample.Items {
				o := &agg{}
				for _, r := range prev.Respondents {
					if v, ok := r.Need[other.Code]; ok {
						o.add(float64(v))
					}
				}
				if len(o.xs) > 1 && need[other.Code] != nil && math.Abs(mustMean(need[other.Code])-mustMean(o)) > math.Abs(mustMean(need[it])-mustMean(before))+1e-9 && significantChange(o, need[other.Code]) {
					t.Errorf("change: %s changed more (%s)", other.Code, f.Text)
				}
			}
		case strings.HasPrefix(f.Text, "Zufriedenheit: im Mittel"):
			seen["satisfaction"] = true
			m := regexp.MustCompile(`im Mittel ` + num + ` \(1 = sehr unzufrieden … 5 = sehr zufrieden; 95-%-KI ` + ci + `; n = (\d+)\)`).FindStringSubmatch(f.Text)
			sat := &agg{}
			for _, r := range tr.Respondents {
				if r.Satisfaction != nil {
					sat.add(float64(*r.Satisfaction))
				}
			}
			n, mean, lo, hi := sat.ci()
			if m == nil || !printed(m[1], mean, 1) || !printed(m[2], lo, 1) || !printed(m[3], hi, 1) || m[4] != strconv.Itoa(n) {
				t.Errorf("satisfaction: %q, want %.3f (%.3f–%.3f) n %d", f.Text, mean, lo, hi, n)
			}
		case strings.HasPrefix(f.Text, "Weiterempfehlung: Net Promoter Score"):
			seen["nps"] = true
			m := regexp.MustCompile(`Net Promoter Score ([−+]?[\d,]+) \(95-%-KI ([−+]?[\d,]+) bis ([−+]?[\d,]+); n = (\d+)\), ([\d,]+\x{00a0}%) Promotoren und ([\d,]+\x{00a0}%) Detraktoren`).FindStringSubmatch(f.Text)
			n, pro, det := 0, 0, 0
			for _, r := range tr.Respondents {
				if r.NPS != nil {
					n++
					if *r.NPS >= 9 {
						pro++
					}
					if *r.NPS <= 6 {
						det++
					}
				}
			}
			p, d := float64(pro)/float64(n), float64(det)/float64(n)
			se := math.Sqrt((p + d - (p-d)*(p-d)) / float64(n-1))
			if m == nil || !printed(m[1], 100*(p-d), 1) || !printed(m[2], 100*(p-d-z975*se), 1) || !printed(m[3], 100*(p-d+z975*se), 1) ||
				m[4] != strconv.Itoa(n) || !printed(m[5], 100*p, 1) || !printed(m[6], 100*d, 1) {
				t.Errorf("nps: %q, want %.2f, n %d, %.3f promoters, %.3f detractors", f.Text, 100*(p-d), n, p, d)
			}
		case strings.HasPrefix(f.Text, "Themenwünsche: am häufigsten gewählt"):
			seen["choice"] = true
			m := regexp.MustCompile(`„([^“]+)“ \(([\d,]+\x{00a0}%) der Befragten; 95-%-KI ([\d,]+\x{00a0}%)–([\d,]+\x{00a0}%)\)`).FindStringSubmatch(f.Text)
			counts := map[string]int{}
			for _, r := range tr.Respondents {
				for _, tp := range r.Topics {
					counts[tp]++
				}
			}
			top := ""
			for tp, k := range counts {
				if top == "" || k > counts[top] {
					top = tp
				}
			}
			p, lo, hi := wilsonOf(counts[top], len(tr.Respondents))
			if m == nil || item[m[1]] != top || !printed(m[2], 100*p, 1) || !printed(m[3], 100*lo, 1) || !printed(m[4], 100*hi, 1) {
				t.Errorf("choice: %q, want %s %.4f (%.4f–%.4f)", f.Text, top, p, lo, hi)
			}
		default:
			t.Errorf("a finding this test does not know: %q", f.Text)
		}
	}
	for _, k := range []string{"rated", "groups", "change", "satisfaction", "nps"} {
		if !seen[k] {
			t.Errorf("no %s finding among %v", k, fs)
		}
	}
}

func mustMean(a *agg) float64 {
	var s float64
	for _, x := range a.xs {
		s += x
	}
	return s / float64(len(a.xs))
}

// checkGroup: a group's quoted mean and n are the truth's, and stats.VsRest
// marks it in the quoted direction.
func checkGroup(t *testing.T, tr *sample.Truth, group, it string, higher bool, mean, n string) {
	t.Helper()
	for _, dim := range []struct {
		labels []sample.Label
		of     func(sample.TruthRespondent) *string
	}{{sample.States, func(r sample.TruthRespondent) *string { return r.State }}, {sample.Sectors, func(r sample.TruthRespondent) *string { return r.Sector }}} {
		code := ""
		for _, l := range dim.labels {
			if l.DE == group {
				code = l.Code
			}
		}
		if code == "" {
			continue
		}
		var table [][]stats.Group
		gi, ii := -1, -1
		for i, item := range sample.Items {
			var row []stats.Group
			for j, l := range dim.labels {
				a := &agg{}
				for _, r := range tr.Respondents {
					if g := dim.of(r); g != nil && *g == l.Code {
						if v, ok := r.Need[item.Code]; ok {
							a.add(float64(v))
						}
					}
				}
				sd := math.NaN()
				if len(a.xs) > 1 {
					m := mustMean(a)
					var ss float64
					for _, x := range a.xs {
						ss += (x - m) * (x - m)
					}
					sd = math.Sqrt(ss / float64(len(a.xs)-1))
				}
				g := stats.Group{Label: l.Code, N: len(a.xs)}
				if len(a.xs) > 0 {
					g.Mean = mustMean(a)
				}
				g.SD = sd
				row = append(row, g)
				if l.Code == code && item.Code == it {
					gi, ii = j, i
				}
			}
			table = append(table, row)
		}
		g := table[ii][gi]
		mark := stats.VsRest(table, 0.05, 5)[ii][gi]
		want := stats.Lower
		if higher {
			want = stats.Higher
		}
		if mark.Dir != want || !printed(mean, g.Mean, 1) || n != strconv.Itoa(g.N) || g.N < 5 {
			t.Errorf("group %s / %s: quoted %s n %s %v, truth %.3f n %d %v", group, it, mean, n, higher, g.Mean, g.N, mark.Dir)
		}
		return
	}
	t.Errorf("group %q is no state or sector", group)
}

// significantChange is Welch's test of two waves' answers at 5 %, before
// Holm: a change the report could mark.
func significantChange(a, b *agg) bool {
	sd := func(x *agg) float64 {
		m := mustMean(x)
		var ss float64
		for _, v := range x.xs {
			ss += (v - m) * (v - m)
		}
		return math.Sqrt(ss / float64(len(x.xs)-1))
	}
	_, _, p := stats.WelchT(len(a.xs), mustMean(a), sd(a), len(b.xs), mustMean(b), sd(b))
	return p < 0.05
}

// TestFindingsQuoteNoHiddenFigure: with a strict rule, the cover quotes
// only cells its sheets show — every n it names is at least the rule's,
// and each figure is a shown cell of the sheet it points to.
func TestFindingsQuoteNoHiddenFigure(t *testing.T) {
	for _, minN := range []int{5, 40} {
		b := conferenceBook(t, minN)
		fs := findings(b)
		if len(fs) == 0 {
			t.Fatalf("min n %d: no findings", minN)
		}
		for _, f := range fs {
			for _, m := range regexp.MustCompile(`n = (\d+)`).FindAllStringSubmatch(f.Text, -1) {
				if n, _ := strconv.Atoi(m[1]); n < minN {
					t.Errorf("min n %d: %q quotes n = %d", minN, f.Text, n)
				}
			}
			// The sheets the sentence speaks of: the one it points to, and
			// its siblings of the same query (the headline by each dimension).
			var family []*book.Sheet
			prefix := f.Link
			if i := strings.LastIndex(prefix, "_"); strings.HasPrefix(prefix, "headline_by_group") && i > 0 {
				prefix = prefix[:i+1]
			}
			for i := range b.Sheets {
				if b.Sheets[i].ID == f.Link || strings.HasPrefix(b.Sheets[i].ID, prefix) && prefix != f.Link {
					family = append(family, &b.Sheets[i])
				}
			}
			if len(family) == 0 {
				t.Errorf("min n %d: %q points to no sheet", minN, f.Text)
			}
			// Every number of the sentence is a cell those sheets show.
			for _, loc := range regexp.MustCompile(`[−+]?\d+(?:,\d+)?`).FindAllStringIndex(f.Text, -1) {
				m, after := f.Text[loc[0]:loc[1]], f.Text[loc[1]:]
				if strings.HasPrefix(after, "-%") || strings.HasPrefix(after, ". MDK") || strings.HasPrefix(after, " weitere") {
					continue // "95-%-KI", "15. MDK", "4 weitere Unterschiede"
				}
				if strings.HasPrefix(after, " = ") || strings.HasPrefix(after, " …") {
					continue // the scale's ends: "1 = sehr unzufrieden … 5"
				}
				shown := false
				for _, s := range family {
					shown = shown || shownIn(s, de(m))
				}
				if !shown {
					t.Errorf("min n %d: %q quotes %s, which %s does not show", minN, f.Text, m, f.Link)
				}
			}
		}
		if minN == 40 {
			for _, f := range fs {
				if strings.Contains(f.Text, "nach Gruppen") && regexp.MustCompile(`n = ([0-3]?\d)\)`).MatchString(f.Text) {
					t.Errorf("a group under 40 quoted: %q", f.Text)
				}
			}
		}
	}
}

// shownIn reports whether a sheet shows a cell that prints as v (with
// one decimal, or as a percentage with one).
func shownIn(s *book.Sheet, v float64) bool {
	for _, bl := range s.Blocks {
		t := bl.Table
		if t == nil {
			continue
		}
		for r, row := range t.Rows {
			for c, x := range row {
				if t.IsHidden(r, c) {
					continue
				}
				f, ok := x.(float64)
				if i, isInt := x.(int64); isInt {
					f, ok = float64(i), true
				}
				if ok && (math.Abs(math.Round(f*10)/10-v) < 1e-9 || t.Columns[c].Format == format.Pct && math.Abs(math.Round(f*1000)/10-v) < 1e-9) {
					return true
				}
			}
		}
	}
	return false
}

func sheetOf(b book.Book, id string) *book.Sheet {
	for i := range b.Sheets {
		if b.Sheets[i].ID == id {
			return &b.Sheets[i]
		}
	}
	return nil
}
