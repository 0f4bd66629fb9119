package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// The workbook's colours: a dark blue for headings, greys for notes.
const (
	inkBlue  = "1F3864"
	noteGrey = "595959"
	dotGrey  = "7F7F7F"
)

type book struct {
	in     *Input
	f      *excelize.File
	names  map[string]bool // lower-cased sheet names in use
	styles map[string]int
	err    error // first error of a style or cell call
}

// writeWorkbook writes OUT/report.xlsx and returns its path and the sheet
// name of each query.
func writeWorkbook(in *Input, models []*sheetModel, out string) (string, map[string]string, error) {
	b := &book{in: in, f: excelize.NewFile(), names: map[string]bool{}, styles: map[string]int{}}
	defer b.f.Close()
	L := in.Lang
	// Names first: the cover links to every sheet.
	summary := b.sheetName(i18n.T(L, "summary"))
	sheetOf := map[string]string{}
	names := make([]string, len(models))
	for i, m := range models {
		want := m.s.SheetName
		if want == "" {
			want = m.title
		}
		names[i] = b.sheetName(want)
		sheetOf[m.name] = names[i]
	}
	methods, codebook, quality := b.sheetName(i18n.T(L, "methods")), b.sheetName(i18n.T(L, "codebook")), b.sheetName(i18n.T(L, "quality"))
	if err := b.f.SetSheetName("Sheet1", summary); err != nil {
		return "", nil, err
	}
	for _, n := range append(append([]string{}, names...), methods, codebook, quality) {
		if _, err := b.f.NewSheet(n); err != nil {
			return "", nil, err
		}
	}
	contents := append([]string{}, names...)
	contents = append(contents, methods, codebook, quality)
	b.summary(summary, contents)
	for i, m := range models {
		if err := b.querySheet(names[i], m); err != nil {
			return "", nil, fmt.Errorf("%s: %w", m.name, err)
		}
	}
	b.methods(methods)
	b.codebook(codebook)
	b.quality(quality)
	b.props()
	for _, sh := range b.f.GetSheetList() {
		b.pageSetup(sh)
	}
	if b.err != nil {
		return "", nil, b.err
	}
	b.f.SetActiveSheet(0)
	path := filepath.Join(out, "report.xlsx")
	err := writeFile(path, func(f *os.File) error { return b.f.Write(f) })
	if err != nil {
		return "", nil, err
	}
	return path, sheetOf, nil
}

