package report

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/survey"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

// sheetModel is a Sheet prepared for the writers: which columns readers
// see, the chart's data, and the chart images once drawn.
type sheetModel struct {
	s     *tableSheet
	lang  string
	name  string // query name: chart file names
	title string
	cols  []int      // visible columns of the table
	kind  chart.Kind // None when there is no chart
	grid  *grid      // chart data; nil without a chart

	chart     *chartSpec // what the chart shows; nil without a chart
	layout    *chart.Layout
	png, svg  string // chart files once drawn
	svgData   []byte
	svgNarrow []byte // the chart at phone width, for the page
	chartErr  string
	marked    bool // some cell carries a mark
}

func newSheetModel(p *page, s *tableSheet) *sheetModel {
	q := s.Query
	m := &sheetModel{s: s, lang: p.lang, name: q.Name, title: q.Meta.Title, kind: chart.None}
	if s.Table == nil {
		return m
	}
	t := s.Table
	for i := range t.Columns {
		m.cols = append(m.cols, i)
	}
	for r := range s.Marks {
		for _, mk := range s.Marks[r] {
			m.marked = m.marked || mk != ""
		}
	}
	if q.Meta.Chart == "" || q.Meta.Chart == "none" || len(t.Rows) == 0 {
		return m
	}
	var err error
	if len(s.Wide) > 0 {
		m.grid, err = wideGrid(s, p.lang)
	} else {
		m.grid, err = longGrid(s)
	}
	if err != nil {
		m.chartErr = err.Error()
		return m
	}
	m.kind = chart.Kind(q.Meta.Chart)
	if m.kind == chart.Heatmap && !m.grid.wide && len(m.grid.series) > len(m.grid.xs) {
		// The longer list runs down the side, in the image and in the
		// chart data alike: 24 groups × 8 topics, not 8 × 24.
		m.grid.transpose()
		m.s = withSwapped(m.s)
	}
	return m
}

// transpose swaps a long grid's categories and series.
func (g *grid) transpose() {
	cells := make([][]gcell, len(g.series))
	for j := range g.series {
		cells[j] = make([]gcell, len(g.xs))
		for i := range g.xs {
			cells[j][i] = g.cells[i][j]
		}
	}
	g.xs, g.series, g.cells = g.series, g.xs, cells
}

// withSwapped is a copy of s whose chart takes its categories from the
// series column and its series from the category column.
func withSwapped(s *tableSheet) *tableSheet {
	c := *s
	q := *s.Query
	q.Meta.X, q.Meta.Series = s.Query.Meta.Series, s.Query.Meta.X
	c.Query = &q
	return &c
}

// heading is what readers see above column c.
func (m *sheetModel) heading(c int) string {
	name := m.s.Table.Columns[c]
	if h, ok := m.s.Headings[name]; ok {
		return h
	}
	return i18n.Column(m.lang, name)
}

// grid is a chart's data: categories × series, with the table cells each
// value came from.
type grid struct {
	xs, series []string // categories and series; one "" series for a plain chart
	cells      [][]gcell
	yKind      format.Kind
	// Wide grids point into the table: the row of each category and the
	// column of each series; long grids get a block of their own.
	wide       bool
	rows, cols []int
	xCol       int
}

type gcell struct {
	row    int  // the table row the value comes from
	ok     bool // the table has a value here
	v      float64
	lo, hi *float64
	hidden bool
	mark   string
}

func (g *grid) named() bool { return len(g.series) > 1 || g.series[0] != "" }

