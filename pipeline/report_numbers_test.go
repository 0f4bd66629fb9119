package pipeline

import (
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
	"golang.org/x/net/html"
)

// pageTable is a table of report.html: its headings and cell texts.
type pageTable struct {
	head []string
	rows [][]string
}

// svgText is a text of a chart with its position in the chart's units.
type svgText struct {
	text    string
	svg     int // which chart of the section
	x, y    float64
	rotated bool
}

// pageSection is what a section of report.html shows.
type pageSection struct {
	tables []pageTable
	facts  [][2]string
	texts  []svgText
	svgs   int
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// readPage parses report.html into its sections, by id.
func readPage(t *testing.T, path string) map[string]*pageSection {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*pageSection{}
	var walk func(n *html.Node, sec *pageSection, rotated bool)
	walk = func(n *html.Node, sec *pageSection, rotated bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "section":
				sec = &pageSection{}
				out[attrOf(n, "id")] = sec
			case "svg":
				if sec != nil {
					sec.svgs++
				}
			case "g":
				if m := regexp.MustCompile(`rotate\((-?[\d.]+)`).FindStringSubmatch(attrOf(n, "transform")); m != nil {
					a, _ := strconv.ParseFloat(m[1], 64)
					rotated = rotated || math.Mod(a, 90) != 0
				}
			case "text":
				if sec != nil {
					x, _ := strconv.ParseFloat(attrOf(n, "x"), 64)
					y, _ := strconv.ParseFloat(attrOf(n, "y"), 64)
					sec.texts = append(sec.texts, svgText{textOf(n), sec.svgs, x, y, rotated})
				}
				return
			case "dl":
				var dt string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					switch c.Data {
					case "dt":
						dt = textOf(c)
					case "dd":
						sec.facts = append(sec.facts, [2]string{dt, textOf(c)})
					}
				}
				return
			case "table":
				var tab pageTable
				var rows func(*html.Node)
				rows = func(m *html.Node) {
					if m.Type == html.ElementNode && m.Data == "tr" {
						var cells []string
						head := false
						for c := m.FirstChild; c != nil; c = c.NextSibling {
							if c.Type == html.ElementNode && (c.Data == "th" || c.Data == "td") {
								cells = append(cells, textOf(c))
								head = head || c.Data == "th"
							}
						}
						if head {
							tab.head = cells
						} else {
							tab.rows = append(tab.rows, cells)
						}
						return
					}
					for c := m.FirstChild; c != nil; c = c.NextSibling {
						rows(c)
					}
				}
				rows(n)
				if sec != nil {
					sec.tables = append(sec.tables, tab)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, sec, rotated)
		}
	}
	walk(doc, nil, false)
	return out
}

// figureRE is a number as the German report prints it: 1.234, 4,3,
// −1,4, +11,5, 45,3 %, with a mark.
var figureRE = regexp.MustCompile(`^[−+]?\d{1,3}(\.\d{3})*(,\d+)?( ?%)?( ?[▲▼])?$`)

func figureValue(s string) float64 {
	s = strings.NewReplacer(".", "", ",", ".", "%", "", "−", "-", "▲", "", "▼", "", " ", "").Replace(squeeze(s))
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// lastDigit is one unit of a figure's last printed digit: 0.1 for "3,6",
// 1 for "12 %" or "120".
func lastDigit(s string) float64 {
	s = squeeze(s)
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		n := 0
		for _, r := range s[i+1:] {
			if r >= '0' && r <= '9' {
				n++
			}
		}
		return math.Pow(10, -float64(n))
	}
	return 1
}

// ticks are a chart's axis labels: three or more figures on one line (same
// x or same y) whose values, in their order along it, step evenly.
func ticks(texts []svgText) map[int]bool {
	out := map[int]bool{}
	for _, byX := range []bool{false, true} {
		lines := map[[2]float64][]int{}
		for i, tx := range texts {
			if tx.rotated || !figureRE.MatchString(squeeze(tx.text)) {
				continue
			}
			k := math.Round(tx.y)
			if byX {
				k = math.Round(tx.x)
			}
			lines[[2]float64{float64(tx.svg), k}] = append(lines[[2]float64{float64(tx.svg), k}], i)
		}
		for _, idx := range lines {
			if len(idx) < 3 {
				continue
			}
			pos := func(i int) float64 {
				if byX {
					return texts[i].y
				}
				return texts[i].x
			}
			sort.Slice(idx, func(a, b int) bool { return pos(idx[a]) < pos(idx[b]) })
			// A heatmap's colour key runs from the lowest to the highest
			// value in even steps that its labels round: 2,8 3,2 3,6 4,0
			// 4,5. So steps may differ by one unit of the last printed
			// digit, but must be larger than it (a table row of means
			// such as 4,2 4,3 4,3 4,5 is not a scale).
			unit := 1e-9
			for _, i := range idx {
				unit = math.Max(unit, lastDigit(texts[i].text))
			}
			exact, rounded := true, true
			dv := figureValue(texts[idx[1]].text) - figureValue(texts[idx[0]].text)
			for j := 2; j < len(idx); j++ {
				v := figureValue(texts[idx[j]].text) - figureValue(texts[idx[j-1]].text)
				// Values either side of a diverging axis's zero count up
				// and down: compare magnitudes. (Positions are not even:
				// a label's x is its left end, and labels differ in width.)
				d := math.Abs(math.Abs(v) - math.Abs(dv))
				exact = exact && d <= 1e-9 && dv != 0
				rounded = rounded && d <= unit+1e-9 && math.Abs(dv) > unit+1e-9 && math.Abs(v) > unit+1e-9
			}
			even := exact || rounded
			if even {
				for _, i := range idx {
					out[i] = true
				}
			}
		}
	}
	return out
}

