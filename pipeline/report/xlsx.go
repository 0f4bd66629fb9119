package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/book"
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

type workbook struct {
	bk     *book.Book
	p      *page
	f      *excelize.File
	names  map[string]bool   // lower-cased sheet names in use
	nameOf map[string]string // sheet id → worksheet name
	styles map[string]int
	err    error // first error of a style or cell call
}

// writeWorkbook writes OUT/report.xlsx and returns its path and the
// worksheet name of each sheet id.
func writeWorkbook(bk *book.Book, models map[*book.Block]*blockModel, out string) (string, map[string]string, error) {
	b := &workbook{bk: bk, p: &page{lang: bk.Lang, minN: bk.MinN, chartLine: bk.ChartLine}, f: excelize.NewFile(),
		names: map[string]bool{}, nameOf: map[string]string{}, styles: map[string]int{}}
	defer b.f.Close()
	// Names first: the cover and the findings link to sheets.
	for i, s := range bk.Sheets {
		name := b.sheetName(s.Name)
		b.nameOf[s.ID] = name
		if i == 0 {
			if err := b.f.SetSheetName("Sheet1", name); err != nil {
				return "", nil, err
			}
		} else if _, err := b.f.NewSheet(name); err != nil {
			return "", nil, err
		}
	}
	for i := range bk.Sheets {
		s := &bk.Sheets[i]
		if err := b.sheet(s, models); err != nil {
			return "", nil, fmt.Errorf("%s: %w", s.ID, err)
		}
	}
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
	return path, b.nameOf, nil
}

// check keeps the first error, so the writers read as a list of cells.
func (b *workbook) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// sheetName makes a valid, unique sheet name: at most 31 characters, none
// of []:*?/\, cut at a word where possible.
func (b *workbook) sheetName(want string) string {
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
func (b *workbook) style(key string, make func() *excelize.Style) int {
	if id, ok := b.styles[key]; ok {
		return id
	}
	id, err := b.f.NewStyle(make())
	b.check(err)
	b.styles[key] = id
	return id
}

func (b *workbook) titleStyle() int {
	return b.style("title", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 16, Color: inkBlue}}
	})
}

func (b *workbook) subStyle() int {
	return b.style("sub", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: noteGrey}}
	})
}

func (b *workbook) noteStyle() int {
	return b.style("note", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 9, Color: noteGrey}}
	})
}

func (b *workbook) paraStyle() int {
	return b.style("para", func() *excelize.Style {
		return &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	})
}

func (b *workbook) headStyle() int {
	return b.style("head", func() *excelize.Style {
		return &excelize.Style{
			Font:      &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inkBlue}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: inkBlue, Style: 2}},
		}
	})
}

func (b *workbook) sectionStyle() int {
	return b.style("section", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 12, Color: inkBlue}}
	})
}

func (b *workbook) dotStyle() int {
	return b.style("dot", func() *excelize.Style {
		return &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}, Font: &excelize.Font{Family: fontFamily, Color: dotGrey}}
	})
}

func (b *workbook) linkStyle() int {
	return b.style("link", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Color: "0563C1", Underline: "single"}}
	})
}

