package report

import (
	"errors"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report/reporttest"
)

func fp(v float64) *float64 { return &v }

const hostileTitle = `Konferenz <script>alert("t")</script> & "Zitat"`

var hostile = []string{
	`<script>alert(1)</script>`,
	`=HYPERLINK("http://evil.example/x","klick")`,
	`<img src=http://evil.example/p.png onerror=alert(2)>`,
}

// fixture is a small report: a cover, a long grouped bar chart with one
// suppressed row and one marked cell, a wide Likert table, a table of
// hostile text, methods, codebook and data quality.
func fixture(lang string) book.Book {
	col := func(key string, f format.Kind) book.Column {
		return book.Column{Key: key, Heading: i18n.Column(lang, key), Format: f}
	}
	code := func(key string) book.Column { return book.Column{Key: key, Internal: true} }
	needs := &book.Table{
		Columns: []book.Column{code("state"), col("state_name", format.Text), code("item"), col("item_text", format.Text),
			col("n", format.Int), col("mean", format.Dec1), col("ci_low", format.Dec1), col("ci_high", format.Dec1)},
		Rows: [][]any{
			{"DE-SN", "Sachsen", "ds", "Datenschutz", int64(40), 3.25, 3.0, 3.5},
			{"DE-TH", "Thüringen", "ds", "Datenschutz", int64(3), 4.0, 2.0, 5.0},
			{"DE-SN", "Sachsen", "ki", "Künstliche Intelligenz", int64(38), 3.5, 3.2, 3.8},
			{"DE-TH", "Thüringen", "ki", "Künstliche Intelligenz", int64(20), 2.75, 2.4, 3.1},
		},
		Protect: &disclosure.Spec{},
	}
	needs.Hidden = make([][]bool, 4)
	needs.Hidden[1] = []bool{false, false, false, false, true, true, true, true}
	needs.SetMark(2, 5, "▲")
	likert := &book.Table{
		Columns: []book.Column{code("item"), col("item_text", format.Text), col("n", format.Int),
			{Key: "share_1", Heading: "gering", Format: format.Pct}, {Key: "share_2", Heading: "mittel", Format: format.Pct},
			{Key: "share_3", Heading: "hoch", Format: format.Pct}, col("mean", format.Dec1)},
		Rows: [][]any{
			{"ds", "Datenschutz", int64(50), 0.2, 0.5, 0.3, 2.1},
			{"ki", "Künstliche Intelligenz", int64(40), 0.1, 0.3, 0.6, 2.5},
		},
	}
	text := &book.Table{Columns: []book.Column{{Key: "label", Heading: "label"}, col("n", format.Int)}}
	for i, h := range hostile {
		text.Rows = append(text.Rows, []any{h, int64(10 + i)})
	}
	byState := &book.Table{Columns: []book.Column{code("state"), col("state_name", format.Text), col("n", format.Int), col("share", format.Pct)},
		Rows: [][]any{{"DE-SN", "Sachsen", int64(40), 40.0 / 60}, {"DE-TH", "Thüringen", int64(20), 20.0 / 60}, {"DE-BE", "Berlin", int64(2), 2.0 / 60}}}
	byState.Hidden = [][]bool{nil, nil, {false, false, true, true}}
	nps := &book.Table{Columns: []book.Column{{Key: "label", Heading: "Kennzahl"}, {Key: "score", Heading: "NPS", Format: format.Signed}, col("n", format.Int)},
		Rows: [][]any{{"Weiterempfehlung", -1.4, int64(50)}}}
	title := func(de, en string) string { return i18n.Pick(lang, de, en) }
	return book.Book{
		Lang: lang, MinN: 5, Title: "Teilnehmendenbefragung " + hostileTitle, Subtitle: hostileTitle, ChartLine: hostileTitle + ", n = 60", Event: "mdk16",
		Now: time.Date(2025, 11, 20, 10, 0, 0, 0, time.UTC),
		Sheets: []book.Sheet{
			{ID: "cover", Name: title("Übersicht", "Summary"), Title: "Teilnehmendenbefragung " + hostileTitle, Role: book.Cover, Blocks: []book.Block{
				{Facts: []book.Fact{{Label: "Datum", Value: title("13.11.2025", "13 November 2025"), Format: format.Text}, {Label: i18n.T(lang, "responses"), Value: int64(60), Format: format.Int}}},
				{Heading: "Ergebnisse", Paras: []book.Para{{Text: "Am höchsten: Künstliche Intelligenz.", Link: "needs"}, {Text: "Ein Hinweis.", Note: true}}},
				{Heading: "Kennzahlen", Table: nps},
				{Heading: i18n.T(lang, "by_state"), Table: byState},
				{Heading: "Inhalt", Contents: true},
			}},
			{ID: "needs", Name: title("Handlungsbedarf", "Need"), Title: title("Handlungsbedarf", "Need"), Source: "built-in", Blocks: []book.Block{{Table: needs,
				Chart: &book.Chart{Kind: chart.GroupedBar, X: "item_text", Y: "mean", Series: "state_name", ErrLow: "ci_low", ErrHigh: "ci_high", YMin: fp(1), YMax: fp(5)}}}},
			{ID: "likert", Name: "Likert", Title: title("Verteilung", "Distribution"), Blocks: []book.Block{{Table: likert,
				Chart: &book.Chart{Kind: chart.Diverging, X: "item_text", Y: "share", Wide: []string{"share_1", "share_2", "share_3"}}}}},
			{ID: "texts", Name: "Texte", Title: "Texte", Source: "/tmp/q/texts.sql", Blocks: []book.Block{{Table: text}}},
			{ID: "methods", Name: title("Methodik", "Methods"), Title: title("Methodik", "Methods"), Role: book.Appendix, Blocks: []book.Block{
				{Paras: []book.Para{{Text: "Absatz eins."}, {Text: "Absatz zwei."}}}}},
			{ID: "codebook", Name: title("Codebuch", "Codebook"), Title: title("Codebuch", "Codebook"), Role: book.Appendix, Blocks: []book.Block{{Table: &book.Table{
				Columns: []book.Column{col("question", format.Text), col("item", format.Text), col("question_text", format.Text), col("codes", format.Text)},
				Rows:    [][]any{{"need", "ds", "Wie hoch?", "1 = gering"}}}}}},
			{ID: "quality", Name: title("Datenqualität", "Data quality"), Title: title("Datenqualität", "Data quality"), Role: book.Appendix, Blocks: []book.Block{
				{Heading: "Dateien", Table: &book.Table{Columns: []book.Column{col("file", format.Text), col("sha256", format.Text), col("imported_at", format.DateTime), col("rows_read", format.Int)},
					Rows: [][]any{{"umfrage.xlsx", strings.Repeat("ab", 32), time.Date(2025, 11, 14, 9, 30, 0, 0, time.UTC), int64(60)}}}},
				{Heading: "Zurückgewiesen", Table: &book.Table{Columns: []book.Column{col("file", format.Text), col("row", format.Int), col("value", format.Text), col("reason", format.Text)},
					Rows: [][]any{{"umfrage.xlsx", int64(7), hostile[0], "not a number"}}, Limit: 200}},
			}},
		},
	}
}

