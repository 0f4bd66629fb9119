package pipeline

import (
	"context"
	"encoding/xml"
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/report/reporttest"
)

// The sample survey is imported once per test binary and reported in each
// language on demand; the truth file is the independent computation the
// report's numbers are checked against.
var (
	sampleOnce sync.Once
	sampleDir  string
	sampleErr  error
	reports    = map[string]*report.Written{}
	reportsMu  sync.Mutex
)

const samplePath = "../testdata/mdk16-msforms.xlsx"

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

// sampleReport imports the sample survey (once) and writes its report in
// lang (once per language).
func sampleReport(t *testing.T, lang string) *report.Written {
	t.Helper()
	sampleOnce.Do(func() {
		sampleDir, sampleErr = os.MkdirTemp("", "resonanz-report-test-")
		if sampleErr != nil {
			return
		}
		_, sampleErr = Import(context.Background(), ImportOptions{Key: testtool.Key(),
			DataDir: filepath.Join(sampleDir, "data"), Event: "mdk16", Files: []string{samplePath},
			EventTitle: "16. Mitteldeutsche Digitalisierungskonferenz", EventDate: "2025-11-13",
		})
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	reportsMu.Lock()
	defer reportsMu.Unlock()
	if w, ok := reports[lang]; ok {
		return w
	}
	w, err := Report(context.Background(), ReportOptions{
		DataDir: filepath.Join(sampleDir, "data"), Out: filepath.Join(sampleDir, "out-"+lang), Lang: lang, Rule: disclosure.Default,
	})
	if err != nil {
		t.Fatal(err)
	}
	reports[lang] = w
	return w
}

// truth holds the figures computed straight from the truth file.
type truth struct {
	n                      int
	byState, bySector      map[string]int
	stateSector            map[[2]string]int
	needState, needSector  map[[2]string]*acc // [group code, item]
	needAll                map[string]*acc
	levels                 map[string]map[int]int // item → answer → count
	topics                 map[string]int
	satisfaction, npsScore acc
	nps                    float64
}

type acc struct {
	n   int
	sum float64
}

func (a *acc) add(v float64) { a.n++; a.sum += v }
func (a *acc) mean() float64 { return a.sum / float64(a.n) }

func readTruth(t *testing.T) truth {
	t.Helper()
	tr, err := sample.ReadTruth(samplePath + ".truth.json")
	if err != nil {
		t.Fatal(err)
	}
	x := truth{byState: map[string]int{}, bySector: map[string]int{}, stateSector: map[[2]string]int{},
		needState: map[[2]string]*acc{}, needSector: map[[2]string]*acc{}, needAll: map[string]*acc{},
		levels: map[string]map[int]int{}, topics: map[string]int{}}
	get := func(m map[[2]string]*acc, k [2]string) *acc {
		if m[k] == nil {
			m[k] = &acc{}
		}
		return m[k]
	}
	pro, det := 0, 0
	for _, r := range tr.Respondents {
		x.n++
		st, se := "", ""
		if r.State != nil {
			st = *r.State
			x.byState[st]++
		}
		if r.Sector != nil {
			se = *r.Sector
			x.bySector[se]++
		}
		if st != "" && se != "" {
			x.stateSector[[2]string{st, se}]++
		}
		for item, v := range r.Need {
			if st != "" {
				get(x.needState, [2]string{st, item}).add(float64(v))
			}
			if se != "" {
				get(x.needSector, [2]string{se, item}).add(float64(v))
			}
			if x.needAll[item] == nil {
				x.needAll[item] = &acc{}
			}
			x.needAll[item].add(float64(v))
			if x.levels[item] == nil {
				x.levels[item] = map[int]int{}
			}
			x.levels[item][v]++
		}
		for _, tp := range r.Topics {
			x.topics[tp]++
		}
		if r.Satisfaction != nil {
			x.satisfaction.add(float64(*r.Satisfaction))
		}
		if r.NPS != nil {
			x.npsScore.add(float64(*r.NPS))
			switch {
			case *r.NPS >= 9:
				pro++
			case *r.NPS <= 6:
				det++
			}
		}
	}
	x.nps = 100 * float64(pro-det) / float64(x.npsScore.n)
	return x
}

// Names as the German report prints them (from the survey template).
var (
	stateDE  = map[string]string{"DE-SN": "Sachsen", "DE-ST": "Sachsen-Anhalt", "DE-TH": "Thüringen", "OTHER": "Anderes Bundesland"}
	sectorDE = map[string]string{"landesverwaltung": "Landesverwaltung", "kommunalverwaltung": "Kommunalverwaltung", "wirtschaft": "Wirtschaft",
		"wissenschaft": "Wissenschaft", "politik": "Politik", "zivilgesellschaft": "Zivilgesellschaft"}
	itemDE = map[string]string{"verwaltungsdigitalisierung": "Verwaltungsdigitalisierung", "datenschutz": "Datenschutz", "smart_city": "Smart City",
		"digitale_souveraenitaet": "Digitale Souveränität", "kuenstliche_intelligenz": "Künstliche Intelligenz", "it_sicherheit": "IT-Sicherheit",
		"fachkraeftegewinnung": "Fachkräftegewinnung", "gemeinsame_standards": "Gemeinsame Standards"}
	levelDE = map[int]string{1: "sehr gering", 2: "gering", 3: "mittel", 4: "hoch", 5: "sehr hoch"}
)

func invert(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[v] = k
	}
	return out
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func near(got string, want float64) bool {
	v, err := strconv.ParseFloat(got, 64)
	return err == nil && math.Abs(v-want) < 1e-9
}

// TestReportSheets: the conference's report has a section per question in
// the survey's order, then every breakdown table it had before (now by
// role, one query per table serving each dimension), then the appendix.
func TestReportSheets(t *testing.T) {
	w := sampleReport(t, "de")
	f := open(t, w.Workbook)
	want := []string{"Übersicht", "Bundesland", "Bereich", "Handlungsbedarf", "Themenwünsche", "Zufriedenheit", "Weiterempfehlung",
		"Verbesserungsvorschläge", "Teilnahme Bundesland × Bereich", "Handlungsbedarf nach Bundesland", "Handlungsbedarf nach Bereich",
		"Heatmap Bundesland", "Heatmap Bereich", "Mittel Bundesland × Bereich", "Zufriedenheit und Empfehlung", "Methodik", "Codebuch", "Datenqualität"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets\n%q\nwant\n%q", got, want)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "resonanz" || props.Language != "de-DE" || !strings.Contains(props.Title, "Digitalisierungskonferenz") || !strings.Contains(props.Subject, "16. Mitteldeutsche") {
		t.Errorf("doc props %+v (%v)", props, err)
	}
	// Every sheet of one table freezes its header row.
	for _, sh := range []string{"Bundesland", "Teilnahme Bundesland × Bereich", "Handlungsbedarf nach Bundesland", "Handlungsbedarf nach Bereich", "Heatmap Bundesland", "Mittel Bundesland × Bereich"} {
		head := headerRow(t, f, sh)
		p, err := f.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != head {
			t.Errorf("%s: panes %+v, want row %d frozen", sh, p, head)
		}
	}
	formats := []struct{ sheet, column, code string }{
		{"Handlungsbedarf nach Bundesland", "Mittelwert", "0.0"},
		{"Handlungsbedarf nach Bundesland", "Untergrenze (95 %)", "0.0"},
		{"Handlungsbedarf nach Bundesland", "n", "#,##0"},
		{"Handlungsbedarf nach Bundesland", "Anteil Top-2", "0.0\"\u00a0\"%"},
		{"Themenwünsche", "Anteil", "0.0\"\u00a0\"%"},
		{"Themenwünsche", "Untergrenze (95 %)", "0.0\"\u00a0\"%"},
		{"Handlungsbedarf", "sehr hoch", "0.0\"\u00a0\"%"},
		{"Zufriedenheit und Empfehlung", "NPS", "+0.0"},
		{"Weiterempfehlung", "NPS", "+0.0"},
	}
	for _, c := range formats {
		head := headerRow(t, f, c.sheet)
		col := column(t, f, c.sheet, head, c.column)
		if got := reporttest.PosFmt(t, f, c.sheet, cellName(col, head+1)); got != c.code {
			t.Errorf("%s / %s: format %q, want %q", c.sheet, c.column, got, c.code)
		}
	}
	// Heatmap tables take the image's colours, cell by cell.
	for _, sh := range []string{"Heatmap Bundesland", "Heatmap Bereich", "Mittel Bundesland × Bereich"} {
		rows, _ := f.GetRows(sh)
		filled := 0
		for r, row := range rows {
			for c := range row {
				id, _ := f.GetCellStyle(sh, cellName(c+1, r+1))
				if st, err := f.GetStyle(id); err == nil && st.Fill.Pattern == 1 && (st.Font == nil || !st.Font.Bold) {
					filled++
				}
			}
		}
		if filled < 8 {
			t.Errorf("%s: %d coloured cells", sh, filled)
		}
	}
}

func TestReportNumbersMatchTruth(t *testing.T) {
	w := sampleReport(t, "de")
	f := open(t, w.Workbook)
	x := readTruth(t)

	// Cover: responses, counts per state and sector, key figures.
	cover := map[string][]string{}
	rows, _ := f.GetRows("Übersicht", excelize.Options{RawCellValue: true})
	for _, r := range rows {
		if len(r) > 1 {
			cover[r[0]] = r[1:]
		}
	}
	if !near(cover["Antworten"][0], float64(x.n)) {
		t.Errorf("responses %q, want %d", cover["Antworten"], x.n)
	}
	for code, n := range x.byState {
		if got := cover[stateDE[code]]; len(got) < 2 || !near(got[0], float64(n)) || !near(got[1], float64(n)/float64(x.n)) {
			t.Errorf("cover %s = %q, want %d", stateDE[code], got, n)
		}
	}
	for code, n := range x.bySector {
		if got := cover[sectorDE[code]]; len(got) > 0 && got[0] == "." && n < 2*5 {
			continue // a complement, as in checkCell
		}
		if got := cover[sectorDE[code]]; len(got) < 1 || !near(got[0], float64(n)) {
			t.Errorf("cover %s = %q, want %d", sectorDE[code], got, n)
		}
	}
	if got := cover["Zufriedenheit (Mittelwert, 1 = sehr unzufrieden … 5 = sehr zufrieden)"]; len(got) < 2 || !near(got[0], x.satisfaction.mean()) || !near(got[1], float64(x.satisfaction.n)) {
		t.Errorf("satisfaction %q, want %.4f n %d", got, x.satisfaction.mean(), x.satisfaction.n)
	}
	if got := cover["Weiterempfehlung"]; len(got) < 2 || !near(got[0], x.nps) || !near(got[1], float64(x.npsScore.n)) {
		t.Errorf("NPS %q, want %.4f n %d", got, x.nps, x.npsScore.n)
	}
	var items []string
	for it := range x.needAll {
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return x.needAll[items[i]].mean() > x.needAll[items[j]].mean() })
	for _, it := range items[:3] {
		if got := cover[itemDE[it]]; len(got) < 2 || !near(got[0], x.needAll[it].mean()) || !near(got[1], float64(x.needAll[it].n)) {
			t.Errorf("top need %s = %q, want %.4f", itemDE[it], got, x.needAll[it].mean())
		}
	}

	// Heatmap: mean need per state and topic, "." below 5 answers.
	stateCode, itemCode := invert(stateDE), invert(itemDE)
	grid := table(t, f, "Heatmap Bundesland")
	for _, r := range grid.rows {
		it := itemCode[r["Item"]]
		for name, code := range stateCode {
			want := x.needState[[2]string{code, it}]
			checkCell(t, "heatmap "+r["Item"]+"/"+name, r[name], want)
		}
		checkCell(t, "heatmap "+r["Item"]+"/Gesamt", r["Gesamt"], x.needAll[it])
	}
	if len(grid.rows) != len(itemDE) {
		t.Errorf("heatmap has %d rows, want %d", len(grid.rows), len(itemDE))
	}

	// Likert: share of each answer per topic; n per topic.
	lik := table(t, f, "Handlungsbedarf")
	for _, r := range lik.rows {
		it := itemCode[r["Item"]]
		n := x.needAll[it].n
		if !near(r["n"], float64(n)) {
			t.Errorf("Likert %s n = %s, want %d", r["Item"], r["n"], n)
		}
		for v, label := range levelDE {
			if !near(r[label], float64(x.levels[it][v])/float64(n)) {
				t.Errorf("Likert %s / %s = %s, want %d/%d", r["Item"], label, r[label], x.levels[it][v], n)
			}
		}
	}
	if len(lik.rows) != len(itemDE) {
		t.Errorf("Likert has %d rows, want %d", len(lik.rows), len(itemDE))
	}
}

// checkCell compares a cell with a mean from the truth: "." when it rests
// on fewer than 5 answers, empty when there are none.
func checkCell(t *testing.T, what, got string, want *acc) {
	t.Helper()
	switch {
	case want == nil:
		if got != "" {
			t.Errorf("%s = %q, want empty", what, got)
		}
	case want.n < 5:
		if got != "." {
			t.Errorf("%s = %q, want . (n = %d)", what, got, want.n)
		}
	case got == "." && want.n < 2*5:
		// A complement: the audit hides a small group's total when its
		// hidden parts could otherwise only be 1 to 4 (Politik's 6).
	case !near(got, want.mean()):
		t.Errorf("%s = %q, want %.6f", what, got, want.mean())
	}
}

// TestReportChartsPointAtTheRightCells follows every series of every
// native chart to its cells and compares them with the truth.
func TestReportChartsPointAtTheRightCells(t *testing.T) {
	w := sampleReport(t, "de")
	f := open(t, w.Workbook)
	x := readTruth(t)
	charts, err := reporttest.Charts(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	bySheet := map[string]reporttest.Chart{} // a sheet's first chart; the Likert chart apart
	var likert reporttest.Chart
	count := map[string]int{}
	for _, c := range charts {
		sh := reporttest.Sheet(c.Series[0].Val)
		for _, s := range c.Series {
			for _, ref := range []string{s.Name, s.Cat, s.Val} {
				if ref != "" && s.Val != "" && reporttest.Sheet(ref) != sh {
					t.Errorf("%s: series ref %s points into another sheet", c.Part, ref)
				}
			}
		}
		if len(c.Series) > 0 && c.Series[0].NoFill {
			likert = c
		}
		if count[sh] == 0 {
			bySheet[sh] = c
		}
		count[sh]++
	}
	// One chart per question's section (two where the section has two:
	// the scale's distribution and means, the NPS's groups and values) and
	// per breakdown table; heatmaps colour their cells instead.
	want := map[string]int{"Bereich": 1, "Bundesland": 1, "Handlungsbedarf": 2, "Handlungsbedarf nach Bereich": 1, "Handlungsbedarf nach Bundesland": 1,
		"Teilnahme Bundesland × Bereich": 1, "Themenwünsche": 1, "Verbesserungsvorschläge": 1, "Weiterempfehlung": 2, "Zufriedenheit": 1}
	if !maps.Equal(count, want) {
		t.Fatalf("charts per sheet %v, want %v", count, want)
	}
	// values[series][category] as the chart reads them.
	read := func(c reporttest.Chart, skip int) map[string]map[string]string {
		out := map[string]map[string]string{}
		for _, s := range c.Series[skip:] {
			if s.Val == "" {
				continue // literal labels ("+ ." at a shortened stack's end)
			}
			name := reporttest.Resolve(t, f, s.Name)[0]
			cats, vals := reporttest.Resolve(t, f, s.Cat), reporttest.Resolve(t, f, s.Val)
			if len(cats) != len(vals) {
				t.Fatalf("%s: %d categories, %d values", s.Val, len(cats), len(vals))
			}
			out[name] = map[string]string{}
			for i := range cats {
				out[name][cats[i]] = vals[i]
			}
		}
		return out
	}
	stateCode, sectorCode, itemCode := invert(stateDE), invert(sectorDE), invert(itemDE)

	c := bySheet["Handlungsbedarf nach Bundesland"]
	if c.Type != "barChart" || c.Dir != "bar" || c.Group != "clustered" {
		t.Errorf("need by state: %s %s %s, want clustered horizontal bars", c.Type, c.Dir, c.Group)
	}
	vals := read(c, 0)
	if len(vals) != len(x.byState) {
		t.Errorf("need by state: series %v", keys(vals))
	}
	for s, m := range vals {
		if len(m) != len(itemDE) {
			t.Errorf("need by state / %s: %d categories", s, len(m))
		}
		for cat, v := range m {
			checkCell(t, "need by state "+s+"/"+cat, v, x.needState[[2]string{stateCode[s], itemCode[cat]}])
		}
	}
	// Colours as in the images: Sachsen green, Sachsen-Anhalt orange.
	for _, s := range c.Series {
		if s.Val == "" {
			continue
		}
		name := reporttest.Resolve(t, f, s.Name)[0]
		if wantColor := map[string]string{"Sachsen": "009E73", "Sachsen-Anhalt": "E69F00", "Thüringen": "0072B2"}[name]; wantColor != "" && s.Color != wantColor {
			t.Errorf("%s drawn in %s, want %s", name, s.Color, wantColor)
		}
	}

	for s, m := range read(bySheet["Handlungsbedarf nach Bereich"], 0) {
		for cat, v := range m {
			checkCell(t, "need by sector "+s+"/"+cat, v, x.needSector[[2]string{sectorCode[s], itemCode[cat]}])
		}
	}

	c = bySheet["Teilnahme Bundesland × Bereich"]
	if c.Group != "stacked" {
		t.Errorf("participation grouping %q, want stacked", c.Group)
	}
	for s, m := range read(c, 0) {
		for cat, v := range m {
			n := x.stateSector[[2]string{stateCode[cat], sectorCode[s]}]
			switch {
			case n > 0 && n < 5:
				if v != "." {
					t.Errorf("participation %s/%s = %q, want . (n = %d)", cat, s, v, n)
				}
			case n == 0:
				if v != "" {
					t.Errorf("participation %s/%s = %q, want empty", cat, s, v)
				}
			case v == ".": // a complement (secondary suppression)
			case !near(v, float64(n)):
				t.Errorf("participation %s/%s = %q, want %d", cat, s, v, n)
			}
		}
	}

	c = bySheet["Themenwünsche"]
	if len(c.Series) != 1 {
		t.Fatalf("topics: %d series", len(c.Series))
	}
	cats, shares := reporttest.Resolve(t, f, c.Series[0].Cat), reporttest.Resolve(t, f, c.Series[0].Val)
	prev := math.Inf(1)
	if len(cats) != len(itemDE)+1 {
		t.Errorf("topics chart: %d options, want every one", len(cats))
	}
	for i, cat := range cats {
		want := float64(x.topics[itemCode[cat]]) / float64(x.n)
		if !near(shares[i], want) {
			t.Errorf("topic %s = %s, want %.6f", cat, shares[i], want)
		}
		if want > prev {
			t.Errorf("topics not sorted by share at %s", cat)
		}
		prev = want
	}

	c = likert
	if len(c.Series) != 6 || !c.Series[0].NoFill || c.Group != "stacked" {
		t.Fatalf("Likert chart: %d series, offset unfilled %v, grouping %s", len(c.Series), len(c.Series) > 0 && c.Series[0].NoFill, c.Group)
	}
	levelOf := map[string]int{}
	for v, l := range levelDE {
		levelOf[l] = v
	}
	for s, m := range read(c, 1) {
		for cat, v := range m {
			it := itemCode[cat]
			want := float64(x.levels[it][levelOf[s]]) / float64(x.needAll[it].n)
			if !near(v, want) {
				t.Errorf("Likert chart %s/%s = %s, want %.6f", cat, s, v, want)
			}
		}
	}
}

func TestReportChartFiles(t *testing.T) {
	w := sampleReport(t, "de")
	want := []string{"headline_by_group_sector", "headline_by_group_state", "headline_by_pair_state_sector", "heatmap_sector", "heatmap_state",
		"participation_state_sector", "q_improve", "q_need", "q_need_2", "q_nps", "q_nps_3", "q_satisfaction", "q_sector", "q_state", "q_topics"}
	var pngs, svgs []string
	for _, c := range w.Charts {
		base := strings.TrimSuffix(filepath.Base(c), filepath.Ext(c))
		switch filepath.Ext(c) {
		case ".png":
			pngs = append(pngs, base)
		case ".svg":
			svgs = append(svgs, base)
		}
	}
	sort.Strings(pngs)
	sort.Strings(svgs)
	if !slices.Equal(pngs, want) || !slices.Equal(svgs, want) {
		t.Fatalf("charts: png %q svg %q, want %q (none for key figures, which have no chart)", pngs, svgs, want)
	}
	dir := filepath.Dir(w.Charts[0])
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2*len(want) {
		t.Errorf("%s holds %d files, want %d", dir, len(entries), 2*len(want))
	}
	for _, name := range want {
		fh, err := os.Open(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s.png: %v", name, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		var root struct {
			Width  string `xml:"width,attr"`
			Height string `xml:"height,attr"`
		}
		if err := xml.Unmarshal(b, &root); err != nil {
			t.Fatalf("%s.svg: %v", name, err)
		}
		wPt, _ := strconv.ParseFloat(strings.TrimSuffix(root.Width, "pt"), 64)
		hPt, _ := strconv.ParseFloat(strings.TrimSuffix(root.Height, "pt"), 64)
		// The PNG is drawn at 160 dpi: 720 pt = 10 in = 1600 px.
		if cfg.Width < 1600 || math.Abs(wPt*160/72-float64(cfg.Width)) > 1 || math.Abs(hPt*160/72-float64(cfg.Height)) > 1 {
			t.Errorf("%s: PNG %d×%d px, SVG %s×%s: want ≥ 1600 px wide and the same size", name, cfg.Width, cfg.Height, root.Width, root.Height)
		}
		for _, text := range []string{"n = 150", "16. Mitteldeutsche Digitalisierungskonferenz"} {
			if !strings.Contains(string(b), text) {
				t.Errorf("%s.svg: title lacks %q", name, text)
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "headline_by_group_state.svg"))
	for _, umlaut := range []string{"Thüringen", "Fachkräftegewinnung", "Digitale Souveränität"} {
		if !strings.Contains(string(b), umlaut) {
			t.Errorf("headline_by_group_state.svg lacks %q", umlaut)
		}
	}
}

func TestReportEnglish(t *testing.T) {
	w := sampleReport(t, "en")
	f := open(t, w.Workbook)
	want := []string{"Summary", "State", "Sector", "Need for action", "Topics wanted", "Satisfaction", "Recommendation", "Suggestions",
		"Respondents State × Sector", "Need for action by State", "Need for action by Sector", "Heatmap State", "Heatmap Sector",
		"Means State × Sector", "Satisfaction and recommendation", "Methods", "Codebook", "Data quality"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets\n%q\nwant\n%q", got, want)
	}
	sh := "Need for action by State"
	head := headerRow(t, f, sh)
	rows, _ := f.GetRows(sh)
	if got := rows[head-1][:4]; !slices.Equal(got, []string{"State", "Item", "n", "Mean"}) {
		t.Errorf("header %q", got)
	}
	if got := rows[0][0]; got != "Need for action by State" {
		t.Errorf("title %q", got)
	}
	body := strings.Join(rows[head], "|")
	if !strings.Contains(body, "Saxony") || !strings.Contains(body, "Digital administration") {
		t.Errorf("first row %q is not in English", body)
	}
	lik, _ := f.GetRows("Need for action")
	if h := strings.Join(lik[headerRow(t, f, "Need for action")-1], "|"); !strings.Contains(h, "very low") || !strings.Contains(h, "Mean") {
		t.Errorf("Likert header %q", h)
	}
	props, _ := f.GetDocProps()
	if props.Language != "en-GB" || !strings.HasPrefix(props.Title, "Participant survey, Central German") {
		t.Errorf("props %+v", props)
	}
	if got := reporttest.PosFmt(t, f, sh, cellName(column(t, f, sh, head, "Share top-2"), head+1)); got != "0.0%" {
		t.Errorf("English share format %q", got)
	}
	cover, _ := f.GetRows("Summary")
	var all []string
	for _, r := range cover {
		all = append(all, strings.Join(r, " "))
	}
	if text := strings.Join(all, "\n"); !strings.Contains(text, "Key findings") || !strings.Contains(text, "rated highest is") {
		t.Errorf("the English cover lacks its findings:\n%s", text)
	}
}

type sheetTable struct{ rows []map[string]string }

// table reads a sheet's table (from its header row) keyed by heading.
func table(t *testing.T, f *excelize.File, sh string) sheetTable {
	t.Helper()
	head := headerRow(t, f, sh)
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var st sheetTable
	for _, r := range rows[head:] {
		if len(r) == 0 || r[0] == "" {
			break
		}
		m := map[string]string{}
		for j, h := range rows[head-1] {
			if h != "" && j < len(r) {
				m[h] = r[j]
			}
		}
		st.rows = append(st.rows, m)
	}
	return st
}

// headerRow finds a query sheet's header: the first row after the notes
// whose first cell is a column heading in bold white on blue, i.e. the
// first row with two or more non-empty cells below row 2.
func headerRow(t *testing.T, f *excelize.File, sh string) int {
	t.Helper()
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if i < 2 {
			continue
		}
		filled := 0
		for _, v := range r {
			if v != "" {
				filled++
			}
		}
		if filled >= 2 {
			return i + 1
		}
	}
	t.Fatalf("%s: no header row", sh)
	return 0
}

func column(t *testing.T, f *excelize.File, sh string, head int, name string) int {
	t.Helper()
	rows, _ := f.GetRows(sh)
	for j, h := range rows[head-1] {
		if h == name {
			return j + 1
		}
	}
	t.Fatalf("%s: no column %q in %q", sh, name, rows[head-1])
	return 0
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