// numStyle is the style of a number of a kind, with an optional mark.
func (b *workbook) numStyle(k kind, mark string, key bool) int {
	id := fmt.Sprintf("num/%d/%s/%v", k, mark, key)
	return b.style(id, func() *excelize.Style {
		code := excelFormat(k, b.bk.Lang, mark)
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
func (b *workbook) text(sh string, col, row int, s string) {
	ref := cell(col, row)
	b.check(b.f.SetCellStr(sh, ref, s))
	if sanitize.Risky(s) {
		b.setStyle(sh, ref, ref, b.style("risky", func() *excelize.Style {
			return &excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}}
		}))
	}
}

func (b *workbook) styled(sh string, col, row int, s string, style int) {
	b.text(sh, col, row, s)
	b.setStyle(sh, cell(col, row), cell(col, row), style)
}

func (b *workbook) setStyle(sh, from, to string, style int) {
	b.check(b.f.SetCellStyle(sh, from, to, style))
}

// value writes a table value as the kind says; NaN and nil stay empty.
func (b *workbook) value(sh string, col, row int, v any, k kind, mark string) {
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

func (b *workbook) dot(sh string, col, row int) { b.styled(sh, col, row, ".", b.dotStyle()) }

// table writes t's columns cols with a styled header at headRow and returns
// the last row written and each column's width.
func (b *workbook) table(sh string, headRow int, m *sheetModel) (int, []float64) {
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
			b.value(sh, j+1, rn, v, m.s.kindOf(c, v), m.s.mark(r, c))
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

// sheet writes one sheet: its title, description and notes, then each
// block below the one before.
func (b *workbook) sheet(s *book.Sheet, models map[*book.Block]*blockModel) error {
	L := b.bk.Lang
	sh := b.nameOf[s.ID]
	b.styled(sh, 1, 1, s.Title, b.titleStyle())
	row := 2
	if s.Role == book.Cover && b.bk.Subtitle != "" {
		b.styled(sh, 1, row, b.bk.Subtitle, b.subStyle())
		row++
	}
	if s.Description != "" {
		b.styled(sh, 1, row, s.Description, b.subStyle())
		row++
	}
	notes := append([]string{}, s.Notes...)
	marked, tables := false, false
	for j := range s.Blocks {
		if bm := models[&s.Blocks[j]]; bm != nil {
			marked = marked || bm.m.marked
			tables = tables || bm.sheet.Blocks[j].Table.Protect != nil
			if bm.m.chartErr != "" {
				notes = append(notes, i18n.T(L, "chart_failed")+": "+bm.m.chartErr)
			}
		}
	}
	if tables && s.Role == book.Body {
		notes = append(notes, i18n.T(L, "suppressed_note", b.bk.MinN))
	}
	if marked {
		notes = append(notes, i18n.T(L, "marks_note"))
	}
	if s.Source != "" {
		notes = append(notes, i18n.T(L, "source")+": "+sourceName(s))
	}
	for _, n := range notes {
		b.styled(sh, 1, row, n, b.noteStyle())
		row++
	}
	row++
	if s.Err != nil {
		b.styled(sh, 1, row, i18n.T(L, "query_failed")+": "+s.Err.Error(), b.paraStyle())
		return b.err
	}
	widths := map[int]float64{}
	frozen := false
	for j := range s.Blocks {
		blk := &s.Blocks[j]
		if blk.Heading != "" {
			b.styled(sh, 1, row, blk.Heading, b.sectionStyle())
			b.link(sh, 1, row, blk.Link)
			row++
		}
		switch {
		case len(blk.Facts) > 0:
			for _, f := range blk.Facts {
				b.text(sh, 1, row, f.Label)
				b.value(sh, 2, row, f.Value, kinds[f.Format], "")
				widths[1] = max(widths[1], float64(min(44, textWidth(f.Label)+2)))
				row++
			}
			widths[2] = max(widths[2], 24)
		case len(blk.Paras) > 0:
			for _, p := range blk.Paras {
				b.para(sh, row, p)
				row++
			}
		case blk.Contents:
			for _, o := range b.bk.Sheets {
				if o.ID == s.ID {
					continue
				}
				b.text(sh, 1, row, o.Title)
				b.link(sh, 1, row, o.ID)
				row++
			}
		case blk.Table != nil:
			bm := models[blk]
			last, w := b.table(sh, row, bm.m)
			for c, x := range w {
				widths[c+1] = max(widths[c+1], x)
			}
			if len(bm.m.cols) > 0 && !frozen && len(s.Blocks) == 1 {
				b.check(b.f.AutoFilter(sh, cell(1, row)+":"+cell(len(bm.m.cols), max(last, row+1)), nil))
				b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: cell(1, row+1), ActivePane: "bottomLeft"}))
				frozen = true
			}
			end := last
			if bm.m.grid != nil && bm.m.kind != chart.None {
				cb, ok := b.tableBlock(bm.m, row)
				if !ok {
					cb = b.chartBlock(sh, bm.m, len(bm.m.cols)+2, row)
				}
				cb.sheet = sh
				switch bm.m.kind {
				case chart.Heatmap:
					b.colourScale(cb, bm.m)
					end = max(end, cb.last)
				default:
					if rows := b.nativeChart(cb, bm.m); rows > 0 {
						if cb.inTable {
							end = max(end, cb.headRow+rows)
						} else {
							end = max(end, cb.below+rows)
						}
					}
					end = max(end, cb.last)
				}
			}
			row = end + 1
		}
		row++
	}
	for c, w := range widths {
		b.check(b.f.SetColWidth(sh, colLetter(c), colLetter(c), w))
	}
	if hasParas(s) {
		// Paragraphs span the first columns: wide enough to read.
		b.check(b.f.SetColWidth(sh, "A", "A", 44))
		b.check(b.f.SetColWidth(sh, "B", "E", max(16, widths[2], widths[3], widths[4], widths[5])))
	}
	if s.Role == book.Cover {
		b.check(b.f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)}))
	}
	return b.err
}

