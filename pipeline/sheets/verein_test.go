package sheets_test

import (
	"context"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sheets"
	"github.com/resonanz/resonanz/pipeline/store"
)

// The independent arithmetic the report is checked against: plain
// formulas over the generated answers, not resonanz's SQL or stats.
const z975 = 1.959963984540054

func wilsonOf(k, n int) (p, lo, hi float64) {
	p = float64(k) / float64(n)
	nn := float64(n)
	c := (p + z975*z975/(2*nn)) / (1 + z975*z975/nn)
	h := z975 * math.Sqrt(p*(1-p)/nn+z975*z975/(4*nn*nn)) / (1 + z975*z975/nn)
	return p, c - h, c + h
}

func meanCI(xs []float64) (n int, mean, lo, hi float64) {
	n = len(xs)
	for _, x := range xs {
		mean += x
	}
	mean /= float64(n)
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return n, mean, mean - t*sd/math.Sqrt(float64(n)), mean + t*sd/math.Sqrt(float64(n))
}

func quantile7(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	h := p * float64(len(s)-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(s)-1)
	return s[lo] + (h-float64(lo))*(s[hi]-s[lo])
}

// clubBook imports n generated members and builds their report.
func clubBook(t *testing.T, n int, lang string) ([]member, book.Book) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	ms := generateMembers(n, 7)
	file := filepath.Join(dir, "mitglieder.csv")
	if err := writeMembers(file, ms); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if _, err := pipeline.Import(ctx, pipeline.ImportOptions{DataDir: data, Event: "tsv25", EventTitle: "Befragung 2025", Files: []string{file}, Survey: "testdata/verein.survey.yaml"}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	man, err := st.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	ev := man.Events["tsv25"]
	e, err := query.Open(ctx, query.Options{DataDir: data, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	title := ev.SurveyTitle
	if lang == "en" && ev.SurveyTitleEn != "" {
		title = ev.SurveyTitleEn
	}
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: lang, Rule: disclosure.Rule{MinN: 5}, Event: sheets.Event{ID: "tsv25", Title: ev.Title, SurveyTitle: title}, Themes: ev.Themes})
	if err != nil {
		t.Fatal(err)
	}
	return ms, b
}

// sheetTitled finds the sheet whose title is the question's text.
func sheetTitled(t *testing.T, b book.Book, title string) *book.Sheet {
	t.Helper()
	for i := range b.Sheets {
		if b.Sheets[i].Title == title {
			return &b.Sheets[i]
		}
	}
	t.Fatalf("no sheet titled %q", title)
	return nil
}

// row finds the row whose column key holds label.
func row(t *testing.T, tab *book.Table, key, label string) int {
	t.Helper()
	c := tab.Col(key)
	for r, rw := range tab.Rows {
		if s, _ := rw[c].(string); s == label {
			return r
		}
	}
	t.Fatalf("no row %s = %q", key, label)
	return -1
}

