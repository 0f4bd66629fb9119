package sample

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

const testdata = "../../testdata"

const regen = "run `go run ./tools/gen -out testdata`"

// TestFixturesUpToDate regenerates every fixture and compares it with the
// committed one: truth files and CSVs byte for byte, workbooks cell by cell.
func TestFixturesUpToDate(t *testing.T) {
	tmp := t.TempDir()
	if _, err := WriteAll(tmp); err != nil {
		t.Fatal(err)
	}
	for _, fx := range Fixtures() {
		got := filepath.Join(tmp, filepath.FromSlash(fx.Path))
		want := filepath.Join(testdata, filepath.FromSlash(fx.Path))
		t.Run(fx.Path, func(t *testing.T) {
			sameBytes(t, TruthPath(got), TruthPath(want))
			if strings.HasSuffix(fx.Path, ".xlsx") {
				sameCells(t, got, want)
			} else {
				sameBytes(t, got, want)
			}
		})
	}
}

func sameBytes(t *testing.T, got, want string) {
	t.Helper()
	g, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v; %s", err, regen)
	}
	if !bytes.Equal(g, w) {
		t.Errorf("%s differs from the generator's output; %s", want, regen)
	}
}

// sameCells compares what a reader sees: sheets, raw and formatted values,
// formulas and merged ranges.
func sameCells(t *testing.T, got, want string) {
	t.Helper()
	g, w := openBook(t, got), openBook(t, want)
	if !slices.Equal(g.GetSheetList(), w.GetSheetList()) {
		t.Fatalf("sheets %q, want %q; %s", w.GetSheetList(), g.GetSheetList(), regen)
	}
	for _, sh := range g.GetSheetList() {
		for _, raw := range []bool{true, false} {
			gr, _ := g.GetRows(sh, excelize.Options{RawCellValue: raw})
			wr, _ := w.GetRows(sh, excelize.Options{RawCellValue: raw})
			if len(gr) != len(wr) {
				t.Fatalf("%s: %d rows, generator writes %d; %s", sh, len(wr), len(gr), regen)
			}
			for r := range gr {
				if !slices.Equal(gr[r], wr[r]) {
					t.Fatalf("%s row %d: %q, generator writes %q; %s", sh, r+1, wr[r], gr[r], regen)
				}
				for c := range gr[r] {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					gf, _ := g.GetCellFormula(sh, ref)
					wf, _ := w.GetCellFormula(sh, ref)
					if gf != wf {
						t.Fatalf("%s!%s formula %q, generator writes %q; %s", sh, ref, wf, gf, regen)
					}
				}
			}
		}
		gm, _ := g.GetMergeCells(sh)
		wm, _ := w.GetMergeCells(sh)
		if len(gm) != len(wm) {
			t.Fatalf("%s: %d merged ranges, generator writes %d; %s", sh, len(wm), len(gm), regen)
		}
	}
}

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%v; %s", err, regen)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestDeterministic writes everything twice: the bytes must not depend on
// the run (excelize document times, map order, …).
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	pa, err := WriteAll(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll(b); err != nil {
		t.Fatal(err)
	}
	for _, p := range pa {
		rel, _ := filepath.Rel(a, p)
		sameBytes(t, p, filepath.Join(b, rel))
	}
}

func TestFileSizes(t *testing.T) {
	for _, fx := range Fixtures() {
		for _, p := range []string{fx.Path, TruthPath(fx.Path)} {
			st, err := os.Stat(filepath.Join(testdata, p))
			if err != nil {
				t.Fatalf("%v; %s", err, regen)
			}
			if st.Size() >= 200<<10 {
				t.Errorf("%s is %d bytes, keep fixtures under 200 KB", p, st.Size())
			}
		}
	}
}

// ---- distributions the report relies on ----------------------------------

func count(rs []Respondent, f func(Respondent) bool) int {
	n := 0
	for _, p := range rs {
		if f(p) {
			n++
		}
	}
	return n
}

// needStats returns mean, variance and n of an item among respondents
// matching f.
func needStats(rs []Respondent, item string, f func(Respondent) bool) (mean, vari float64, n int) {
	var xs []float64
	for _, p := range rs {
		if v, ok := p.Need[item]; ok && f(p) {
			xs = append(xs, float64(v))
		}
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		vari += (x - mean) * (x - mean)
	}
	return mean, vari / float64(len(xs)-1), len(xs)
}

