package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
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
	charts int                   // chart parts written so far
	prints map[string]*printPlan // how each table sheet prints
	f      *excelize.File
	names  map[string]bool   // lower-cased sheet names in use
	nameOf map[string]string // sheet id → worksheet name
	styles map[string]int
	tails  map[string]*tailTable // worksheet name → its last table's rows, written as the file is saved
	err    error                 // first error of a style or cell call
}

// writeWorkbook writes OUT/report.xlsx and returns its path and the
// worksheet name of each sheet id.
func writeWorkbook(bk *book.Book, p *page, models map[*book.Block]*blockModel, out string) (string, map[string]string, error) {
	b := &workbook{bk: bk, p: p, f: excelize.NewFile(),
		names: map[string]bool{}, nameOf: map[string]string{}, styles: map[string]int{}, tails: map[string]*tailTable{}, prints: map[string]*printPlan{}}
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
	err := atomicfile.Write(path, b.write)
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

func (b *workbook) headNumStyle() int {
	return b.style("headnum", func() *excelize.Style {
		return &excelize.Style{
			Font:      &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inkBlue}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "right"},
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
func (b *workbook) numStyle(k format.Kind, mark string, key bool) int {
	id := fmt.Sprintf("num/%d/%s/%v", k, mark, key)
	return b.style(id, func() *excelize.Style {
		code := format.Excel(k, b.bk.Lang, mark)
		s := &excelize.Style{CustomNumFmt: &code}
		if key {
			s.Font = &excelize.Font{Family: fontFamily, Bold: true, Size: 14, Color: inkBlue}
		}
		return s
	})
}

// text writes label or respondent text: always a string cell, never a
// formula.
func (b *workbook) text(sh string, col, row int, s string) { b.put(sh, col, row, b.textCell(s)) }

func (b *workbook) riskyStyle() int {
	return b.style("risky", func() *excelize.Style {
		return &excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}}
	})
}

func (b *workbook) styled(sh string, col, row int, s string, style int) {
	b.text(sh, col, row, s)
	b.setStyle(sh, cell(col, row), cell(col, row), style)
}

func (b *workbook) setStyle(sh, from, to string, style int) {
	b.check(b.f.SetCellStyle(sh, from, to, style))
}

// value writes a table value as the kind says.
func (b *workbook) value(sh string, col, row int, v any, k format.Kind, mark string) {
	b.put(sh, col, row, b.cellOf(v, k, mark))
}

func (b *workbook) dot(sh string, col, row int) { b.styled(sh, col, row, ".", b.dotStyle()) }

// table writes t's columns cols with a styled header at headRow and returns
// the last row written and each column's width. With tail the rows are
// not given to excelize but written into the sheet's XML as the file is
// saved (tail.go): the last table of a sheet may hold every open answer,
// and excelize keeps ≈ 600 bytes a cell.
func (b *workbook) table(sh string, headRow int, m *sheetModel, tail bool) (int, []float64) {
	t := m.s.Table
	widths := make([]float64, len(m.cols))
	heads := make([]string, len(m.cols))
	for j, c := range m.cols {
		h := m.heading(c)
		heads[j] = h
		b.text(sh, j+1, headRow, h)
		// Wide enough for the heading's longest word; longer headings wrap.
		widths[j] = float64(min(30, max(8, longestWord(h)+2)))
		style := b.headStyle()
		if isNumColumn(m.s, c) {
			style = b.headNumStyle()
		}
		b.setStyle(sh, cell(j+1, headRow), cell(j+1, headRow), style)
	}
	for r, row := range t.Rows {
		for j, c := range m.cols {
			if m.s.hidden(r, c) {
				continue
			}
			switch v := row[c].(type) {
			case string:
				widths[j] = max(widths[j], float64(min(50, textWidth(v)+2)))
			case time.Time:
				widths[j] = max(widths[j], 17)
			}
		}
	}
	for j, wd := range widths {
		b.check(b.f.SetColWidth(sh, colLetter(j+1), colLetter(j+1), wd))
	}
	b.headHeight(sh, headRow, heads, widths)
	var cells []xcell
	if tail {
		// The styles its cells use are made now: excelize writes them
		// before the rows are.
		for r := range t.Rows {
			cells, _ = b.tableRow(cells[:0], m, r, widths)
		}
		b.tails[sh] = &tailTable{headRow: headRow, m: m, widths: widths}
		return headRow + len(t.Rows), widths
	}
	for r := range t.Rows {
		rn := headRow + 1 + r
		var height float64
		cells, height = b.tableRow(cells[:0], m, r, widths)
		for j, x := range cells {
			b.put(sh, j+1, rn, x)
		}
		if height > 0 {
			b.rowHeight(sh, rn, height)
		}
	}
	return headRow + len(t.Rows), widths
}

// xcell is one table cell as the workbook holds it: text, a number (times
// as Excel serials) or a bool, and its style (0: none).
type xcell struct {
	kind  byte // 0 empty, 's' text, 'n' number, 't' time, 'b' bool
	s     string
	f     float64
	t     time.Time
	style int
	wrap  bool // its text is longer than its column
}

// tableRow is row r of a table as cells, and its height when its text
// wraps (0: the default). Text longer than its column wraps, its row as
// tall as its lines: otherwise the next cell cuts it off (Calc and Excel
// do not grow a row for text a program wrote).
func (b *workbook) tableRow(cells []xcell, m *sheetModel, r int, widths []float64) ([]xcell, float64) {
	lines, first := 1, len(cells)
	for j, c := range m.cols {
		if m.s.hidden(r, c) {
			cells = append(cells, xcell{kind: 's', s: ".", style: b.dotStyle()})
			continue
		}
		v := m.s.Table.Rows[r][c]
		x := b.cellOf(v, m.s.kindOf(c, v), m.s.mark(r, c))
		if s, ok := v.(string); ok && (float64(textWidth(s)+2) > widths[j] || strings.Contains(s, "\n")) {
			lines = max(lines, linesFor(s, widths[j]-2))
			x.wrap = true
		}
		cells = append(cells, x)
	}
	// The other cells of a tall row start at its top too, beside the
	// wrapped text's first line, not at the bottom.
	for i := first; i < len(cells); i++ {
		if x := &cells[i]; x.kind != 0 && (lines > 1 || x.wrap) {
			x.style = b.wrapped(x.style)
		}
	}
	if lines == 1 {
		return cells, 0
	}
	return cells, min(float64(15*lines), excelize.MaxRowHeight)
}

// cellOf is what a table value becomes: its kind says the number format;
// NaN and nil stay empty; text never becomes a formula, and formula-like
// text gets the Text format so it stays text when someone edits it.
func (b *workbook) cellOf(v any, k format.Kind, mark string) xcell {
	switch x := v.(type) {
	case nil:
		return xcell{}
	case string:
		return b.textCell(x)
	case time.Time:
		return xcell{kind: 't', t: x, style: b.numStyle(k, mark, false)}
	case bool:
		if x {
			return xcell{kind: 'b', f: 1}
		}
		return xcell{kind: 'b'}
	}
	f, ok := format.Float(v)
	if !ok {
		if _, isNum := v.(float64); !isNum {
			return b.textCell(query.Text(v))
		}
		return xcell{}
	}
	return xcell{kind: 'n', f: f, style: b.numStyle(k, mark, false)}
}

func (b *workbook) textCell(s string) xcell {
	x := xcell{kind: 's', s: s}
	if sanitize.Risky(s) {
		x.style = b.riskyStyle()
	}
	return x
}

// put gives one cell to excelize.
func (b *workbook) put(sh string, col, row int, x xcell) {
	ref := cell(col, row)
	switch x.kind {
	case 0:
		return
	case 's':
		b.check(b.f.SetCellStr(sh, ref, x.s))
	case 'n':
		b.check(b.f.SetCellFloat(sh, ref, x.f, -1, 64))
	case 't':
		b.check(b.f.SetCellValue(sh, ref, x.t))
	case 'b':
		b.check(b.f.SetCellBool(sh, ref, x.f != 0))
	}
	if x.style != 0 {
		b.setStyle(sh, ref, ref, x.style)
	}
}

// headHeight makes a header row tall enough for its wrapped headings:
// Calc and Excel do not grow a row for wrapped text written by a program.
func (b *workbook) headHeight(sh string, row int, heads []string, widths []float64) {
	lines := 1
	for j, h := range heads {
		if j < len(widths) {
			lines = max(lines, linesFor(h, widths[j]-2))
		}
	}
	// Another block on the same row (the chart data beside a table) never
	// makes the row lower.
	cur, err := b.f.GetRowHeight(sh, row)
	b.check(err)
	b.rowHeight(sh, row, max(cur, float64(15*lines+3)))
}

// linesFor is how many lines text takes in a cell width characters wide,
// broken at spaces.
func linesFor(text string, width float64) int {
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		line, count := 0, 1
		for _, w := range strings.Fields(para) {
			l := len([]rune(w))
			switch {
			case line == 0:
				line = l
			case float64(line+1+l) <= width:
				line += 1 + l
			default:
				count++
				line = l
			}
		}
		n += count
	}
	return max(1, n)
}