func num(tab *book.Table, r int, key string) float64 {
	switch v := tab.Rows[r][tab.Col(key)].(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return math.NaN()
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestClubSurvey: a survey unlike the conference's gets one section per
// question, in its order, under its own title, with every number as an
// independent count of the generated answers says, and no empty sheet.
func TestClubSurvey(t *testing.T) {
	ms, b := clubBook(t, 120, "de")
	if b.Title != "Mitgliederbefragung TSV Grünwald 2025" {
		t.Errorf("title %q", b.Title)
	}
	// One section per question, in the survey's order, before anything else.
	want := []string{"Wie alt sind Sie?", "Seit wie vielen Jahren sind Sie Mitglied?", "Wie zufrieden sind Sie mit den folgenden Angeboten?",
		"Welche Angebote nutzen Sie?", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Wie wahrscheinlich empfehlen Sie den Verein weiter?",
		"Was soll der Verein zuerst angehen?", "Was gefällt Ihnen besonders?", "Was sollten wir verbessern?"}
	for i, w := range want {
		if got := b.Sheets[1+i].Title; got != w {
			t.Errorf("section %d is %q, want %q", i+1, got, w)
		}
	}
	names := map[string]bool{}
	for _, s := range b.Sheets {
		if len([]rune(s.Name)) > 31 || names[strings.ToLower(s.Name)] {
			t.Errorf("sheet name %q too long or twice", s.Name)
		}
		names[strings.ToLower(s.Name)] = true
		if empty(s) {
			t.Errorf("sheet %q is empty", s.Name)
		}
	}
	checkSingle(t, b, ms)
	checkNumeric(t, b, ms)
	checkMatrix(t, b, ms)
	checkMulti(t, b, ms)
	checkNPS(t, b, ms)
	checkRanking(t, b, ms)
	checkOpen(t, b, ms)
}

// empty reports whether a sheet shows nothing: no fact, no paragraph, no
// table row.
func empty(s book.Sheet) bool {
	if s.Err != nil {
		return false
	}
	for _, bl := range s.Blocks {
		if len(bl.Facts) > 0 || len(bl.Paras) > 0 || bl.Table != nil && len(bl.Table.Rows) > 0 {
			return false
		}
	}
	return true
}

func checkSingle(t *testing.T, b book.Book, ms []member) {
	tab := sheetTitled(t, b, "Wie alt sind Sie?").Blocks[0].Table
	counts := map[string]int{}
	answered := 0
	for _, m := range ms {
		if m.alter != "" {
			counts[m.alter]++
			answered++
		}
	}
	for code, label := range alterLabels {
		r := row(t, tab, "label", label)
		p, lo, hi := wilsonOf(counts[code], answered)
		near(t, "alter n "+code, num(tab, r, "n"), float64(counts[code]))
		near(t, "alter share "+code, num(tab, r, "share"), p)
		near(t, "alter ci_low "+code, num(tab, r, "ci_low"), lo)
		near(t, "alter ci_high "+code, num(tab, r, "ci_high"), hi)
	}
	if miss := len(ms) - answered; miss > 0 {
		near(t, "alter not answered", num(tab, row(t, tab, "label", "(keine Angabe)"), "n"), float64(miss))
	}
}

func checkNumeric(t *testing.T, b book.Book, ms []member) {
	s := sheetTitled(t, b, "Seit wie vielen Jahren sind Sie Mitglied?")
	var xs []float64
	for _, m := range ms {
		if m.jahre >= 0 {
			xs = append(xs, float64(m.jahre))
		}
	}
	st := s.Blocks[0].Table
	n, mean, lo, hi := meanCI(xs)
	near(t, "jahre n", num(st, 0, "n"), float64(n))
	near(t, "jahre mean", num(st, 0, "mean"), mean)
	near(t, "jahre ci_low", num(st, 0, "ci_low"), lo)
	near(t, "jahre ci_high", num(st, 0, "ci_high"), hi)
	near(t, "jahre median", num(st, 0, "median"), quantile7(xs, 0.5))
	near(t, "jahre q1", num(st, 0, "q1"), quantile7(xs, 0.25))
	near(t, "jahre q3", num(st, 0, "q3"), quantile7(xs, 0.75))
	// 41 distinct values: bins of 5 years, each counted.
	dt := s.Blocks[1].Table
	total := 0
	for r := range dt.Rows {
		from := num(dt, r, "value")
		k := 0
		for _, x := range xs {
			if x >= from && x < from+5 {
				k++
			}
		}
		near(t, "jahre bin", num(dt, r, "n"), float64(k))
		total += k
	}
	if total != n {
		t.Errorf("bins hold %d answers, want %d", total, n)
	}
}

func checkMatrix(t *testing.T, b book.Book, ms []member) {
	s := sheetTitled(t, b, "Wie zufrieden sind Sie mit den folgenden Angeboten?")
	dt, mt := s.Blocks[0].Table, s.Blocks[1].Table
	for _, it := range items {
		var xs []float64
		levels := map[int]int{}
		top2 := 0
		for _, m := range ms {
			if v, ok := m.bewertung[it]; ok {
				xs = append(xs, float64(v))
				levels[v]++
				if v >= 4 {
					top2++
				}
			}
		}
		r := row(t, dt, "item_text", itemText[it])
		for v := 1; v <= 5; v++ {
			near(t, it+" share of "+levelText[v], num(dt, r, "share_"+string(rune('0'+v))), float64(levels[v])/float64(len(xs)))
		}
		r = row(t, mt, "item_text", itemText[it])
		n, mean, lo, hi := meanCI(xs)
		near(t, it+" n", num(mt, r, "n"), float64(n))
		near(t, it+" mean", num(mt, r, "mean"), mean)
		near(t, it+" ci_low", num(mt, r, "ci_low"), lo)
		near(t, it+" ci_high", num(mt, r, "ci_high"), hi)
		p, plo, phi := wilsonOf(top2, n)
		near(t, it+" top2", num(mt, r, "top2_share"), p)
		near(t, it+" top2 low", num(mt, r, "top2_ci_low"), plo)
		near(t, it+" top2 high", num(mt, r, "top2_ci_high"), phi)
	}
}

func checkMulti(t *testing.T, b book.Book, ms []member) {
	s := sheetTitled(t, b, "Welche Angebote nutzen Sie?")
	tab := s.Blocks[0].Table
	for _, o := range options {
		k := 0
		for _, m := range ms {
			for _, x := range m.nutzung {
				if x == o {
					k++
				}
			}
		}
		r := row(t, tab, "item_text", optionText[o])
		p, lo, hi := wilsonOf(k, len(ms))
		near(t, o+" n", num(tab, r, "n"), float64(k))
		near(t, o+" base", num(tab, r, "total"), float64(len(ms)))
		near(t, o+" share", num(tab, r, "share"), p)
		near(t, o+" ci_low", num(tab, r, "ci_low"), lo)
		near(t, o+" ci_high", num(tab, r, "ci_high"), hi)
	}
	var others []string
	for _, m := range ms {
		if m.other != "" {
			others = append(others, m.other)
		}
	}
	near(t, "other n", num(tab, row(t, tab, "item_text", "Sonstiges (eigene Angabe)"), "n"), float64(len(others)))
	ot := s.Blocks[1].Table
	var got []string
	for _, r := range ot.Rows {
		got = append(got, r[0].(string))
	}
	sort.Strings(others)
	if strings.Join(got, "|") != strings.Join(others, "|") {
		t.Errorf("other answers %q, want %q", got, others)
	}
}

func checkNPS(t *testing.T, b book.Book, ms []member) {
	s := sheetTitled(t, b, "Wie wahrscheinlich empfehlen Sie den Verein weiter?")
	dist := map[int]int{}
	n, pro, det := 0, 0, 0
	for _, m := range ms {
		if m.nps < 0 {
			continue
		}
		dist[m.nps]++
		n++
		if m.nps >= 9 {
			pro++
		}
		if m.nps <= 6 {
			det++
		}
	}
	score := s.Blocks[0].Table
	p, d := float64(pro)/float64(n), float64(det)/float64(n)
	se := math.Sqrt((p + d - (p-d)*(p-d)) / float64(n-1))
	near(t, "nps n", num(score, 0, "n"), float64(n))
	near(t, "nps", num(score, 0, "score"), 100*(p-d))
	near(t, "nps low", num(score, 0, "ci_low"), math.Max(-100, 100*(p-d-z975*se)))
	near(t, "nps high", num(score, 0, "ci_high"), math.Min(100, 100*(p-d+z975*se)))
	groups := s.Blocks[1].Table
	for i, k := range []int{pro, n - pro - det, det} {
		pp, lo, hi := wilsonOf(k, n)
		near(t, "nps group n", num(groups, i, "n"), float64(k))
		near(t, "nps group share", num(groups, i, "share"), pp)
		near(t, "nps group low", num(groups, i, "ci_low"), lo)
		near(t, "nps group high", num(groups, i, "ci_high"), hi)
	}
	dt := s.Blocks[2].Table
	for v := 0; v <= 10; v++ {
		near(t, "nps value n", num(dt, v, "n"), float64(dist[v]))
	}
}

func checkRanking(t *testing.T, b book.Book, ms []member) {
	tab := sheetTitled(t, b, "Was soll der Verein zuerst angehen?").Blocks[0].Table
	rankers := 0
	for _, m := range ms {
		if len(m.rank) > 0 {
			rankers++
		}
	}
	prev := 0.0
	for r := range tab.Rows {
		if m := num(tab, r, "mean_rank"); m < prev {
			t.Errorf("ranking not ordered by mean rank: row %d", r)
		} else {
			prev = m
		}
	}
	for _, it := range ranked {
		var xs []float64
		first := 0
		for _, m := range ms {
			if k, ok := m.rank[it]; ok {
				xs = append(xs, float64(k))
				if k == 1 {
					first++
				}
			}
		}
		r := row(t, tab, "item_text", rankedText[it])
		n, mean, lo, hi := meanCI(xs)
		near(t, it+" ranked by", num(tab, r, "n"), float64(n))
		near(t, it+" mean rank", num(tab, r, "mean_rank"), mean)
		near(t, it+" rank low", num(tab, r, "ci_low"), lo)
		near(t, it+" rank high", num(tab, r, "ci_high"), hi)
		p, plo, phi := wilsonOf(first, rankers)
		near(t, it+" first", num(tab, r, "first_n"), float64(first))
		near(t, it+" first share", num(tab, r, "first_share"), p)
		near(t, it+" first low", num(tab, r, "first_ci_low"), plo)
		near(t, it+" first high", num(tab, r, "first_ci_high"), phi)
	}
}

func checkOpen(t *testing.T, b book.Book, ms []member) {
	themes := map[string][]string{"Trainerteam": {"trainer", "coach"}, "Gemeinschaft": {"gemeinschaft", "freunde", "atmosphäre"}, "Kosten": {"beitrag", "kosten", "preis"}}
	for _, q := range []struct {
		title string
		text  func(member) string
	}{{"Was gefällt Ihnen besonders?", func(m member) string { return m.lob }}, {"Was sollten wir verbessern?", func(m member) string { return m.kritik }}} {
		s := sheetTitled(t, b, q.title)
		var answers []string
		for _, m := range ms {
			if a := q.text(m); a != "" {
				answers = append(answers, a)
			}
		}
		at := s.Blocks[1].Table
		var got []string
		for r := range at.Rows {
			got = append(got, at.Rows[r][at.Col("text")].(string))
		}
		sort.Strings(answers)
		sort.Strings(got)
		if strings.Join(got, "|") != strings.Join(answers, "|") {
			t.Errorf("%s: answers %q, want every one of %q", q.title, got, answers)
		}
		tt := s.Blocks[0].Table
		for name, kws := range themes {
			k := 0
			for _, a := range answers {
				for _, kw := range kws {
					if strings.Contains(strings.ToLower(a), kw) {
						k++
						break
					}
				}
			}
			if k == 0 {
				continue
			}
			near(t, q.title+" theme "+name, num(tt, row(t, tt, "theme_text", name), "n"), float64(k))
		}
	}
}

func sheetByID(t *testing.T, b book.Book, id string) *book.Sheet {
	t.Helper()
	for i := range b.Sheets {
		if b.Sheets[i].ID == id {
			return &b.Sheets[i]
		}
	}
	t.Fatalf("no sheet %s", id)
	return nil
}