// TestReportNumbersAgree checks the one formatting path over the whole
// bundled report: every cell of every table on the page reads exactly as
// the same cell of report.xlsx shown by LibreOffice Calc (German locale),
// every key fact too, and every figure a chart prints (a bar's value, a
// heatmap cell, a segment's share) is a figure of the tables beside it,
// character for character.
func TestReportNumbersAgree(t *testing.T) {
	testtool.Slow(t)
	w := sampleReport(t, "de")
	v := libreOffice(t, w, "de")
	page := readPage(t, w.HTML)

	cells, tables, labels := 0, 0, 0
	for id, sheet := range w.Sheets {
		sec := page[id]
		if sec == nil {
			t.Errorf("sheet %s (%q) has no section on the page", id, sheet)
			continue
		}
		grid := v.shown[sheet]
		// The page's cells, for the charts' labels.
		shownText := map[string]bool{}
		for _, tab := range sec.tables {
			tables++
			for _, row := range tab.rows {
				for _, c := range row {
					shownText[squeeze(c)] = true
				}
			}
			if d := matchTable(grid, tab); d != "" {
				t.Errorf("%s: page table %q: %s", sheet, tab.head, d)
			}
			for _, row := range tab.rows {
				cells += len(row)
			}
		}
		for _, f := range sec.facts {
			found := false
			for _, row := range grid {
				for c := 0; c+1 < len(row); c++ {
					found = found || squeeze(row[c]) == squeeze(f[0]) && squeeze(row[c+1]) == squeeze(f[1])
				}
			}
			if !found {
				t.Errorf("%s: fact %q = %q is not in the workbook as shown", sheet, f[0], f[1])
			}
		}
		tick := ticks(sec.texts)
		for i, tx := range sec.texts {
			s := squeeze(tx.text)
			if tick[i] || !figureRE.MatchString(s) || !strings.ContainsAny(s, ",%") {
				continue // axis labels and whole numbers (counts, scale points)
			}
			labels++
			if !shownText[s] {
				t.Errorf("%s: the chart prints %q, which no table of the section shows", sheet, tx.text)
			}
		}
	}
	t.Logf("%d tables with %d cells equal in report.html and report.xlsx (Calc); %d chart labels found in the tables", tables, cells, labels)
	if tables < 20 || cells < 1000 || labels < 50 {
		t.Errorf("%d tables, %d cells, %d chart labels compared: too few", tables, cells, labels)
	}
}

// matchTable finds a page table in a sheet as Calc shows it: a header row
// holding every heading (the page may put columns in another order), then
// the page's rows below it, cell for cell. It returns "" on a match, else
// the first difference of the closest candidate.
func matchTable(grid [][]string, tab pageTable) string {
	best, bestScore := "no header row with these headings", -1
	for r, row := range grid {
		cols := make([]int, len(tab.head))
		ok := true
		for k, h := range tab.head {
			cols[k] = -1
			for c, s := range row {
				if squeeze(s) == squeeze(h) && !containsInt(cols[:k], c) {
					cols[k] = c
					break
				}
			}
			ok = ok && cols[k] >= 0
		}
		if !ok {
			continue
		}
		score, diff := 0, ""
		for i, pr := range tab.rows {
			for k, s := range pr {
				if k >= len(cols) {
					break
				}
				got := cell(grid, r+1+i, cols[k])
				if squeeze(got) == squeeze(s) {
					score++
				} else if diff == "" {
					diff = "row " + strconv.Itoa(i+1) + " " + strconv.Quote(tab.head[k]) + ": page " + strconv.Quote(s) + ", workbook " + strconv.Quote(got)
				}
			}
		}
		if diff == "" {
			return ""
		}
		if score > bestScore {
			best, bestScore = diff, score
		}
	}
	return best
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
