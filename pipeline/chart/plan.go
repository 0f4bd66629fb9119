package chart

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"

	"github.com/resonanz/resonanz/pipeline/format"
)

// Layout is what a chart shows, worked out from Spec and Data before any
// drawing, so that tests and callers can check a chart against its data
// without looking at pixels. Render draws exactly this.
type Layout struct {
	Kind        Kind
	Title, Note string
	Lang        string // "de" or "en"

	// Horizontal is true when the categories run down the vertical axis,
	// the first category on top.
	Horizontal bool

	Categories []string // category names in axis order
	Series     []string // series names in order (heatmap: the second axis)
	Legend     []Entry  // empty for a single series; a heatmap's colour key (low to high)
	Marks      []Mark   // one per drawn bar, stack segment, heatmap cell or line point
	Omitted    []Point  // points not drawn, in category then series order
	// Shortened are the categories whose stack is drawn without its hidden
	// parts (Spec.Partial), marked "+ ." at the end.
	Shortened []string
	// Scale is the value range a heatmap's colours span: the data's own
	// range, so differences show even when all means lie near the middle.
	Scale struct{ Min, Max float64 }

	X, Y Axis // horizontal and vertical axis

	Width, Height int // PNG size in pixels

	width    vg.Length // page width
	height   vg.Length
	baseline *float64 // value the bars grow from, drawn as a line
	rotate   bool     // category labels under the plot are turned to fit
	holes    []hole   // where omitted bars would be: drawn as "."
}

// hole is the place of an omitted bar.
type hole struct{ cat, ser int }

// Entry is one legend entry.
type Entry struct {
	Label string
	Color color.Color
}

// Axis is one axis as drawn.
type Axis struct {
	Title    string
	Min, Max float64
	Ticks    []Tick // for a category axis, one per category with its (wrapped) label

	categorical bool
}

// Tick is a labelled position on an axis.
type Tick struct {
	Value float64
	Label string
}

// Mark is one drawn data element.
type Mark struct {
	Category, Series string
	Value            float64
	Lo, Hi           *float64 // the error bar, when one is drawn
	// Box is the mark's extent in plot coordinates (X horizontal, Y
	// vertical); a line point has X0 == X1 and Y0 == Y1.
	Box   Box
	Color color.Color
	Label string // printed inside the mark when it fits, or at a bar's end
	Sign  string // ▲ or ▼ after the bar's end or beside the point

	cat, ser int // indexes into Categories and Series
}

// Box is a rectangle in plot coordinates.
type Box struct{ X0, Y0, X1, Y1 float64 }

// table is the validated data, indexed by category and series.
type table struct {
	cats, series []string
	at           [][]*Point // [category][series]; nil when the data has no such point
}

// Plan validates spec and data and computes the Layout that Render draws.
func Plan(spec Spec, data Data) (Layout, error) {
	if err := checkSpec(spec); err != nil {
		return Layout{}, err
	}
	k := kinds[spec.Kind]
	if k.plan == nil {
		return Layout{Kind: spec.Kind}, nil
	}
	t, err := newTable(spec.Kind, data)
	if err != nil {
		return Layout{}, err
	}
	l := Layout{
		width:      pageWidth,
		Kind:       spec.Kind,
		Title:      spec.Title,
		Note:       spec.Note,
		Lang:       lang(spec),
		Horizontal: spec.Horizontal,
		Categories: t.cats,
		Series:     t.series,
	}
	if spec.Width > 0 {
		l.width = vg.Length(spec.Width)
	}
	if err := k.plan(&l, spec, t); err != nil {
		return Layout{}, err
	}
	for _, e := range l.Legend {
		if e.Label == "" {
			return Layout{}, errors.New("chart: a series without a name cannot go in the legend")
		}
	}
	l.fit()
	return l, nil
}

func lang(spec Spec) string {
	if spec.Lang == "" {
		return "de"
	}
	return spec.Lang
}

