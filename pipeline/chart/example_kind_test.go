package chart

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A new chart type is one file: its Kind, its plan and draw funcs and the
// register call. dot (a Cleveland dot plot: one dot per category and
// series at its value, with its interval) is registered only in this test
// file; TestExampleKind draws it through Plan and Render, which name no
// type (docs/architecture.md, "Where to add …").
const dot Kind = "example_dot"

var _ = register(kind{name: dot, plan: (*Layout).dots, draw: (*Layout).drawDots,
	row: func(l *Layout) vg.Length { return 22 }})

func (l *Layout) dots(spec Spec, t *table) error {
	l.Horizontal = true
	colors, err := seriesColors(t.series)
	if err != nil {
		return err
	}
	l.omitMissing(t)
	ext := newExtent()
	t.each(func(_, _ int, p *Point) { ext.add(&p.Y, p.Lo, p.Hi) })
	l.setAxes(spec, valueAxis(spec, ext, l.Lang, true))
	t.each(func(ci, si int, p *Point) {
		y := l.catPos(ci)
		l.Marks = append(l.Marks, Mark{
			Category: t.cats[ci], Series: t.series[si], Value: p.Y, Lo: p.Lo, Hi: p.Hi,
			Box: Box{X0: p.Y, X1: p.Y, Y0: y, Y1: y}, Color: colors[t.series[si]], cat: ci, ser: si,
		})
	})
	l.legendFor(colors)
	return nil
}

func (l *Layout) drawDots(c draw.Canvas, tr transform) {
	for _, m := range l.Marks {
		y := tr.y(m.Box.Y0)
		if m.Lo != nil && m.Hi != nil {
			c.StrokeLine2(draw.LineStyle{Color: m.Color, Width: 1.2}, tr.x(*m.Lo), y, tr.x(*m.Hi), y)
		}
		c.DrawGlyph(draw.GlyphStyle{Color: m.Color, Radius: 5, Shape: draw.CircleGlyph{}}, vg.Point{X: tr.x(m.Value), Y: y})
	}
}

func TestExampleKind(t *testing.T) {
	if !slices.Contains(Kinds(), string(dot)) {
		t.Fatalf("Kinds() = %v, want the example type in it", Kinds())
	}
	var data Data
	for i, s := range states {
		data.Points = append(data.Points,
			Point{X: s, Series: "2024", Y: 3 + float64(i)/4, Lo: fp(2.5 + float64(i)/4), Hi: fp(3.5 + float64(i)/4)},
			Point{X: s, Series: "2025", Y: 3.2 + float64(i)/5, Missing: i == 3})
	}
	spec := Spec{Kind: dot, Title: "Zufriedenheit nach Land", X: "Land", Y: "Mittelwert", YMin: fp(1), YMax: fp(5)}
	dir := t.TempDir()
	pngPath, svgPath := filepath.Join(dir, "dot.png"), filepath.Join(dir, "dot.svg")
	l, err := Render(spec, data, pngPath, svgPath)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Horizontal || l.Kind != dot {
		t.Errorf("kind %q, horizontal %v", l.Kind, l.Horizontal)
	}
	// One mark per drawn point, at its value; the suppressed one omitted.
	if len(l.Marks) != 7 || len(l.Omitted) != 1 || l.Omitted[0].X != states[3] {
		t.Fatalf("%d marks, omitted %v; want 7 and %s/2025", len(l.Marks), l.Omitted, states[3])
	}
	for _, m := range l.Marks {
		i := slices.Index(states, m.Category)
		want := 3 + float64(i)/4
		if m.Series == "2025" {
			want = 3.2 + float64(i)/5
		}
		if m.Value != want || m.Box.X0 != want || m.Box.Y0 != l.catPos(i) {
			t.Errorf("%s/%s: value %v at (%v, %v), want %v at y %v", m.Category, m.Series, m.Value, m.Box.X0, m.Box.Y0, want, l.catPos(i))
		}
	}
	if len(l.Legend) != 2 || l.Y.Ticks[0].Label == "" || len(l.Y.Ticks) != len(states) {
		t.Errorf("legend %v, category ticks %v", l.Legend, l.Y.Ticks)
	}
	// The PNG has the size the layout planned.
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != l.Width || b.Dy() != l.Height {
		t.Errorf("PNG %v, layout %d×%d", b, l.Width, l.Height)
	}
	// The SVG holds the type's own marks: a dot per mark in its series'
	// colour, plus the legend swatch.
	svg, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatal(err)
	}
	shapesPerSeries(t, l, svg)
}

// TestKinds: every exported type is registered, names are unique.
func TestKinds(t *testing.T) {
	for _, k := range []Kind{Bar, GroupedBar, StackedBar, Heatmap, Line, Diverging, None} {
		if kinds[k] == nil {
			t.Errorf("%s is not registered", k)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("registering bar twice did not panic")
		}
	}()
	register(kind{name: Bar})
}