// longGrid pivots a long table by Meta.X, Meta.Y and Meta.Series.
func longGrid(s *tableSheet) (*grid, error) {
	t, meta := s.Table, s.Query.Meta
	xi, yi, si := t.Col(meta.X), t.Col(meta.Y), -1
	if xi < 0 || yi < 0 {
		return nil, fmt.Errorf("the query has no column %q or %q", meta.X, meta.Y)
	}
	if meta.Series != "" {
		if si = t.Col(meta.Series); si < 0 {
			return nil, fmt.Errorf("the query has no series column %q", meta.Series)
		}
	}
	loi, hii := t.Col(meta.ErrLow), t.Col(meta.ErrHigh)
	g := &grid{}
	xIndex, sIndex := map[string]int{}, map[string]int{}
	type at struct{ x, s, row int }
	var found []at
	for r, row := range t.Rows {
		x := query.Text(row[xi])
		sn := ""
		if si >= 0 {
			sn = query.Text(row[si])
		}
		if _, ok := xIndex[x]; !ok {
			xIndex[x] = len(g.xs)
			g.xs = append(g.xs, x)
		}
		if _, ok := sIndex[sn]; !ok {
			sIndex[sn] = len(g.series)
			g.series = append(g.series, sn)
		}
		found = append(found, at{xIndex[x], sIndex[sn], r})
	}
	g.cells = make([][]gcell, len(g.xs))
	for i := range g.cells {
		g.cells[i] = make([]gcell, len(g.series))
	}
	for _, f := range found {
		row := t.Rows[f.row]
		c := &g.cells[f.x][f.s]
		if c.ok {
			return nil, fmt.Errorf("two rows for %q / %q: the chart needs one value per category and series", g.xs[f.x], g.series[f.s])
		}
		v, ok := format.Float(row[yi])
		if !ok && !s.hidden(f.row, yi) {
			continue // no value: no point
		}
		c.ok, c.v, c.row = true, v, f.row
		c.hidden = s.hidden(f.row, yi)
		c.mark = s.mark(f.row, yi)
		if g.yKind == format.Auto && ok {
			g.yKind = s.kindOf(yi, row[yi])
		}
		if loi >= 0 && hii >= 0 && !s.hidden(f.row, loi) && !s.hidden(f.row, hii) {
			lo, okLo := format.Float(row[loi])
			hi, okHi := format.Float(row[hii])
			if okLo && okHi {
				c.lo, c.hi = &lo, &hi
			}
		}
	}
	if g.yKind == format.Auto {
		g.yKind = format.Dec1
	}
	if meta.Sort != "" && len(g.series) == 1 {
		g.sortBy(meta.Sort == "desc")
	}
	return g, nil
}

// sortBy orders the categories of a one-series grid by value; hidden and
// missing values go last.
func (g *grid) sortBy(desc bool) {
	idx := make([]int, len(g.xs))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) (bool, float64) {
		c := g.cells[i][0]
		return c.ok && !c.hidden, c.v
	}
	sort.SliceStable(idx, func(a, b int) bool {
		okA, va := key(idx[a])
		okB, vb := key(idx[b])
		if okA != okB {
			return okA
		}
		if desc {
			return va > vb
		}
		return va < vb
	})
	xs := make([]string, len(idx))
	cells := make([][]gcell, len(idx))
	for i, j := range idx {
		xs[i], cells[i] = g.xs[j], g.cells[j]
	}
	g.xs, g.cells = xs, cells
}

// wideGrid reads a table already in chart shape.
func wideGrid(s *tableSheet, lang string) (*grid, error) {
	t := s.Table
	xi := t.Col(s.Query.Meta.X)
	if xi < 0 {
		return nil, fmt.Errorf("the table has no column %q", s.Query.Meta.X)
	}
	g := &grid{wide: true, xCol: xi}
	for _, name := range s.Wide {
		c := t.Col(name)
		if c < 0 {
			return nil, fmt.Errorf("the table has no column %q", name)
		}
		g.cols = append(g.cols, c)
		h := i18n.Column(lang, name)
		if hh, ok := s.Headings[name]; ok {
			h = hh
		}
		g.series = append(g.series, h)
	}
	for r, row := range t.Rows {
		g.xs = append(g.xs, query.Text(row[xi]))
		g.rows = append(g.rows, r)
		cells := make([]gcell, len(g.cols))
		for j, c := range g.cols {
			v, ok := format.Float(row[c])
			hidden := s.hidden(r, c)
			if !ok && !hidden {
				continue
			}
			cells[j] = gcell{row: r, ok: true, v: v, hidden: hidden, mark: s.mark(r, c)}
			if g.yKind == format.Auto && ok {
				g.yKind = s.kindOf(c, row[c])
			}
		}
		g.cells = append(g.cells, cells)
	}
	if g.yKind == format.Auto {
		g.yKind = format.Dec1
	}
	return g, nil
}