// wrapped is a style with text wrapping added.
func (b *workbook) wrapped(id int) int {
	return b.style(fmt.Sprintf("wrapped/%d", id), func() *excelize.Style {
		st, err := b.f.GetStyle(id)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		st.Alignment = &excelize.Alignment{WrapText: true, Vertical: "top"}
		return st
	})
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
				b.value(sh, 2, row, f.Value, f.Format, "")
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
				b.text(sh, 1, row, contentsEntry(o.Title))
				b.link(sh, 1, row, o.ID)
				row++
			}
		case blk.Table != nil:
			bm := models[blk]
			// The sheet's last table, without a chart beside it: nothing is
			// written below or beside its rows.
			tail := j == len(s.Blocks)-1 && (bm.m.grid == nil || bm.m.kind == chart.None)
			last, w := b.table(sh, row, bm.m, tail)
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
					b.heatmapSheet(cb, bm.m)
					end = max(end, cb.last+2)
				default:
					b.nativeChart(cb, bm.m)
					if rows := (bm.m.nativeHeight() + 19) / 20; cb.inTable {
						end = max(end, cb.headRow+rows)
					} else {
						end = max(end, cb.below+rows)
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
		b.check(b.f.SetColWidth(sh, "A", "A", max(44, widths[1])))
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
	b.rowHeight(sh, row, float64(15*(1+textWidth(p.Text)/95)))
	if name, ok := b.nameOf[p.Link]; ok {
		// The link beside the text: a linked cell does not wrap in every
		// spreadsheet program.
		b.styled(sh, paraCols+1, row, "→ "+name, b.linkStyle())
		b.link(sh, paraCols+1, row, p.Link)
	}
}