func checkSpec(spec Spec) error {
	if kinds[spec.Kind] == nil {
		return fmt.Errorf("chart: unknown kind %q", spec.Kind)
	}
	switch spec.Lang {
	case "", "de", "en":
	default:
		return fmt.Errorf("chart: unknown language %q (want de or en)", spec.Lang)
	}
	if spec.Width != 0 && (spec.Width < 240 || spec.Width > 2000 || !finite(spec.Width)) {
		return fmt.Errorf("chart: width %v points is not within 240..2000", spec.Width)
	}
	for _, v := range []*float64{spec.YMin, spec.YMax} {
		if v != nil && !finite(*v) {
			return errors.New("chart: YMin and YMax must be finite")
		}
	}
	if spec.YMin != nil && spec.YMax != nil && *spec.YMin >= *spec.YMax {
		return fmt.Errorf("chart: YMin %v is not below YMax %v", *spec.YMin, *spec.YMax)
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func newTable(kind Kind, data Data) (*table, error) {
	if len(data.Points) == 0 {
		return nil, fmt.Errorf("chart: no data for a %s chart", kind)
	}
	cats, err := orderOf("XOrder", data.XOrder)
	if err != nil {
		return nil, err
	}
	series, err := orderOf("SeriesOrder", data.SeriesOrder)
	if err != nil {
		return nil, err
	}
	for i, p := range data.Points {
		if p.X == "" {
			return nil, fmt.Errorf("chart: point %d has no X", i)
		}
		if err := checkValues(p); err != nil {
			return nil, fmt.Errorf("chart: point %d (%s, %s): %w", i, p.X, p.Series, err)
		}
		if err := cats.add(p.X, len(data.XOrder) > 0); err != nil {
			return nil, err
		}
		if err := series.add(p.Series, len(data.SeriesOrder) > 0); err != nil {
			return nil, err
		}
	}
	t := &table{cats: cats.names, series: series.names, at: make([][]*Point, len(cats.names))}
	for i := range t.at {
		t.at[i] = make([]*Point, len(series.names))
	}
	for i := range data.Points {
		p := &data.Points[i]
		cell := &t.at[cats.index[p.X]][series.index[p.Series]]
		if *cell != nil {
			return nil, fmt.Errorf("chart: two points for (%s, %s)", p.X, p.Series)
		}
		*cell = p
	}
	return t, nil
}

func checkValues(p Point) error {
	if p.Missing {
		return nil
	}
	if !finite(p.Y) {
		return fmt.Errorf("value %v is not a number", p.Y)
	}
	if (p.Lo != nil && !finite(*p.Lo)) || (p.Hi != nil && !finite(*p.Hi)) {
		return errors.New("interval bound is not a number")
	}
	if (p.Lo != nil && *p.Lo > p.Y) || (p.Hi != nil && *p.Hi < p.Y) {
		return fmt.Errorf("interval does not contain the value %v", p.Y)
	}
	return nil
}

// order collects names in a fixed or first-seen order.
type order struct {
	what  string
	names []string
	index map[string]int
}

func orderOf(what string, fixed []string) (*order, error) {
	o := &order{what: what, index: map[string]int{}}
	for _, n := range fixed {
		if _, dup := o.index[n]; dup {
			return nil, fmt.Errorf("chart: %s lists %q twice", what, n)
		}
		o.index[n] = len(o.names)
		o.names = append(o.names, n)
	}
	return o, nil
}

func (o *order) add(name string, fixed bool) error {
	if _, ok := o.index[name]; ok {
		return nil
	}
	if fixed {
		return fmt.Errorf("chart: %q is not in %s", name, o.what)
	}
	o.index[name] = len(o.names)
	o.names = append(o.names, name)
	return nil
}

// catPos is a category's position on its axis; on a vertical axis the first
// category goes on top, as people read a list.
func (l *Layout) catPos(i int) float64 {
	if l.Horizontal {
		return float64(len(l.Categories) - 1 - i)
	}
	return float64(i)
}

// box returns the extent of a bar at category position pos, shifted by off
// along the category axis, with width w, from value a to value b.
func (l *Layout) box(pos, off, w, a, b float64) Box {
	lo, hi := math.Min(a, b), math.Max(a, b)
	if l.Horizontal {
		c := pos - off // later series lower down, matching the legend
		return Box{X0: lo, X1: hi, Y0: c - w/2, Y1: c + w/2}
	}
	c := pos + off
	return Box{X0: c - w/2, X1: c + w/2, Y0: lo, Y1: hi}
}

// setAxes assigns the category axis and the value axis to X and Y.
func (l *Layout) setAxes(spec Spec, value Axis) {
	cat := Axis{Title: spec.X, Min: -0.5, Max: float64(len(l.Categories)) - 0.5, categorical: true}
	for i, c := range l.Categories {
		cat.Ticks = append(cat.Ticks, Tick{Value: l.catPos(i), Label: c})
	}
	value.Title = spec.Y
	if l.Horizontal {
		l.X, l.Y = value, cat
	} else {
		l.X, l.Y = cat, value
	}
}

func (l *Layout) legendFor(colors map[string]color.Color) {
	if len(l.Series) < 2 {
		return
	}
	for _, s := range l.Series {
		l.Legend = append(l.Legend, Entry{Label: s, Color: colors[s]})
	}
}

// each calls f for every point that is drawn.
func (t *table) each(f func(ci, si int, p *Point)) {
	for ci, row := range t.at {
		for si, p := range row {
			if p != nil && !p.Missing {
				f(ci, si, p)
			}
		}
	}
}

// omitMissing records the missing points, takes them out of t and
// returns where they were.
func (l *Layout) omitMissing(t *table) []hole {
	var hs []hole
	for ci, row := range t.at {
		for si, p := range row {
			if p != nil && p.Missing {
				l.Omitted = append(l.Omitted, *p)
				row[si] = nil
				hs = append(hs, hole{ci, si})
			}
		}
	}
	return hs
}

// omitIncomplete drops every category with a missing point: a stack or a
// distribution with a hole would show a wrong total or a shifted centre.
func (l *Layout) omitIncomplete(t *table) {
	for ci := range t.cats {
		incomplete := false
		for _, p := range t.at[ci] {
			incomplete = incomplete || (p != nil && p.Missing)
		}
		if !incomplete {
			continue
		}
		for si, p := range t.at[ci] {
			if p != nil {
				l.Omitted = append(l.Omitted, *p)
				t.at[ci][si] = nil
			}
		}
	}
}

// checkBounds rejects values outside a fixed axis: they would be clipped
// and the chart would understate them.
func checkBounds(spec Spec, v float64, what string) error {
	if (spec.YMin != nil && v < *spec.YMin) || (spec.YMax != nil && v > *spec.YMax) {
		return fmt.Errorf("chart: %s %v is outside the fixed value axis", what, v)
	}
	return nil
}

// extent tracks the range of the values to show.
type extent struct{ lo, hi float64 }

func newExtent() extent { return extent{math.Inf(1), math.Inf(-1)} }

func (e *extent) add(vs ...*float64) {
	for _, v := range vs {
		if v != nil {
			e.lo, e.hi = math.Min(e.lo, *v), math.Max(e.hi, *v)
		}
	}
}

func (l *Layout) bars(spec Spec, t *table) error {
	if spec.Kind == Bar && len(t.series) > 1 {
		return fmt.Errorf("chart: a bar chart takes one series, got %d (use grouped_bar)", len(t.series))
	}
	colors, err := colorsFor(spec, t.series, seriesColors)
	if err != nil {
		return err
	}
	// One series over states or sectors: colour each bar as that state or
	// sector is coloured everywhere else.
	byCat := spec.Kind == Bar && (allFixed(t.cats) || allGiven(spec.Colors, t.cats))
	l.holes = l.omitMissing(t)
	ext := newExtent()
	zero := 0.0
	ext.add(&zero)
	t.each(func(_, _ int, p *Point) {
		ext.add(&p.Y, p.Lo, p.Hi)
		err = cmp.Or(err, checkBounds(spec, p.Y, "value"))
	})
	if err != nil {
		return err
	}
	value := valueAxis(spec, ext, l.Lang, false)
	base := math.Max(value.Min, math.Min(0, value.Max))
	l.baseline = &base
	l.setAxes(spec, value)

	width := 0.7
	if spec.Kind == GroupedBar {
		width = l.slot() * 0.88 // a hairline of white between neighbours
	}
	t.each(func(ci, si int, p *Point) {
		off := l.offset(si)
		c := colors[t.series[si]]
		if byCat {
			c = colorOf(spec, t.cats[ci])
		}
		label := ""
		if spec.Labels {
			label = labelOf(spec, p, l.Lang)
		}
		l.Marks = append(l.Marks, Mark{
			Category: t.cats[ci], Series: t.series[si], Value: p.Y, Lo: p.Lo, Hi: p.Hi,
			Box: l.box(l.catPos(ci), off, width, base, p.Y), Color: c, Label: label, Sign: p.Sign, cat: ci, ser: si,
		})
	})
	if spec.Kind == GroupedBar {
		l.legendFor(colors)
	}
	return nil
}

// slot is the share of a category's room one series of a grouped bar
// chart takes; 0 for a plain bar chart.
func (l *Layout) slot() float64 {
	if l.Kind != GroupedBar {
		return 0
	}
	return 0.8 / float64(len(l.Series))
}

// offset is where series si sits within its category.
func (l *Layout) offset(si int) float64 {
	return (float64(si) - float64(len(l.Series)-1)/2) * l.slot()
}

func allFixed(names []string) bool {
	for _, n := range names {
		if _, ok := fixedColors[key(n)]; !ok {
			return false
		}
	}
	return true
}

func (l *Layout) stacked(spec Spec, t *table) error {
	if spec.YMin != nil && *spec.YMin > 0 {
		return errors.New("chart: stacked bars start at zero; YMin must not be above 0")
	}
	colors, err := colorsFor(spec, t.series, seriesColors)
	if err != nil {
		return err
	}
	if spec.Partial {
		for ci, row := range t.at {
			for _, p := range row {
				if p != nil && p.Missing {
					l.Shortened = append(l.Shortened, t.cats[ci])
					break
				}
			}
		}
		l.omitMissing(t)
	} else {
		l.omitIncomplete(t)
	}
	ext := newExtent()
	zero := 0.0
	ext.add(&zero)
	sums := make([]float64, len(t.cats))
	for ci := range t.cats {
		for _, p := range t.at[ci] {
			if p == nil {
				continue
			}
			if p.Y < 0 {
				return fmt.Errorf("chart: stacked value %v for (%s, %s) is negative", p.Y, p.X, p.Series)
			}
			sums[ci] += p.Y
		}
		ext.add(&sums[ci])
		if err := checkBounds(spec, sums[ci], "stack total"); err != nil {
			return err
		}
	}
	l.baseline = &zero
	l.setAxes(spec, valueAxis(spec, ext, l.Lang, false))

	for ci := range t.cats {
		cum := 0.0
		for si, p := range t.at[ci] {
			if p == nil {
				continue
			}
			label := ""
			if spec.Labels {
				label = labelOf(spec, p, l.Lang)
			}
			l.Marks = append(l.Marks, Mark{
				Category: t.cats[ci], Series: t.series[si], Value: p.Y,
				Box: l.box(l.catPos(ci), 0, 0.7, cum, cum+p.Y), Color: colors[t.series[si]], Label: label, cat: ci, ser: si,
			})
			cum += p.Y
		}
	}
	l.legendFor(colors)
	return nil
}

func (l *Layout) heatmap(spec Spec, t *table) error {
	l.omitMissing(t)
	ext := newExtent()
	var vals []float64
	var err error
	t.each(func(_, _ int, p *Point) {
		ext.add(&p.Y)
		vals = append(vals, p.Y)
		err = cmp.Or(err, checkBounds(spec, p.Y, "value"))
	})
	if err != nil {
		return err
	}
	// The colours span the data's range, not the scale's: means of 2.7 to
	// 4.5 on a 1–5 scale would all look mid-blue.
	if ext.lo > ext.hi {
		ext = extent{0, 1}
	}
	l.Scale.Min, l.Scale.Max = ext.lo, ext.hi
	digits := cellDecimals(vals)
	if d := spec.Format.Decimals(); d >= 0 {
		digits = d
	}
	cells := func(names []string, title string, top bool) Axis {
		a := Axis{Title: title, Min: -0.5, Max: float64(len(names)) - 0.5, categorical: true}
		for i, n := range names {
			pos := float64(i)
			if top {
				pos = float64(len(names) - 1 - i)
			}
			a.Ticks = append(a.Ticks, Tick{Value: pos, Label: n})
		}
		return a
	}
	// X titles the category axis, Y the series axis; rows read top down.
	if l.Horizontal {
		l.X, l.Y = cells(t.series, spec.Y, false), cells(t.cats, spec.X, true)
	} else {
		l.X, l.Y = cells(t.cats, spec.X, false), cells(t.series, spec.Y, true)
	}
	t.each(func(ci, si int, p *Point) {
		x, y := l.cell(ci, si)
		l.Marks = append(l.Marks, Mark{
			Category: t.cats[ci], Series: t.series[si], Value: p.Y,
			Box:   Box{X0: x - 0.5, X1: x + 0.5, Y0: y - 0.5, Y1: y + 0.5},
			Color: sequential(ext, p.Y), Label: cellLabel(spec, p, digits, l.Lang), cat: ci, ser: si,
		})
	})
	l.colourKey(spec, ext, digits)
	return nil
}

// colourKey is a heatmap's legend: five steps from the lowest to the
// highest value shown.
func (l *Layout) colourKey(spec Spec, e extent, digits int) {
	const steps = 5
	for i := range steps {
		v := e.lo + (e.hi-e.lo)*float64(i)/float64(steps-1)
		label := format.Number(l.Lang, v, digits)
		if spec.Format.Share() {
			label = format.Percent(l.Lang, v, max(0, digits-2))
		}
		if i > 0 && label == l.Legend[len(l.Legend)-1].Label {
			continue // a range too narrow for five distinct labels
		}
		l.Legend = append(l.Legend, Entry{Label: label, Color: sequential(e, v)})
	}
}

// cellLabel is the text of a heatmap cell.
func cellLabel(spec Spec, p *Point, digits int, lang string) string {
	if p.Label != "" {
		return p.Label
	}
	if spec.Format.Share() {
		return format.Percent(lang, p.Y, spec.Format.Decimals())
	}
	return format.Number(lang, p.Y, digits)
}

// labelOf is the text of a bar's or segment's value.
func labelOf(spec Spec, p *Point, lang string) string {
	if p.Label != "" {
		return p.Label
	}
	return format.Value(lang, spec.Format, p.Y)
}

// cell returns the centre of heatmap cell (category ci, series si).
func (l *Layout) cell(ci, si int) (x, y float64) {
	if l.Horizontal {
		return float64(si), float64(len(l.Categories) - 1 - ci)
	}
	return float64(ci), float64(len(l.Series) - 1 - si)
}

// cellDecimals prints whole numbers as such, shares with two decimals and
// everything else (scale means) with one, as in the report tables.
func cellDecimals(vals []float64) int {
	whole, small := true, true
	for _, v := range vals {
		whole = whole && v == math.Trunc(v)
		small = small && math.Abs(v) < 1
	}
	switch {
	case whole:
		return 0
	case small:
		return 2
	}
	return 1
}

// sequential maps v in e onto a light-to-dark blue ramp (ColorBrewer Blues,
// without its near-white end so the lowest cell still shows as a cell).
func sequential(e extent, v float64) color.Color {
	ramp := []color.RGBA{
		rgb(0xDEEBF7), rgb(0xC6DBEF), rgb(0x9ECAE1), rgb(0x6BAED6),
		rgb(0x4292C6), rgb(0x2171B5), rgb(0x08519C), rgb(0x08306B),
	}
	f := 0.5
	if e.hi > e.lo {
		f = (v - e.lo) / (e.hi - e.lo)
	}
	f = math.Max(0, math.Min(1, f)) * float64(len(ramp)-1)
	i := min(int(f), len(ramp)-2)
	a, b, w := ramp[i], ramp[i+1], f-float64(i)
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-w) + float64(y)*w)) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 0xFF}
}