// chartSpec is what the chart shows, worked out once for the image, the
// phone-width image and the native Excel chart alike.
type chartSpec struct {
	spec      chart.Spec
	data      chart.Data
	notes     []string // the footnote, sentence by sentence
	shortened map[string]bool
}

// plan works out the chart of m: its points (each labelled with the text
// the table shows), colours from the report's palette, title and notes.
func (m *sheetModel) plan(p *page, pal *palette) {
	if m.grid == nil || m.kind == chart.None {
		return
	}
	L := p.lang
	meta := m.s.Query.Meta
	g := m.grid
	var d chart.Data
	d.XOrder = g.xs
	if g.named() {
		d.SeriesOrder = g.series
	}
	// A stack with a hidden part is drawn without that part, not left out
	// whole: with the primary rule nearly every stack of a state × sector
	// count has a small part, and a chart of nothing helps nobody. The
	// stack ends in "+ ." and the note says so; the shown parts reveal no
	// more than the table beside them.
	partial := m.kind == chart.StackedBar
	omitted, shortened := false, map[string]bool{}
	var marked []string
	for i, x := range g.xs {
		for j, sn := range g.series {
			c := g.cells[i][j]
			if !c.ok {
				continue
			}
			p := chart.Point{X: x, Series: sn}
			switch {
			case c.hidden:
				p.Missing = true
				if partial {
					shortened[x] = true
				} else {
					omitted = true
				}
			default:
				p.Y, p.Lo, p.Hi = c.v, c.lo, c.hi
				p.Label = format.Value(L, g.yKind, c.v)
				p.Sign = c.mark
			}
			if c.mark != "" && !c.hidden {
				label := x
				if sn != "" {
					label += " / " + sn
				}
				marked = append(marked, label+" "+c.mark)
			}
			d.Points = append(d.Points, p)
		}
	}
	yTitle := i18n.Column(L, meta.Y)
	if h, ok := m.s.Headings[meta.Y]; ok {
		yTitle = h
	}
	xTitle := i18n.Column(L, meta.X)
	if h, ok := m.s.Headings[meta.X]; ok {
		xTitle = h
	}
	horizontal := m.kind == chart.Bar || m.kind == chart.GroupedBar || m.kind == chart.StackedBar
	if m.kind == chart.Heatmap {
		// The heatmap's second axis is titled by the series; the longer
		// list runs down the side.
		yTitle = i18n.Column(L, meta.Series)
		if h, ok := m.s.Headings[meta.Series]; ok {
			yTitle = h
		}
		horizontal = len(g.xs) > len(g.series)
	}
	if m.s.XTitle != "" {
		xTitle = m.s.XTitle
	}
	if m.s.YTitle != "" {
		yTitle = m.s.YTitle
	}
	spec := chart.Spec{
		Kind: m.kind,
		// The event and n on a line of their own, so wrapping never splits "n = 150".
		Title:      m.title + "\n" + p.chartLine,
		X:          xTitle,
		Y:          yTitle,
		Lang:       L,
		YMin:       meta.YMin,
		YMax:       meta.YMax,
		Horizontal: horizontal,
		Format:     g.yKind,
		Partial:    partial,
		Labels:     m.kind == chart.StackedBar || (m.kind == chart.Bar && len(g.xs) <= 20),
	}
	if m.kind == chart.StackedBar && meta.YMax != nil && g.yKind.Share() {
		spec.YMax = nil // a stack of shares need not reach 1
	}
	// Colours: one per category of a dimension across the report.
	if m.kind != chart.Heatmap && m.kind != chart.Diverging {
		spec.Colors = map[string]color.Color{}
		if g.named() {
			dim := dimKey(meta.Series)
			for _, sn := range g.series {
				spec.Colors[sn] = rgba(pal.hex(dim, sn))
			}
		} else if dim := dimKey(meta.X); m.kind == chart.Bar && (dim == survey.RoleState || dim == survey.RoleSector) {
			// Bars of states or sectors in their colours; other bars in
			// the one colour no category has.
			for _, x := range g.xs {
				spec.Colors[x] = rgba(pal.hex(dim, x))
			}
		} else {
			spec.Colors[""] = rgba(plainBar)
		}
	}
	cs := &chartSpec{spec: spec, data: d, shortened: shortened}
	if m.s.Note != "" {
		cs.notes = append(cs.notes, m.s.Note)
	}
	if omitted {
		cs.notes = append(cs.notes, i18n.T(L, "chart_omitted", p.minN))
	}
	if len(shortened) > 0 {
		cs.notes = append(cs.notes, i18n.T(L, "chart_partial", p.minN))
	}
	if len(marked) > 0 {
		cs.notes = append(cs.notes, i18n.T(L, "marks_note")+" "+strings.Join(marked, "; "))
	}
	cs.spec.Note = strings.Join(cs.notes, " ")
	m.chart = cs
}