func write(t *testing.T, in book.Book) (*Written, string) {
	t.Helper()
	dir := t.TempDir()
	w, err := Write(in, Options{Out: dir})
	if err != nil {
		t.Fatal(err)
	}
	return w, dir
}

func TestWorkbook(t *testing.T) {
	w, dir := write(t, fixture("de"))
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Übersicht", "Handlungsbedarf", "Likert", "Texte", "Methodik", "Codebuch", "Datenqualität"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	if w.Sheets["needs"] != "Handlungsbedarf" || w.Sheets["likert"] != "Likert" {
		t.Errorf("Written.Sheets = %v", w.Sheets)
	}
	sh := "Handlungsbedarf"
	head := findRow(t, f, sh, "Bundesland")
	rows, _ := f.GetRows(sh)
	if got := rows[head-1][:6]; !slices.Equal(got, []string{"Bundesland", "Item", "n", "Mittelwert", "Untergrenze (95 %)", "Obergrenze (95 %)"}) {
		t.Errorf("header %q", got)
	}
	// Row 2 (Thüringen, n = 3) is suppressed in every number.
	for col := 3; col <= 6; col++ {
		if v := cellValue(t, f, sh, col, head+2); v != "." {
			t.Errorf("suppressed cell %s = %q, want .", cell(col, head+2), v)
		}
	}
	// The marked mean stays a number; its format carries the mark.
	ref := cell(4, head+3)
	if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("marked cell %s has type %v, want a number", ref, typ)
	}
	if v, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true}); v != "3.5" {
		t.Errorf("marked cell %s = %q, want 3.5", ref, v)
	}
	if code := reporttest.PosFmt(t, f, sh, ref); !strings.Contains(code, "▲") || !strings.HasPrefix(code, "0.0") {
		t.Errorf("marked cell format %q", code)
	}
	if code := reporttest.PosFmt(t, f, sh, cell(3, head+1)); code != "#,##0" {
		t.Errorf("n format %q, want #,##0", code)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != head {
		t.Errorf("panes %+v (%v), want the header row %d frozen", panes, err, head)
	}
	// The hostile text is a string, never a formula.
	for i, h := range hostile {
		r := findRow(t, f, "Texte", "label") + 1 + i
		ref := cell(1, r)
		if fx, _ := f.GetCellFormula("Texte", ref); fx != "" {
			t.Errorf("%s is a formula: %q", ref, fx)
		}
		if v, _ := f.GetCellValue("Texte", ref); v != h {
			t.Errorf("%s = %q, want %q", ref, v, h)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "resonanz" || props.Language != "de-DE" || !strings.Contains(props.Title, "Teilnehmendenbefragung") {
		t.Errorf("doc props %+v (%v)", props, err)
	}
	// One PNG and one SVG per chart, none for the table without a chart.
	var names []string
	for _, c := range w.Charts {
		names = append(names, filepath.Base(c))
	}
	if want := []string{"needs.png", "needs.svg", "likert.png", "likert.svg"}; !slices.Equal(names, want) {
		t.Errorf("charts %q, want %q", names, want)
	}
	for _, c := range w.Charts {
		if strings.HasSuffix(c, ".png") {
			checkPNG(t, c)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "texts.png")); !os.IsNotExist(err) {
		t.Errorf("a chart file for a query without a chart: %v", err)
	}
}

// TestNativeCharts reads the chart parts of the workbook: each series names
// a header cell and takes its values from the right block of cells.
func TestNativeCharts(t *testing.T) {
	w, _ := write(t, fixture("de"))
	charts, err := reporttest.Charts(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2 (grouped bar, Likert)", len(charts))
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bars := charts[0]
	if bars.Type != "barChart" || len(bars.Series) != 2 {
		t.Fatalf("first chart %+v, want a bar chart with 2 series", bars)
	}
	got := map[string]map[string]string{} // series → category → value
	for _, s := range bars.Series {
		name := reporttest.Resolve(t, f, s.Name)[0]
		cats, vals := reporttest.Resolve(t, f, s.Cat), reporttest.Resolve(t, f, s.Val)
		got[name] = map[string]string{}
		for i := range cats {
			got[name][cats[i]] = vals[i]
		}
	}
	want := map[string]map[string]string{
		"Sachsen":   {"Datenschutz": "3.25", "Künstliche Intelligenz": "3.5"},
		"Thüringen": {"Datenschutz": ".", "Künstliche Intelligenz": "2.75"},
	}
	for s, m := range want {
		for c, v := range m {
			if got[s][c] != v {
				t.Errorf("chart value %s / %s = %q, want %q", s, c, got[s][c], v)
			}
		}
	}
	// The Likert chart: an invisible offset series, then the levels taken
	// from the table's share columns.
	lik := charts[1]
	if len(lik.Series) != 4 || !lik.Series[0].NoFill {
		t.Fatalf("Likert chart %+v, want an unfilled offset and 3 levels", lik)
	}
	for j, s := range lik.Series[1:] {
		if name := reporttest.Resolve(t, f, s.Name)[0]; name != []string{"gering", "mittel", "hoch"}[j] {
			t.Errorf("Likert series %d is %q", j, name)
		}
		vals := reporttest.Resolve(t, f, s.Val)
		for i, row := range fixture("de").Sheets[2].Blocks[0].Table.Rows {
			if vals[i] != query.Text(row[3+j]) {
				t.Errorf("Likert %s / %s = %s, want %v", row[1], s.Name, vals[i], row[3+j])
			}
		}
	}
	// Offsets line the middles up: offset + low + mid/2 is the same for each item.
	off := reporttest.Resolve(t, f, lik.Series[0].Val)
	var centre []float64
	for i, row := range fixture("de").Sheets[2].Blocks[0].Table.Rows {
		o := parseF(t, off[i])
		centre = append(centre, o+row[3].(float64)+row[4].(float64)/2)
	}
	if math.Abs(centre[0]-centre[1]) > 1e-9 {
		t.Errorf("centres %v differ", centre)
	}
}

func TestHTML(t *testing.T) {
	w, _ := write(t, fixture("de"))
	b, err := os.ReadFile(w.HTML)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script", "<img", "<b>"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the page contains %q unescaped", bad)
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var svgs, dots, marks int
	var texts []string
	walk(doc, func(n *html.Node) {
		if n.Type == html.TextNode {
			texts = append(texts, n.Data)
			return
		}
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "img", "iframe", "object", "embed", "link", "base", "form":
			t.Errorf("element <%s> on the page", n.Data)
		case "svg":
			if strings.Contains(attr(n, "class"), "wide") {
				svgs++
			} else if !strings.Contains(attr(n, "class"), "narrow") {
				t.Errorf("an svg that is neither the wide nor the phone chart: %q", attr(n, "class"))
			}
		case "span":
			if attr(n, "class") == "mark" {
				marks++
			}
		case "td":
			if strings.Contains(attr(n, "class"), "dot") {
				dots++
			}
		}
		for _, a := range n.Attr {
			v := strings.ToLower(a.Val)
			switch {
			case a.Key == "href" && !strings.HasPrefix(v, "#"):
				t.Errorf("link to %q", a.Val)
			case a.Key == "src", strings.HasPrefix(a.Key, "on"):
				t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			case strings.Contains(v, "url("):
				t.Errorf("url() in %s=%q", a.Key, a.Val)
			}
		}
	})
	if svgs != 2 {
		t.Errorf("%d inline charts, want 2", svgs)
	}
	if marks != 1 {
		t.Errorf("%d marks, want 1", marks)
	}
	if dots < 4+1 { // the suppressed row, Berlin on the summary
		t.Errorf("%d suppressed cells, want at least 5", dots)
	}
	all := strings.Join(texts, "\n")
	for _, h := range append(hostile, hostileTitle) {
		if !strings.Contains(all, h) {
			t.Errorf("hostile text %q not shown as text", h)
		}
	}
	for _, want := range []string{"3,3", "−1,4", "13.11.2025", "Künstliche Intelligenz"} {
		if !strings.Contains(all, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestChartHonoursHiddenAndMarks(t *testing.T) {
	in := fixture("de")
	p := &page{lang: in.Lang, minN: in.MinN, chartLine: in.ChartLine}
	m := newSheetModel(p, tableOf(&in.Sheets[1], &in.Sheets[1].Blocks[0], "needs"))
	m.plan(p, newPalette("de"))
	spec, data := m.chart.spec, m.chart.data
	l, err := chart.Plan(spec, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Omitted) != 1 || l.Omitted[0].X != "Datenschutz" || l.Omitted[0].Series != "Thüringen" {
		t.Errorf("omitted %+v, want Datenschutz / Thüringen", l.Omitted)
	}
	if len(l.Marks) != 3 {
		t.Errorf("%d bars, want 3", len(l.Marks))
	}
	for _, want := range []string{"weniger als 5", "Künstliche Intelligenz / Sachsen ▲"} {
		if !strings.Contains(spec.Note, want) {
			t.Errorf("note %q lacks %q", spec.Note, want)
		}
	}
	if !strings.Contains(spec.Title, "n = 60") || !strings.Contains(spec.Title, hostileTitle) {
		t.Errorf("title %q lacks n or the event", spec.Title)
	}
}

func TestEnglish(t *testing.T) {
	w, _ := write(t, fixture("en"))
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Summary", "Need", "Likert", "Texte", "Methods", "Codebook", "Data quality"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, _ := f.GetRows("Need")
	head := findRow(t, f, "Need", "State")
	if got := rows[head-1][:4]; !slices.Equal(got, []string{"State", "Item", "n", "Mean"}) {
		t.Errorf("header %q", got)
	}
	if code := reporttest.PosFmt(t, f, "Summary", "C"+strings.TrimPrefix(findCell(t, f, "Summary", "Sachsen"), "A")); code != "0.0%" {
		t.Errorf("share format %q, want 0.0%%", code)
	}
	if props, _ := f.GetDocProps(); props.Language != "en-GB" {
		t.Errorf("language %q", props.Language)
	}
	b, _ := os.ReadFile(w.HTML)
	if !strings.Contains(string(b), `<html lang="en">`) || !strings.Contains(string(b), "13 November 2025") {
		t.Error("the English page lacks lang=en or the English date")
	}
}

func TestInlineSVG(t *testing.T) {
	ok := `<?xml version="1.0"?><svg width="720pt" height="405pt" viewBox="0 0 720 405" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g transform="scale(1, -1)"><text x="1" y="2" style="fill:#000">a &lt; b &amp; "c"</text></g></svg>`
	cases := []struct {
		name, svg string
		err       bool
	}{
		{"chart", ok, false},
		{"script", `<svg><script>alert(1)</script></svg>`, true},
		{"handler", `<svg onload="alert(1)"></svg>`, true},
		{"link", `<svg><a href="http://x"><text>t</text></a></svg>`, true},
		{"xlink", `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><path xlink:href="#x" d="M0,0"/></svg>`, true},
		{"url", `<svg><path d="M0,0" style="fill:url(http://x/y)"/></svg>`, true},
		{"foreign", `<svg><foreignObject><div>x</div></foreignObject></svg>`, true},
		{"broken", `<svg><g>`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := inlineSVG([]byte(c.svg), `Titel <script>`, "wide")
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if c.err {
				return
			}
			s := string(got)
			for _, want := range []string{`<svg role="img" class="chart wide" viewBox="0 0 720 405">`, `<title>Titel &lt;script&gt;</title>`, `a &lt; b &amp; &#34;c&#34;`} {
				if !strings.Contains(s, want) {
					t.Errorf("%s lacks %s", s, want)
				}
			}
			if strings.Contains(s, "http") || strings.Contains(s, "720pt") {
				t.Errorf("%s keeps xmlns or the fixed size", s)
			}
		})
	}
}

func TestExcelFormat(t *testing.T) {
	cases := []struct {
		k          format.Kind
		lang, mark string
		want       string
	}{
		{format.Int, "de", "", "#,##0;\"\u2212\"#,##0"},
		{format.Dec1, "de", "", "0.0;\"\u2212\"0.0"},
		{format.Dec1, "de", "▲", `0.0" ▲";"−"0.0" ▲"`},
		{format.Pct, "de", "", "0.0\"\u00a0\"%;\"\u2212\"0.0\"\u00a0\"%"},
		{format.Pct, "en", "", "0.0%;\"\u2212\"0.0%"},
		{format.Signed, "en", "▼", "+0.0\" ▼\";\"\u2212\"0.0\" ▼\";0.0\" ▼\""},
		{format.Date, "de", "", "dd.mm.yyyy"},
		{format.DateTime, "en", "", "yyyy-mm-dd hh:mm"},
	}
	for _, c := range cases {
		if got := format.Excel(c.k, c.lang, c.mark); got != c.want {
			t.Errorf("format.Excel(%d, %s, %q) = %q, want %q", c.k, c.lang, c.mark, got, c.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	cases := []struct {
		lang string
		k    format.Kind
		v    any
		want string
	}{
		{"de", format.Dec1, 3.25, "3,3"}, // half away from zero, as Excel shows it
		{"de", format.Dec1, -0.04, "0,0"},
		{"en", format.Dec1, 3.84, "3.8"},
		{"de", format.Pct, 0.4534, "45,3\u00a0%"},
		{"en", format.Pct, 0.4534, "45.3%"},
		{"de", format.Signed, -1.38, "\u22121,4"},
		{"de", format.Signed, 12.0, "+12,0"},
		{"de", format.Int, int64(12345), "12.345"},
		{"en", format.Int, int64(1234567), "1,234,567"},
		{"de", format.DateTime, time.Date(2025, 11, 13, 15, 4, 0, 0, time.UTC), "13.11.2025 15:04"},
		{"de", format.Text, nil, ""},
	}
	for _, c := range cases {
		if got := format.Value(c.lang, c.k, c.v); got != c.want {
			t.Errorf("format.Value(%s, %d, %v) = %q, want %q", c.lang, c.k, c.v, got, c.want)
		}
	}
}

func TestSheetName(t *testing.T) {
	b := &workbook{names: map[string]bool{}}
	long := "Handlungsbedarf nach Bundesland und Bereich"
	got := []string{b.sheetName(long), b.sheetName(long), b.sheetName("a/b:c?"), b.sheetName("")}
	want := []string{"Handlungsbedarf nach Bundesland", "Handlungsbedarf nach (2)", "a-b-c-", "Tabelle"}
	if !slices.Equal(got, want) {
		t.Errorf("sheet names %q, want %q", got, want)
	}
	for _, n := range got {
		if len([]rune(n)) > 31 {
			t.Errorf("%q is longer than 31 characters", n)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findRow(t *testing.T, f *excelize.File, sh, first string) int {
	t.Helper()
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == first {
			return i + 1
		}
	}
	t.Fatalf("%s: no row starting with %q", sh, first)
	return 0
}

func findCell(t *testing.T, f *excelize.File, sh, v string) string {
	t.Helper()
	return cell(1, findRow(t, f, sh, v))
}

func cellValue(t *testing.T, f *excelize.File, sh string, col, row int) string {
	t.Helper()
	v, err := f.GetCellValue(sh, cell(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cfg, err := png.DecodeConfig(fh)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if cfg.Width < 1600 {
		t.Errorf("%s is %d px wide, want at least 1600", path, cfg.Width)
	}
}

func parseF(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return f
}

// A chart the data cannot make, or a failed query, is shown on its sheet
// and the page; the rest of the report is written.
func TestProblemsStayOnTheirSheet(t *testing.T) {
	in := fixture("de")
	in.Sheets[1].Blocks[0].Chart.Kind = chart.Bar // two series: not a plain bar chart
	in.Sheets = append(in.Sheets, book.Sheet{ID: "broken", Name: "Kaputt", Title: "Kaputt", Source: "/tmp/q/broken.sql",
		Err: errors.New(`broken.sql:3: Binder Error: column "b" not found`)})
	w, dir := write(t, in)
	if len(w.Warnings) != 1 || !strings.Contains(w.Warnings[0], "needs") || !strings.Contains(w.Warnings[0], "grouped_bar") {
		t.Errorf("warnings %q, want one about the chart of needs", w.Warnings)
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "needs.png")); !os.IsNotExist(err) {
		t.Errorf("an image for a chart that failed: %v", err)
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all := func(sh string) string {
		rows, _ := f.GetRows(sh)
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return b.String()
	}
	if s := all("Handlungsbedarf"); !strings.Contains(s, "Diagramm nicht möglich: a bar chart takes one series") || !strings.Contains(s, "Datenschutz") {
		t.Errorf("sheet lacks the chart problem or its table:\n%s", s)
	}
	if s := all("Kaputt"); !strings.Contains(s, `Abfrage fehlgeschlagen: broken.sql:3: Binder Error: column "b" not found`) {
		t.Errorf("sheet lacks the query error:\n%s", s)
	}
	page, _ := os.ReadFile(w.HTML)
	for _, want := range []string{"Diagramm nicht möglich", "Abfrage fehlgeschlagen: broken.sql:3"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestLongTextRows: a paragraph, a description and a table cell long
// enough to need more than Excel's 409-point row (real exports carry
// pages of free text and question wording) still make a workbook, the
// rows at most 409 points and the text whole.
func TestLongTextRows(t *testing.T) {
	long := strings.Repeat("Eine sehr lange Antwort mit vielen Wörtern. ", 400)
	in := fixture("de")
	in.Sheets[1].Description = long
	in.Sheets[1].Blocks = append(in.Sheets[1].Blocks, book.Block{Paras: []book.Para{{Text: long}}})
	w, _ := write(t, in)
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := in.Sheets[1].Name
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	whole := false
	for i, r := range rows {
		h, err := f.GetRowHeight(sh, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if h > excelize.MaxRowHeight {
			t.Errorf("row %d is %v points high", i+1, h)
		}
		for _, c := range r {
			whole = whole || c == strings.TrimSpace(long) || c == long
		}
	}
	if !whole {
		t.Errorf("sheet %s lacks the long text whole", sh)
	}
}

// A long question text is cut in the cover's contents list (it widened
// the printed cover of a real export until it could not be read); a short
// one stays whole.
func TestContentsEntry(t *testing.T) {
	long := "_The District's inclusionary zoning law requires that eight to 10 percent of the residential floor area be set-aside for affordable units"
	for _, c := range []struct{ in, want string }{
		{"Zufriedenheit", "Zufriedenheit"},
		{strings.Repeat("x", contentsMax), strings.Repeat("x", contentsMax)},
		{long, "_The District's inclusionary zoning law requires that eight to 10 percent of the…"},
		{strings.Repeat("y", 200), strings.Repeat("y", contentsMax) + "…"},
	} {
		got := contentsEntry(c.in)
		if got != c.want {
			t.Errorf("contentsEntry(%.30q…) = %q, want %q", c.in, got, c.want)
		}
		if n := len([]rune(got)); n > contentsMax+1 {
			t.Errorf("%q: %d runes", got, n)
		}
	}
}

// The page puts each estimate before its interval and the counts, whatever
// the estimate's column is called; the workbook keeps the table's order.
func TestPageOrder(t *testing.T) {
	for _, tc := range []struct {
		cols []string
		want []string
	}{
		{[]string{"label", "value", "n", "ci_low", "ci_high"}, []string{"label", "value", "ci_low", "ci_high", "n"}},
		{[]string{"item_text", "n", "mean", "ci_low", "ci_high", "top2_share"}, []string{"item_text", "mean", "ci_low", "ci_high", "top2_share", "n"}},
		{[]string{"label", "n", "share"}, []string{"label", "share", "n"}},
	} {
		row := make([]any, len(tc.cols))
		idx := make([]int, len(tc.cols))
		for i, c := range tc.cols {
			idx[i] = i
			row[i] = 1.5
			if c == "label" || c == "item_text" {
				row[i] = "x"
			}
		}
		s := &tableSheet{Table: &query.Table{Columns: tc.cols, Rows: [][]any{row}}}
		var got []string
		for _, c := range pageOrder(s, idx) {
			got = append(got, tc.cols[c])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: page order %v, want %v", tc.cols, got, tc.want)
		}
	}
}