func (l *Layout) line(spec Spec, t *table) error {
	l.Horizontal = false // a sequence of events reads left to right
	colors, err := colorsFor(spec, t.series, lineColors)
	if err != nil {
		return err
	}
	l.omitMissing(t)
	ext := newExtent()
	intervals := false
	t.each(func(_, _ int, p *Point) {
		ext.add(&p.Y, p.Lo, p.Hi)
		intervals = intervals || p.Lo != nil || p.Hi != nil
		err = cmp.Or(err, checkBounds(spec, p.Y, "value"))
	})
	if err != nil {
		return err
	}
	l.setAxes(spec, valueAxis(spec, ext, l.Lang, true))
	// Overlapping error bars of several series are unreadable: shift each
	// series a little sideways.
	dodge := 0.0
	if intervals && len(t.series) > 1 {
		dodge = math.Min(0.08, 0.4/float64(len(t.series)))
	}
	t.each(func(ci, si int, p *Point) {
		x := float64(ci) + (float64(si)-float64(len(t.series)-1)/2)*dodge
		l.Marks = append(l.Marks, Mark{
			Category: t.cats[ci], Series: t.series[si], Value: p.Y, Lo: p.Lo, Hi: p.Hi,
			Box: Box{X0: x, X1: x, Y0: p.Y, Y1: p.Y}, Color: colors[t.series[si]], Sign: p.Sign, cat: ci, ser: si,
		})
	})
	l.legendFor(colors)
	return nil
}

