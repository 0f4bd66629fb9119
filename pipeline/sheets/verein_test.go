package sheets_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
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

// clubBook imports n generated members and builds their report with the
// rule's min n 5.
func clubBook(t *testing.T, n int, lang string) ([]member, book.Book) {
	ms, b, _ := clubReport(t, n, lang, 5, false)
	return ms, b
}

// clubReport imports n generated members and builds their report; with
// write, pipeline.Report also writes report.xlsx and report.html.
func clubReport(t *testing.T, n int, lang string, minN int, write bool) ([]member, book.Book, *report.Written) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	ms := generateMembers(n, 7)
	file := filepath.Join(dir, "mitglieder.csv")
	if err := writeMembers(file, ms); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if _, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "tsv25", EventTitle: "Befragung 2025", Files: []string{file}, Survey: "testdata/verein.survey.yaml"}); err != nil {
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
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: lang, Rule: disclosure.Rule{MinN: minN}, Event: sheets.Event{ID: "tsv25", Title: ev.Title, SurveyTitle: title}, Themes: ev.Themes})
	if err != nil {
		t.Fatal(err)
	}
	if !write {
		return ms, b, nil
	}
	w, err := pipeline.Report(ctx, pipeline.ReportOptions{DataDir: data, Out: filepath.Join(dir, "out"), Lang: lang, Rule: disclosure.Rule{MinN: minN}})
	if err != nil {
		t.Fatal(err)
	}
	return ms, b, w
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

// want is one figure of the report as an independent count of the
// generated answers says it: on the sheet titled title, in the block-th
// table of the sheet, the row whose label column holds label, in the
// column headed col.
type want struct {
	title    string
	block    int
	labelCol string
	label    string
	col      string
	value    float64
	format   format.Kind
}