// check keeps the first error, so the writers read as a list of cells.
func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// sheetName makes a valid, unique sheet name: at most 31 characters, none
// of []:*?/\, cut at a word where possible.
func (b *book) sheetName(want string) string {
	clean := strings.Map(func(c rune) rune {
		if strings.ContainsRune(`[]:*?/\`, c) {
			return '-'
		}
		return c
	}, want)
	clean = strings.Trim(clean, "' ")
	clean = cut(clean, 31)
	if clean == "" {
		clean = "Tabelle"
	}
	name := clean
	for i := 2; b.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = cut(clean, 31-len(suffix)) + suffix
	}
	b.names[strings.ToLower(name)] = true
	return name
}

// cut shortens s to n runes, at a space when one is near the end.
func cut(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	short := string(rs[:n])
	if i := strings.LastIndex(short, " "); i > len(short)*2/3 {
		short = short[:i]
	}
	return strings.TrimSpace(short)
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func absCell(col, row int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("$%s$%d", c, row)
}

func colLetter(col int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return c
}

// style returns a cached style id; named styles are built on first use.
func (b *book) style(key string, make func() *excelize.Style) int {
	if id, ok := b.styles[key]; ok {
		return id
	}
	id, err := b.f.NewStyle(make())
	b.check(err)
	b.styles[key] = id
	return id
}

func (b *book) titleStyle() int {
	return b.style("title", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 16, Color: inkBlue}}
	})
}

func (b *book) subStyle() int {
	return b.style("sub", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: noteGrey}}
	})
}

func (b *book) noteStyle() int {
	return b.style("note", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 9, Color: noteGrey}}
	})
}

func (b *book) paraStyle() int {
	return b.style("para", func() *excelize.Style {
		return &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	})
}

func (b *book) headStyle() int {
	return b.style("head", func() *excelize.Style {
		return &excelize.Style{
			Font:      &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inkBlue}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: inkBlue, Style: 2}},
		}
	})
}

func (b *book) sectionStyle() int {
	return b.style("section", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 12, Color: inkBlue}}
	})
}

func (b *book) dotStyle() int {
	return b.style("dot", func() *excelize.Style {
		return &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}, Font: &excelize.Font{Family: fontFamily, Color: dotGrey}}
	})
}

func (b *book) linkStyle() int {
	return b.style("link", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Color: "0563C1", Underline: "single"}}
	})
}

// numStyle is the style of a number of a kind, with an optional mark.
func (b *book) numStyle(k kind, mark string, key bool) int {
	id := fmt.Sprintf("num/%d/%s/%v", k, mark, key)
	return b.style(id, func() *excelize.Style {
		code := excelFormat(k, b.in.Lang, mark)
		s := &excelize.Style{CustomNumFmt: &code}
		if key {
			s.Font = &excelize.Font{Family: fontFamily, Bold: true, Size: 14, Color: inkBlue}
		}
		return s
	})
}

// text writes label or respondent text: always a string cell, never a
// formula; formula-like text gets the Text format so it stays text when
// someone edits it.
func (b *book) text(sh string, col, row int, s string) {
	ref := cell(col, row)
	b.check(b.f.SetCellStr(sh, ref, s))
	if sanitize.Risky(s) {
		b.setStyle(sh, ref, ref, b.style("risky", func() *excelize.Style {
			return &excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}}
		}))
	}
}

func (b *book) styled(sh string, col, row int, s string, style int) {
	b.text(sh, col, row, s)
	b.setStyle(sh, cell(col, row), cell(col, row), style)
}

func (b *book) setStyle(sh, from, to string, style int) {
	b.check(b.f.SetCellStyle(sh, from, to, style))
}

// value writes a table value as the kind says; NaN and nil stay empty.
func (b *book) value(sh string, col, row int, v any, k kind, mark string) {
	ref := cell(col, row)
	switch x := v.(type) {
	case nil:
		return
	case string:
		b.text(sh, col, row, x)
		return
	case time.Time:
		b.check(b.f.SetCellValue(sh, ref, x))
		b.setStyle(sh, ref, ref, b.numStyle(k, mark, false))
		return
	case bool:
		b.check(b.f.SetCellBool(sh, ref, x))
		return
	}
	f, ok := toFloat(v)
	if !ok {
		if _, isNum := v.(float64); !isNum {
			b.text(sh, col, row, query.Text(v))
		}
		return
	}
	b.check(b.f.SetCellFloat(sh, ref, f, -1, 64))
	b.setStyle(sh, ref, ref, b.numStyle(k, mark, false))
}

func (b *book) dot(sh string, col, row int) { b.styled(sh, col, row, ".", b.dotStyle()) }

// table writes t's columns cols with a styled header at headRow and returns
// the last row written and each column's width.
func (b *book) table(sh string, headRow int, m *sheetModel) (int, []float64) {
	t := m.s.Table
	widths := make([]float64, len(m.cols))
	for j, c := range m.cols {
		h := m.heading(c)
		b.text(sh, j+1, headRow, h)
		widths[j] = float64(min(30, max(8, textWidth(h)+2)))
	}
	if len(m.cols) > 0 {
		b.setStyle(sh, cell(1, headRow), cell(len(m.cols), headRow), b.headStyle())
	}
	for r, row := range t.Rows {
		rn := headRow + 1 + r
		for j, c := range m.cols {
			v := row[c]
			if m.s.hidden(r, c) {
				b.dot(sh, j+1, rn)
				continue
			}
			if s, ok := v.(string); ok {
				widths[j] = max(widths[j], float64(min(50, textWidth(s)+2)))
			}
			b.value(sh, j+1, rn, v, kindOf(t, c, v), m.s.mark(r, c))
			if v != nil {
				if _, isTime := v.(time.Time); isTime {
					widths[j] = max(widths[j], 17)
				}
			}
		}
	}
	for j, wd := range widths {
		b.check(b.f.SetColWidth(sh, colLetter(j+1), colLetter(j+1), wd))
	}
	return headRow + len(t.Rows), widths
}

func (b *book) summary(sh string, contents []string) {
	in := b.in
	L := in.Lang
	s := in.Summary
	b.styled(sh, 1, 1, in.Title(), b.titleStyle())
	row := 3
	kv := func(k, v string) {
		b.text(sh, 1, row, k)
		b.text(sh, 2, row, v)
		row++
	}
	ev := in.Event.ID
	if in.Event.Title != "" {
		ev = in.Event.Title + " (" + in.Event.ID + ")"
	}
	kv(i18n.T(L, "event"), ev)
	if in.Event.Date != "" {
		kv(i18n.T(L, "date"), formatDate(L, in.Event.Date))
	}
	if c := in.compared(); c != "" {
		kv(i18n.T(L, "compared"), c)
	}
	kv(i18n.T(L, "generated"), formatTime(L, in.Now))
	b.text(sh, 1, row, i18n.T(L, "responses"))
	b.check(b.f.SetCellInt(sh, cell(2, row), int64(s.Responses)))
	b.setStyle(sh, cell(2, row), cell(2, row), b.numStyle(kInt, "", true))
	row += 2

	header := func(cols ...string) {
		for j, c := range cols {
			b.text(sh, j+1, row, c)
		}
		b.setStyle(sh, cell(1, row), cell(len(cols), row), b.headStyle())
		row++
	}
	figure := func(f Figure, k kind, key bool) {
		b.text(sh, 1, row, f.Label)
		if f.Hidden || f.N == 0 || math.IsNaN(f.Value) {
			b.dot(sh, 2, row)
		} else {
			b.check(b.f.SetCellFloat(sh, cell(2, row), f.Value, -1, 64))
			b.setStyle(sh, cell(2, row), cell(2, row), b.numStyle(k, "", key))
			if !math.IsNaN(f.Lo) && !math.IsNaN(f.Hi) {
				b.value(sh, 4, row, f.Lo, k, "")
				b.value(sh, 5, row, f.Hi, k, "")
			}
		}
		if f.Hidden {
			b.dot(sh, 3, row) // a hidden figure's base may be the secret
		} else {
			b.check(b.f.SetCellInt(sh, cell(3, row), int64(f.N)))
			b.setStyle(sh, cell(3, row), cell(3, row), b.numStyle(kInt, "", false))
		}
		row++
	}
	header(i18n.T(L, "key_figures"), i18n.T(L, "value"), i18n.T(L, "n"), i18n.Column(L, "ci_low"), i18n.Column(L, "ci_high"))
	sat, nps := s.Satisfaction, s.NPS
	sat.Label, nps.Label = i18n.T(L, "satisfaction"), i18n.T(L, "nps")
	figure(sat, kDec1, true)
	figure(nps, kNPS, true)
	row++
	if len(s.TopNeeds) > 0 {
		header(i18n.T(L, "top_needs"), i18n.T(L, "mean"), i18n.T(L, "n"), i18n.Column(L, "ci_low"), i18n.Column(L, "ci_high"))
		for _, f := range s.TopNeeds {
			figure(f, kDec1, false)
		}
		row++
	}
	counts := func(title string, cs []Count) {
		header(title, i18n.T(L, "n"), i18n.T(L, "share"))
		for _, c := range cs {
			b.text(sh, 1, row, c.Label)
			if c.Hidden {
				b.dot(sh, 2, row)
				b.dot(sh, 3, row)
			} else {
				b.value(sh, 2, row, int64(c.N), kInt, "")
				if s.Responses > 0 {
					b.value(sh, 3, row, float64(c.N)/float64(s.Responses), kPct, "")
				}
			}
			row++
		}
		row++
	}
	counts(i18n.T(L, "by_state"), s.ByState)
	counts(i18n.T(L, "by_sector"), s.BySector)
	b.styled(sh, 1, row, i18n.T(L, "suppressed_note", in.MinN), b.noteStyle())

	// Contents, linked to each sheet.
	b.styled(sh, 7, 3, i18n.T(L, "contents"), b.sectionStyle())
	for i, name := range contents {
		r := 4 + i
		b.text(sh, 7, r, name)
		b.check(b.f.SetCellHyperLink(sh, cell(7, r), quoteSheet(name)+"!A1", "Location"))
		b.setStyle(sh, cell(7, r), cell(7, r), b.linkStyle())
	}
	b.check(b.f.SetColWidth(sh, "A", "A", 44))
	b.check(b.f.SetColWidth(sh, "B", "E", 12))
	b.check(b.f.SetColWidth(sh, "F", "F", 4))
	b.check(b.f.SetColWidth(sh, "G", "G", 34))
	b.check(b.f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)}))
}

func ptr[T any](v T) *T { return &v }

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// querySheet writes one table with its notes, the chart data and a native
// chart beside it.
func (b *book) querySheet(sh string, m *sheetModel) error {
	L := b.in.Lang
	q := m.s.Query
	b.styled(sh, 1, 1, m.title, b.titleStyle())
	b.styled(sh, 1, 2, q.Description(L), b.subStyle())
	notes := append([]string{}, m.s.Notes...)
	notes = append(notes, i18n.T(L, "suppressed_note", b.in.MinN))
	if m.marked {
		notes = append(notes, i18n.T(L, "marks_note"))
	}
	src := q.Source
	if src == "built-in" {
		src = "queries/" + q.Name + ".sql"
	}
	notes = append(notes, i18n.T(L, "source")+": "+src+" ("+q.Name+")")
	if m.chartErr != "" {
		notes = append(notes, i18n.T(L, "chart_failed")+": "+m.chartErr)
	}
	row := 3
	for _, n := range notes {
		b.styled(sh, 1, row, n, b.noteStyle())
		row++
	}
	headRow := row + 1
	if m.s.Err != nil {
		b.styled(sh, 1, headRow, i18n.T(L, "query_failed")+": "+m.s.Err.Error(), b.paraStyle())
		return b.err
	}
	last, _ := b.table(sh, headRow, m)
	if len(m.cols) > 0 {
		b.check(b.f.AutoFilter(sh, cell(1, headRow)+":"+cell(len(m.cols), max(last, headRow+1)), nil))
		b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: cell(1, headRow+1), ActivePane: "bottomLeft"}))
	}
	if m.grid == nil || m.kind == chart.None {
		return b.err
	}
	blk, ok := b.tableBlock(m, headRow)
	if !ok {
		blk = b.chartBlock(sh, m, len(m.cols)+2, headRow)
	}
	blk.sheet = sh
	switch m.kind {
	case chart.Heatmap:
		b.colourScale(blk, m)
	default:
		b.nativeChart(blk, m)
	}
	return b.err
}

// block is where a chart's data sits: category labels in one column, one
// column per series, names in the header row.
type block struct {
	sheet             string
	catCol, headRow   int
	first, last       int   // data rows
	seriesCols        []int // sheet columns
	right             int   // first free column to the right
	below             int   // first free row below
	inTable           bool  // the block is the table itself
	series            []string
	hiddenBlank       bool
	maxLeft, maxRight float64 // diverging: reach of the bars left and right of the centre
	offsetCol         int     // diverging: column of the invisible offset series
}

// tableBlock points the chart at the table itself when the table is in
// chart shape (Sheet.Wide) and every series column is visible.
func (b *book) tableBlock(m *sheetModel, headRow int) (*block, bool) {
	g := m.grid
	if !g.wide {
		return nil, false
	}
	pos := map[int]int{}
	for j, c := range m.cols {
		pos[c] = j + 1
	}
	blk := &block{headRow: headRow, first: headRow + 1, last: headRow + len(g.xs), inTable: true, series: g.series}
	var ok bool
	if blk.catCol, ok = pos[g.xCol]; !ok {
		return nil, false
	}
	for _, c := range g.cols {
		sc, ok := pos[c]
		if !ok {
			return nil, false
		}
		blk.seriesCols = append(blk.seriesCols, sc)
	}
	blk.right = len(m.cols) + 2
	blk.below = blk.last + 2
	return blk, true
}

// chartBlock writes the grid as a block of cells at (col, headRow): the
// "chart data" readers can copy and the native chart refers to.
func (b *book) chartBlock(sh string, m *sheetModel, col, headRow int) *block {
	L := b.in.Lang
	g := m.grid
	q := m.s.Query
	b.styled(sh, col, headRow-1, i18n.T(L, "chart_data"), b.sectionStyle())
	b.text(sh, col, headRow, i18n.Column(L, q.Meta.X))
	blk := &block{sheet: sh, catCol: col, headRow: headRow, first: headRow + 1, last: headRow + len(g.xs)}
	for j, s := range g.series {
		name := s
		if name == "" {
			name = i18n.Column(L, q.Meta.Y)
		}
		blk.series = append(blk.series, name)
		blk.seriesCols = append(blk.seriesCols, col+1+j)
		b.text(sh, col+1+j, headRow, name)
	}
	b.setStyle(sh, cell(col, headRow), cell(col+len(g.series), headRow), b.headStyle())
	blk.hiddenBlank = m.kind == chart.Line // text in a line chart's range would plot as zero
	for i, x := range g.xs {
		r := headRow + 1 + i
		b.text(sh, col, r, x)
		for j := range g.series {
			c := g.cells[i][j]
			switch {
			case !c.ok:
			case c.hidden && blk.hiddenBlank:
			case c.hidden:
				b.dot(sh, col+1+j, r)
			default:
				b.value(sh, col+1+j, r, c.v, g.yKind, c.mark)
			}
		}
	}
	b.check(b.f.SetColWidth(sh, colLetter(col), colLetter(col), 28))
	if len(g.series) > 0 {
		b.check(b.f.SetColWidth(sh, colLetter(col+1), colLetter(col+len(g.series)), float64(max(10, min(24, longest(blk.series)+4)))))
	}
	blk.right = col + len(g.series) + 2
	blk.below = blk.last + 3
	return blk
}

func longest(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, textWidth(s))
	}
	return n
}

// colourScale gives a heatmap's values a three-colour scale, light to dark
// blue as in the image; the darkest end stays light enough for black text.
func (b *book) colourScale(blk *block, m *sheetModel) {
	if len(blk.seriesCols) == 0 {
		return
	}
	rng := cell(blk.seriesCols[0], blk.first) + ":" + cell(blk.seriesCols[len(blk.seriesCols)-1], blk.last)
	cf := excelize.ConditionalFormatOptions{
		Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max",
		MinColor: "#F7FBFF", MidColor: "#9ECAE1", MaxColor: "#3182BD",
	}
	meta := m.s.Query.Meta
	if meta.YMin != nil && meta.YMax != nil {
		lo, hi := *meta.YMin, *meta.YMax
		cf.MinType, cf.MinValue = "num", fmt.Sprint(lo)
		cf.MidType, cf.MidValue = "num", fmt.Sprint((lo+hi)/2)
		cf.MaxType, cf.MaxValue = "num", fmt.Sprint(hi)
	}
	b.check(b.f.SetConditionalFormat(blk.sheet, rng, []excelize.ConditionalFormatOptions{cf}))
}

// fontFamily is named in every styled font: a font without a family falls
// back to a serif face in some spreadsheet programs.
const fontFamily = "Calibri"

// axisFont is set explicitly: without it some viewers draw axis labels in
// a barely visible grey.
var axisFont = excelize.Font{Family: fontFamily, Color: "404040", Size: 9}

var nativeType = map[chart.Kind]excelize.ChartType{
	chart.Bar: excelize.Bar, chart.GroupedBar: excelize.Bar, chart.StackedBar: excelize.BarStacked,
	chart.Line: excelize.Line, chart.Diverging: excelize.BarStacked,
}

// nativeChart adds an editable Excel chart on the block.
func (b *book) nativeChart(blk *block, m *sheetModel) {
	L := b.in.Lang
	g := m.grid
	meta := m.s.Query.Meta
	ct, ok := nativeType[m.kind]
	if !ok {
		return
	}
	ref := func(col, from, to int) string {
		return fmt.Sprintf("%s!%s:%s", quoteSheet(blk.sheet), absCell(col, from), absCell(col, to))
	}
	cats := ref(blk.catCol, blk.first, blk.last)
	var series []excelize.ChartSeries
	if m.kind == chart.Diverging {
		series = append(series, b.offsetSeries(blk, m, cats))
	}
	for j, col := range blk.seriesCols {
		s := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!%s", quoteSheet(blk.sheet), absCell(col, blk.headRow)),
			Categories: cats,
			Values:     ref(col, blk.first, blk.last),
		}
		if hex := m.seriesColor(g.series[j]); hex != "" {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
			if dark(hex) {
				s.DataLabel.Font.Color = "FFFFFF" // labels stay readable on dark segments
			}
		}
		series = append(series, s)
	}
	title := fmt.Sprintf("%s (%s, n = %d)", m.title, b.in.Event.Label(), b.in.Summary.Responses)
	perCat := 16 * len(g.series)
	if ct == excelize.BarStacked {
		perCat = 28
	}
	ch := &excelize.Chart{
		Type:      ct,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 12}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 760, Height: uint(min(1400, max(380, 120+len(g.xs)*perCat)))},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: meta.YMin, Maximum: meta.YMax, Font: axisFont},
		XAxis:     excelize.ChartAxis{ReverseOrder: ct == excelize.Bar || ct == excelize.BarStacked, Font: axisFont},
	}
	if g.yKind == kPct {
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: excelFormat(kPct, L, "")}
	}
	if !g.named() {
		ch.Legend.Position = "none"
	}
	if ct == excelize.BarStacked {
		ch.GapWidth, ch.Overlap = ptr(uint(60)), ptr(100)
	}
	if m.kind == chart.Diverging {
		// The offset series shifts every bar so the middle level sits on
		// one line; the value axis would count the offset, so it shows no
		// labels, and the segments carry their shares instead (none under
		// 3 %, where labels would pile up).
		mx := blk.maxLeft + blk.maxRight
		ch.YAxis = excelize.ChartAxis{MajorGridLines: false, Minimum: ptr(0.0), Maximum: &mx, TickLabelPosition: excelize.ChartTickLabelNone, Font: axisFont}
		ch.PlotArea = excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: `[<0.03]"";` + strings.ReplaceAll(excelFormat(kPct, L, ""), "0.0", "0")}}
	}
	anchor := cell(blk.right, blk.headRow)
	if !blk.inTable {
		anchor = cell(blk.catCol, blk.below)
	}
	b.check(b.f.AddChart(blk.sheet, anchor, ch))
}

// offsetSeries writes the invisible first series of a diverging chart:
// for each category, how far its bar starts right of the axis so that the
// centres line up.
func (b *book) offsetSeries(blk *block, m *sheetModel, cats string) excelize.ChartSeries {
	g := m.grid
	n := len(g.series)
	left := make([]float64, len(g.xs))
	right := make([]float64, len(g.xs))
	for i := range g.xs {
		for j := range g.series {
			c := g.cells[i][j]
			if !c.ok || c.hidden {
				continue
			}
			switch {
			case n%2 == 1 && j == n/2:
				left[i] += c.v / 2
				right[i] += c.v / 2
			case j < n/2:
				left[i] += c.v
			default:
				right[i] += c.v
			}
		}
		blk.maxLeft = max(blk.maxLeft, left[i])
		blk.maxRight = max(blk.maxRight, right[i])
	}
	col := blk.right
	blk.offsetCol = col
	blk.right++
	L := b.in.Lang
	b.styled(blk.sheet, col, blk.headRow, i18n.T(L, "chart_offset"), b.headStyle())
	for i := range g.xs {
		hidden := false
		for _, c := range g.cells[i] {
			hidden = hidden || c.hidden
		}
		if hidden {
			continue
		}
		b.value(blk.sheet, col, blk.first+i, blk.maxLeft-left[i], kPct, "")
	}
	b.check(b.f.SetColWidth(blk.sheet, colLetter(col), colLetter(col), 11))
	blk.right++
	return excelize.ChartSeries{
		Name:       fmt.Sprintf("%s!%s", quoteSheet(blk.sheet), absCell(col, blk.headRow)),
		Categories: cats,
		Values:     fmt.Sprintf("%s!%s:%s", quoteSheet(blk.sheet), absCell(col, blk.first), absCell(col, blk.last)),
		Fill:       excelize.Fill{Type: "pattern", Pattern: 0},
		DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Color: "FFFFFF"}},
	}
}

func (b *book) methods(sh string) {
	in := b.in
	L := in.Lang
	b.styled(sh, 1, 1, i18n.T(L, "methods"), b.titleStyle())
	row := 3
	b.styled(sh, 1, row, i18n.T(L, "what_asked"), b.sectionStyle())
	row++
	for j, h := range []string{i18n.Column(L, "question"), i18n.Column(L, "question_text"), i18n.Column(L, "type"), i18n.T(L, "n")} {
		b.text(sh, j+1, row, h)
	}
	b.setStyle(sh, cell(1, row), cell(4, row), b.headStyle())
	row++
	for _, q := range in.Questions {
		b.text(sh, 1, row, q.ID)
		b.text(sh, 2, row, q.Text)
		b.text(sh, 3, row, i18n.Type(L, q.Type))
		if q.Hidden {
			b.dot(sh, 4, row)
		} else {
			b.value(sh, 4, row, int64(q.N), kInt, "")
		}
		row++
	}
	row++
	para := func(p string) {
		b.check(b.f.MergeCell(sh, cell(1, row), cell(4, row)))
		b.styled(sh, 1, row, p, b.paraStyle())
		b.check(b.f.SetRowHeight(sh, row, float64(15*(1+textWidth(p)/120))))
		row++
	}
	b.styled(sh, 1, row, i18n.T(L, "how_computed"), b.sectionStyle())
	row++
	for _, p := range in.Methods {
		para(p)
	}
	row++
	b.styled(sh, 1, row, i18n.T(L, "rule_applied"), b.sectionStyle())
	row++
	para(i18n.T(L, "rule_text", in.MinN, in.MinN))
	b.check(b.f.SetColWidth(sh, "A", "A", 18))
	b.check(b.f.SetColWidth(sh, "B", "B", 80))
	b.check(b.f.SetColWidth(sh, "C", "C", 22))
	b.check(b.f.SetColWidth(sh, "D", "D", 8))
}

// plain writes a table without suppression or charts (codebook, imports).
func (b *book) plain(sh string, row int, t *query.Table, conv func(col string, v any) any) int {
	if t == nil {
		return row
	}
	m := &sheetModel{s: &Sheet{Table: t}, lang: b.in.Lang}
	for i := range t.Columns {
		m.cols = append(m.cols, i)
	}
	if conv != nil {
		c := &query.Table{Columns: t.Columns, Types: t.Types}
		for _, r := range t.Rows {
			nr := make([]any, len(r))
			for j, v := range r {
				nr[j] = conv(t.Columns[j], v)
			}
			c.Rows = append(c.Rows, nr)
		}
		m.s.Table = c
	}
	last, _ := b.table(sh, row, m)
	return last
}

func (b *book) codebook(sh string) {
	L := b.in.Lang
	b.styled(sh, 1, 1, i18n.T(L, "codebook"), b.titleStyle())
	last := b.plain(sh, 3, b.in.Codebook, func(col string, v any) any {
		if s, ok := v.(string); ok && col == "type" {
			return i18n.Type(L, s)
		}
		return v
	})
	if t := b.in.Codebook; t != nil && len(t.Columns) > 0 {
		b.check(b.f.AutoFilter(sh, "A3:"+cell(len(t.Columns), max(last, 4)), nil))
	}
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}))
	b.check(b.f.SetColWidth(sh, "A", "B", 24))
	b.check(b.f.SetColWidth(sh, "C", "D", 48))
	b.check(b.f.SetColWidth(sh, "E", "E", 18))
	b.check(b.f.SetColWidth(sh, "F", "F", 80))
}

func (b *book) quality(sh string) {
	L := b.in.Lang
	b.styled(sh, 1, 1, i18n.T(L, "quality"), b.titleStyle())
	b.styled(sh, 1, 3, i18n.T(L, "files"), b.sectionStyle())
	row := b.plain(sh, 4, b.in.Imports, nil) + 2
	b.styled(sh, 1, row, i18n.T(L, "rejects"), b.sectionStyle())
	row++
	if b.in.Rejects == nil || len(b.in.Rejects.Rows) == 0 {
		b.text(sh, 1, row, i18n.T(L, "no_rejects"))
	} else {
		b.plain(sh, row, b.in.Rejects, nil)
	}
	b.check(b.f.SetColWidth(sh, "A", "A", 28))
	b.check(b.f.SetColWidth(sh, "B", "B", 66)) // the SHA-256 in full
	b.check(b.f.SetColWidth(sh, "C", "L", 16))
}

func (b *book) props() {
	L := b.in.Lang
	lang := i18n.T(L, "locale")
	title := b.in.Title()
	subject := b.in.Event.Label()
	if b.in.Event.Date != "" {
		subject += ", " + formatDate(L, b.in.Event.Date)
	}
	now := b.in.Now.UTC().Format(time.RFC3339)
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: subject, Creator: "resonanz", LastModifiedBy: "resonanz",
		Language: lang, Description: "resonanz report " + b.in.Event.ID, Keywords: b.in.Event.ID,
		Created: now, Modified: now,
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "resonanz"}))
}

// pageSetup prints each sheet on A4 landscape, one page wide.
func (b *book) pageSetup(sh string) {
	b.check(b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	b.check(b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}))
}
