package pipeline

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/resonanz/resonanz/internal/testtool"
)

// chromiumPath finds headless Chromium (Debian's chromium package, which
// .ci/run installs). Without it the test fails in CI and skips elsewhere.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("RESONANZ_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "report.html is tested in headless Chromium, which is not installed: apt-get install chromium (or set RESONANZ_CHROMIUM)"
	if ci := strings.ToLower(os.Getenv("CI")); ci != "" && ci != "false" && ci != "0" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browser opens a page in headless Chromium without network access and
// records every request the page makes.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
}

func newBrowser(t *testing.T, width, height int, mobile bool) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	b := &browser{}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// The listener is there before the first command, so it sees every
	// request of the tab (chromedp enables the network domain itself).
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			b.mu.Lock()
			b.requests = append(b.requests, e.Request.URL)
			b.mu.Unlock()
		}
	}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute) // a loaded two-core machine prints slowly
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b.ctx = ctx
	view := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		view = append(view, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height), view...)); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return b
}

func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.Navigate("file://"+abs), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("chromium: open %s: %v", path, err)
	}
}

// foreign lists the requests other than the page itself.
func (b *browser) foreign(self string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, u := range b.requests {
		if !strings.HasPrefix(u, "file://") || !strings.HasSuffix(u, filepath.Base(self)) {
			out = append(out, u)
		}
	}
	return out
}

func artifacts(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("RESONANZ_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.ArtifactDir() // kept with go test -artifacts
}

// TestBrowserSeesRequests is the control for TestReportHTMLInChromium: a
// page that does load something is caught, so "no request" means none.
func TestBrowserSeesRequests(t *testing.T) {
	testtool.Slow(t)
	b := newBrowser(t, 800, 600, false)
	page := filepath.Join(t.TempDir(), "leaky.html")
	if err := os.WriteFile(page, []byte(`<!DOCTYPE html><p>x</p><img src="http://127.0.0.1:9/pixel.png">`), 0o644); err != nil {
		t.Fatal(err)
	}
	b.open(t, page)
	time.Sleep(200 * time.Millisecond)
	if got := b.foreign(page); !slices.Contains(got, "http://127.0.0.1:9/pixel.png") {
		t.Fatalf("requests %q: the listener missed the image", got)
	}
}

type pageFacts struct {
	Sheets []struct {
		ID, Class, Title string
		SVGs, Tables     int
		Rows             int
		SVGWidth         float64
		Dots             int
	}
	Summary     int
	Findings    int
	Appendix    []int
	ScrollWidth float64
	InnerWidth  float64
	Links       []string
	Lang        string
	CSP         string
}

const factsJS = `(() => {
  const secs = [...document.querySelectorAll('main > section')];
  const svgWidth = s => { const g = s.querySelector('svg.chart.wide'); return g ? g.getBoundingClientRect().width : 0; };
  return {
    Sheets: secs.map(s => ({ID: s.id, Class: s.className, Title: s.querySelector('h2').textContent,
      SVGs: s.querySelectorAll('svg.chart.wide').length, Tables: [...s.querySelectorAll('table')].filter(x => !x.closest('.print-only')).length,
      Rows: s.querySelectorAll('tbody tr').length, SVGWidth: svgWidth(s), Dots: s.querySelectorAll('td.dot').length})),
    Summary: document.querySelectorAll('section.cover table').length,
    Findings: document.querySelectorAll('section.cover p.para').length,
    Appendix: [...document.querySelectorAll('section.appendix')].map(e => [...e.querySelectorAll('table')].filter(x => !x.closest('.print-only')).length),
    ScrollWidth: document.documentElement.scrollWidth,
    InnerWidth: window.innerWidth,
    Links: [...document.querySelectorAll('[src],[href],[action],[srcset]')].map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('action') || e.getAttribute('srcset')),
    Lang: document.documentElement.lang,
    CSP: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {content: ''}).content,
  };
})()`

// TestReportHTMLInChromium opens report.html in headless Chromium: every
// table and chart is there, the page makes no request, it fits a phone
// screen and prints on A4. Screenshots and the PDF are kept as artifacts.
func TestReportHTMLInChromium(t *testing.T) {
	testtool.Slow(t)
	chromiumPath(t)
	w := sampleReport(t, "de")
	out := artifacts(t)

	b := newBrowser(t, 1280, 900, false)
	b.open(t, w.HTML)
	facts, err := chromedp.Run(b.ctx, chromedp.Evaluate[pageFacts](factsJS))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(85))
	if err != nil {
		t.Fatal(err)
	}
	keep(t, out, "report-desktop.jpg", shot)

	if got := b.foreign(w.HTML); len(got) > 0 {
		t.Errorf("the page made requests: %q", got)
	}
	if len(facts.Links) > 0 {
		for _, l := range facts.Links {
			if !strings.HasPrefix(l, "#") {
				t.Errorf("the page points outside itself: %q", l)
			}
		}
	}
	if facts.CSP != "default-src 'none'; style-src 'unsafe-inline'; img-src data:" || facts.Lang != "de" {
		t.Errorf("CSP %q, lang %q", facts.CSP, facts.Lang)
	}
	// One section per sheet of the workbook, in its order, each body
	// section with its tables, and a drawn chart for every chart image.
	var want, got []string
	for id := range w.Sheets {
		want = append(want, id)
	}
	charts := map[string]int{}
	for _, c := range w.Charts {
		if strings.HasSuffix(c, ".svg") {
			base := strings.TrimSuffix(filepath.Base(c), ".svg")
			if i := strings.LastIndex(base, "_"); i > 0 && strings.Trim(base[i+1:], "0123456789") == "" {
				if _, ok := w.Sheets[base[:i]]; ok {
					base = base[:i] // a sheet's further chart: q_nps_3
				}
			}
			charts[base]++
		}
	}
	for _, s := range facts.Sheets {
		got = append(got, s.ID)
		if s.Class == "sheet" && (s.Tables == 0 || s.Rows == 0) {
			t.Errorf("%s: %d tables with %d rows, want tables with rows", s.ID, s.Tables, s.Rows)
		}
		if s.SVGs != charts[s.ID] || s.SVGs > 0 && s.SVGWidth < 300 {
			t.Errorf("%s: %d charts, %.0f px wide; the report has %d images", s.ID, s.SVGs, s.SVGWidth, charts[s.ID])
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
	if facts.Summary < 4 || facts.Findings < 3 || !slices.Equal(facts.Appendix, []int{1, 1, 1}) {
		t.Errorf("cover tables %d, findings %d, appendix tables %v", facts.Summary, facts.Findings, facts.Appendix)
	}

	// A phone: nothing wider than the screen; wide tables scroll inside
	// their box.
	phone := newBrowser(t, 390, 844, true)
	phone.open(t, w.HTML)
	small, err := chromedp.Run(phone.ctx, chromedp.Evaluate[pageFacts](factsJS))
	if err != nil {
		t.Fatal(err)
	}
	if shot, err = chromedp.Run(phone.ctx, chromedp.FullScreenshot(80)); err != nil {
		t.Fatal(err)
	}
	keep(t, out, "report-phone.jpg", shot)
	if small.ScrollWidth > small.InnerWidth+1 {
		t.Errorf("on a phone the page is %.0f px wide for a %.0f px screen", small.ScrollWidth, small.InnerWidth)
	}

	// A4: the sections start on new pages.
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	keep(t, out, "report-a4.pdf", pdf)
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || pages < len(facts.Sheets) {
		t.Errorf("the A4 print has %d pages, want at least one per section (%d)", pages, len(facts.Sheets))
	}
}

func keep(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("artifact: %s", p)
}
