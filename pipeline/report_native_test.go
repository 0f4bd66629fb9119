package pipeline

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/xuri/excelize/v2"
)

// xChart is the part of a native chart (DrawingML, xl/charts/chartN.xml)
// the test reads back.
type xChart struct {
	Bars   []xGroup `xml:"chart>plotArea>barChart"`
	Lines  []xGroup `xml:"chart>plotArea>lineChart"`
	Legend *struct {
		Entries []struct {
			Idx    xVal  `xml:"idx"`
			Delete *xVal `xml:"delete"`
		} `xml:"legendEntry"`
	} `xml:"chart>legend"`
}

type xGroup struct {
	Ser []xSer `xml:"ser"`
}

type xVal struct {
	Val string `xml:"val,attr"`
}

type xPt struct {
	Idx int     `xml:"idx,attr"`
	V   float64 `xml:"v"`
}

type xSer struct {
	Idx      xVal   `xml:"idx"`
	NameRef  string `xml:"tx>strRef>f"`
	NameText string `xml:"tx>v"`
	Fill     *xVal  `xml:"spPr>solidFill>srgbClr"`
	LineFill *xVal  `xml:"spPr>ln>solidFill>srgbClr"`
	ErrBars  []struct {
		Plus  []xPt `xml:"plus>numLit>pt"`
		Minus []xPt `xml:"minus>numLit>pt"`
	} `xml:"errBars"`
	Cat string `xml:"cat>strRef>f"`
	Val string `xml:"val>numRef>f"`
}

var refRE = regexp.MustCompile(`^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$`)

// cells resolves a chart's reference ('Sheet'!$B$2:$B$9) to the sheet and
// the raw values of its cells.
func cells(t *testing.T, f *excelize.File, ref string) (string, []string) {
	t.Helper()
	m := refRE.FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("chart reference %q", ref)
	}
	sh := strings.ReplaceAll(m[1], "''", "'")
	from, to := m[2]+m[3], m[2]+m[3]
	if m[4] != "" {
		to = m[4] + m[5]
	}
	c1, r1, _ := excelize.CellNameToCoordinates(from)
	c2, r2, _ := excelize.CellNameToCoordinates(to)
	var out []string
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
	}
	return sh, out
}

