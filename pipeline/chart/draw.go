package chart

import (
	"image/color"
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

const (
	margin    = 18 * vg.Length(1)  // points around the page
	gap       = 8 * vg.Length(1)   // between title, legend, plot and note
	minHeight = 405 * vg.Length(1) // 900 px at 160 dpi: a 16:9 slide image
)

var (
	ink      = rgb(0x1A1A1A)
	softInk  = rgb(0x444444)
	noteInk  = rgb(0x555555)
	gridInk  = rgb(0xDDDDDD)
	emptyBox = rgb(0xF2F2F2)
)

// style returns a Liberation Sans text style. Liberation ships inside the
// Go module graph (no system fonts needed) and covers ä ö ü ß; Sans reads
// better on slides than gonum/plot's default serif.
func style(size vg.Length, bold bool, c color.Color) text.Style {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
}

var (
	titleStyle  = style(15, true, ink)
	legendStyle = style(10.5, false, ink)
	noteStyle   = style(10, false, noteInk) // ≥ 10 px on a phone (NarrowWidth)
	axisStyle   = style(11, false, softInk)
	tickStyle   = style(10.5, false, softInk)
	cellStyle   = style(10, false, ink)
)

// rotation turns category labels that do not fit under their bar.
const rotation = math.Pi / 4

// fit wraps category labels and sizes the page so that nothing overlaps:
// labels on a vertical axis wrap at 30 % of the width, labels under the
// plot wrap to their slot or, when a single word is too wide, turn by 45°.
// Charts with categories down the side grow taller with every row.
func (l *Layout) fit() {
	width := l.width - 2*margin
	if l.Y.categorical {
		for i, t := range l.Y.Ticks {
			lines, _ := wrap(t.Label, tickStyle, 0.3*l.width)
			l.Y.Ticks[i].Label = strings.Join(lines, "\n")
		}
	}
	if l.X.categorical && len(l.X.Ticks) > 0 {
		slot := (width - axisWidth(l.Y)) / vg.Length(len(l.X.Ticks)) * 0.92
		wrapped := make([]string, len(l.X.Ticks))
		for i, t := range l.X.Ticks {
			lines, fits := wrap(t.Label, tickStyle, slot)
			l.rotate = l.rotate || !fits
			wrapped[i] = strings.Join(lines, "\n")
		}
		if !l.rotate {
			for i := range l.X.Ticks {
				l.X.Ticks[i].Label = wrapped[i]
			}
		}
	}

	chrome := 2*margin + l.headerHeight(width) + l.footerHeight(width) + axisHeight(l.X, l.rotate)
	plotH := vg.Length(250) // enough for bars over an unlabelled category axis
	if l.Y.categorical {
		row := l.rowHeight()
		for _, t := range l.Y.Ticks {
			row = max(row, tickStyle.Height(t.Label)+8)
		}
		plotH = row * vg.Length(len(l.Y.Ticks))
	}
	l.height = max(minHeight*l.width/pageWidth, chrome+plotH)
	l.Width, l.Height = pixels(l.width), pixels(l.height)

	if kinds[l.Kind].slabs && len(l.Categories) > 0 {
		slot := (width - axisWidth(l.Y)) / vg.Length(len(l.Categories))
		if l.Horizontal {
			slot = (l.height - chrome) / vg.Length(len(l.Categories))
		}
		l.capThickness(slot)
	}
}

// maxThickness keeps a chart with few categories from turning into slabs.
const maxThickness = 40 * vg.Length(1)

// capThickness narrows bars (and the gaps inside a group, alike) when a
// category slot of the given length would make them thicker than
// maxThickness.
func (l *Layout) capThickness(slot vg.Length) {
	widest := 0.0
	for _, m := range l.Marks {
		if l.Horizontal {
			widest = math.Max(widest, m.Box.Y1-m.Box.Y0)
		} else {
			widest = math.Max(widest, m.Box.X1-m.Box.X0)
		}
	}
	f := float64(maxThickness/slot) / widest
	if f >= 1 {
		return
	}
	for i := range l.Marks {
		b, c := &l.Marks[i].Box, l.catPos(l.Marks[i].cat)
		if l.Horizontal {
			b.Y0, b.Y1 = c+(b.Y0-c)*f, c+(b.Y1-c)*f
		} else {
			b.X0, b.X1 = c+(b.X0-c)*f, c+(b.X1-c)*f
		}
	}
}

// rowHeight is the height a category needs on a vertical axis.
func (l *Layout) rowHeight() vg.Length {
	if row := kinds[l.Kind].row; row != nil {
		return row(l)
	}
	return 26
}

func (l *Layout) size() (w, h vg.Length) { return l.width, l.height }

// pixels converts a length to PNG pixels the way vgimg sizes its image.
func pixels(v vg.Length) int { return int(math.Round(float64(v / vg.Inch * dpi))) }

func axisWidth(a Axis) vg.Length {
	w := vg.Length(12)
	for _, t := range a.Ticks {
		w = max(w, tickStyle.Width(t.Label)+12)
	}
	if a.Title != "" {
		w += axisStyle.Height(a.Title) + 6
	}
	return w
}

func axisHeight(a Axis, rotate bool) vg.Length {
	sty := tickStyle
	if rotate {
		sty.Rotation = rotation
	}
	h := vg.Length(12)
	for _, t := range a.Ticks {
		r := sty.Rectangle(t.Label)
		h = max(h, r.Max.Y-r.Min.Y+12)
	}
	if a.Title != "" {
		h += axisStyle.Height(a.Title) + 6
	}
	return h
}

func (l *Layout) titleText(width vg.Length) string {
	if l.Title == "" {
		return ""
	}
	lines, _ := wrap(l.Title, titleStyle, width)
	return strings.Join(lines, "\n")
}

func (l *Layout) noteText(width vg.Length) string {
	if l.Note == "" {
		return ""
	}
	lines, _ := wrap(l.Note, noteStyle, width)
	return strings.Join(lines, "\n")
}

func (l *Layout) headerHeight(width vg.Length) vg.Length {
	var h vg.Length
	if t := l.titleText(width); t != "" {
		h += titleStyle.Height(t) + gap
	}
	if rows := l.legendRows(width); len(rows) > 0 {
		h += vg.Length(len(rows))*legendRow + gap
	}
	return h
}

func (l *Layout) footerHeight(width vg.Length) vg.Length {
	if t := l.noteText(width); t != "" {
		return noteStyle.Height(t) + gap
	}
	return 0
}

const (
	legendRow    = 18 * vg.Length(1)
	legendSwatch = 11 * vg.Length(1)
	legendLine   = 22 * vg.Length(1) // swatch width for a line series: line and marker
	legendGap    = 18 * vg.Length(1)
)

func (l *Layout) swatchWidth() vg.Length {
	if l.Kind == Line {
		return legendLine
	}
	return legendSwatch
}

// legendRows lays the legend out in rows across the page, above the plot,
// where it can never cover a bar.
func (l *Layout) legendRows(width vg.Length) [][]int {
	var rows [][]int
	var x vg.Length
	for i, e := range l.Legend {
		w := l.swatchWidth() + 5 + legendStyle.Width(e.Label)
		if len(rows) == 0 || (x > 0 && x+w > width) {
			rows = append(rows, nil)
			x = 0
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
		x += w + legendGap
	}
	return rows
}

// draw paints the layout: title, legend, plot, note.
func (l *Layout) draw(c vg.CanvasSizer) {
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	in := draw.Crop(dc, margin, -margin, margin, -margin)
	width := in.Max.X - in.Min.X

	top := in.Max.Y
	if t := l.titleText(width); t != "" {
		in.FillText(titleStyle, vg.Point{X: in.Min.X, Y: top}, t)
		top -= titleStyle.Height(t) + gap
	}
	if rows := l.legendRows(width); len(rows) > 0 {
		for _, row := range rows {
			l.drawLegendRow(in, row, top-legendRow/2)
			top -= legendRow
		}
		top -= gap
	}
	bottom := in.Min.Y
	if t := l.noteText(width); t != "" {
		sty := noteStyle
		sty.YAlign = draw.YBottom
		in.FillText(sty, vg.Point{X: in.Min.X, Y: bottom}, t)
		bottom += noteStyle.Height(t) + gap
	}
	area := in
	area.Min.Y, area.Max.Y = bottom, top
	area.Max.X -= l.endLabelRoom(area.Max.X - area.Min.X - axisWidth(l.Y))
	l.plot().Draw(area)
}

// endLabelRoom is the room right of the plot that the labels past the
// ends of horizontal bars need (100,0 % beside a full bar), given the
// plot's width.
func (l *Layout) endLabelRoom(plot vg.Length) vg.Length {
	if !l.Horizontal || l.Kind != Bar && l.Kind != GroupedBar || l.X.Max <= l.X.Min {
		return 0
	}
	room := vg.Length(0)
	for _, m := range l.Marks {
		text := strings.TrimSpace(m.Label + " " + m.Sign)
		if text == "" {
			continue
		}
		end := m.Box.X1
		if m.Hi != nil {
			end = max(end, *m.Hi)
		}
		free := vg.Length((l.X.Max-end)/(l.X.Max-l.X.Min)) * plot
		room = max(room, cellStyle.Width(text)+4-free)
	}
	return room
}

func (l *Layout) drawLegendRow(c draw.Canvas, row []int, y vg.Length) {
	x := c.Min.X
	sty := legendStyle
	sty.YAlign = draw.YCenter
	for _, i := range row {
		e := l.Legend[i]
		if l.Kind == Line {
			c.StrokeLine2(lineStyle(i, e.Color), x, y, x+legendLine, y)
			c.DrawGlyph(glyph(i, e.Color), vg.Point{X: x + legendLine/2, Y: y})
		} else {
			s := legendSwatch / 2
			c.FillPolygon(e.Color, corners(vg.Rectangle{
				Min: vg.Point{X: x, Y: y - s}, Max: vg.Point{X: x + legendSwatch, Y: y + s},
			}))
		}
		x += l.swatchWidth() + 5
		c.FillText(sty, vg.Point{X: x, Y: y}, e.Label)
		x += legendStyle.Width(e.Label) + legendGap
	}
}

func (l *Layout) plot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the page is already white
	l.X.apply(&p.X, l.rotate)
	l.Y.apply(&p.Y, false)
	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: gridInk, Width: 0.6}
	grid.Horizontal = grid.Vertical
	if l.X.categorical {
		grid.Vertical.Color = nil
	}
	if l.Y.categorical {
		grid.Horizontal.Color = nil
	}
	p.Add(grid, marks{l})
	return p
}