// expectations are every figure of the club survey's question sections.
func expectations(ms []member) []want {
	var out []want
	add := func(title string, block int, labelCol, label, col string, v float64, f format.Kind) {
		out = append(out, want{title, block, labelCol, label, col, v, f})
	}
	// Single choice: n, share of those who answered, Wilson interval.
	const age = "Wie alt sind Sie?"
	counts := map[string]int{}
	answered := 0
	for _, m := range ms {
		if m.alter != "" {
			counts[m.alter]++
			answered++
		}
	}
	for code, label := range alterLabels {
		p, lo, hi := wilsonOf(counts[code], answered)
		add(age, 0, "Antwort", label, "n", float64(counts[code]), format.Int)
		add(age, 0, "Antwort", label, "Anteil", p, format.Pct)
		add(age, 0, "Antwort", label, "Untergrenze (95 %)", lo, format.Pct)
		add(age, 0, "Antwort", label, "Obergrenze (95 %)", hi, format.Pct)
	}
	add(age, 0, "Antwort", "(keine Angabe)", "n", float64(len(ms)-answered), format.Int)

	// Numeric: n, mean, interval, quartiles; bins of 5 years.
	const years = "Seit wie vielen Jahren sind Sie Mitglied?"
	var xs []float64
	for _, m := range ms {
		if m.jahre >= 0 {
			xs = append(xs, float64(m.jahre))
		}
	}
	n, mean, lo, hi := meanCI(xs)
	for col, v := range map[string]float64{"n": float64(n), "Mittelwert": mean, "Untergrenze (95 %)": lo, "Obergrenze (95 %)": hi,
		"Median": quantile7(xs, 0.5), "1. Quartil": quantile7(xs, 0.25), "3. Quartil": quantile7(xs, 0.75)} {
		f := format.Dec1
		if col == "n" {
			f = format.Int
		}
		add(years, 0, "n", "", col, v, f)
	}
	for from := 0; from <= 40; from += 5 {
		k := 0
		for _, x := range xs {
			if x >= float64(from) && x < float64(from+5) {
				k++
			}
		}
		add(years, 1, "Wert", strconv.Itoa(from)+" bis "+strconv.Itoa(from+5), "n", float64(k), format.Int)
	}

	// The matrix: shares per level; n, mean, interval, top-2 with Wilson.
	const matrix = "Wie zufrieden sind Sie mit den folgenden Angeboten?"
	for _, it := range items {
		var vs []float64
		levels := map[int]int{}
		top2 := 0
		for _, m := range ms {
			if v, ok := m.bewertung[it]; ok {
				vs = append(vs, float64(v))
				levels[v]++
				if v >= 4 {
					top2++
				}
			}
		}
		for v := 1; v <= 5; v++ {
			add(matrix, 0, "Item", itemText[it], levelText[v], float64(levels[v])/float64(len(vs)), format.Pct)
		}
		n, mean, lo, hi := meanCI(vs)
		p, plo, phi := wilsonOf(top2, n)
		add(matrix, 1, "Item", itemText[it], "n", float64(n), format.Int)
		add(matrix, 1, "Item", itemText[it], "Mittelwert", mean, format.Dec1)
		add(matrix, 1, "Item", itemText[it], "Untergrenze (95 %)", lo, format.Dec1)
		add(matrix, 1, "Item", itemText[it], "Obergrenze (95 %)", hi, format.Dec1)
		add(matrix, 1, "Item", itemText[it], "Anteil Top-2", p, format.Pct)
		add(matrix, 1, "Item", itemText[it], "Untergrenze Top-2 (95 %)", plo, format.Pct)
		add(matrix, 1, "Item", itemText[it], "Obergrenze Top-2 (95 %)", phi, format.Pct)
	}

	// Multiple choice: share of all respondents, with "other".
	const multi = "Welche Angebote nutzen Sie?"
	for _, o := range options {
		k := 0
		for _, m := range ms {
			for _, x := range m.nutzung {
				if x == o {
					k++
				}
			}
		}
		p, lo, hi := wilsonOf(k, len(ms))
		add(multi, 0, "Option", optionText[o], "n", float64(k), format.Int)
		add(multi, 0, "Option", optionText[o], "Basis", float64(len(ms)), format.Int)
		add(multi, 0, "Option", optionText[o], "Anteil", p, format.Pct)
		add(multi, 0, "Option", optionText[o], "Untergrenze (95 %)", lo, format.Pct)
		add(multi, 0, "Option", optionText[o], "Obergrenze (95 %)", hi, format.Pct)
	}
	others := 0
	for _, m := range ms {
		if m.other != "" {
			others++
		}
	}
	add(multi, 0, "Option", "Sonstiges (eigene Angabe)", "n", float64(others), format.Int)

	// The single-item satisfaction scale.
	const overall = "Wie zufrieden sind Sie insgesamt mit dem Verein?"
	var sat []float64
	for _, m := range ms {
		if m.gesamt > 0 && !m.bad {
			sat = append(sat, float64(m.gesamt))
		}
	}
	n, mean, lo, hi = meanCI(sat)
	add(overall, 1, "Item", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "n", float64(n), format.Int)
	add(overall, 1, "Item", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Mittelwert", mean, format.Dec1)
	add(overall, 1, "Item", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Untergrenze (95 %)", lo, format.Dec1)
	add(overall, 1, "Item", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Obergrenze (95 %)", hi, format.Dec1)

	// NPS: the score and its interval, the three groups, the 0–10 values.
	const nps = "Wie wahrscheinlich empfehlen Sie den Verein weiter?"
	dist := map[int]int{}
	nn, pro, det := 0, 0, 0
	for _, m := range ms {
		if m.nps < 0 {
			continue
		}
		dist[m.nps]++
		nn++
		if m.nps >= 9 {
			pro++
		}
		if m.nps <= 6 {
			det++
		}
	}
	p, d := float64(pro)/float64(nn), float64(det)/float64(nn)
	se := math.Sqrt((p + d - (p-d)*(p-d)) / float64(nn-1))
	add(nps, 0, "n", "", "n", float64(nn), format.Int)
	add(nps, 0, "n", "", "NPS", 100*(p-d), format.Signed)
	add(nps, 0, "n", "", "Untergrenze (95 %)", math.Max(-100, 100*(p-d-z975*se)), format.Signed)
	add(nps, 0, "n", "", "Obergrenze (95 %)", math.Min(100, 100*(p-d+z975*se)), format.Signed)
	for _, g := range []struct {
		label string
		k     int
	}{{"Promotoren (9–10)", pro}, {"Passive (7–8)", nn - pro - det}, {"Detraktoren (0–6)", det}} {
		pp, plo, phi := wilsonOf(g.k, nn)
		add(nps, 1, "Gruppe", g.label, "n", float64(g.k), format.Int)
		add(nps, 1, "Gruppe", g.label, "Anteil", pp, format.Pct)
		add(nps, 1, "Gruppe", g.label, "Untergrenze (95 %)", plo, format.Pct)
		add(nps, 1, "Gruppe", g.label, "Obergrenze (95 %)", phi, format.Pct)
	}
	for v := 0; v <= 10; v++ {
		add(nps, 2, "Wert", strconv.Itoa(v), "n", float64(dist[v]), format.Int)
	}

	// Ranking: mean rank with interval, first-choice share with Wilson.
	const rank = "Was soll der Verein zuerst angehen?"
	rankers := 0
	for _, m := range ms {
		if len(m.rank) > 0 {
			rankers++
		}
	}
	for _, it := range ranked {
		var rs []float64
		first := 0
		for _, m := range ms {
			if k, ok := m.rank[it]; ok {
				rs = append(rs, float64(k))
				if k == 1 {
					first++
				}
			}
		}
		n, mean, lo, hi := meanCI(rs)
		p, plo, phi := wilsonOf(first, rankers)
		add(rank, 0, "Item", rankedText[it], "n", float64(n), format.Int)
		add(rank, 0, "Item", rankedText[it], "Mittlerer Rang", mean, format.Dec1)
		add(rank, 0, "Item", rankedText[it], "Untergrenze (95 %)", lo, format.Dec1)
		add(rank, 0, "Item", rankedText[it], "Obergrenze (95 %)", hi, format.Dec1)
		add(rank, 0, "Item", rankedText[it], "An erster Stelle", float64(first), format.Int)
		add(rank, 0, "Item", rankedText[it], "Anteil an erster Stelle", p, format.Pct)
		add(rank, 0, "Item", rankedText[it], "Untergrenze erste Stelle (95 %)", plo, format.Pct)
		add(rank, 0, "Item", rankedText[it], "Obergrenze erste Stelle (95 %)", phi, format.Pct)
	}

	// Open answers: the count per theme of the definition's codebook.
	themes := map[string][]string{"Trainerteam": {"trainer", "coach"}, "Gemeinschaft": {"gemeinschaft", "freunde", "atmosphäre"}, "Kosten": {"beitrag", "kosten", "preis"}}
	for _, q := range []struct {
		title string
		text  func(member) string
	}{{"Was gefällt Ihnen besonders?", func(m member) string { return m.lob }}, {"Was sollten wir verbessern?", func(m member) string { return m.kritik }}} {
		var answers []string
		for _, m := range ms {
			if a := q.text(m); a != "" {
				answers = append(answers, a)
			}
		}
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
			if k > 0 {
				add(q.title, 0, "Thema", name, "Antworten", float64(k), format.Int)
				add(q.title, 0, "Thema", name, "Anteil der Antworten", float64(k)/float64(len(answers)), format.Pct)
			}
		}
	}
	return out
}

// answers are the free-text answers the club survey must list, by
// question title, and the typed "other" options.
func answerLists(ms []member) map[string][]string {
	out := map[string][]string{}
	for _, m := range ms {
		if m.lob != "" {
			out["Was gefällt Ihnen besonders?"] = append(out["Was gefällt Ihnen besonders?"], m.lob)
		}
		if m.kritik != "" {
			out["Was sollten wir verbessern?"] = append(out["Was sollten wir verbessern?"], m.kritik)
		}
		if m.other != "" {
			out["Welche Angebote nutzen Sie?"] = append(out["Welche Angebote nutzen Sie?"], m.other)
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// readTable is a table as a reader sees it: headings and rows of text.
type readTable struct {
	head []string
	rows [][]string
}

func (t readTable) col(h string) int { return slices.Index(t.head, h) }

// find returns the cell of w in tables (the sheet's tables in order).
func (w want) find(tables []readTable) (string, bool) {
	if w.block >= len(tables) {
		return "", false
	}
	t := tables[w.block]
	lc, vc := t.col(w.labelCol), t.col(w.col)
	if lc < 0 || vc < 0 {
		return "", false
	}
	for _, r := range t.rows {
		if lc < len(r) && (r[lc] == w.label || w.label == "") && vc < len(r) {
			return r[vc], true
		}
	}
	return "", false
}

// clubSurvey is the club's report, built and written.
type clubSurvey struct {
	ms      []member
	b       book.Book
	written *report.Written
}

// TestClubSurvey: a survey unlike the conference's — no state or sector,
// a matrix, a multiple choice with "other", an NPS, a ranking, two free
// texts — gets one section per question in its order under its own
// title, no empty sheet and no conference wording; every figure of its
// sections, read back from the book, from report.xlsx and from
// report.html, is what an independent count of the generated answers
// says. With min n 1 every figure is shown and compared; with 5, every
// figure shown is still the truth.
func TestClubSurvey(t *testing.T) {
	testtool.Slow(t)
	for _, minN := range []int{1, 5} {
		ms, b, w := clubReport(t, 120, "de", minN, true)
		if b.Title != "Mitgliederbefragung TSV Grünwald 2025" {
			t.Errorf("title %q", b.Title)
		}
		titles := []string{"Wie alt sind Sie?", "Seit wie vielen Jahren sind Sie Mitglied?", "Wie zufrieden sind Sie mit den folgenden Angeboten?",
			"Welche Angebote nutzen Sie?", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Wie wahrscheinlich empfehlen Sie den Verein weiter?",
			"Was soll der Verein zuerst angehen?", "Was gefällt Ihnen besonders?", "Was sollten wir verbessern?"}
		for i, want := range titles {
			if got := b.Sheets[1+i].Title; got != want {
				t.Errorf("section %d is %q, want %q", i+1, got, want)
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
		// The cover counts every member who answered.
		responses := -1.0
		for _, bl := range b.Sheets[0].Blocks {
			for _, f := range bl.Facts {
				if v, ok := f.Value.(int64); ok && f.Label == "Antworten" {
					responses = float64(v)
				}
			}
		}
		near(t, "cover: Antworten", responses, float64(len(ms)))
		// No conference wording in the book, nor in what the writers add.
		page, err := os.ReadFile(w.HTML)
		if err != nil {
			t.Fatal(err)
		}
		text := bookText(b) + string(page)
		for _, word := range conferenceWords {
			if strings.Contains(text, word) {
				t.Errorf("the club's report says %q", word)
			}
		}
		readers := map[string]func(s *book.Sheet) []readTable{
			"book": bookTables,
			"xlsx": xlsxTables(t, w.Workbook, w.Sheets),
			"html": htmlTables(t, w.HTML),
		}
		for _, from := range []string{"book", "xlsx", "html"} {
			compared, hidden := 0, 0
			for _, e := range expectations(ms) {
				s := sheetTitled(t, b, e.title)
				got, ok := e.find(readers[from](s))
				switch {
				case !ok:
					t.Errorf("%s: %s: no cell %s / %s / %s", from, e.title, e.labelCol, e.label, e.col)
				case got == ".":
					hidden++
					if minN == 1 {
						t.Errorf("%s: %s / %s / %s hidden with min n 1", from, e.title, e.label, e.col)
					}
				case !same(from, got, e):
					t.Errorf("%s: %s / %s / %s = %s, want %v", from, e.title, e.label, e.col, got, e.value)
				default:
					compared++
				}
			}
			if compared < 150 {
				t.Errorf("%s, min n %d: only %d figures compared (%d hidden)", from, minN, compared, hidden)
			}
			for title, want := range answerLists(ms) {
				tabs := readers[from](sheetTitled(t, b, title))
				if got := answersIn(tabs[len(tabs)-1]); !slices.Equal(got, want) {
					t.Errorf("%s: %s lists %q, want %q", from, title, got, want)
				}
			}
		}
	}
}

// same reports whether a cell read back shows the value: exactly (book,
// the workbook's raw numbers), or as the page prints it with its format.
func same(from, got string, e want) bool {
	if from != "html" {
		v, err := strconv.ParseFloat(got, 64)
		return err == nil && math.Abs(v-e.value) <= 1e-9*math.Max(1, math.Abs(e.value))
	}
	v, d := e.value, 1
	switch e.format {
	case format.Int:
		d = 0
	case format.Pct:
		v *= 100
	}
	return printed(got, v, d)
}

// xlsxTables reads a sheet's tables back from the workbook: each block's
// table where its heading row is, its rows up to the first empty one.
func xlsxTables(t *testing.T, path string, names map[string]string) func(s *book.Sheet) []readTable {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return func(s *book.Sheet) []readTable {
		rows, err := f.GetRows(names[s.ID], excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []readTable
		at := 0
		for _, want := range bookTables(s) {
			rt := readTable{head: want.head}
			for ; at < len(rows); at++ {
				if len(rows[at]) >= len(want.head) && slices.Equal(rows[at][:len(want.head)], want.head) {
					break
				}
			}
			for at++; at < len(rows) && len(rows[at]) > 0 && rows[at][0] != ""; at++ {
				r := rows[at]
				rt.rows = append(rt.rows, r[:min(len(r), len(want.head))])
			}
			out = append(out, rt)
		}
		return out
	}
}

// htmlTables reads a section's tables back from the page.
func htmlTables(t *testing.T, path string) func(s *book.Sheet) []readTable {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]readTable{}
	var walk func(n *html.Node, sec string)
	walk = func(n *html.Node, sec string) {
		if n.Type == html.ElementNode && n.Data == "section" {
			for _, a := range n.Attr {
				if a.Key == "id" {
					sec = a.Val
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "table" {
			var rt readTable
			var cells func(n *html.Node)
			var row []string
			cells = func(n *html.Node) {
				if n.Type == html.ElementNode && (n.Data == "th" || n.Data == "td") {
					row = append(row, strings.TrimSpace(textOf(n)))
					return
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					cells(c)
				}
				if n.Type == html.ElementNode && n.Data == "tr" {
					if rt.head == nil {
						rt.head = row
					} else {
						rt.rows = append(rt.rows, row)
					}
					row = nil
				}
			}
			cells(n)
			sections[sec] = append(sections[sec], rt)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, sec)
		}
	}
	walk(doc, "")
	return func(s *book.Sheet) []readTable { return sections[s.ID] }
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// conferenceWords must not appear in the report of another survey.
var conferenceWords = []string{"Bundesland", "Bereich", "Handlungsbedarf", "Konferenz", "Teilnehmend", "Themenwünsche", "MDK", "Digitalisierung"}

// bookText is every text of a book, for the wording check.
func bookText(b book.Book) string {
	var w strings.Builder
	w.WriteString(b.Title + "\n" + b.Subtitle + "\n")
	for _, s := range b.Sheets {
		w.WriteString(s.Name + "\n" + s.Title + "\n" + s.Description + "\n" + strings.Join(s.Notes, "\n"))
		for _, bl := range s.Blocks {
			w.WriteString(bl.Heading + "\n")
			for _, p := range bl.Paras {
				w.WriteString(p.Text + "\n")
			}
			for _, f := range bl.Facts {
				w.WriteString(f.Label + "\n")
			}
			if bl.Table != nil {
				for _, c := range bl.Table.Columns {
					if !c.Internal {
						w.WriteString(c.Heading + "\t")
					}
				}
			}
		}
	}
	return w.String()
}

// bookTables are a book sheet's tables as a reader sees them.
func bookTables(s *book.Sheet) []readTable {
	var out []readTable
	for _, bl := range s.Blocks {
		t := bl.Table
		if t == nil {
			continue
		}
		var rt readTable
		for _, c := range t.Columns {
			if !c.Internal {
				rt.head = append(rt.head, c.Heading)
			}
		}
		for r, row := range t.Rows {
			var cells []string
			for c, v := range row {
				if t.Columns[c].Internal {
					continue
				}
				switch {
				case t.IsHidden(r, c):
					cells = append(cells, ".")
				case v == nil:
					cells = append(cells, "")
				default:
					cells = append(cells, fmt.Sprint(v))
				}
			}
			rt.rows = append(rt.rows, cells)
		}
		out = append(out, rt)
	}
	return out
}

// answersIn is the answer column of an open answers' table, sorted.
func answersIn(t readTable) []string {
	c := t.col("Antwort")
	var out []string
	for _, r := range t.rows {
		if c >= 0 && c < len(r) {
			out = append(out, r[c])
		}
	}
	sort.Strings(out)
	return out
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

func sheetByID(t *testing.T, b book.Book, id string) *book.Sheet {
	t.Helper()
	if s := sheetOf(b, id); s != nil {
		return s
	}
	t.Fatalf("no sheet %s", id)
	return nil
}

// TestOpenAnswersOnPage: past answersOnPage answers the page lists the
// first of them in the workbook's order and says how many more the
// workbook has; the workbook lists every one.
func TestOpenAnswersOnPage(t *testing.T) {
	ms, b, w := clubReport(t, 1400, "de", 5, true)
	const title = "Was gefällt Ihnen besonders?"
	want := answerLists(ms)[title]
	if len(want) <= 500 {
		t.Fatalf("only %d answers generated, the test needs more than the page lists", len(want))
	}
	s := sheetTitled(t, b, title)
	xlsx := xlsxTables(t, w.Workbook, w.Sheets)(s)
	if got := answersIn(xlsx[len(xlsx)-1]); !slices.Equal(got, want) {
		t.Errorf("workbook lists %d answers, want all %d", len(got), len(want))
	}
	page := htmlTables(t, w.HTML)(s)
	if got := len(page[len(page)-1].rows); got != 500 {
		t.Errorf("page lists %d answers, want 500", got)
	}
	html, err := os.ReadFile(w.HTML)
	if err != nil {
		t.Fatal(err)
	}
	if more := fmt.Sprintf("Weitere %d Zeilen stehen in der Excel-Datei.", len(want)-500); !strings.Contains(string(html), more) {
		t.Errorf("page does not say %q", more)
	}
}