// welch is Welch's t statistic of an item between two groups.
func welch(rs []Respondent, item string, a, b func(Respondent) bool) (diff, tstat float64) {
	ma, va, na := needStats(rs, item, a)
	mb, vb, nb := needStats(rs, item, b)
	return ma - mb, (ma - mb) / math.Sqrt(va/float64(na)+vb/float64(nb))
}

func state(c string) func(Respondent) bool {
	return func(p Respondent) bool { return p.StateCode == c }
}
func sector(c ...string) func(Respondent) bool {
	return func(p Respondent) bool { return slices.Contains(c, p.Sector) }
}
func not(f func(Respondent) bool) func(Respondent) bool {
	return func(p Respondent) bool { return !f(p) }
}
func all(Respondent) bool { return true }

func TestMainSampleShape(t *testing.T) {
	rs := Generate(MainConfig())
	if len(rs) != 150 {
		t.Fatalf("%d respondents, want 150", len(rs))
	}
	wantStates := map[string]int{"DE-SN": 68, "DE-ST": 37, "DE-TH": 30, Other: 15}
	for c, n := range wantStates {
		if got := count(rs, state(c)); got != n {
			t.Errorf("state %s: %d respondents, want %d", c, got, n)
		}
	}
	wantSectors := map[string]int{"landesverwaltung": 30, "kommunalverwaltung": 38, "wirtschaft": 45, "wissenschaft": 22, "politik": 6, "zivilgesellschaft": 9}
	for c, n := range wantSectors {
		if got := count(rs, sector(c)); got != n {
			t.Errorf("sector %s: %d respondents, want %d", c, got, n)
		}
	}
	// The report must suppress this cell: it has to stay tiny.
	if n := count(rs, func(p Respondent) bool { return p.Sector == "politik" && p.StateCode == "DE-TH" }); n != 2 {
		t.Errorf("Politik × Thüringen: %d respondents, want exactly 2", n)
	}
	start := Day2025
	for i, p := range rs {
		if p.ID != i+1 {
			t.Fatalf("respondent %d has ID %d", i, p.ID)
		}
		if i > 0 && p.Submitted.Before(rs[i-1].Submitted) {
			t.Errorf("ID %d submitted before ID %d", p.ID, p.ID-1)
		}
		if p.Submitted.Before(start) || !p.Submitted.Before(start.AddDate(0, 0, 10)) || !p.Started.Before(p.Submitted) {
			t.Errorf("ID %d: started %v, submitted %v outside the 10 days after the conference", p.ID, p.Started, p.Submitted)
		}
		if len(p.Topics) > 3 {
			t.Errorf("ID %d chose %d topics", p.ID, len(p.Topics))
		}
	}
	cells := 150 * len(Items)
	noAns, blank := 0, 0
	for _, p := range rs {
		noAns += len(p.NoAnswer)
		blank += len(Items) - len(p.Need) - len(p.NoAnswer)
	}
	if s := float64(noAns) / float64(cells); s < .03 || s > .07 {
		t.Errorf("keine Angabe in %.1f %% of need cells, want ≈5 %%", 100*s)
	}
	if s := float64(blank) / float64(cells); s < .01 || s > .035 {
		t.Errorf("blank need cells %.1f %%, want ≈2 %%", 100*s)
	}
	if n := count(rs, func(p Respondent) bool { return p.Email != "" }); n != 10 {
		t.Errorf("%d respondents with an address, want 10", n)
	}
	if n := count(rs, func(p Respondent) bool { return p.Improve != "" }); n != 60 {
		t.Errorf("%d improvement texts, want 60 (40 %%)", n)
	}
	for _, s := range MainConfig().Specials {
		if n := count(rs, func(p Respondent) bool { return p.Improve == s }); n != 1 {
			t.Errorf("special text %q occurs %d times, want once", s, n)
		}
	}
	if n := count(rs, func(p Respondent) bool { return p.Satisfaction == 0 }); n != 4 {
		t.Errorf("%d blank satisfaction answers, want 4", n)
	}
	if n := count(rs, func(p Respondent) bool { return p.NPS < 0 }); n != 5 {
		t.Errorf("%d blank recommendation answers, want 5", n)
	}
}