func hasParas(s *book.Sheet) bool {
	for _, b := range s.Blocks {
		if len(b.Paras) > 0 {
			return true
		}
	}
	return false
}

// sourceName says where a sheet's query comes from.
func sourceName(s *book.Sheet) string { return s.Source }

// paraCols is how many columns a paragraph spans; the cover's and the
// methods' first columns are wide, so five hold about a hundred characters.
const paraCols = 5

// para writes a paragraph over the first columns, wrapped, as a link when
// it points at a sheet.
func (b *workbook) para(sh string, row int, p book.Para) {
	style := b.paraStyle()
	if p.Note {
		style = b.style("paranote", func() *excelize.Style {
			return &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 9, Color: noteGrey}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
		})
	}
	b.check(b.f.MergeCell(sh, cell(1, row), cell(paraCols, row)))
	b.styled(sh, 1, row, p.Text, style)
	b.check(b.f.SetRowHeight(sh, row, float64(15*(1+textWidth(p.Text)/95))))
	if name, ok := b.nameOf[p.Link]; ok {
		// The link beside the text: a linked cell does not wrap in every
		// spreadsheet program.
		b.styled(sh, paraCols+1, row, "→ "+name, b.linkStyle())
		b.link(sh, paraCols+1, row, p.Link)
	}
}

// link makes a cell a link to the sheet with an id.
func (b *workbook) link(sh string, col, row int, id string) {
	name, ok := b.nameOf[id]
	if id == "" || !ok {
		return
	}
	b.check(b.f.SetCellHyperLink(sh, cell(col, row), quoteSheet(name)+"!A1", "Location"))
}

func ptr[T any](v T) *T { return &v }

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

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
func (b *workbook) tableBlock(m *sheetModel, headRow int) (*block, bool) {
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
func (b *workbook) chartBlock(sh string, m *sheetModel, col, headRow int) *block {
	L := b.bk.Lang
	g := m.grid
	q := m.s.Query
	b.styled(sh, col, headRow-1, i18n.T(L, "chart_data"), b.sectionStyle())
	b.text(sh, col, headRow, m.heading(m.s.Table.Col(q.Meta.X)))
	blk := &block{sheet: sh, catCol: col, headRow: headRow, first: headRow + 1, last: headRow + len(g.xs)}
	for j, s := range g.series {
		name := s
		if name == "" {
			name = i18n.Column(L, q.Meta.Y)
			if h, ok := m.s.Headings[q.Meta.Y]; ok {
				name = h
			}
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
func (b *workbook) colourScale(blk *block, m *sheetModel) {
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

// nativeChart adds an editable Excel chart on the block and returns how
// many rows it covers (0 for none).
func (b *workbook) nativeChart(blk *block, m *sheetModel) int {
	L := b.bk.Lang
	g := m.grid
	meta := m.s.Query.Meta
	ct, ok := nativeType[m.kind]
	if !ok {
		return 0
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
	title := m.title + " (" + b.bk.ChartLine + ")"
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
	return int(ch.Dimension.Height)/20 + 1
}

// offsetSeries writes the invisible first series of a diverging chart:
// for each category, how far its bar starts right of the axis so that the
// centres line up.
func (b *workbook) offsetSeries(blk *block, m *sheetModel, cats string) excelize.ChartSeries {
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
	L := b.bk.Lang
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

func (b *workbook) props() {
	now := b.bk.Now.UTC().Format(time.RFC3339)
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title: b.bk.Title, Subject: b.bk.Subtitle, Creator: "resonanz", LastModifiedBy: "resonanz",
		Language: i18n.T(b.bk.Lang, "locale"), Description: "resonanz report " + b.bk.Event, Keywords: b.bk.Event,
		Created: now, Modified: now,
	}))
	b.check(b.f.SetAppProps(&excelize.AppProperties{Application: "resonanz"}))
}

// pageSetup prints each sheet on A4 landscape, one page wide.
func (b *workbook) pageSetup(sh string) {
	b.check(b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	b.check(b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}))
}