// apply configures a gonum axis: no axis line or tick marks (grid lines
// carry the scale), our ticks and fonts.
func (a Axis) apply(pa *plot.Axis, rotate bool) {
	pa.Min, pa.Max = a.Min, a.Max
	pa.Label.Text = a.Title
	pa.Label.TextStyle.Font = axisStyle.Font
	pa.Label.TextStyle.Color = axisStyle.Color
	pa.Label.Padding = 6
	pa.Tick.Label.Font = tickStyle.Font
	pa.Tick.Label.Color = tickStyle.Color
	if rotate {
		pa.Tick.Label.Rotation = rotation
		pa.Tick.Label.XAlign = draw.XRight
		pa.Tick.Label.YAlign = draw.YCenter // the label's end points at its bar
	}
	ts := make([]plot.Tick, len(a.Ticks))
	for i, t := range a.Ticks {
		ts[i] = plot.Tick{Value: t.Value, Label: t.Label}
	}
	pa.Tick.Marker = plot.ConstantTicks(ts)
	pa.Tick.Length = 0
	pa.LineStyle.Width = 0
	pa.Padding = 6
	if rotate {
		pa.Padding = 12 // a centred, turned label reaches a little above its anchor
	}
}

// marks is the gonum plotter that draws a layout's marks.
type marks struct{ l *Layout }