// TestReportNativeCharts reads the bundled report's native Excel charts
// back: a value whose table prints its interval has error bars, and the
// bars reach exactly that interval; helper series (the offset that centres
// a Likert chart) have no fill and no legend entry; and across the whole
// workbook a category (a state, a sector, an answer level, a topic) has
// one colour and a colour one category.
func TestReportNativeCharts(t *testing.T) {
	w := sampleReport(t, "de")
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := zip.OpenReader(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	lo, hi := i18n.Column("de", "ci_low"), i18n.Column("de", "ci_high")
	offset := i18n.T("de", "chart_offset")

	// intervals lists, per sheet, the (estimate, low, high) triples its
	// tables print: an estimate column followed by the two bounds.
	type interval struct {
		e, lo, hi float64
		labels    []string // the row's text cells
	}
	intervals := map[string][]interval{}
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			for c := 1; c+1 < len(row); c++ {
				if row[c] != lo || row[c+1] != hi {
					continue
				}
				for _, data := range rows[r+1:] {
					if len(data) <= c+1 || data[c-1] == "" {
						break
					}
					e, err1 := strconv.ParseFloat(data[c-1], 64)
					l, err2 := strconv.ParseFloat(data[c], 64)
					h, err3 := strconv.ParseFloat(data[c+1], 64)
					if err1 == nil && err2 == nil && err3 == nil {
						var labels []string
						for _, x := range data {
							if _, err := strconv.ParseFloat(x, 64); err != nil && x != "" {
								labels = append(labels, x)
							}
						}
						intervals[sh] = append(intervals[sh], interval{e, l, h, labels})
					}
				}
			}
		}
	}
	// tableIntervals are the intervals the sheet prints for value v of
	// category cat (and series name, where the rows name it too).
	tableIntervals := func(sh, cat, name string, v float64) []interval {
		var of, named []interval
		for _, x := range intervals[sh] {
			if math.Abs(x.e-v) < 1e-9 && slices.Contains(x.labels, cat) {
				of = append(of, x)
				if slices.Contains(x.labels, name) {
					named = append(named, x)
				}
			}
		}
		if len(named) > 0 {
			return named
		}
		return of
	}

	colourOf := map[string]map[string]bool{} // category → colours
	meaning := map[string]map[string]bool{}  // colour → categories
	charts, bars, helpers := 0, 0, 0
	for _, zf := range z.File {
		if !regexp.MustCompile(`^xl/charts/chart\d+\.xml$`).MatchString(zf.Name) {
			continue
		}
		charts++
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		var ch xChart
		if err := xml.Unmarshal(b, &ch); err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		deleted := map[string]bool{}
		if ch.Legend != nil {
			for _, e := range ch.Legend.Entries {
				if e.Delete != nil && e.Delete.Val == "1" {
					deleted[e.Idx.Val] = true
				}
			}
		}
		var series []xSer
		for _, g := range append(ch.Bars, ch.Lines...) {
			series = append(series, g.Ser...)
		}
		var visible []xSer
		for _, s := range series {
			name := s.NameText
			if s.NameRef != "" {
				_, v := cells(t, f, s.NameRef)
				name = v[0]
			}
			fill := s.Fill
			if fill == nil {
				fill = s.LineFill
			}
			helper := name == offset || fill == nil
			if helper {
				helpers++
				if ch.Legend != nil && !deleted[s.Idx.Val] {
					t.Errorf("%s: the helper series %q is in the legend", zf.Name, name)
				}
				if name == offset && fill != nil {
					t.Errorf("%s: the offset series is drawn (%s)", zf.Name, fill.Val)
				}
				continue
			}
			visible = append(visible, s)
			if s.Val == "" {
				continue
			}
			sh, vals := cells(t, f, s.Val)
			_, cats := cells(t, f, s.Cat)
			var plus, minus map[int]float64
			if len(s.ErrBars) > 0 {
				plus, minus = map[int]float64{}, map[int]float64{}
				for _, p := range s.ErrBars[0].Plus {
					plus[p.Idx] = p.V
				}
				for _, p := range s.ErrBars[0].Minus {
					minus[p.Idx] = p.V
				}
			}
			for i, raw := range vals {
				v, err := strconv.ParseFloat(raw, 64)
				if err != nil {
					continue // "." or empty: nothing drawn
				}
				in := tableIntervals(sh, cats[i], name, v)
				switch {
				case len(in) > 0 && plus == nil:
					t.Errorf("%s (%s, %q / %q): %v has the interval %v–%v in the table but no error bar", zf.Name, sh, cats[i], name, v, in[0].lo, in[0].hi)
				case len(in) > 0:
					bars++
					if !slices.ContainsFunc(in, func(x interval) bool {
						return math.Abs(v+plus[i]-x.hi) < 1e-9 && math.Abs(v-minus[i]-x.lo) < 1e-9
					}) {
						t.Errorf("%s (%s, %q / %q): the error bar of %v reaches %v–%v, the table says %v–%v", zf.Name, sh, cats[i], name, v, v-minus[i], v+plus[i], in[0].lo, in[0].hi)
					}
				}
			}
		}
		if len(visible) < 2 {
			continue // one series: a measure, not categories
		}
		for _, s := range visible {
			_, v := cells(t, f, s.NameRef)
			name, fill := v[0], s.Fill
			if fill == nil {
				fill = s.LineFill
			}
			if colourOf[name] == nil {
				colourOf[name] = map[string]bool{}
			}
			if meaning[fill.Val] == nil {
				meaning[fill.Val] = map[string]bool{}
			}
			colourOf[name][fill.Val] = true
			meaning[fill.Val][name] = true
		}
	}
	t.Logf("%d native charts, %d error bars checked against the tables, %d helper series, %d categories in colour", charts, bars, helpers, len(colourOf))
	if charts < 10 || bars < 30 || helpers < 1 || len(colourOf) < 10 {
		t.Errorf("%d charts, %d error bars, %d helper series, %d coloured categories: too few to judge", charts, bars, helpers, len(colourOf))
	}
	keys := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	for name, cs := range colourOf {
		if len(cs) > 1 {
			t.Errorf("%q has %d colours across the report: %v", name, len(cs), keys(cs))
		}
	}
	for c, names := range meaning {
		if len(names) > 1 {
			t.Errorf("colour %s means %v", c, keys(names))
		}
	}
}
