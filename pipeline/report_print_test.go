package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/resonanz/resonanz/internal/testtool"
)

// phoneFacts is what a script in the page measures at phone width.
type phoneFacts struct {
	Charts    int      // charts shown
	Texts     int      // chart texts measured
	Small     []string // chart texts under 10 px, with their size
	Tables    int
	NotSticky []string // tables whose row labels scroll away
	Overlaps  []string // texts of a chart drawn over each other
}

const phoneJS = `(() => {
  const shown = e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
  const out = {Charts: 0, Texts: 0, Small: [], Tables: 0, NotSticky: [], Overlaps: []};
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!shown(svg)) continue;
    out.Charts++;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      out.Texts++;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 10) out.Small.push(svg.closest('section').id + ': "' + t.textContent.trim() + '" ' + px.toFixed(1) + ' px');
      // A turned label's box is not its glyphs: boxes of labels at 45°
      // overlap where the words do not.
      const turn = /rotate\((-?[\d.]+)/.exec((t.getAttribute('transform') || '') + ' ' + (t.parentElement.getAttribute('transform') || ''));
      if (!turn || parseFloat(turn[1]) % 90 === 0) boxes.push([t.getBoundingClientRect(), t.textContent.trim()]);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, x] = boxes[i], [b, y] = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1 && w * h > 0.25 * Math.min(a.width * a.height, b.width * b.height))
        out.Overlaps.push(svg.closest('section').id + ': "' + x + '" / "' + y + '"');
    }
  }
  for (const t of document.querySelectorAll('table')) {
    if (!shown(t) || !t.querySelector('tbody td')) continue;
    out.Tables++;
    const first = t.querySelector('tbody td');
    // Only a table with row labels has labels to keep in view.
    if (!first.classList.contains('num') && t.scrollWidth > t.parentElement.clientWidth + 1 && getComputedStyle(first).position !== 'sticky')
      out.NotSticky.push(t.closest('section').id + ': ' + (t.querySelector('th') || {}).textContent);
  }
  return out;
})()`

// TestReportHTMLPrintAndPhone prints report.html to A4 in headless
// Chromium and reads the PDF back: every word lies inside its page, no
// word is printed over another and every column heading of every table is
// printed (a column cut off at the page edge loses its heading). At phone
// width (390 px) every chart's text is at least 10 px high, no chart text
// covers another, and a table wider than the screen keeps its row labels
// in view. The PDF and the phone screenshot are kept as artifacts.
func TestReportHTMLPrintAndPhone(t *testing.T) {
	testtool.Slow(t)
	chromiumPath(t)
	pdftotext := tool(t, "RESONANZ_PDFTOTEXT", "poppler-utils", "pdftotext")
	pdftoppm := tool(t, "RESONANZ_PDFTOPPM", "poppler-utils", "pdftoppm")
	w := sampleReport(t, "de")
	out := artifacts(t)

	b := newBrowser(t, 1280, 900, false)
	b.open(t, w.HTML)
	heads, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('th')].map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, "report-a4.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(pdftoppm, "-r", "50", "-png", path, filepath.Join(out, "a4-page")).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	raw, err := exec.Command(pdftotext, "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := squeeze(string(raw))
	words, pages := pdfWords(t, pdftotext, path)
	t.Logf("A4: %d pages, %d words, %d column headings; pages in %s", len(pages), len(words), len(heads), out)
	if len(heads) < 50 || len(words) < 1000 {
		t.Fatalf("%d headings, %d words: the page is not all there", len(heads), len(words))
	}
	missing := 0
	for _, h := range heads {
		if !strings.Contains(printed, squeeze(h)) {
			missing++
			if missing <= 20 {
				t.Errorf("column %q is not printed", h)
			}
		}
	}
	bad := 0
	for i, a := range words {
		p := pages[a.Page-1]
		if a.XMin < 0 || a.YMin < 0 || a.XMax > p[0]+0.5 || a.YMax > p[1]+0.5 {
			if bad++; bad <= 20 {
				t.Errorf("A4 page %d: %q at (%.0f, %.0f) lies outside the page (%.0f × %.0f)", a.Page, a.Text, a.XMin, a.YMin, p[0], p[1])
			}
		}
		for _, o := range words[i+1:] {
			if o.Page != a.Page {
				break
			}
			if overlap(a, o) > 0.25 {
				if bad++; bad <= 20 {
					t.Errorf("A4 page %d: %q and %q are printed over each other", a.Page, a.Text, o.Text)
				}
			}
		}
	}

	phone := newBrowser(t, 390, 844, true)
	phone.open(t, w.HTML)
	facts, err := chromedp.Run(phone.ctx, chromedp.Evaluate[phoneFacts](phoneJS))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(phone.ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	keep(t, out, "report-phone-390.jpg", shot)
	t.Logf("phone: %d charts with %d texts, %d tables", facts.Charts, facts.Texts, facts.Tables)
	if facts.Charts < 10 || facts.Texts < 200 || facts.Tables < 20 {
		t.Errorf("phone: %d charts, %d chart texts, %d tables shown", facts.Charts, facts.Texts, facts.Tables)
	}
	for _, s := range facts.Small[:min(20, len(facts.Small))] {
		t.Errorf("phone: chart text under 10 px: %s", s)
	}
	for _, s := range facts.Overlaps[:min(20, len(facts.Overlaps))] {
		t.Errorf("phone: chart texts over each other: %s", s)
	}
	for _, s := range facts.NotSticky {
		t.Errorf("phone: the row labels scroll away: %s", s)
	}
}
