package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/resonanz/resonanz/pipeline/format"
)

func fp(v float64) *float64 { return &v }

var (
	topics = []string{
		"Digitale Souveränität", "Künstliche Intelligenz", "Verwaltungsdigitalisierung",
		"Cybersicherheit", "Breitbandausbau", "Open Data", "Digitale Bildung",
		"Fachkräftegewinnung in der IT",
	}
	states = []string{"Sachsen", "Sachsen-Anhalt", "Thüringen", "Anderes Bundesland"}
	levels = []string{"1 – kein Bedarf", "2", "3", "4", "5 – sehr hoher Bedarf"}
)

// byState is 8 topics × 4 states of scale means with intervals; the points
// of "Anderes Bundesland" for the first, fourth and seventh topic are
// suppressed.
func byState() Data {
	var d Data
	for i, tp := range topics {
		for j, s := range states {
			y := 2 + float64((i*3+j*5)%11)/4
			p := Point{X: tp, Series: s, Y: y, Lo: fp(y - 0.3), Hi: fp(y + 0.3)}
			if j == 3 && i%3 == 0 {
				p = Point{X: tp, Series: s, Missing: true}
			}
			d.Points = append(d.Points, p)
		}
	}
	return d
}

// likert is the answer distribution for the first four topics.
func likert() Data {
	d := Data{SeriesOrder: levels}
	shares := []float64{0.1, 0.2, 0.3, 0.25, 0.15}
	for _, tp := range topics[:4] {
		for k, s := range shares {
			d.Points = append(d.Points, Point{X: tp, Series: levels[k], Y: s})
		}
	}
	return d
}

func overEvents() Data {
	var d Data
	for e := 12; e <= 16; e++ {
		for j, s := range states[:3] {
			y := 3 + float64((e+j)%4)/4
			d.Points = append(d.Points, Point{X: fmt.Sprintf("mdk%d", e), Series: s, Y: y, Lo: fp(y - 0.2), Hi: fp(y + 0.2)})
		}
	}
	return d
}

func topicMeans() Data {
	var d Data
	for i, tp := range topics {
		y := 2.5 + float64(i%4)/3
		d.Points = append(d.Points, Point{X: tp, Y: y, Lo: fp(y - 0.25), Hi: fp(y + 0.25)})
	}
	return d
}

const title = "Handlungsbedarf nach Bundesland (n = 150, mdk16)"

type chartCase struct {
	name string
	spec Spec
	data Data
}

func kindCases() []chartCase {
	note := "Balken mit weniger als 5 Antworten ausgelassen."
	scale := Spec{YMin: fp(1), YMax: fp(5), Title: title, X: "Thema", Y: "Mittelwert", Note: note}
	with := func(k Kind, horizontal bool) Spec {
		s := scale
		s.Kind, s.Horizontal = k, horizontal
		return s
	}
	return []chartCase{
		{"bar", Spec{Kind: Bar, Title: title, Y: "Mittelwert", Horizontal: true}, topicMeans()},
		{"bar vertical", Spec{Kind: Bar, Title: title, Y: "Mittelwert"}, topicMeans()},
		{"grouped_bar", with(GroupedBar, true), byState()},
		{"grouped_bar vertical", with(GroupedBar, false), byState()},
		{"stacked_bar", Spec{Kind: StackedBar, Title: title, Note: note, Horizontal: true}, byState()},
		{"heatmap", with(Heatmap, true), byState()},
		{"heatmap vertical", with(Heatmap, false), byState()},
		{"line", with(Line, false), overEvents()},
		{"diverging", Spec{Kind: Diverging, Title: title, Y: "Anteil"}, likert()},
	}
}

