package report

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// excelize draws charts without error bars, legend entries of their own,
// per-point labels or a footnote, so the report writes each chart part
// itself (DrawingML, ECMA-376 Part 1, §21.2) after excelize has made the
// drawing, anchor and relationships: nativeXML is the whole
// xl/charts/chartN.xml, and a footnote is a text box in a chart drawing
// (c:userShapes) of its own.

// nchart is a native chart as the report draws it.
type nchart struct {
	line       bool   // a line chart; else bars
	horizontal bool   // bars run left to right, categories down the side
	stacked    bool   // bars stacked; else side by side
	title      string // first line bold, further lines normal
	note       string // footnote under the plot
	lang       string // de-DE, en-GB
	cats       string // category reference
	series     []nseries
	// Value axis.
	min, max  *float64
	numFmt    string // value axis labels
	noValAx   bool   // value axis without labels (the offset of a diverging chart)
	gridlines bool
	legend    bool
	gapWidth  int
	overlap   int
	width     int // px, for the footnote's share of the height
	height    int
}

// nseries is one series of a native chart.
type nseries struct {
	name, val  string // references
	legendName string // the name as readers see it, for the legend's size
	color      string // RRGGBB; "" none (invisible helper series)
	inLegend   bool
	// Labels: the value in each segment or at each bar's end, with numFmt;
	// per-point texts replace it where the value shown would be wrong or
	// is hidden ("." for a hidden point, "+ ." for a shortened stack).
	labels     bool
	labelFmt   string
	labelPos   string // ctr, outEnd, inBase …
	labelWhite bool
	texts      map[int]string // point index → fixed label text
	noLabel    map[int]bool   // point index → no label (too small to read)
	// Error bars: distances below and above each value; nil = none.
	minus, plus []*float64
	marker      string // line charts: circle, square, triangle, diamond, …
	dashed      bool
	// zeros, for a helper series that only carries labels: n points of
	// value 0 written into the chart, and name is the series' text.
	zeros int
}

func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// font is a run's properties: size in points, bold, colour.
func font(sz float64, bold bool, color string) string {
	b := "0"
	if bold {
		b = "1"
	}
	return fmt.Sprintf(`<a:defRPr sz="%d" b="%s"><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:latin typeface="%s"/></a:defRPr>`,
		int(sz*100), b, color, fontFamily)
}

func txPr(sz float64, bold bool, color string) string {
	return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>` + font(sz, bold, color) + `</a:pPr><a:endParaRPr lang="de-DE"/></a:p></c:txPr>`
}

func run(text, lang string, sz float64, bold bool, color string) string {
	b := "0"
	if bold {
		b = "1"
	}
	return fmt.Sprintf(`<a:r><a:rPr lang="%s" sz="%d" b="%s"><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:latin typeface="%s"/></a:rPr><a:t>%s</a:t></a:r>`,
		lang, int(sz*100), b, color, fontFamily, xmlText(text))
}

// nativeXML writes the chart part.
func (c *nchart) nativeXML(userShapes bool) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<c:date1904 val="0"/><c:lang val="` + c.lang + `"/><c:roundedCorners val="0"/>`)
	b.WriteString(`<c:chart>`)
	// Title: the first line bold, the event and n below it.
	b.WriteString(`<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>`)
	for i, line := range strings.Split(c.title, "\n") {
		sz, bold := 12.0, true
		if i > 0 {
			sz, bold = 10, false
		}
		b.WriteString(`<a:p><a:pPr>` + font(sz, bold, "1A1A1A") + `</a:pPr>` + run(line, c.lang, sz, bold, "1A1A1A") + `</a:p>`)
	}
	b.WriteString(`</c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`)
	b.WriteString(`<c:plotArea>`)
	b.WriteString(c.plotLayout())
	if c.line {
		b.WriteString(`<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`)
	} else {
		dir, grouping := "col", "clustered"
		if c.horizontal {
			dir = "bar"
		}
		if c.stacked {
			grouping = "stacked"
		}
		b.WriteString(`<c:barChart><c:barDir val="` + dir + `"/><c:grouping val="` + grouping + `"/><c:varyColors val="0"/>`)
	}
	for i, s := range c.series {
		c.writeSeries(&b, i, s)
	}
	if c.line {
		b.WriteString(`<c:marker val="1"/><c:axId val="500001"/><c:axId val="500002"/></c:lineChart>`)
	} else {
		fmt.Fprintf(&b, `<c:gapWidth val="%d"/>`, c.gapWidth)
		if c.stacked {
			b.WriteString(`<c:overlap val="100"/>`)
		} else if c.overlap != 0 {
			fmt.Fprintf(&b, `<c:overlap val="%d"/>`, c.overlap)
		}
		b.WriteString(`<c:axId val="500001"/><c:axId val="500002"/></c:barChart>`)
	}
	c.writeAxes(&b)
	b.WriteString(`</c:plotArea>`)
	if c.legend {
		// Above the plot, as in the images; helper series are left out.
		b.WriteString(`<c:legend><c:legendPos val="t"/>`)
		for i, s := range c.series {
			if !s.inLegend {
				fmt.Fprintf(&b, `<c:legendEntry><c:idx val="%d"/><c:delete val="1"/></c:legendEntry>`, i)
			}
		}
		b.WriteString(`<c:overlay val="0"/>` + txPr(9, false, "1A1A1A") + `</c:legend>`)
	}
	b.WriteString(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(txPr(9, false, "404040"))
	if userShapes {
		b.WriteString(`<c:userShapes r:id="rId1"/>`)
	}
	b.WriteString(`</c:chartSpace>`)
	return []byte(b.String())
}