func (m marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	rect := func(b Box) vg.Rectangle {
		return vg.Rectangle{
			Min: vg.Point{X: trX(b.X0), Y: trY(b.Y0)},
			Max: vg.Point{X: trX(b.X1), Y: trY(b.Y1)},
		}
	}
	tr := transform{x: trX, y: trY, rect: rect}
	if d := kinds[m.l.Kind].draw; d != nil {
		d(m.l, c, tr)
	} else {
		m.l.drawBars(c, tr)
	}
}

func (l *Layout) drawBars(c draw.Canvas, tr transform) {
	rect, trX, trY := tr.rect, tr.x, tr.y
	baseline := func() {
		if l.baseline == nil {
			return
		}
		sty := draw.LineStyle{Color: softInk, Width: 0.9}
		if l.Horizontal {
			x := trX(*l.baseline)
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		} else {
			y := trY(*l.baseline)
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
	// The centre line of a diverging chart would cross the middle
	// segment and its label: there it shows only between the bars.
	if l.Kind == Diverging {
		baseline()
	}
	stacked := l.Kind == StackedBar || l.Kind == Diverging
	for _, m := range l.Marks {
		r := rect(m.Box)
		c.FillPolygon(m.Color, corners(r))
		if stacked { // a white rule keeps neighbouring segments apart
			c.StrokeLines(draw.LineStyle{Color: color.White, Width: 0.8}, append(corners(r), r.Min))
		}
	}
	if l.Kind != Diverging {
		baseline()
	}
	for _, m := range l.Marks {
		text := strings.TrimSpace(m.Label + " " + m.Sign)
		switch {
		case text == "":
		case stacked:
			centredLabel(c, rect(m.Box), m.Label, m.Color)
		default:
			// Past the error bar's end, so the two do not cross.
			r := rect(m.Box)
			if _, hi := bounds(m); m.Hi != nil {
				if l.Horizontal {
					r.Max.X = max(r.Max.X, trX(hi))
				} else {
					r.Max.Y = max(r.Max.Y, trY(hi))
				}
			}
			endLabel(c, r, text, l.Horizontal)
		}
	}
	// A hidden bar is not a bar of zero: its place shows ".", and a stack
	// drawn without hidden parts ends in "+ .".
	for _, h := range l.holes {
		slot := l.box(l.catPos(h.cat), l.offset(h.ser), 0.1, 0, 0)
		if l.baseline != nil {
			slot = l.box(l.catPos(h.cat), l.offset(h.ser), 0.1, *l.baseline, *l.baseline)
		}
		endLabel(c, rect(slot), ".", l.Horizontal)
	}
	for _, cat := range l.Shortened {
		ci := indexOf(l.Categories, cat)
		end := Box{}
		for _, m := range l.Marks {
			if m.cat == ci && (end == Box{} || m.Box.X1 > end.X1 || m.Box.Y1 > end.Y1) {
				end = m.Box
			}
		}
		if end == (Box{}) && l.baseline != nil {
			end = l.box(l.catPos(ci), 0, 0.7, *l.baseline, *l.baseline)
		}
		endLabel(c, rect(end), "+ .", l.Horizontal)
	}
	for _, m := range l.Marks {
		if m.Lo == nil && m.Hi == nil {
			continue
		}
		lo, hi := bounds(m)
		r := rect(m.Box)
		sty := draw.LineStyle{Color: ink, Width: 1.1}
		if l.Horizontal {
			y := (r.Min.Y + r.Max.Y) / 2
			capH := min(4, (r.Max.Y-r.Min.Y)*0.3)
			x0, x1 := trX(lo), trX(hi)
			c.StrokeLine2(sty, x0, y, x1, y)
			c.StrokeLine2(sty, x0, y-capH, x0, y+capH)
			c.StrokeLine2(sty, x1, y-capH, x1, y+capH)
		} else {
			x := (r.Min.X + r.Max.X) / 2
			capW := min(4, (r.Max.X-r.Min.X)*0.3)
			y0, y1 := trY(lo), trY(hi)
			c.StrokeLine2(sty, x, y0, x, y1)
			c.StrokeLine2(sty, x-capW, y0, x+capW, y0)
			c.StrokeLine2(sty, x-capW, y1, x+capW, y1)
		}
	}
}

func bounds(m Mark) (lo, hi float64) {
	lo, hi = m.Value, m.Value
	if m.Lo != nil {
		lo = *m.Lo
	}
	if m.Hi != nil {
		hi = *m.Hi
	}
	return lo, hi
}

func (l *Layout) drawCells(c draw.Canvas, tr transform) {
	rect := tr.rect
	inset := func(r vg.Rectangle) vg.Rectangle {
		d := vg.Length(1) // white gaps between cells
		return vg.Rectangle{Min: r.Min.Add(vg.Point{X: d, Y: d}), Max: r.Max.Sub(vg.Point{X: d, Y: d})}
	}
	drawn := map[[2]int]bool{}
	for _, m := range l.Marks {
		r := inset(rect(m.Box))
		c.FillPolygon(m.Color, corners(r))
		centredLabel(c, r, m.Label, m.Color)
		drawn[[2]int{m.cat, m.ser}] = true
	}
	// Suppressed or absent cells get a dot, as in the report tables, so an
	// empty cell is not mistaken for a drawing error.
	for ci := range l.Categories {
		for si := range l.Series {
			if drawn[[2]int{ci, si}] {
				continue
			}
			x, y := l.cell(ci, si)
			r := inset(rect(Box{X0: x - 0.5, X1: x + 0.5, Y0: y - 0.5, Y1: y + 0.5}))
			c.FillPolygon(emptyBox, corners(r))
			centredLabel(c, r, ".", emptyBox)
		}
	}
}

// endLabel prints s just past the end of bar r (right of a horizontal
// bar, above a vertical one).
func endLabel(c draw.Canvas, r vg.Rectangle, s string, horizontal bool) {
	sty := cellStyle
	pad := vg.Length(4)
	if horizontal {
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
		c.FillText(sty, vg.Point{X: r.Max.X + pad, Y: (r.Min.Y + r.Max.Y) / 2}, s)
		return
	}
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
	c.FillText(sty, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: r.Max.Y + pad}, s)
}

func indexOf(names []string, n string) int {
	for i, x := range names {
		if x == n {
			return i
		}
	}
	return -1
}

// centredLabel prints s in the middle of r if it fits, in black or white,
// whichever contrasts with the fill.
func centredLabel(c draw.Canvas, r vg.Rectangle, s string, fill color.Color) {
	sty := cellStyle
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	if luminance(fill) < 0.5 {
		sty.Color = color.White
	}
	if sty.Width(s)+4 > r.Max.X-r.Min.X || sty.Height(s)+2 > r.Max.Y-r.Min.Y {
		return
	}
	c.FillText(sty, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}, s)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

func (l *Layout) drawLines(c draw.Canvas, tr transform) {
	trX, trY := tr.x, tr.y
	bySeries := make([][]Mark, len(l.Series))
	for _, m := range l.Marks {
		bySeries[m.ser] = append(bySeries[m.ser], m)
	}
	for _, ms := range bySeries {
		for i := 1; i < len(ms); i++ {
			a, b := ms[i-1], ms[i]
			if b.cat != a.cat+1 {
				continue // a gap for a missing event, not a line across it
			}
			c.StrokeLine2(lineStyle(a.ser, a.Color), trX(a.Box.X0), trY(a.Value), trX(b.Box.X0), trY(b.Value))
		}
	}
	for _, m := range l.Marks {
		if m.Lo == nil && m.Hi == nil {
			continue
		}
		lo, hi := bounds(m)
		x := trX(m.Box.X0)
		sty := draw.LineStyle{Color: m.Color, Width: 1.2}
		c.StrokeLine2(sty, x, trY(lo), x, trY(hi))
		c.StrokeLine2(sty, x-3, trY(lo), x+3, trY(lo))
		c.StrokeLine2(sty, x-3, trY(hi), x+3, trY(hi))
	}
	for _, m := range l.Marks {
		c.DrawGlyph(glyph(m.ser, m.Color), vg.Point{X: trX(m.Box.X0), Y: trY(m.Value)})
		if m.Sign != "" {
			sty := cellStyle
			sty.Color = m.Color
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
			c.FillText(sty, vg.Point{X: trX(m.Box.X0) + 6, Y: trY(m.Value)}, m.Sign)
		}
	}
}

// lineStyle dashes the lines past the palette's eighth colour, which
// lineColors hands out a second time.
func lineStyle(series int, c color.Color) draw.LineStyle {
	sty := draw.LineStyle{Color: c, Width: 2}
	if series >= len(okabeIto) {
		sty.Dashes = []vg.Length{6, 3}
	}
	return sty
}

// glyph gives each series its own marker shape as well as colour, so lines
// stay apart in greyscale print and for colour-blind readers.
func glyph(series int, c color.Color) draw.GlyphStyle {
	shapes := []draw.GlyphDrawer{
		draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{},
		draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{},
	}
	return draw.GlyphStyle{Color: c, Radius: 4, Shape: shapes[series%len(shapes)]}
}

func corners(r vg.Rectangle) []vg.Point {
	return []vg.Point{
		r.Min, {X: r.Min.X, Y: r.Max.Y}, r.Max, {X: r.Max.X, Y: r.Min.Y},
	}
}