func TestRenderWritesPNGAndSVG(t *testing.T) {
	for _, c := range kindCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // the report stage may render charts concurrently
			dir := t.TempDir()
			pngPath, svgPath := filepath.Join(dir, "c.png"), filepath.Join(dir, "c.svg")
			l, err := Render(c.spec, c.data, pngPath, svgPath)
			if err != nil {
				t.Fatal(err)
			}

			f, err := os.Open(pngPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			b := img.Bounds()
			if b.Dx() < 1600 || b.Dx() != l.Width || b.Dy() != l.Height || b.Dy() < 900 {
				t.Errorf("PNG is %d×%d, layout says %d×%d; want ≥ 1600×900", b.Dx(), b.Dy(), l.Width, l.Height)
			}

			svg, err := os.ReadFile(svgPath)
			if err != nil {
				t.Fatal(err)
			}
			root, texts := parseSVG(t, svg)
			if root != "svg" {
				t.Errorf("SVG root is <%s>", root)
			}
			if !containsText(texts, c.spec.Title) {
				t.Errorf("SVG has no title %q", c.spec.Title)
			}
			umlauts := 0
			for _, name := range append(slices.Clone(l.Categories), l.Series...) {
				if strings.ContainsAny(name, "äöüß") {
					umlauts++
					if !containsText(texts, name) {
						t.Errorf("SVG has no label %q", name)
					}
				}
			}
			if umlauts == 0 {
				t.Error("test data has no label with an umlaut")
			}

			entries, _ := os.ReadDir(dir)
			if len(entries) != 2 {
				t.Errorf("directory holds %d files, want the PNG and SVG only (no temp files)", len(entries))
			}
		})
	}
}

// parseSVG checks that svg is well-formed XML and returns its root element
// and the content of its text elements.
func parseSVG(t *testing.T, svg []byte) (root string, texts []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return root, texts
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

// containsText reports whether want appears in texts, allowing for labels
// wrapped onto several text elements.
func containsText(texts []string, want string) bool {
	return strings.Contains(strings.Join(texts, " "), want) ||
		strings.Contains(strings.Join(texts, ""), want)
}

func TestPlanMatchesData(t *testing.T) {
	tests := []struct {
		chartCase
		categories, series []string
		marks, omitted     int
		legend             int
	}{
		{kindCases()[0], topics, []string{""}, 8, 0, 0},
		// 32 points, 3 suppressed.
		{kindCases()[2], topics, states, 29, 3, 4},
		// A stack with a hole is left out whole: 3 topics × 4 points.
		{kindCases()[4], topics, states, 20, 12, 4},
		// A heatmap's legend is its colour key: five steps over the data.
		{kindCases()[5], topics, states, 29, 3, 5},
		{kindCases()[7], []string{"mdk12", "mdk13", "mdk14", "mdk15", "mdk16"}, states[:3], 15, 0, 3},
		{kindCases()[8], topics[:4], levels, 20, 0, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Plan(tc.spec, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(l.Categories, tc.categories) {
				t.Errorf("categories %q, want %q", l.Categories, tc.categories)
			}
			if !slices.Equal(l.Series, tc.series) {
				t.Errorf("series %q, want %q", l.Series, tc.series)
			}
			if len(l.Marks) != tc.marks || len(l.Omitted) != tc.omitted || len(l.Legend) != tc.legend {
				t.Errorf("%d marks, %d omitted, %d legend entries; want %d, %d, %d",
					len(l.Marks), len(l.Omitted), len(l.Legend), tc.marks, tc.omitted, tc.legend)
			}
			want := map[[2]string]float64{}
			for _, p := range tc.data.Points {
				want[[2]string{p.X, p.Series}] = p.Y
			}
			for _, m := range l.Marks {
				y, ok := want[[2]string{m.Category, m.Series}]
				if !ok || y != m.Value {
					t.Errorf("mark (%s, %s) = %v, data has %v (present %v)", m.Category, m.Series, m.Value, y, ok)
				}
			}
			for _, p := range l.Omitted {
				for _, m := range l.Marks {
					if m.Category == p.X && m.Series == p.Series {
						t.Errorf("omitted point (%s, %s) is drawn", p.X, p.Series)
					}
				}
			}
			if tc.spec.Kind == Heatmap {
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, m := range l.Marks {
					lo, hi = math.Min(lo, m.Value), math.Max(hi, m.Value)
				}
				if l.Scale.Min != lo || l.Scale.Max != hi {
					t.Errorf("colour scale %v–%v, want the data's range %v–%v", l.Scale.Min, l.Scale.Max, lo, hi)
				}
				if first, last := l.Legend[0].Label, l.Legend[len(l.Legend)-1].Label; first != format.Number("de", lo, 1) || last != format.Number("de", hi, 1) {
					t.Errorf("colour key from %q to %q, want %v to %v", first, last, lo, hi)
				}
				return
			}
			for i, e := range l.Legend {
				if e.Label != tc.series[i] {
					t.Errorf("legend entry %d is %q, want %q", i, e.Label, tc.series[i])
				}
			}
		})
	}
}

// TestSVGDrawsLayout ties the pixels to the Layout: every series colour
// fills exactly as many shapes as the layout has marks in it, plus its
// legend swatch.
func TestSVGDrawsLayout(t *testing.T) {
	c := kindCases()[2]
	svgPath := filepath.Join(t.TempDir(), "c.svg")
	l, err := Render(c.spec, c.data, "", svgPath)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatal(err)
	}
	shapesPerSeries(t, l, svg)
}