// noteShare is the share of the chart's height the footnote takes.
func (c *nchart) noteShare() float64 {
	if c.note == "" || c.height == 0 {
		return 0
	}
	// About 95 characters of 8-point text to a line of a 760 px chart.
	perLine := max(40, c.width/8)
	lines := 1 + len([]rune(c.note))/perLine
	return min(0.35, float64(lines*13+10)/float64(c.height))
}

// legendRows estimates the rows the legend takes: 9-point names of about
// 6 px a character, a swatch and a gap each.
func (c *nchart) legendRows() int {
	rows, x := 1, 0
	for _, s := range c.series {
		if !s.inLegend {
			continue
		}
		w := 6*len([]rune(s.legendName)) + 28
		if x > 0 && x+w > c.width-20 {
			rows++
			x = 0
		}
		x += w
	}
	return rows
}

// plotLayout leaves room for the footnote under the plot.
func (c *nchart) plotLayout() string {
	share := c.noteShare()
	if share == 0 {
		return `<c:layout/>`
	}
	top := 0.0
	head := float64(22*len(strings.Split(c.title, "\n")) + 12)
	if c.legend {
		head += 20 * float64(c.legendRows())
	}
	top = min(0.4, head/float64(c.height))
	h := 1 - top - share - 0.02
	return fmt.Sprintf(`<c:layout><c:manualLayout><c:layoutTarget val="outer"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0.01"/><c:y val="%.4f"/><c:w val="0.97"/><c:h val="%.4f"/></c:manualLayout></c:layout>`, top, h)
}