// contentsMax is the longest title the contents list shows whole: a linked
// cell does not wrap in every spreadsheet program, and a long question text
// widened the printed cover until it was too small to read.
const contentsMax = 90

// contentsEntry is a sheet's title in the contents list, cut after a word
// with "…" when longer than contentsMax (the sheet shows it whole).
func contentsEntry(title string) string { return format.Shorten(title, contentsMax+1) }

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
	first, last       int    // data rows
	seriesCols        []int  // sheet columns
	right             int    // first free column to the right
	below             int    // first free row below
	inTable           bool   // the block is the table itself
	anchor            string // where the chart goes; "" right of the block
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
	// Widen, never narrow, the table's columns the block shares; the
	// headings wrap.
	b.widen(sh, col, 24)
	heads := []string{i18n.Column(L, q.Meta.X)}
	widths := []float64{24}
	for j, name := range blk.series {
		w := float64(max(9, min(16, longestWord(name)+2)))
		b.widen(sh, col+1+j, w)
		heads = append(heads, name)
		widths = append(widths, w)
	}
	b.headHeight(sh, headRow, heads, widths)
	blk.right = col + len(g.series) + 2
	blk.below = blk.last + 3
	return blk
}

// widen makes column col at least w wide.
func (b *workbook) widen(sh string, col int, w float64) {
	cur, err := b.f.GetColWidth(sh, colLetter(col))
	b.check(err)
	if cur < w {
		b.check(b.f.SetColWidth(sh, colLetter(col), colLetter(col), w))
	}
}

// heatmapSheet puts the heatmap image beside the table, colours the
// table's cells as the image does (white text on the dark end) and adds a
// colour key under it: the steps of the image's legend, low to high.
func (b *workbook) heatmapSheet(blk *block, m *sheetModel) {
	L := b.bk.Lang
	if m.layout == nil {
		return
	}
	g := m.grid
	for i, x := range g.xs {
		for j, col := range blk.seriesCols {
			hex := m.cellColor(x, g.series[j])
			if hex == "" {
				continue
			}
			c := g.cells[i][j]
			if !c.ok || c.hidden {
				continue
			}
			b.setStyle(blk.sheet, cell(col, blk.first+i), cell(col, blk.first+i), b.fillStyle(hex, g.yKind, c.mark))
		}
	}
	row := blk.last + 2
	b.styled(blk.sheet, blk.catCol, row, i18n.T(L, "colour_key"), b.noteStyle())
	for k, e := range m.layout.Legend {
		hex := hexColor(e.Color)
		b.styled(blk.sheet, blk.catCol+1+k, row, e.Label, b.keyStyle(hex))
	}
	if m.png != "" {
		// The image at a third of its pixels: 533 px wide, sharp on screen.
		scale := 1.0 / 3
		anchor := cell(blk.right, blk.headRow)
		if blk.anchor != "" {
			anchor = blk.anchor
		}
		b.check(b.f.AddPicture(blk.sheet, anchor, m.png, &excelize.GraphicOptions{
			ScaleX: scale, ScaleY: scale, AltText: m.title, Positioning: "oneCell",
		}))
	}
}