// shapesPerSeries checks that the SVG fills one shape per mark in each
// legend entry's colour, plus the entry's swatch.
func shapesPerSeries(t *testing.T, l Layout, svg []byte) {
	t.Helper()
	for _, e := range l.Legend {
		marks := 0
		for _, m := range l.Marks {
			if m.Color == e.Color {
				marks++
			}
		}
		fills := bytes.Count(svg, []byte(fmt.Sprintf(`style="fill:%s"`, hex(e.Color))))
		if fills != marks+1 {
			t.Errorf("%s: %d shapes in its colour, want %d marks + 1 swatch", e.Label, fills, marks)
		}
	}
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

func TestColorsAreConsistent(t *testing.T) {
	same := [][]string{
		{"Sachsen", "DE-SN", "Saxony", "sachsen"},
		{"Sachsen-Anhalt", "DE-ST", "Saxony-Anhalt"},
		{"Thüringen", "DE-TH", "Thuringia"},
		{"Anderes Bundesland", "OTHER", "Other state"},
		{"Kommunalverwaltung", "Municipal administration"},
		{"Zivilgesellschaft", "Civil society"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if Color(n) != Color(names[0]) {
				t.Errorf("Color(%q) = %v, Color(%q) = %v", n, Color(n), names[0], Color(names[0]))
			}
		}
	}
	distinct := func(names ...string) {
		seen := map[color.Color]string{}
		for _, n := range names {
			if other, dup := seen[Color(n)]; dup {
				t.Errorf("%q and %q share a colour", n, other)
			}
			seen[Color(n)] = n
		}
	}
	distinct(states...)
	distinct("Landesverwaltung", "Kommunalverwaltung", "Wirtschaft", "Wissenschaft", "Politik", "Zivilgesellschaft")

	// The same state in two different charts, spelled differently.
	grouped, err := Plan(kindCases()[2].spec, byState())
	if err != nil {
		t.Fatal(err)
	}
	bar, err := Plan(Spec{Kind: Bar}, Data{Points: []Point{{X: "DE-SN", Y: 3}, {X: "DE-TH", Y: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	colorOf := func(l Layout, match func(Mark) bool) color.Color {
		for _, m := range l.Marks {
			if match(m) {
				return m.Color
			}
		}
		t.Fatal("no such mark")
		return nil
	}
	inGrouped := colorOf(grouped, func(m Mark) bool { return m.Series == "Sachsen" })
	inBar := colorOf(bar, func(m Mark) bool { return m.Category == "DE-SN" })
	if inGrouped != inBar || inBar == colorOf(bar, func(m Mark) bool { return m.Category == "DE-TH" }) {
		t.Errorf("Sachsen is %v in one chart and DE-SN %v in another", inGrouped, inBar)
	}
}

func TestOtherSeriesColors(t *testing.T) {
	if Color("Berlin") != Color("Berlin") || Color("Berlin") == nil {
		t.Error("colour of an unknown series is not stable")
	}
	names := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	colors, err := seriesColors(names)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[color.Color]bool{}
	for _, n := range names {
		if seen[colors[n]] {
			t.Errorf("two of %d series share %v", len(names), colors[n])
		}
		seen[colors[n]] = true
	}
	// A hashed colour that a state already uses moves on.
	colors, err = seriesColors([]string{"Sachsen", "x", "y", "z"})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"x", "y", "z"} {
		if colors[n] == Color("Sachsen") {
			t.Errorf("%q got Sachsen's colour", n)
		}
	}
	if _, err := seriesColors(append(names, "i")); err == nil {
		t.Error("9 series without fixed colours: want an error")
	}
}

func TestMissingPointsAreOmitted(t *testing.T) {
	t.Run("grouped_bar", func(t *testing.T) {
		l, err := Plan(Spec{Kind: GroupedBar}, Data{Points: []Point{
			{X: "KI", Series: "Sachsen", Y: 3},
			{X: "KI", Series: "Thüringen", Missing: true, Y: math.NaN()},
			{X: "Open Data", Series: "Sachsen", Missing: true},
			{X: "Open Data", Series: "Thüringen", Y: 4},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Marks) != 2 || len(l.Omitted) != 2 {
			t.Fatalf("%d marks, %d omitted; want 2, 2", len(l.Marks), len(l.Omitted))
		}
		if l.Omitted[0].X != "KI" || l.Omitted[1].X != "Open Data" {
			t.Errorf("omitted %v", l.Omitted)
		}
		// Gaps keep their slot: Thüringen's bar stays right of the centre.
		if m := l.Marks[1]; m.Series != "Thüringen" || m.Box.X0 <= 1 {
			t.Errorf("Thüringen's bar moved into Sachsen's slot: %+v", m.Box)
		}
	})
	t.Run("heatmap shows a dot", func(t *testing.T) {
		svgPath := filepath.Join(t.TempDir(), "h.svg")
		l, err := Render(Spec{Kind: Heatmap, Title: "t"}, byState(), "", svgPath)
		if err != nil {
			t.Fatal(err)
		}
		svg, _ := os.ReadFile(svgPath)
		_, texts := parseSVG(t, svg)
		dots := 0
		for _, s := range texts {
			if s == "." {
				dots++
			}
		}
		if dots != len(l.Omitted) || dots != 3 {
			t.Errorf("%d dots for %d omitted cells, want 3", dots, len(l.Omitted))
		}
	})
	t.Run("line breaks at a gap", func(t *testing.T) {
		d := overEvents()
		d.Points[3] = Point{X: d.Points[3].X, Series: d.Points[3].Series, Missing: true}
		l, err := Plan(Spec{Kind: Line}, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Marks) != 14 || len(l.Omitted) != 1 || l.Omitted[0].X != "mdk13" {
			t.Errorf("%d marks, omitted %v", len(l.Marks), l.Omitted)
		}
	})
}

func TestDecimalMark(t *testing.T) {
	tests := []struct {
		lang, want, not, percent string
	}{
		{"", "2,5", "2.5", "20\u00a0%"},
		{"de", "2,5", "2.5", "20\u00a0%"},
		{"en", "2.5", "2,5", "20%"},
	}
	for _, tc := range tests {
		t.Run("lang="+tc.lang, func(t *testing.T) {
			dir := t.TempDir()
			spec := Spec{Kind: Bar, Lang: tc.lang, Title: "t"}
			data := Data{Points: []Point{{X: "KI", Y: 1.2}, {X: "Open Data", Y: 2.7}}}
			l, err := Render(spec, data, "", filepath.Join(dir, "b.svg"))
			if err != nil {
				t.Fatal(err)
			}
			labels := tickLabels(l.Y)
			if !slices.Contains(labels, tc.want) || slices.Contains(labels, tc.not) {
				t.Errorf("value axis labels %q, want %q", labels, tc.want)
			}
			svg, _ := os.ReadFile(filepath.Join(dir, "b.svg"))
			if _, texts := parseSVG(t, svg); !slices.Contains(texts, tc.want) {
				t.Errorf("SVG lacks tick label %q", tc.want)
			}

			div, err := Plan(Spec{Kind: Diverging, Lang: tc.lang}, likert())
			if err != nil {
				t.Fatal(err)
			}
			if labels := tickLabels(div.X); !slices.Contains(labels, tc.percent) {
				t.Errorf("share axis labels %q, want %q", labels, tc.percent)
			}
		})
	}
}

func tickLabels(a Axis) []string {
	var out []string
	for _, t := range a.Ticks {
		out = append(out, t.Label)
	}
	return out
}

func TestValueAxis(t *testing.T) {
	tests := []struct {
		spec   Spec
		lo, hi float64
		want   []string
	}{
		{Spec{YMin: fp(1), YMax: fp(5)}, 2, 4, []string{"1", "2", "3", "4", "5"}},
		{Spec{}, 0, 2.7, []string{"0,0", "0,5", "1,0", "1,5", "2,0", "2,5", "3,0"}},
		{Spec{}, -12, 31, []string{"\u221220", "\u221210", "0", "10", "20", "30", "40"}},
		{Spec{YMax: fp(1)}, 0, 0.42, []string{"0,0", "0,2", "0,4", "0,6", "0,8", "1,0"}},
	}
	for _, tc := range tests {
		a := valueAxis(tc.spec, extent{tc.lo, tc.hi}, "de", false)
		if got := tickLabels(a); !slices.Equal(got, tc.want) {
			t.Errorf("%v..%v: ticks %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
		if a.Min > tc.lo || a.Max < tc.hi {
			t.Errorf("%v..%v: axis %v..%v cuts the data", tc.lo, tc.hi, a.Min, a.Max)
		}
	}
}

func TestBadInput(t *testing.T) {
	ok := Data{Points: []Point{{X: "KI", Series: "Sachsen", Y: 3}}}
	one := func(p Point) Data { return Data{Points: []Point{p}} }
	tests := []struct {
		name string
		spec Spec
		data Data
	}{
		{"unknown kind", Spec{Kind: "pie"}, ok},
		{"empty kind", Spec{}, ok},
		{"unknown language", Spec{Kind: Bar, Lang: "fr"}, ok},
		{"no data", Spec{Kind: Bar}, Data{}},
		{"no data for a heatmap", Spec{Kind: Heatmap}, Data{XOrder: []string{"KI"}}},
		{"NaN value", Spec{Kind: Bar}, one(Point{X: "KI", Y: math.NaN()})},
		{"infinite value", Spec{Kind: Line}, one(Point{X: "KI", Y: math.Inf(1)})},
		{"NaN bound", Spec{Kind: Bar}, one(Point{X: "KI", Y: 3, Lo: fp(math.NaN())})},
		{"interval beside its value", Spec{Kind: Bar}, one(Point{X: "KI", Y: 3, Lo: fp(3.2), Hi: fp(4)})},
		{"no X", Spec{Kind: Bar}, one(Point{Y: 3})},
		{"duplicate point", Spec{Kind: Bar}, Data{Points: []Point{{X: "KI", Y: 3}, {X: "KI", Y: 4}}}},
		{"X not in XOrder", Spec{Kind: Bar}, Data{Points: ok.Points, XOrder: []string{"Open Data"}}},
		{"series not in SeriesOrder", Spec{Kind: GroupedBar}, Data{Points: ok.Points, SeriesOrder: []string{"Thüringen"}}},
		{"XOrder twice", Spec{Kind: Bar}, Data{Points: ok.Points, XOrder: []string{"KI", "KI"}}},
		{"bar with two series", Spec{Kind: Bar}, Data{Points: []Point{{X: "KI", Series: "a", Y: 1}, {X: "KI", Series: "b", Y: 2}}}},
		{"YMin not below YMax", Spec{Kind: Bar, YMin: fp(5), YMax: fp(1)}, ok},
		{"NaN YMax", Spec{Kind: Bar, YMax: fp(math.NaN())}, ok},
		{"value above fixed axis", Spec{Kind: GroupedBar, YMin: fp(1), YMax: fp(5)}, one(Point{X: "KI", Series: "S", Y: 5.5})},
		{"heatmap value below fixed scale", Spec{Kind: Heatmap, YMin: fp(1)}, one(Point{X: "KI", Series: "S", Y: 0.5})},
		{"negative stack part", Spec{Kind: StackedBar}, one(Point{X: "KI", Series: "S", Y: -1})},
		{"stacked YMin above zero", Spec{Kind: StackedBar, YMin: fp(1)}, one(Point{X: "KI", Series: "S", Y: 3})},
		{"percent as share", Spec{Kind: Diverging}, Data{Points: []Point{{X: "KI", Series: "1", Y: 40}, {X: "KI", Series: "2", Y: 60}}}},
		{"shares above 1", Spec{Kind: Diverging}, Data{Points: []Point{{X: "KI", Series: "1", Y: 0.6}, {X: "KI", Series: "2", Y: 0.6}}}},
		{"one answer level", Spec{Kind: Diverging}, one(Point{X: "KI", Series: "1", Y: 1})},
		{"unnamed series in a legend", Spec{Kind: GroupedBar}, Data{Points: []Point{{X: "KI", Series: "", Y: 1}, {X: "KI", Series: "b", Y: 2}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := Render(tc.spec, tc.data, filepath.Join(dir, "c.png"), filepath.Join(dir, "c.svg"))
			if err == nil || !strings.HasPrefix(err.Error(), "chart: ") {
				t.Fatalf("err = %v, want a chart: error", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("failed render left %d files", len(entries))
			}
		})
	}
}

func TestNoneWritesNothing(t *testing.T) {
	dir := t.TempDir()
	l, err := Render(Spec{Kind: None}, Data{}, filepath.Join(dir, "c.png"), filepath.Join(dir, "c.svg"))
	if err != nil || l.Kind != None {
		t.Fatalf("Render(none) = %v, %v", l.Kind, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("kind none wrote %d files", len(entries))
	}
}

func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	pngPath := filepath.Join(dir, "c.png")
	if err := os.WriteFile(pngPath, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Kind: Bar, Title: "t"}
	if _, err := Render(spec, topicMeans(), pngPath, ""); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(pngPath); !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Error("existing file was not replaced by the chart")
	}
	if info, _ := os.Stat(pngPath); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	// An unwritable second output must not leave the first one half done.
	unwritable := filepath.Join(pngPath, "c.svg") // its folder is a file
	if _, err := Render(spec, topicMeans(), filepath.Join(dir, "d.png"), unwritable); err == nil {
		t.Fatal("want an error for an svg path under a file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after a failed render the directory holds %d files, want 1", len(entries))
	}
	if _, err := Render(spec, topicMeans(), "", ""); err == nil {
		t.Error("no output path: want an error")
	}
}

func TestLongLabelsDoNotCollide(t *testing.T) {
	t.Run("beside the plot they wrap", func(t *testing.T) {
		long := "Digitale Souveränität und Open-Source-Strategie der öffentlichen Verwaltung in Mitteldeutschland"
		l, err := Plan(Spec{Kind: Bar, Horizontal: true}, Data{Points: []Point{{X: long, Y: 3}, {X: "KI", Y: 2}}})
		if err != nil {
			t.Fatal(err)
		}
		got := l.Y.Ticks[0].Label
		if !strings.Contains(got, "\n") {
			t.Errorf("long label not wrapped: %q", got)
		}
		for _, line := range strings.Split(got, "\n") {
			if w := tickStyle.Width(line); w > 0.3*pageWidth {
				t.Errorf("line %q is %v wide", line, w)
			}
		}
		if strings.Join(strings.Fields(strings.ReplaceAll(got, "-\n", "-")), " ") != long {
			t.Errorf("wrapping changed the label: %q", got)
		}
	})
	t.Run("under the plot they turn when a word is too wide", func(t *testing.T) {
		l, err := Plan(Spec{Kind: GroupedBar}, byState())
		if err != nil {
			t.Fatal(err)
		}
		if !l.rotate {
			t.Error("8 long topic names under the plot are not turned")
		}
	})
	t.Run("under the plot short labels stay", func(t *testing.T) {
		l, err := Plan(Spec{Kind: Line}, overEvents())
		if err != nil {
			t.Fatal(err)
		}
		if l.rotate || l.X.Ticks[0].Label != "mdk12" {
			t.Errorf("short labels changed: rotate %v, %q", l.rotate, l.X.Ticks[0].Label)
		}
	})
	t.Run("bars in a group do not overlap", func(t *testing.T) {
		for _, horizontal := range []bool{false, true} {
			l, err := Plan(Spec{Kind: GroupedBar, Horizontal: horizontal}, byState())
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range l.Marks {
				for _, b := range l.Marks[i+1:] {
					if a.Box.X0 < b.Box.X1 && b.Box.X0 < a.Box.X1 && a.Box.Y0 < b.Box.Y1 && b.Box.Y0 < a.Box.Y1 {
						t.Fatalf("bars overlap: %+v and %+v", a, b)
					}
				}
			}
		}
	})
	t.Run("first category on top", func(t *testing.T) {
		l, err := Plan(Spec{Kind: Bar, Horizontal: true}, topicMeans())
		if err != nil {
			t.Fatal(err)
		}
		if l.Marks[0].Category != topics[0] || l.Marks[0].Box.Y0 < l.Marks[1].Box.Y1 {
			t.Errorf("first topic is not above the second: %+v, %+v", l.Marks[0].Box, l.Marks[1].Box)
		}
	})
}

func TestDivergingGeometry(t *testing.T) {
	l, err := Plan(Spec{Kind: Diverging}, likert())
	if err != nil {
		t.Fatal(err)
	}
	// Shares 10, 20, 30, 25, 15 %: the middle straddles zero.
	want := [][2]float64{{-0.45, -0.35}, {-0.35, -0.15}, {-0.15, 0.15}, {0.15, 0.40}, {0.40, 0.55}}
	for i, w := range want {
		b := l.Marks[i].Box
		if math.Abs(b.X0-w[0]) > 1e-9 || math.Abs(b.X1-w[1]) > 1e-9 {
			t.Errorf("level %q spans %v..%v, want %v..%v", l.Marks[i].Series, b.X0, b.X1, w[0], w[1])
		}
	}
	if !l.Horizontal || l.X.Min != -l.X.Max || l.X.Max < 0.55 {
		t.Errorf("share axis %v..%v (horizontal %v), want symmetric around the bars", l.X.Min, l.X.Max, l.Horizontal)
	}
	if l.Legend[0].Color == l.Legend[4].Color || l.Legend[2].Color != neutral {
		t.Errorf("legend colours %v", l.Legend)
	}

	d := likert()
	d.Points[2] = Point{X: d.Points[2].X, Series: d.Points[2].Series, Missing: true}
	l, err = Plan(Spec{Kind: Diverging}, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Omitted) != 5 || len(l.Marks) != 15 {
		t.Errorf("an item with a suppressed level: %d omitted, %d marks; want 5, 15", len(l.Omitted), len(l.Marks))
	}
}

// TestFontsHaveUmlauts guards against a font swap that would print boxes
// for German labels in the PNG (the SVG check is in the render test).
func TestFontsHaveUmlauts(t *testing.T) {
	var buf sfnt.Buffer
	for name, st := range map[string]text.Style{"title": titleStyle, "tick": tickStyle} {
		face := st.Handler.Cache().Lookup(st.Font, st.Font.Size)
		for _, r := range "äöüÄÖÜß–−\u00a0" {
			if i, err := face.Face.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%s font has no glyph for %q", name, r)
			}
		}
	}
}

// TestManyLines: a trend over nine topics draws nine lines (colours repeat on
// dashed lines past the eighth); seventeen are refused.
func TestManyLines(t *testing.T) {
	mk := func(n int) Data {
		var d Data
		for s := 0; s < n; s++ {
			for _, x := range []string{"2024", "2025"} {
				d.Points = append(d.Points, Point{X: x, Series: fmt.Sprintf("Thema %d", s), Y: 1 + float64(s%5)})
			}
		}
		return d
	}
	lay, err := Plan(Spec{Kind: Line, Title: "Zeitverlauf"}, mk(9))
	if err != nil {
		t.Fatal(err)
	}
	if len(lay.Series) != 9 || len(lay.Legend) != 9 || len(lay.Marks) != 18 {
		t.Errorf("series %d, legend %d, marks %d; want 9, 9, 18", len(lay.Series), len(lay.Legend), len(lay.Marks))
	}
	if len(lineStyle(8, color.Black).Dashes) == 0 || len(lineStyle(7, color.Black).Dashes) != 0 {
		t.Error("the ninth line should be dashed, the eighth not")
	}
	if _, err := Plan(Spec{Kind: Line, Title: "Zeitverlauf"}, mk(17)); err == nil {
		t.Error("17 lines should be refused")
	}
	if _, err := Plan(Spec{Kind: GroupedBar, Title: "x"}, mk(9)); err == nil {
		t.Error("grouped bars keep the eight-colour limit")
	}
}

// TestEndLabelsStayOnThePage: the label past a full bar (a share of 100 %
// with its interval, seen in a real export's report) stays inside the page.
func TestEndLabelsStayOnThePage(t *testing.T) {
	for _, kind := range []Kind{Bar, GroupedBar} {
		data := Data{Points: []Point{
			{X: "Ja", Series: "a", Y: 1, Lo: fp(0.918), Hi: fp(1), Label: "100,0 %"},
			{X: "Nein", Series: "a", Y: 0.35, Lo: fp(0.2), Hi: fp(0.5), Label: "35,0 %"},
		}}
		svg, _, err := SVG(Spec{Kind: kind, Horizontal: true, YMin: fp(0), YMax: fp(1), Labels: true}, data)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*\n?[^>]*>100,0 %</text>`).FindSubmatch(svg)
		if m == nil {
			t.Fatalf("%s: no label 100,0 %% in the SVG:\n%s", kind, svg)
		}
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		page := float64(pageWidth / vg.Points(1))
		if end := x + float64(cellStyle.Width("100,0 %")); end > page {
			t.Errorf("%s: the label ends at %.1f pt, past the page's %.1f pt", kind, end, page)
		}
	}
}