func (c *nchart) writeSeries(b *strings.Builder, i int, s nseries) {
	fmt.Fprintf(b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, i, i)
	if s.zeros > 0 {
		fmt.Fprintf(b, `<c:tx><c:v>%s</c:v></c:tx>`, xmlText(s.name))
	} else {
		fmt.Fprintf(b, `<c:tx><c:strRef><c:f>%s</c:f></c:strRef></c:tx>`, xmlText(s.name))
	}
	switch {
	case s.color == "":
		b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	case c.line:
		dash := ""
		if s.dashed {
			dash = `<a:prstDash val="dash"/>`
		}
		fmt.Fprintf(b, `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="%s"/></a:solidFill>%s<a:round/></a:ln></c:spPr>`, s.color, dash)
	default:
		fmt.Fprintf(b, `<c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>`, s.color)
	}
	if c.line {
		m := s.marker
		if m == "" {
			m = "circle"
		}
		fmt.Fprintf(b, `<c:marker><c:symbol val="%s"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:ln></c:spPr></c:marker>`, m, s.color, s.color)
	} else {
		b.WriteString(`<c:invertIfNegative val="0"/>`)
	}
	c.writeLabels(b, s)
	if s.minus != nil || s.plus != nil {
		c.writeErrBars(b, s)
	}
	fmt.Fprintf(b, `<c:cat><c:strRef><c:f>%s</c:f></c:strRef></c:cat>`, xmlText(c.cats))
	if s.zeros > 0 {
		fmt.Fprintf(b, `<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, s.zeros)
		for i := range s.zeros {
			fmt.Fprintf(b, `<c:pt idx="%d"><c:v>0</c:v></c:pt>`, i)
		}
		b.WriteString(`</c:numLit></c:val>`)
	} else {
		fmt.Fprintf(b, `<c:val><c:numRef><c:f>%s</c:f></c:numRef></c:val>`, xmlText(s.val))
	}
	if c.line {
		b.WriteString(`<c:smooth val="0"/>`)
	}
	b.WriteString(`</c:ser>`)
}

func (c *nchart) writeLabels(b *strings.Builder, s nseries) {
	if !s.labels && len(s.texts) == 0 {
		return
	}
	color := "1A1A1A"
	if s.labelWhite {
		color = "FFFFFF"
	}
	pos := s.labelPos
	flags := func(val bool) string {
		v := "0"
		if val {
			v = "1"
		}
		return `<c:showLegendKey val="0"/><c:showVal val="` + v + `"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>`
	}
	b.WriteString(`<c:dLbls>`)
	for _, idx := range slices.Sorted(maps.Keys(s.texts)) {
		text := s.texts[idx]
		fmt.Fprintf(b, `<c:dLbl><c:idx val="%d"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>%s</a:p></c:rich></c:tx>`, idx, run(text, c.lang, 9, false, "1A1A1A"))
		if pos != "" {
			lp := pos
			if text == "." || strings.HasPrefix(text, "+") {
				lp = "inBase" // at the axis or the stack's end, where the bar would be
				if c.stacked {
					lp = "ctr"
				}
			}
			fmt.Fprintf(b, `<c:dLblPos val="%s"/>`, lp)
		}
		b.WriteString(flags(true) + `</c:dLbl>`)
	}
	for _, idx := range slices.Sorted(maps.Keys(s.noLabel)) {
		if _, ok := s.texts[idx]; ok {
			continue
		}
		fmt.Fprintf(b, `<c:dLbl><c:idx val="%d"/><c:delete val="1"/></c:dLbl>`, idx)
	}
	if s.labels {
		fmt.Fprintf(b, `<c:numFmt formatCode="%s" sourceLinked="0"/>`, xmlText(s.labelFmt))
	}
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(txPr(9, false, color))
	if pos != "" {
		fmt.Fprintf(b, `<c:dLblPos val="%s"/>`, pos)
	}
	b.WriteString(flags(s.labels) + `</c:dLbls>`)
}

// writeErrBars writes custom error bars: the distances to the interval's
// ends, as literal values (a reader's edit of the table does not move
// them, but neither can a hidden point's interval reach the chart).
func (c *nchart) writeErrBars(b *strings.Builder, s nseries) {
	b.WriteString(`<c:errBars>`)
	if c.line {
		b.WriteString(`<c:errDir val="y"/>`)
	}
	b.WriteString(`<c:errBarType val="both"/><c:errValType val="cust"/><c:noEndCap val="0"/>`)
	for _, part := range []struct {
		tag string
		vs  []*float64
	}{{"plus", s.plus}, {"minus", s.minus}} {
		fmt.Fprintf(b, `<c:%s><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, part.tag, len(part.vs))
		for i, v := range part.vs {
			if v != nil {
				fmt.Fprintf(b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, xnum(*v))
			}
		}
		fmt.Fprintf(b, `</c:numLit></c:%s>`, part.tag)
	}
	ink := "1A1A1A"
	if c.line && s.color != "" {
		ink = s.color
	}
	fmt.Fprintf(b, `<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:ln></c:spPr></c:errBars>`, ink)
}