// TestMainSampleEffects checks the differences the report should find; a
// Welch t above 2 is significant at the 5 % level with these group sizes.
func TestMainSampleEffects(t *testing.T) {
	rs := Generate(MainConfig())
	effects := []struct {
		name    string
		item    string
		in      func(Respondent) bool
		minDiff float64
		minT    float64
	}{
		{"Datenschutz higher in Sachsen-Anhalt", "datenschutz", state("DE-ST"), .5, 2},
		{"Digitale Souveränität higher in Thüringen", "digitale_souveraenitaet", state("DE-TH"), .5, 2},
		{"Smart City higher in Kommunalverwaltung", "smart_city", sector("kommunalverwaltung"), .5, 2},
		{"KI higher in Wirtschaft/Wissenschaft", "kuenstliche_intelligenz", sector("wirtschaft", "wissenschaft"), .5, 2},
		{"Gemeinsame Standards higher in Landesverwaltung", "gemeinsame_standards", sector("landesverwaltung"), .5, 2},
	}
	for _, e := range effects {
		d, tt := welch(rs, e.item, e.in, not(e.in))
		if d < e.minDiff || d > 1.3 || tt < e.minT {
			t.Errorf("%s: difference %.2f (t = %.1f), want %.1f–1.3 with t ≥ %.0f", e.name, d, tt, e.minDiff, e.minT)
		}
	}
	// Pressing everywhere: every state's mean at least 3.7 (Other has only
	// about 14 answers).
	for _, it := range []string{"verwaltungsdigitalisierung", "fachkraeftegewinnung"} {
		for _, s := range []string{"DE-SN", "DE-ST", "DE-TH", Other} {
			if m, _, _ := needStats(rs, it, state(s)); m < 3.7 {
				t.Errorf("%s in %s: mean %.2f, want ≥ 3.7", it, s, m)
			}
		}
	}
	// Means differ by state for a state-driven item, and not for a neutral one.
	sn, _, _ := needStats(rs, "datenschutz", state("DE-SN"))
	st, _, _ := needStats(rs, "datenschutz", state("DE-ST"))
	if st-sn < .5 {
		t.Errorf("Datenschutz: Sachsen-Anhalt %.2f vs Sachsen %.2f, want ≥ 0.5 apart", st, sn)
	}
	if d, tt := welch(rs, "it_sicherheit", state("DE-ST"), state("DE-SN")); math.Abs(tt) > 2 {
		t.Errorf("IT-Sicherheit differs by state (%.2f, t = %.1f) though it should not", d, tt)
	}
}

func TestPreviousYearTrend(t *testing.T) {
	prev, cur := Generate(PreviousConfig()), Generate(MainConfig())
	if len(prev) != 120 {
		t.Fatalf("%d respondents in 2024, want 120", len(prev))
	}
	m15, _, _ := needStats(prev, "datenschutz", all)
	m16, _, _ := needStats(cur, "datenschutz", all)
	if m15-m16 < .3 {
		t.Errorf("Datenschutz 2024 %.2f vs 2025 %.2f: want 2024 clearly higher", m15, m16)
	}
	for _, p := range prev {
		if _, ok := p.Need["kuenstliche_intelligenz"]; ok || slices.Contains(p.Topics, "kuenstliche_intelligenz") {
			t.Fatalf("2024 respondent %d has KI, which was not asked", p.ID)
		}
		if p.Submitted.Year() != 2024 {
			t.Fatalf("2024 respondent %d submitted %v", p.ID, p.Submitted)
		}
	}
}