func (b *workbook) fillStyle(hex string, k format.Kind, mark string) int {
	return b.style("fill/"+hex+"/"+fmt.Sprint(int(k))+"/"+mark, func() *excelize.Style {
		code := format.Excel(k, b.bk.Lang, mark)
		fg := "1A1A1A"
		if dark(hex) {
			fg = "FFFFFF"
		}
		return &excelize.Style{
			CustomNumFmt: &code,
			Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}},
			Font:         &excelize.Font{Family: fontFamily, Color: fg},
			Border:       []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}, {Type: "top", Color: "FFFFFF", Style: 1}, {Type: "bottom", Color: "FFFFFF", Style: 1}},
		}
	})
}

func (b *workbook) keyStyle(hex string) int {
	return b.style("key/"+hex, func() *excelize.Style {
		fg := "1A1A1A"
		if dark(hex) {
			fg = "FFFFFF"
		}
		return &excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}},
			Font:      &excelize.Font{Family: fontFamily, Color: fg, Size: 9},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		}
	})
}

// fontFamily is named in every styled font: a font without a family falls
// back to a serif face in some spreadsheet programs.
const fontFamily = "Calibri"

// nativeChart adds an editable Excel chart on the block, showing what the
// image shows: the same colours, labels, error bars, marks of hidden
// values, title and footnote.
func (b *workbook) nativeChart(blk *block, m *sheetModel) {
	L := b.bk.Lang
	g := m.grid
	cs := m.chart
	if cs == nil {
		return
	}
	ref := func(col, from, to int) string {
		return fmt.Sprintf("%s!%s:%s", quoteSheet(blk.sheet), absCell(col, from), absCell(col, to))
	}
	c := &nchart{
		line:       m.kind == chart.Line,
		horizontal: cs.spec.Horizontal || m.kind == chart.Diverging,
		stacked:    m.kind == chart.StackedBar || m.kind == chart.Diverging,
		title:      cs.spec.Title,
		note:       cs.spec.Note,
		lang:       i18n.T(L, "locale"),
		cats:       ref(blk.catCol, blk.first, blk.last),
		min:        cs.spec.YMin,
		max:        cs.spec.YMax,
		numFmt:     format.Excel(g.yKind, L, ""),
		gridlines:  true,
		legend:     g.named(),
		gapWidth:   60,
		width:      640, // fits a portrait A4 page (96 units, about 670 px)
	}
	c.height = m.nativeHeight()
	if g.yKind.Share() {
		c.numFmt = format.Excel(format.PctInt, L, "")
	}
	if m.kind == chart.Diverging {
		c.series = append(c.series, b.offsetSeries(blk, m))
		mx := blk.maxLeft + blk.maxRight
		c.min, c.max, c.noValAx, c.gridlines = ptr(0.0), &mx, true, false
	}
	marks := []string{"circle", "square", "triangle", "diamond", "x", "star", "plus", "dash"}
	for j, col := range blk.seriesCols {
		s := nseries{
			name:       fmt.Sprintf("%s!%s", quoteSheet(blk.sheet), absCell(col, blk.headRow)),
			val:        ref(col, blk.first, blk.last),
			color:      m.seriesColor(g.series[j]),
			legendName: g.series[j],
			inLegend:   true,
			marker:     marks[j%len(marks)],
			dashed:     j >= 8,
			texts:      map[int]string{},
			noLabel:    map[int]bool{},
		}
		if s.color == "" {
			s.color = "0072B2"
		}
		hasErr := false
		for i := range g.xs {
			cl := g.cells[i][j]
			switch {
			case cl.ok && cl.hidden && !c.line && !c.stacked:
				s.texts[i] = "." // a hidden bar is not a bar of zero
			case cl.ok && !cl.hidden && cl.mark != "" && cs.spec.Labels:
				s.texts[i] = format.Value(L, g.yKind, cl.v) + " " + cl.mark
			case cl.ok && !cl.hidden && cl.mark != "":
				s.texts[i] = cl.mark // as the image: the sign at the bar's end
			}
			if cl.ok && !cl.hidden && (cl.lo != nil || cl.hi != nil) {
				hasErr = true
			}
		}
		if hasErr && (m.kind == chart.Bar || m.kind == chart.GroupedBar || c.line) {
			s.minus, s.plus = make([]*float64, len(g.xs)), make([]*float64, len(g.xs))
			for i := range g.xs {
				cl := g.cells[i][j]
				if !cl.ok || cl.hidden {
					continue
				}
				if cl.lo != nil {
					s.minus[i] = ptr(cl.v - *cl.lo)
				}
				if cl.hi != nil {
					s.plus[i] = ptr(*cl.hi - cl.v)
				}
			}
		}
		switch {
		case m.kind == chart.Diverging:
			// A segment carries its share where the image prints it.
			s.labels, s.labelPos, s.labelFmt = true, "ctr", format.Excel(g.yKind, L, "")
			s.labelWhite = dark(s.color)
			for i := range g.xs {
				if cl := g.cells[i][j]; !cl.ok || cl.hidden || !m.labelFits(g.xs[i], g.series[j]) {
					s.noLabel[i] = true
				}
			}
		case cs.spec.Labels && c.stacked:
			s.labels, s.labelPos, s.labelFmt = true, "ctr", format.Excel(g.yKind, L, "")
			s.labelWhite = dark(s.color)
			// A segment too thin for its label stays unlabelled, as in
			// the image.
			for i := range g.xs {
				if cl := g.cells[i][j]; !cl.ok || cl.hidden || !m.labelFits(g.xs[i], g.series[j]) {
					s.noLabel[i] = true
				}
			}
		case cs.spec.Labels:
			s.labels, s.labelPos, s.labelFmt = true, "outEnd", format.Excel(g.yKind, L, "")
		case len(s.texts) > 0:
			s.labelPos = "outEnd"
			if c.line {
				s.labelPos = "t"
			}
		}
		c.series = append(c.series, s)
	}
	if len(cs.shortened) > 0 {
		// The stacks drawn without hidden parts end in "+ .": labels of an
		// empty series at the end of each stack, not in the legend.
		end := nseries{name: "+ .", zeros: len(g.xs), texts: map[int]string{}, labelPos: "inBase"}
		for i, x := range g.xs {
			if cs.shortened[x] {
				end.texts[i] = "+ ."
			}
		}
		c.series = append(c.series, end)
	}
	anchor := cell(blk.right, blk.headRow)
	if blk.anchor != "" {
		anchor = blk.anchor
	}
	b.addNative(blk.sheet, anchor, c)
}