func (c *nchart) writeAxes(b *strings.Builder) {
	// The category axis: down the side with the first category on top
	// (reversed), or along the bottom.
	catPos, valPos, orient := "b", "l", "minMax"
	if c.horizontal {
		catPos, valPos, orient = "l", "b", "maxMin"
	}
	b.WriteString(`<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="` + orient + `"/></c:scaling><c:delete val="0"/>`)
	b.WriteString(`<c:axPos val="` + catPos + `"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>`)
	b.WriteString(`<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="595959"/></a:solidFill></a:ln></c:spPr>`)
	b.WriteString(txPr(9, false, "404040"))
	b.WriteString(`<c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/>`)
	if c.max != nil {
		b.WriteString(`<c:max val="` + xnum(*c.max) + `"/>`)
	}
	if c.min != nil {
		b.WriteString(`<c:min val="` + xnum(*c.min) + `"/>`)
	}
	b.WriteString(`</c:scaling><c:delete val="0"/><c:axPos val="` + valPos + `"/>`)
	if c.gridlines {
		b.WriteString(`<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`)
	}
	fmt.Fprintf(b, `<c:numFmt formatCode="%s" sourceLinked="0"/>`, xmlText(c.numFmt))
	lbl := "nextTo"
	if c.noValAx {
		lbl = "none"
	}
	b.WriteString(`<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="` + lbl + `"/>`)
	b.WriteString(`<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(txPr(9, false, "404040"))
	// The value axis crosses where the category axis starts, so with the
	// first category on top its labels sit under the plot, not above it.
	crosses := "autoZero"
	if c.horizontal {
		crosses = "max"
	}
	b.WriteString(`<c:crossAx val="500001"/><c:crosses val="` + crosses + `"/><c:crossBetween val="between"/></c:valAx>`)
}

// userShapesXML is the chart drawing holding the footnote: a text box over
// the bottom of the chart, under the plot (which plotLayout keeps clear).
func (c *nchart) userShapesXML() []byte {
	share := c.noteShare()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:userShapes xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:cdr="http://schemas.openxmlformats.org/drawingml/2006/chartDrawing">`)
	fmt.Fprintf(&b, `<cdr:relSizeAnchor><cdr:from><cdr:x>0.015</cdr:x><cdr:y>%.4f</cdr:y></cdr:from><cdr:to><cdr:x>0.985</cdr:x><cdr:y>0.99</cdr:y></cdr:to>`, 1-share)
	b.WriteString(`<cdr:sp macro="" textlink=""><cdr:nvSpPr><cdr:cNvPr id="2" name="Note"/><cdr:cNvSpPr txBox="1"/></cdr:nvSpPr>`)
	b.WriteString(`<cdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></cdr:spPr>`)
	b.WriteString(`<cdr:txBody><a:bodyPr vertOverflow="clip" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="b"/><a:lstStyle/>`)
	b.WriteString(`<a:p>` + run(c.note, c.lang, 8, false, noteGrey) + `</a:p></cdr:txBody></cdr:sp></cdr:relSizeAnchor></c:userShapes>`)
	return []byte(b.String())
}

// addNative adds chart c to sheet sh at anchor: excelize makes the drawing,
// its anchor and relationships from a plain chart of the same references,
// then the chart part is replaced by the report's own, with its footnote
// drawing beside it.
func (b *workbook) addNative(sh, anchor string, c *nchart) {
	typ := excelize.Bar
	switch {
	case c.line:
		typ = excelize.Line
	case c.horizontal && c.stacked:
		typ = excelize.BarStacked
	case !c.horizontal && c.stacked:
		typ = excelize.ColStacked
	case !c.horizontal:
		typ = excelize.Col
	}
	var series []excelize.ChartSeries
	for _, s := range c.series {
		if s.zeros == 0 {
			series = append(series, excelize.ChartSeries{Name: s.name, Categories: c.cats, Values: s.val})
		}
	}
	if err := b.f.AddChart(sh, anchor, &excelize.Chart{
		Type: typ, Series: series, Dimension: excelize.ChartDimension{Width: uint(c.width), Height: uint(c.height)},
	}); err != nil {
		b.check(err)
		return
	}
	b.charts++
	part := fmt.Sprintf("xl/charts/chart%d.xml", b.charts)
	if _, ok := b.f.Pkg.Load(part); !ok {
		b.check(fmt.Errorf("chart part %s not where excelize puts it", part))
		return
	}
	hasNote := c.note != ""
	b.f.Pkg.Store(part, c.nativeXML(hasNote))
	if !hasNote {
		return
	}
	drawing := fmt.Sprintf("xl/drawings/chartNote%d.xml", b.charts)
	b.f.Pkg.Store(drawing, c.userShapesXML())
	b.f.Pkg.Store(fmt.Sprintf("xl/charts/_rels/chart%d.xml.rels", b.charts), []byte(
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			fmt.Sprintf(`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartUserShapes" Target="../drawings/chartNote%d.xml"/>`, b.charts)+
			`</Relationships>`))
	ct := b.f.ContentTypes
	if len(ct.Overrides) == 0 {
		b.check(fmt.Errorf("workbook has no content types to extend"))
		return
	}
	o := ct.Overrides[0]
	o.PartName = "/" + drawing
	o.ContentType = "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml"
	ct.Overrides = append(ct.Overrides, o)
}