// TestNextYear checks what the 2026 fixture is for: items that changed
// between the waves, and a rise the trend must mark.
func TestNextYear(t *testing.T) {
	next, cur := Generate(NextConfig()), Generate(MainConfig())
	if len(next) != 100 {
		t.Fatalf("%d respondents in 2026, want 100", len(next))
	}
	m16, _, _ := needStats(cur, "kuenstliche_intelligenz", all)
	m17, _, _ := needStats(next, "kuenstliche_intelligenz", all)
	if m17-m16 < .4 {
		t.Errorf("KI 2025 %.2f vs 2026 %.2f: want 2026 clearly higher", m16, m17)
	}
	if _, _, n := needStats(next, "barrierefreiheit", all); n < 80 {
		t.Errorf("barrierefreiheit answered %d times, want most of 100", n)
	}
	for _, p := range next {
		if _, ok := p.Need["smart_city"]; ok {
			t.Fatalf("2026 respondent %d has smart_city, which was not asked", p.ID)
		}
		if p.Submitted.Year() != 2026 {
			t.Fatalf("2026 respondent %d submitted %v", p.ID, p.Submitted)
		}
	}
	tr, _ := loadTruth(t, fixture(t, "mdk17-limesurvey.xlsx"))
	heard := 0
	for _, r := range tr.Respondents {
		if r.NPS != nil {
			t.Fatalf("respondent %s has an NPS answer, but 2026 did not ask", r.ID)
		}
		if r.Heard != nil {
			heard++
		}
	}
	if heard < 80 || heard == len(tr.Respondents) {
		t.Errorf("%d of %d answered the new question, want most but not all", heard, len(tr.Respondents))
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(MainConfig()), Generate(MainConfig())
	for i := range a {
		if !a[i].Submitted.Equal(b[i].Submitted) || a[i].Improve != b[i].Improve || a[i].StateCode != b[i].StateCode {
			t.Fatalf("respondent %d differs between runs", i+1)
		}
	}
	c := MainConfig()
	c.Seed++
	if d := Generate(c); d[0].Submitted.Equal(a[0].Submitted) && d[0].Improve == a[0].Improve && d[1].Submitted.Equal(a[1].Submitted) {
		t.Error("another seed gives the same respondents")
	}
}

// ---- the committed files agree with their truth ----------------------------

// sheetRows reads a fixture as rows of text: an xlsx sheet with raw values,
// or a CSV decoded by the truth's encoding and delimiter.
func sheetRows(t *testing.T, path string, tr *Truth) [][]string {
	t.Helper()
	if tr.Sheet != "" {
		rows, err := openBook(t, path).GetRows(tr.Sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch tr.Encoding {
	case "windows-1252":
		if b, err = charmap.Windows1252.NewDecoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	case "utf-8-bom":
		if !bytes.HasPrefix(b, []byte("\uFEFF")) {
			t.Fatalf("%s: no BOM", path)
		}
		b = b[3:]
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = []rune(tr.Delimiter)[0]
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func cellAt(rows [][]string, row int, col string) string {
	c, _ := excelize.ColumnNameToNumber(col)
	if row < 1 || row > len(rows) || c > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][c-1]
}

func fixture(t *testing.T, path string) Fixture {
	t.Helper()
	for _, f := range Fixtures() {
		if f.Path == path {
			return f
		}
	}
	t.Fatalf("no fixture %s", path)
	return Fixture{}
}

func loadTruth(t *testing.T, fx Fixture) (*Truth, string) {
	t.Helper()
	p := filepath.Join(testdata, filepath.FromSlash(fx.Path))
	tr, err := ReadTruth(TruthPath(p))
	if err != nil {
		t.Fatalf("%v; %s", err, regen)
	}
	return tr, p
}

// TestTruthPointsAtCells checks ids, blank rows, rejects and special cells
// against the committed files, for every layout.
func TestTruthPointsAtCells(t *testing.T) {
	for _, fx := range Fixtures() {
		t.Run(fx.Path, func(t *testing.T) {
			tr, p := loadTruth(t, fx)
			if tr.Generic() {
				t.Skip("a generic survey: TestSurveyTruthMatchesFile checks it")
			}
			rows := sheetRows(t, p, tr)
			if tr.File != filepath.Base(fx.Path) {
				t.Errorf("truth names file %q", tr.File)
			}
			n := len(tr.Respondents)
			if n < 40 || n > 150 {
				t.Errorf("%d respondents", n)
			}
			// Data rows: every respondent, the duplicates and the blank rows.
			data := rows[tr.DataRow-1:]
			var ids []string
			blank := 0
			idCol := slices.Index(rows[tr.HeaderRow-1], tr.IDColumn)
			for i, row := range data {
				if strings.TrimSpace(strings.Join(row, "")) == "" {
					blank++
					continue
				}
				if tr.IDColumn == "" {
					ids = append(ids, strconv.Itoa(i+1))
				} else {
					ids = append(ids, row[idCol])
				}
			}
			if blank != tr.BlankRows {
				t.Errorf("%d blank rows, truth says %d", blank, tr.BlankRows)
			}
			var want []string
			for _, r := range tr.Respondents {
				want = append(want, r.ID)
			}
			want = append(want, tr.ExpectedDuplicates...)
			if !slices.Equal(ids, want) {
				t.Errorf("ids in file %q, truth %q", ids, want)
			}
			for _, rj := range tr.ExpectedRejects {
				if got := cellAt(rows, rj.Row, rj.Column); got != rj.Raw {
					t.Errorf("reject %s%d holds %q, truth says %q", rj.Column, rj.Row, got, rj.Raw)
				}
			}
			for _, sc := range tr.SpecialCells {
				got := cellAt(rows, sc.Row, sc.Column)
				if sc.Kind == "formula_no_cache" {
					ref := sc.Column + strconv.Itoa(sc.Row)
					fx, _ := openBook(t, p).GetCellFormula(tr.Sheet, ref)
					if got != "" || "="+fx != sc.Raw {
						t.Errorf("%s: value %q formula %q, want no value and %q", ref, got, fx, sc.Raw)
					}
					continue
				}
				if got != sc.Raw {
					t.Errorf("%s cell %s%d holds %q, truth says %q", sc.Kind, sc.Column, sc.Row, got, sc.Raw)
				}
			}
		})
	}
}

// TestMSFormsRoundTrip decodes the Microsoft Forms and Google workbooks
// with the codebook, as an importer would, and compares with the truth.
func TestMSFormsRoundTrip(t *testing.T) {
	type spec struct {
		fixture                 string
		lang                    string
		state, sector, sat, nps string
		improve, topics, when   string
		needPrefix, needSuffix  string
		items                   []Label
		topicSep                string
		parseTime               func(string) (time.Time, error)
	}
	serial := func(s string) (time.Time, error) {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return time.Time{}, err
		}
		d := time.Duration(math.Round(f*86400)) * time.Second
		w := excelEpoch.Add(d)
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, CET), nil
	}
	q, e := QuestionsDE, QuestionsEN
	specs := []spec{
		{"mdk16-msforms.xlsx", "de", q.State, q.Sector, q.Sat, q.NPS, q.Improve, q.Topics, "Fertigstellungszeit", q.Need + ".", "", Items, ";", serial},
		{"layouts/msforms-en.xlsx", "en", e.State, e.Sector, e.Sat, e.NPS, e.Improve, e.Topics, "Completion time", e.Need + ".", "", Items, ";", serial},
		{"mdk15-googleforms.xlsx", "de", "Bundesland", "Tätigkeitsbereich", "Gesamtzufriedenheit", "Weiterempfehlung (0-10)", "Verbesserungsvorschläge",
			"Welche Themen sollen nächstes Mal behandelt werden?", "Zeitstempel", "Wie dringend sehen Sie Handlungsbedarf bei folgenden Themen? [", "]", Items2024, ", ",
			func(s string) (time.Time, error) { return time.ParseInLocation("02.01.2006 15:04:05", s, CET) }},
	}
	for _, s := range specs {
		t.Run(s.fixture, func(t *testing.T) {
			tr, p := loadTruth(t, fixture(t, s.fixture))
			rows := sheetRows(t, p, tr)
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			get := func(row []string, h string) string {
				i, ok := col[h]
				if !ok {
					t.Fatalf("no column %q", h)
				}
				if i < len(row) {
					return row[i]
				}
				return ""
			}
			decode := func(ls []Label, v string) *string {
				for _, l := range ls {
					if (s.lang == "en" && l.EN == v) || (s.lang == "de" && l.DE == v) {
						return ptr(l.Code)
					}
				}
				if v != "" {
					t.Errorf("unknown label %q", v)
				}
				return nil
			}
			scale := ScaleDE
			if s.lang == "en" {
				scale = ScaleEN
			}
			optInt := func(v string) *int {
				if v == "" {
					return nil
				}
				n, err := strconv.Atoi(v)
				if err != nil {
					t.Fatalf("number %q: %v", v, err)
				}
				return &n
			}
			for i, row := range rows[1:] {
				want := tr.Respondents[i]
				got := TruthRespondent{ID: want.ID, Need: map[string]int{}, Topics: []string{}, OtherTopics: []string{},
					State: decode(States, get(row, s.state)), Sector: decode(Sectors, get(row, s.sector)),
					Satisfaction: optInt(get(row, s.sat)), NPS: optInt(get(row, s.nps))}
				if v := get(row, s.improve); v != "" {
					got.Improve = &v
				}
				for _, it := range s.items {
					v := get(row, s.needPrefix+label(s.items, it.Code, s.lang)+s.needSuffix)
					if k := slices.Index(scale[:], v); k >= 0 {
						got.Need[it.Code] = k + 1
					}
				}
				for _, part := range strings.Split(strings.TrimSuffix(get(row, s.topics), ";"), s.topicSep) {
					if c := decode(s.items, part); c != nil {
						got.Topics = append(got.Topics, *c)
					}
				}
				ts, err := s.parseTime(get(row, s.when))
				if err != nil {
					t.Fatal(err)
				}
				got.SubmittedAt = ptr(ts.Format(time.RFC3339))
				if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
					t.Fatalf("row %d decodes to\n%s\ntruth\n%s", i+2, g, w)
				}
			}
		})
	}
}

func jsonOf(t *testing.T, r TruthRespondent) string {
	t.Helper()
	b, err := (&Truth{Respondents: []TruthRespondent{r}}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandtypedFixture(t *testing.T) {
	tr, p := loadTruth(t, fixture(t, "layouts/handtyped.xlsx"))
	if tr.Layout != "handtyped" || len(tr.ExpectedRejects) != 2 || len(tr.ExpectedDuplicates) != 1 || tr.BlankRows != 2 {
		t.Fatalf("handtyped truth: %d rejects, %d duplicates, %d blank rows", len(tr.ExpectedRejects), len(tr.ExpectedDuplicates), tr.BlankRows)
	}
	f := openBook(t, p)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Hinweise", "Erfassung"}) {
		t.Errorf("sheets %q", got)
	}
	if m, _ := f.GetMergeCells("Erfassung"); len(m) != 1 || m[0].GetStartAxis() != "A1" || m[0].GetEndAxis() != "F1" {
		t.Errorf("merged title cells %v, want A1:F1", m)
	}
	rows := sheetRows(t, p, tr)
	seen := map[string]bool{}
	for _, row := range rows[tr.DataRow-1:] {
		if len(row) > 1 {
			seen[row[1]] = true
		}
	}
	for _, sp := range []string{"Sachsen-Anhalt", "Sachsen Anhalt", "LSA", "ST", "sachsen ", "Thür.", "TH", "Thüringen"} {
		if !seen[sp] {
			t.Errorf("state spelling %q missing", sp)
		}
	}
	textNumbers := 0
	for r := tr.DataRow; r <= len(rows); r++ {
		ref := "M" + strconv.Itoa(r) // Zufriedenheit
		if ty, _ := f.GetCellType(tr.Sheet, ref); ty == excelize.CellTypeSharedString || ty == excelize.CellTypeInlineString {
			textNumbers++
		}
	}
	if textNumbers == 0 {
		t.Error("no number typed as text in Zufriedenheit")
	}
}

func TestExcelCSVVariants(t *testing.T) {
	var a, b [][]string
	for _, fx := range Fixtures() {
		switch fx.Path {
		case "layouts/excel-de-1252.csv":
			tr, p := loadTruth(t, fx)
			a = sheetRows(t, p, tr)
			raw, _ := os.ReadFile(p)
			if !bytes.Contains(raw, []byte("Th\xfcringen")) || !bytes.Contains(raw, []byte("\x80")) || !bytes.Contains(raw, []byte("\r\n")) {
				t.Error("excel-de-1252.csv: want Windows-1252 ü and €, and CRLF")
			}
		case "layouts/excel-de-utf8bom.csv":
			tr, p := loadTruth(t, fx)
			b = sheetRows(t, p, tr)
		}
	}
	if len(a) == 0 || !slices.EqualFunc(a, b, slices.Equal) {
		t.Error("the two German Excel CSVs should hold the same data")
	}
}