// nativeHeight is the height of the native chart in pixels: room for
// every category, yet never more than a landscape A4 page holds, so the
// chart prints on one page.
func (m *sheetModel) nativeHeight() int {
	g := m.grid
	if g == nil {
		return 0
	}
	if m.kind == chart.Heatmap {
		if m.layout != nil {
			return m.layout.Height / 3 // the image, a third of its pixels
		}
		return 300
	}
	perCat := 16 * len(g.series)
	if m.kind == chart.StackedBar || m.kind == chart.Diverging || m.kind == chart.Line {
		perCat = 28
	}
	h := min(600, max(400, 150+len(g.xs)*perCat))
	if m.kind == chart.Line {
		h = 460
	}
	if m.chart != nil && m.chart.spec.Note != "" {
		h += 14 * (1 + len([]rune(m.chart.spec.Note))/95)
	}
	return min(640, h)
}

// labelFits says whether a segment is long enough for its label, as the
// image prints one only where it fits: the segment's share of the value
// axis on a plot about 560 points wide against 6 points a character.
func (m *sheetModel) labelFits(x, series string) bool {
	l := m.layout
	if l == nil {
		return true
	}
	for _, mk := range l.Marks {
		if mk.Category != x || mk.Series != series || mk.Label == "" {
			continue
		}
		ax, length := l.X, mk.Box.X1-mk.Box.X0
		if !l.Horizontal {
			ax, length = l.Y, mk.Box.Y1-mk.Box.Y0
		}
		if ax.Max <= ax.Min {
			return false
		}
		return length/(ax.Max-ax.Min)*560 >= float64(6*len([]rune(mk.Label))+4)
	}
	return false
}