// shareTolerance allows for shares rounded before they reach the chart,
// yet still catches percentages passed as shares.
const shareTolerance = 0.01

func (l *Layout) diverging(spec Spec, t *table) error {
	l.Horizontal = true // the convention for Likert charts; item names need the room
	n := len(t.series)
	if n < 2 || n > 11 {
		return fmt.Errorf("chart: a diverging chart needs 2 to 11 answer levels as series, got %d", n)
	}
	colors, err := divergingColors(n)
	if err != nil {
		return err
	}
	for ci := range t.cats {
		sum := 0.0
		for _, p := range t.at[ci] {
			if p == nil || p.Missing {
				continue
			}
			if p.Y < -shareTolerance || p.Y > 1+shareTolerance {
				return fmt.Errorf("chart: share %v for (%s, %s) is not in 0..1", p.Y, p.X, p.Series)
			}
			sum += p.Y
		}
		if sum > 1+shareTolerance {
			return fmt.Errorf("chart: shares for %q add up to %v, more than 1", t.cats[ci], sum)
		}
	}
	l.omitIncomplete(t)

	// Levels below the middle grow left from the centre, those above grow
	// right; an odd middle level straddles zero.
	neg, reach := n/2, 0.0
	for ci, row := range t.at {
		share := func(si int) float64 {
			if row[si] == nil {
				return 0 // nobody chose this level
			}
			return row[si].Y
		}
		from, to := make([]float64, n), make([]float64, n)
		mid := 0.0
		if n%2 == 1 {
			mid = share(neg)
			from[neg], to[neg] = -mid/2, mid/2
		}
		edge := -mid / 2
		for si := neg - 1; si >= 0; si-- {
			from[si], to[si] = edge-share(si), edge
			edge = from[si]
		}
		reach = math.Max(reach, -edge)
		edge = mid / 2
		for si := n - neg; si < n; si++ {
			from[si], to[si] = edge, edge+share(si)
			edge = to[si]
		}
		reach = math.Max(reach, edge)
		for si, p := range row {
			if p == nil {
				continue
			}
			l.Marks = append(l.Marks, Mark{
				Category: t.cats[ci], Series: t.series[si], Value: p.Y,
				Box: l.box(l.catPos(ci), 0, 0.7, from[si], to[si]), Color: colors[si],
				Label: segmentLabel(p, l.Lang), cat: ci, ser: si,
			})
		}
	}
	l.setAxes(spec, shareAxis(spec, reach, l.Lang))
	zero := 0.0
	l.baseline = &zero
	for si, s := range t.series {
		l.Legend = append(l.Legend, Entry{Label: s, Color: colors[si]})
	}
	return nil
}

// segmentLabel is the text of a Likert segment: its share without
// decimals, or the caller's label.
func segmentLabel(p *Point, lang string) string {
	if p.Label != "" {
		return p.Label
	}
	return format.Value(lang, format.PctInt, p.Y)
}
