package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/xuri/excelize/v2"
)

// tool finds a program the report tests drive (LibreOffice, poppler).
// Without it the test fails in CI (.ci/run installs it) and skips elsewhere.
func tool(t *testing.T, env, pkg string, names ...string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		return p
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s is not installed: apt-get install %s (or set %s)", names[0], pkg, env)
	if ci := strings.ToLower(os.Getenv("CI")); ci != "" && ci != "false" && ci != "0" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// calcView is report.xlsx as LibreOffice Calc shows it: converted to PDF,
// back to xlsx and to one CSV per sheet (the cells' text as displayed).
type calcView struct {
	pdf, xlsx string
	shown     map[string][][]string // sheet name → rows of displayed cell text
	stderr    []string
}

var (
	calcMu    sync.Mutex
	calcViews = map[string]*calcView{}
)

// localeProfile is a LibreOffice user profile whose locale is the
// report's language, so Calc shows numbers as a German (or English) reader
// sees them; each conversion gets its own, as running instances lock theirs.
func localeProfile(t *testing.T, lang string) string {
	t.Helper()
	dir := t.TempDir()
	locale := "de-DE"
	if i18n.English(lang) {
		locale = "en-GB"
	}
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>` + locale + `</value></prop></item>
</oor:items>
`
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// harmless are the lines LibreOffice prints on every conversion.
var harmless = regexp.MustCompile(`^(Warning: failed to launch javaldx.*|convert .* using filter : .*|Writing sheet .*|)$`)

// libreOffice converts the report's workbook (once per language).
func libreOffice(t *testing.T, w *report.Written, lang string) *calcView {
	t.Helper()
	soffice := tool(t, "RESONANZ_SOFFICE", "libreoffice-calc-nogui", "soffice", "libreoffice")
	calcMu.Lock()
	defer calcMu.Unlock()
	if v, ok := calcViews[lang]; ok {
		return v
	}
	// Beside the sample's data, not in the first caller's TempDir: the
	// views are shared by the tests that follow (TestMain removes it).
	dir := filepath.Join(sampleDir, "calc-"+lang)
	v := &calcView{shown: map[string][][]string{}}
	filters := []string{"pdf", "xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"}
	outs := make([]string, len(filters))
	errs := make([]error, len(filters))
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, filter := range filters {
		outs[i] = filepath.Join(dir, fmt.Sprint(i))
		profile := localeProfile(t, lang)
		wg.Go(func() {
			cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
				"--convert-to", filter, "--outdir", outs[i], w.Workbook)
			cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8") // file names of the CSVs in UTF-8
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			if err := cmd.Run(); err != nil {
				errs[i] = fmt.Errorf("soffice --convert-to %s: %v\n%s", filter, err, stderr.String())
			}
			mu.Lock()
			v.stderr = append(v.stderr, strings.Split(strings.TrimSpace(stderr.String()), "\n")...)
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	base := strings.TrimSuffix(filepath.Base(w.Workbook), ".xlsx")
	v.pdf = filepath.Join(outs[0], base+".pdf")
	v.xlsx = filepath.Join(outs[1], base+".xlsx")
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		b, err := os.ReadFile(filepath.Join(outs[2], base+"-"+sh+".csv"))
		if err != nil {
			t.Fatalf("Calc wrote no CSV of sheet %q: %v", sh, err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("CSV of sheet %q: %v", sh, err)
		}
		v.shown[sh] = rows
	}
	for _, p := range []string{v.pdf, v.xlsx} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("LibreOffice wrote no %s: %v", filepath.Base(p), err)
		}
	}
	calcViews[lang] = v
	return v
}

// squeeze drops all white space (a wrapped or re-flowed text keeps its
// characters, a clipped one loses some).
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
}

// cell returns row r, column c of a grid, "" outside it.
func cell(g [][]string, r, c int) string {
	if r < len(g) && c < len(g[r]) {
		return g[r][c]
	}
	return ""
}

// headerCells lists the styled header cells (bold on a filled background)
// of a sheet as (row, col), zero-based.
func headerCells(t *testing.T, f *excelize.File, sh string) [][2]int {
	t.Helper()
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	heads := map[int]bool{}
	var out [][2]int
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			id, err := f.GetCellStyle(sh, ref)
			if err != nil {
				t.Fatal(err)
			}
			head, ok := heads[id]
			if !ok {
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				head = st.Font != nil && st.Font.Bold && st.Fill.Pattern == 1 && len(st.Fill.Color) > 0
				heads[id] = head
			}
			if head {
				out = append(out, [2]int{r, c})
			}
		}
	}
	return out
}

// pdfWord is a word of the PDF with its box, in points.
type pdfWord struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// pdfWords reads the words and page sizes of a PDF (pdftotext -bbox).
func pdfWords(t *testing.T, pdftotext, pdf string) (words []pdfWord, pages [][2]float64) {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	attr := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				f, _ := strconv.ParseFloat(a.Value, 64)
				return f
			}
		}
		return 0
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "page":
			pages = append(pages, [2]float64{attr(e, "width"), attr(e, "height")})
		case "word":
			var s string
			if err := d.DecodeElement(&s, &e); err != nil {
				t.Fatal(err)
			}
			words = append(words, pdfWord{len(pages), attr(e, "xMin"), attr(e, "yMin"), attr(e, "xMax"), attr(e, "yMax"), s})
		}
	}
	return words, pages
}

// overlap is the area two boxes share over the smaller one's area.
func overlap(a, b pdfWord) float64 {
	w := math.Min(a.XMax, b.XMax) - math.Max(a.XMin, b.XMin)
	h := math.Min(a.YMax, b.YMax) - math.Max(a.YMin, b.YMin)
	if w <= 0 || h <= 0 {
		return 0
	}
	area := func(x pdfWord) float64 { return (x.XMax - x.XMin) * (x.YMax - x.YMin) }
	return w * h / math.Max(math.Min(area(a), area(b)), 1e-9)
}

// TestReportXLSXInLibreOffice opens report.xlsx as a stakeholder without
// Excel does: LibreOffice Calc converts it to PDF and back to xlsx. Calc
// must report nothing and drop nothing (no repair), and the printed pages
// must show the cover's figures, every header whole, no text over other
// text or off the page, and every interval of a share in percent. The
// pages are kept as PNG artifacts.
func TestReportXLSXInLibreOffice(t *testing.T) {
	testtool.Slow(t)
	pdftotext := tool(t, "RESONANZ_PDFTOTEXT", "poppler-utils", "pdftotext")
	pdftoppm := tool(t, "RESONANZ_PDFTOPPM", "poppler-utils", "pdftoppm")
	w := sampleReport(t, "de")
	v := libreOffice(t, w, "de")
	out := artifacts(t)

	for _, l := range v.stderr {
		if !harmless.MatchString(l) {
			t.Errorf("LibreOffice said: %q", l)
		}
	}

	// No repair: the workbook Calc writes back has every sheet, chart and
	// cell of the original.
	orig, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	back, err := excelize.OpenFile(v.xlsx)
	if err != nil {
		t.Fatalf("Calc's xlsx: %v", err)
	}
	defer back.Close()
	sheets := orig.GetSheetList()
	if got := back.GetSheetList(); strings.Join(got, "|") != strings.Join(sheets, "|") {
		t.Errorf("Calc's sheets %q, want %q", got, sheets)
	}
	if a, b := zipCount(t, w.Workbook, `^xl/charts/chart\d+\.xml$`), zipCount(t, v.xlsx, `^xl/charts/chart\d+\.xml$`); a == 0 || a != b {
		t.Errorf("the workbook has %d native charts, Calc kept %d", a, b)
	}
	for _, sh := range sheets {
		want, _ := orig.GetRows(sh, excelize.Options{RawCellValue: true})
		got, _ := back.GetRows(sh, excelize.Options{RawCellValue: true})
		if d := gridDiff(want, got); d != "" {
			t.Errorf("sheet %q after Calc: %s", sh, d)
		}
	}

	// The printed pages, kept as pictures.
	if err := exec.Command(pdftoppm, "-r", "60", "-png", v.pdf, filepath.Join(out, "calc-page")).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	shots, _ := filepath.Glob(filepath.Join(out, "calc-page-*.png"))
	raw, err := exec.Command(pdftotext, "-raw", v.pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := squeeze(string(raw))
	words, pages := pdfWords(t, pdftotext, v.pdf)
	if len(pages) < len(sheets) || len(shots) != len(pages) {
		t.Errorf("%d pages for %d sheets, %d screenshots", len(pages), len(sheets), len(shots))
	}
	t.Logf("Calc prints %d pages; screenshots in %s", len(pages), out)

	// The cover: every figure and label in full.
	cover := sheets[0]
	for r, row := range v.shown[cover] {
		for c, s := range row {
			if s != "" && !strings.Contains(printed, squeeze(s)) {
				t.Errorf("cover %s: %q is not printed whole", ref(r, c), s)
			}
		}
	}
	// Headers whole; interval columns in the unit of their estimate.
	ciHeads := map[string]bool{}
	for _, k := range []string{"ci_low", "ci_high", "top2_ci_low", "top2_ci_high"} {
		ciHeads[i18n.Column("de", k)] = true
	}
	intervals := 0
	for _, sh := range sheets {
		shown := v.shown[sh]
		for _, rc := range headerCells(t, orig, sh) {
			r, c := rc[0], rc[1]
			s := cell(shown, r, c)
			if !strings.Contains(printed, squeeze(s)) {
				t.Errorf("%s!%s: header %q is not printed whole", sh, ref(r, c), s)
			}
			if !ciHeads[s] {
				continue
			}
			est := c - 1
			for est >= 0 && ciHeads[cell(shown, r, est)] {
				est--
			}
			for dr := r + 1; dr < len(shown) && cell(shown, dr, c) != ""; dr++ {
				e, x := cell(shown, dr, est), cell(shown, dr, c)
				if e == "." || x == "." {
					continue
				}
				intervals++
				if strings.HasSuffix(e, "%") != strings.HasSuffix(x, "%") {
					t.Errorf("%s!%s: interval %q beside the estimate %q (%s)", sh, ref(dr, c), x, e, cell(shown, r, est))
				} else if !strings.Contains(printed, squeeze(x)) {
					t.Errorf("%s!%s: %q is not printed", sh, ref(dr, c), x)
				}
			}
		}
	}
	if intervals < 100 {
		t.Errorf("only %d interval cells checked", intervals)
	}

	// Nothing off its page, no word over another.
	for i, a := range words {
		p := pages[a.Page-1]
		if a.XMin < 0 || a.YMin < 0 || a.XMax > p[0]+0.5 || a.YMax > p[1]+0.5 {
			t.Errorf("page %d: %q at (%.0f, %.0f) is outside the page", a.Page, a.Text, a.XMin, a.YMin)
		}
		for _, b := range words[i+1:] {
			if b.Page != a.Page {
				break
			}
			if overlap(a, b) > 0.25 {
				t.Errorf("page %d: %q and %q overlap", a.Page, a.Text, b.Text)
			}
		}
	}
}

// zipCount counts the parts of a zip whose names match pattern.
func zipCount(t *testing.T, path, pattern string) int {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	re := regexp.MustCompile(pattern)
	n := 0
	for _, f := range z.File {
		if re.MatchString(f.Name) {
			n++
		}
	}
	return n
}

// gridDiff compares two sheets' raw cells: numbers to 12 digits (Calc
// writes them back in its own notation), text exactly; trailing empty
// cells and rows do not count.
func gridDiff(want, got [][]string) string {
	trim := func(g [][]string) [][]string {
		for i := range g {
			for len(g[i]) > 0 && g[i][len(g[i])-1] == "" {
				g[i] = g[i][:len(g[i])-1]
			}
		}
		for len(g) > 0 && len(g[len(g)-1]) == 0 {
			g = g[:len(g)-1]
		}
		return g
	}
	want, got = trim(want), trim(got)
	if len(want) != len(got) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	for r := range want {
		if len(want[r]) != len(got[r]) {
			return fmt.Sprintf("row %d has %d cells, want %d", r+1, len(got[r]), len(want[r]))
		}
		for c := range want[r] {
			a, b := want[r][c], got[r][c]
			if a == b {
				continue
			}
			x, err1 := strconv.ParseFloat(a, 64)
			y, err2 := strconv.ParseFloat(b, 64)
			if err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(x)) {
				continue
			}
			return fmt.Sprintf("%s is %q, want %q", ref(r, c), b, a)
		}
	}
	return ""
}

func ref(r, c int) string {
	s, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return s
}