// render draws the chart images: PNG and SVG in charts/, and an SVG at
// phone width for the page. A chart the data cannot make (say, a user
// query whose values break the chart's rules) is not fatal: the sheet and
// the page say why, and Write reports it as a warning.
func (m *sheetModel) render(out string) error {
	if m.chart == nil {
		return nil
	}
	png := filepath.Join(out, "charts", m.name+".png")
	svg := filepath.Join(out, "charts", m.name+".svg")
	l, err := chart.Render(m.chart.spec, m.chart.data, png, svg)
	if err != nil {
		m.chartErr = strings.TrimPrefix(err.Error(), "chart: ")
		return nil
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	narrow := m.chart.spec
	narrow.Width = chart.NarrowWidth
	nb, _, err := chart.SVG(narrow, m.chart.data)
	if err != nil {
		return fmt.Errorf("%s: phone-width chart: %w", m.name, err)
	}
	m.layout, m.png, m.svg, m.svgData, m.svgNarrow = &l, png, svg, b, nb
	return nil
}

// seriesColor is the colour the image gives a series, so the native Excel
// chart matches it; "" when unknown.
func (m *sheetModel) seriesColor(series string) string {
	if m.layout == nil {
		return ""
	}
	for _, e := range m.layout.Legend {
		if e.Label == series {
			return hexColor(e.Color)
		}
	}
	for _, mk := range m.layout.Marks {
		if mk.Series == series {
			return hexColor(mk.Color)
		}
	}
	return ""
}

// cellColor is the colour of a heatmap cell in the image; "" when none.
func (m *sheetModel) cellColor(x, series string) string {
	if m.layout == nil || m.kind != chart.Heatmap {
		return ""
	}
	for _, mk := range m.layout.Marks {
		if mk.Category == x && mk.Series == series {
			return hexColor(mk.Color)
		}
	}
	return ""
}

func hexColor(c color.Color) string {
	if c == nil {
		return ""
	}
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("%02X%02X%02X", r>>8, g>>8, b>>8)
}

// dark says whether white text reads better on a background colour.
func dark(hex string) bool {
	var r, g, b int
	if _, err := fmt.Sscanf(hex, "%02X%02X%02X", &r, &g, &b); err != nil {
		return false
	}
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 128
}