// offsetSeries writes the invisible first series of a diverging chart:
// for each category, how far its bar starts right of the axis so that the
// centres line up. It is not in the legend and has no labels.
func (b *workbook) offsetSeries(blk *block, m *sheetModel) nseries {
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
		b.value(blk.sheet, col, blk.first+i, blk.maxLeft-left[i], format.Pct, "")
	}
	b.check(b.f.SetColWidth(blk.sheet, colLetter(col), colLetter(col), 11))
	blk.right++
	return nseries{
		name: fmt.Sprintf("%s!%s", quoteSheet(blk.sheet), absCell(col, blk.headRow)),
		val:  fmt.Sprintf("%s!%s:%s", quoteSheet(blk.sheet), absCell(col, blk.first), absCell(col, blk.last)),
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

// printPlan is what a sheet's print setup needs to know of its table.
type printPlan struct {
	headRow  int       // the table's header row, repeated on every page
	chartRow int       // the first row of the chart above the table; 0 none
	labels   int       // leading label columns, repeated on every page across
	widths   []float64 // the table's column widths
}

// Widths of an A4 page's printable area in column-width units (about 7 px
// each at 100 %), with 12 mm margins.
const (
	portraitUnits  = 96
	landscapeUnits = 142
	// readable is the smallest print scale fit-to-width may use: below it,
	// 11-point text shrinks under 8 points.
	readable = 0.72
)

// pageSetup prints a sheet on A4: portrait when its table fits, landscape
// when it needs to, shrunk to the page's width only while it stays
// readable; a wider table is cut into groups of columns, each page
// repeating the row labels, and the header row repeats on every page.
// The chart above the table prints on the first page, the table from the
// next. Every page names the report, the sheet and its number.
func (b *workbook) pageSetup(sh string) {
	pp := b.prints[sh]
	orient, fit := "portrait", false
	var breaks []int
	if pp != nil {
		total := 0.0
		for _, w := range pp.widths {
			total += w
		}
		switch {
		case total <= portraitUnits:
		case total <= landscapeUnits:
			orient = "landscape"
		case total*readable <= landscapeUnits:
			orient, fit = "landscape", true
		default:
			orient = "landscape"
			labels := 0.0
			for _, w := range pp.widths[:pp.labels] {
				labels += w
			}
			used := labels
			for j := pp.labels; j < len(pp.widths); j++ {
				if used+pp.widths[j] > landscapeUnits && used > labels {
					breaks = append(breaks, j+1)
					used = labels
				}
				used += pp.widths[j]
			}
		}
		for _, c := range breaks {
			b.check(b.f.InsertPageBreak(sh, cell(c, 1)))
		}
		if pp.chartRow > 0 {
			// The table starts a page of its own under the chart.
			b.check(b.f.InsertPageBreak(sh, cell(1, pp.headRow)))
		}
		if pp.headRow > 0 {
			ref := fmt.Sprintf("%s!$%d:$%d", quoteSheet(sh), pp.headRow, pp.headRow)
			if len(breaks) > 0 && pp.labels > 0 && !fit && total > landscapeUnits {
				ref = fmt.Sprintf("%s!$A:$%s,%s", quoteSheet(sh), colLetter(pp.labels), ref)
			}
			b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sh}))
		}
	} else {
		// Cover, methods, codebook, data quality: one page wide.
		orient, fit = "landscape", true
	}
	if fit {
		b.check(b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
		b.check(b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{
			Size: ptr(9), Orientation: ptr(orient), FitToWidth: ptr(1), FitToHeight: ptr(0),
		}))
	} else {
		b.check(b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{
			Size: ptr(9), Orientation: ptr(orient), AdjustTo: ptr(uint(100)), PageOrder: ptr("downThenOver"),
		}))
	}
	b.check(b.f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.47), Right: ptr(0.47), Top: ptr(0.6), Bottom: ptr(0.6), Header: ptr(0.25), Footer: ptr(0.25),
	}))
	b.check(b.f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: "&L&8" + hfText(b.bk.Title) + "&R&8&A",
		OddFooter: "&R&8&P / &N",
	}))
}

// hfText escapes & in header and footer text, which starts a code there.
func hfText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// rowHeight sets a row's height, at most Excel's 409 points: a long
// answer or description wraps into more lines than a row can show, and
// excelize refuses the taller height (the report would fail).
func (b *workbook) rowHeight(sh string, row int, h float64) {
	b.check(b.f.SetRowHeight(sh, row, min(h, excelize.MaxRowHeight)))
}
