package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// Input is everything a report shows.
type Input struct {
	Lang    string // "de" (default) or "en"
	MinN    int    // cells resting on fewer respondents are suppressed
	Event   Event
	Summary Summary
	Sheets  []Sheet // one per report query, in order
	Methods []string
	// Codebook rows: question, item, text, item_text, type, labels.
	Codebook *query.Table
	Imports  *query.Table
	Rejects  *query.Table
	Now      time.Time
}

// Event names what the report is about.
type Event struct {
	ID, Title, Date string
}

// Sheet is one query's result.
type Sheet struct {
	Query *query.Query
	Table *query.Table
	Err   error
}

// Summary holds the key figures of the cover sheet.
type Summary struct {
	Responses    int
	ByState      []Count
	BySector     []Count
	TopNeeds     []Figure
	Satisfaction Figure
	NPS          Figure
}

// Count is a labelled number of respondents.
type Count struct {
	Label string
	N     int
}

// Figure is a key figure with its base and interval.
type Figure struct {
	Label  string
	Value  float64
	N      int
	Lo, Hi float64 // NaN when not given
}

// Written says what Write produced.
type Written struct {
	Workbook string
	Sheets   map[string]string // query name → sheet name
	Charts   []string          // image files
}

// Write writes OUT/report.xlsx and OUT/charts/<query>.png and .svg.
func Write(in Input, out string) (*Written, error) {
	if in.Lang == "" {
		in.Lang = "de"
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if err := os.MkdirAll(filepath.Join(out, "charts"), 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	r := &writer{in: in, f: excelize.NewFile(), out: out, written: &Written{Sheets: map[string]string{}}}
	defer r.f.Close()
	if err := r.styles(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	steps := []func() error{r.summary}
	for i := range in.Sheets {
		s := &in.Sheets[i]
		steps = append(steps, func() error { return r.querySheet(s) })
	}
	steps = append(steps, r.methods, r.codebook, r.quality, r.props)
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	r.f.SetActiveSheet(0)
	path := filepath.Join(out, "report.xlsx")
	tmp := filepath.Join(out, ".report.tmp.xlsx") // excelize wants an xlsx extension
	if err := r.f.SaveAs(tmp); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	r.written.Workbook = path
	return r.written, nil
}

type writer struct {
	in      Input
	f       *excelize.File
	out     string
	written *Written
	st      struct{ title, sub, head, text, risky, int, dec1, pct, dot, key, note int }
	names   map[string]bool
}

func (r *writer) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = r.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "1F3864", Style: 2}}
	r.st.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}})
	r.st.sub = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: false}})
	r.st.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: border})
	r.st.text = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	// Text that looks like a formula: a string cell in Text format, so it
	// stays text even when someone edits it.
	r.st.risky = mk(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	r.st.int = mk(&excelize.Style{NumFmt: 1})
	r.st.dec1 = mk(&excelize.Style{NumFmt: 2, CustomNumFmt: strPtr("0.0")})
	r.st.pct = mk(&excelize.Style{CustomNumFmt: strPtr("0.0%")})
	r.st.dot = mk(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}, Font: &excelize.Font{Color: "7F7F7F"}})
	r.st.key = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}, CustomNumFmt: strPtr("0.0")})
	r.st.note = mk(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return err
}

func strPtr(s string) *string { return &s }

// sheetName makes a valid, unique sheet name (31 characters, no []:*?/\).
func (r *writer) sheetName(want string) string {
	if r.names == nil {
		r.names = map[string]bool{}
	}
	clean := strings.Map(func(c rune) rune {
		if strings.ContainsRune(`[]:*?/\`, c) {
			return '-'
		}
		return c
	}, want)
	clean = strings.Trim(clean, "' ")
	if rs := []rune(clean); len(rs) > 31 {
		clean = strings.TrimSpace(string(rs[:31]))
	}
	name := clean
	for i := 2; r.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		rs := []rune(clean)
		if len(rs)+len(suffix) > 31 {
			rs = rs[:31-len(suffix)]
		}
		name = string(rs) + suffix
	}
	r.names[strings.ToLower(name)] = true
	return name
}

func (r *writer) newSheet(want string) (string, error) {
	name := r.sheetName(want)
	if len(r.names) == 1 {
		return name, r.f.SetSheetName("Sheet1", name)
	}
	_, err := r.f.NewSheet(name)
	return name, err
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// text writes respondent or label text: always a string cell, never a
// formula; formula-like text gets the Text format.
func (r *writer) text(sheet string, col, row int, s string) error {
	ref := cell(col, row)
	if err := r.f.SetCellStr(sheet, ref, s); err != nil {
		return err
	}
	if sanitize.Risky(s) {
		return r.f.SetCellStyle(sheet, ref, ref, r.st.risky)
	}
	return nil
}

func (r *writer) num(sheet string, col, row int, v float64, style int) error {
	ref := cell(col, row)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	if err := r.f.SetCellFloat(sheet, ref, v, -1, 64); err != nil {
		return err
	}
	return r.f.SetCellStyle(sheet, ref, ref, style)
}

func (r *writer) summary() error {
	in := r.in
	L := in.Lang
	sh, err := r.newSheet(w(L, "summary"))
	if err != nil {
		return err
	}
	title := w(L, "report_title")
	if in.Event.Title != "" {
		title += ": " + in.Event.Title
	}
	if err := r.text(sh, 1, 1, title); err != nil {
		return err
	}
	r.f.SetCellStyle(sh, "A1", "A1", r.st.title)
	row := 3
	kv := func(k, v string) {
		r.text(sh, 1, row, k)
		r.text(sh, 2, row, v)
		row++
	}
	kv(w(L, "event"), in.Event.ID)
	if in.Event.Date != "" {
		kv(w(L, "date"), in.Event.Date)
	}
	kv(w(L, "generated"), in.Now.Format("2006-01-02 15:04"))
	r.text(sh, 1, row, w(L, "responses"))
	r.f.SetCellInt(sh, cell(2, row), int64(in.Summary.Responses))
	r.f.SetCellStyle(sh, cell(2, row), cell(2, row), r.st.key)
	row += 2

	fig := func(label string, f Figure, style int) {
		r.text(sh, 1, row, label)
		if f.N > 0 && !math.IsNaN(f.Value) {
			r.num(sh, 2, row, f.Value, style)
			r.text(sh, 3, row, fmt.Sprintf("n = %d", f.N))
			if !math.IsNaN(f.Lo) && !math.IsNaN(f.Hi) {
				r.text(sh, 4, row, fmt.Sprintf("%s: %s – %s", w(L, "ci"), fmtNum(L, f.Lo, 2), fmtNum(L, f.Hi, 2)))
			}
		} else {
			r.text(sh, 2, row, ".")
			r.f.SetCellStyle(sh, cell(2, row), cell(2, row), r.st.dot)
		}
		row++
	}
	fig(w(L, "satisfaction"), in.Summary.Satisfaction, r.st.key)
	fig(w(L, "nps"), in.Summary.NPS, r.st.key)
	row++
	r.text(sh, 1, row, w(L, "top_needs"))
	r.f.SetCellStyle(sh, cell(1, row), cell(1, row), r.st.head)
	r.f.SetCellStyle(sh, cell(2, row), cell(4, row), r.st.head)
	row++
	for _, f := range in.Summary.TopNeeds {
		fig(f.Label, f, r.st.dec1)
	}
	row++
	counts := func(title string, cs []Count) {
		r.text(sh, 1, row, title)
		r.text(sh, 2, row, w(L, "n"))
		r.f.SetCellStyle(sh, cell(1, row), cell(2, row), r.st.head)
		row++
		for _, c := range cs {
			r.text(sh, 1, row, c.Label)
			if hide(c.N, in.MinN) {
				r.text(sh, 2, row, ".")
				r.f.SetCellStyle(sh, cell(2, row), cell(2, row), r.st.dot)
			} else {
				r.f.SetCellInt(sh, cell(2, row), int64(c.N))
			}
			row++
		}
		row++
	}
	counts(w(L, "by_state"), in.Summary.ByState)
	counts(w(L, "by_sector"), in.Summary.BySector)
	r.text(sh, 1, row, fmt.Sprintf(w(L, "suppressed_note"), in.MinN))
	r.f.SetCellStyle(sh, cell(1, row), cell(1, row), r.st.note)
	r.f.SetColWidth(sh, "A", "A", 48)
	r.f.SetColWidth(sh, "B", "C", 14)
	r.f.SetColWidth(sh, "D", "D", 40)
	return nil
}

// hide says whether a count rests on too few respondents to be shown.
func hide(n, minN int) bool { return n > 0 && n < minN }

func fmtNum(lang string, v float64, dec int) string {
	s := fmt.Sprintf("%.*f", dec, v)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// codeColumns are technical columns left out of stakeholder sheets when a
// readable counterpart is present.
var codeColumns = map[string]string{"state": "state_name", "sector": "sector_name", "item": "item_text", "question": "question_text"}

func visibleColumns(t *query.Table) []int {
	var cols []int
	for i, c := range t.Columns {
		if alt, ok := codeColumns[c]; ok && t.Col(alt) >= 0 {
			continue
		}
		if c == "sd" {
			continue // the interval says it better for readers
		}
		cols = append(cols, i)
	}
	return cols
}

// suppressed marks rows whose n is below minN.
func suppressed(t *query.Table, minN int) []bool {
	out := make([]bool, len(t.Rows))
	n := t.Col("n")
	if n < 0 || minN <= 1 {
		return out
	}
	for i, row := range t.Rows {
		if c, ok := row[n].(int64); ok && hide(int(c), minN) {
			out[i] = true
		}
	}
	return out
}

func isShareColumn(t *query.Table, c string) bool {
	if strings.Contains(c, "share") {
		return true
	}
	if (c == "ci_low" || c == "ci_high") && t.Col("share") >= 0 && t.Col("mean") < 0 {
		return true
	}
	return false
}

func (r *writer) querySheet(s *Sheet) error {
	L := r.in.Lang
	q := s.Query
	sh, err := r.newSheet(q.Title(L))
	if err != nil {
		return err
	}
	r.written.Sheets[q.Name] = sh
	r.text(sh, 1, 1, q.Title(L))
	r.f.SetCellStyle(sh, "A1", "A1", r.st.title)
	r.text(sh, 1, 2, q.Description(L))
	r.f.SetCellStyle(sh, "A2", "A2", r.st.sub)
	r.text(sh, 1, 3, fmt.Sprintf(w(L, "suppressed_note"), r.in.MinN)+"  "+w(L, "source")+": "+q.Source+" ("+q.Name+")")
	r.f.SetCellStyle(sh, "A3", "A3", r.st.note)
	if s.Err != nil {
		return r.text(sh, 1, 5, w(L, "query_failed")+": "+s.Err.Error())
	}
	t := s.Table
	cols := visibleColumns(t)
	hidden := suppressed(t, r.in.MinN)
	const headRow = 5
	widths := make([]int, len(cols))
	for j, ci := range cols {
		name := colName(L, t.Columns[ci])
		r.text(sh, j+1, headRow, name)
		widths[j] = max(8, len([]rune(name))+2)
	}
	if len(cols) > 0 {
		r.f.SetCellStyle(sh, cell(1, headRow), cell(len(cols), headRow), r.st.head)
	}
	for i, row := range t.Rows {
		rn := headRow + 1 + i
		for j, ci := range cols {
			c := t.Columns[ci]
			switch v := row[ci].(type) {
			case nil:
			case string:
				r.text(sh, j+1, rn, v)
				widths[j] = max(widths[j], min(50, len([]rune(v))+2))
			case float64, int64:
				if hidden[i] {
					r.text(sh, j+1, rn, ".")
					r.f.SetCellStyle(sh, cell(j+1, rn), cell(j+1, rn), r.st.dot)
					continue
				}
				f := toFloat(v)
				style := r.st.dec1
				switch {
				case isShareColumn(t, c):
					style = r.st.pct
				case isInt(v) || c == "n":
					style = r.st.int
				}
				r.num(sh, j+1, rn, f, style)
			default:
				r.text(sh, j+1, rn, query.Text(v))
			}
		}
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		r.f.SetColWidth(sh, col, col, float64(wd))
	}
	if len(cols) > 0 {
		last := headRow + max(1, len(t.Rows))
		r.f.AutoFilter(sh, cell(1, headRow)+":"+cell(len(cols), last), nil)
		r.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: cell(1, headRow+1), ActivePane: "bottomLeft"})
	}
	if q.Meta.Chart == "none" || len(t.Rows) == 0 {
		return nil
	}
	pv, err := pivotOf(t, q, hidden)
	if err != nil {
		return r.text(sh, len(cols)+2, headRow, err.Error())
	}
	if err := r.nativeChart(sh, len(cols)+2, headRow, q, pv); err != nil {
		return err
	}
	return r.image(q, pv)
}

func isInt(v any) bool { _, ok := v.(int64); return ok }

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return math.NaN()
}

// pivot is a query result in chart shape: categories × series.
type pivot struct {
	xs, series []string
	val        map[[2]string]float64
	lo, hi     map[[2]string]float64
	missing    map[[2]string]bool
	ns         map[[2]string]int64
}

func pivotOf(t *query.Table, q *query.Query, hidden []bool) (*pivot, error) {
	m := q.Meta
	xi, yi, si := t.Col(m.X), t.Col(m.Y), -1
	if xi < 0 || yi < 0 {
		return nil, fmt.Errorf("chart: the query has no column %q or %q", m.X, m.Y)
	}
	if m.Series != "" {
		if si = t.Col(m.Series); si < 0 {
			return nil, fmt.Errorf("chart: the query has no series column %q", m.Series)
		}
	}
	loi, hii, ni := t.Col(m.ErrLow), t.Col(m.ErrHigh), t.Col("n")
	p := &pivot{val: map[[2]string]float64{}, lo: map[[2]string]float64{}, hi: map[[2]string]float64{}, missing: map[[2]string]bool{}, ns: map[[2]string]int64{}}
	seenX, seenS := map[string]bool{}, map[string]bool{}
	for i, row := range t.Rows {
		x := query.Text(row[xi])
		s := ""
		if si >= 0 {
			s = query.Text(row[si])
		}
		if !seenX[x] {
			seenX[x] = true
			p.xs = append(p.xs, x)
		}
		if !seenS[s] {
			seenS[s] = true
			p.series = append(p.series, s)
		}
		k := [2]string{x, s}
		if hidden[i] {
			p.missing[k] = true
			continue
		}
		if row[yi] == nil {
			continue // not asked or no answers: no point, never a zero
		}
		p.val[k] = toFloat(row[yi])
		if loi >= 0 && hii >= 0 && row[loi] != nil && row[hii] != nil {
			p.lo[k], p.hi[k] = toFloat(row[loi]), toFloat(row[hii])
		}
		if ni >= 0 {
			if n, ok := row[ni].(int64); ok {
				p.ns[k] = n
			}
		}
	}
	if m.Sort != "" && len(p.series) == 1 {
		s := p.series[0]
		sort.SliceStable(p.xs, func(a, b int) bool {
			va, vb := p.val[[2]string{p.xs[a], s}], p.val[[2]string{p.xs[b], s}]
			if m.Sort == "desc" {
				return va > vb
			}
			return va < vb
		})
	}
	return p, nil
}

var nativeType = map[string]excelize.ChartType{
	"bar": excelize.Bar, "grouped_bar": excelize.Bar, "stacked_bar": excelize.BarStacked,
	"line": excelize.Line, "diverging": excelize.BarPercentStacked,
}

// nativeChart writes the pivot as a block of cells beside the table and an
// editable Excel chart on it; a heatmap is the block with a colour scale.
func (r *writer) nativeChart(sh string, col, row int, q *query.Query, p *pivot) error {
	L := r.in.Lang
	r.text(sh, col, row-1, w(L, "chart_data"))
	r.text(sh, col, row, colName(L, q.Meta.X))
	for j, s := range p.series {
		name := s
		if name == "" {
			name = colName(L, q.Meta.Y)
		}
		r.text(sh, col+1+j, row, name)
	}
	r.f.SetCellStyle(sh, cell(col, row), cell(col+len(p.series), row), r.st.head)
	style := r.st.dec1
	if isShareColumn(&query.Table{Columns: []string{q.Meta.Y}}, q.Meta.Y) {
		style = r.st.pct
	}
	for i, x := range p.xs {
		r.text(sh, col, row+1+i, x)
		for j, s := range p.series {
			k := [2]string{x, s}
			if p.missing[k] {
				r.text(sh, col+1+j, row+1+i, ".")
				r.f.SetCellStyle(sh, cell(col+1+j, row+1+i), cell(col+1+j, row+1+i), r.st.dot)
				continue
			}
			if v, ok := p.val[k]; ok {
				r.num(sh, col+1+j, row+1+i, v, style)
			}
		}
	}
	colL, _ := excelize.ColumnNumberToName(col)
	r.f.SetColWidth(sh, colL, colL, 28)
	first, last := row+1, row+len(p.xs)
	if q.Meta.Chart == "heatmap" {
		rng := cell(col+1, first) + ":" + cell(col+len(p.series), last)
		return r.f.SetConditionalFormat(sh, rng, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max",
			MinColor: "#F7FBFF", MidColor: "#9ECAE1", MaxColor: "#08519C",
		}})
	}
	ct, ok := nativeType[q.Meta.Chart]
	if !ok {
		ct = excelize.Bar
	}
	var series []excelize.ChartSeries
	for j := range p.series {
		c := col + 1 + j
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!%s", sh, absCell(c, row)),
			Categories: fmt.Sprintf("'%s'!%s:%s", sh, absCell(col, first), absCell(col, last)),
			Values:     fmt.Sprintf("'%s'!%s:%s", sh, absCell(c, first), absCell(c, last)),
		})
	}
	ch := &excelize.Chart{
		Type:      ct,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: q.Title(L)}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: uint(max(360, 60+len(p.xs)*len(p.series)*14))},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: q.Meta.YMin, Maximum: q.Meta.YMax},
		XAxis:     excelize.ChartAxis{ReverseOrder: ct == excelize.Bar || ct == excelize.BarStacked},
	}
	if len(p.series) == 1 && p.series[0] == "" {
		ch.Legend.Position = "none"
	}
	return r.f.AddChart(sh, cell(col, last+3), ch)
}

func absCell(col, row int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("$%s$%d", c, row)
}

// image renders the chart as PNG and SVG for slides.
func (r *writer) image(q *query.Query, p *pivot) error {
	L := r.in.Lang
	var d chart.Data
	d.XOrder = p.xs
	omitted := 0
	for _, x := range p.xs {
		for _, s := range p.series {
			k := [2]string{x, s}
			pt := chart.Point{X: x, Series: s}
			if p.missing[k] {
				pt.Missing = true
				omitted++
			} else if v, ok := p.val[k]; ok {
				pt.Y = v
				if lo, ok := p.lo[k]; ok {
					hi := p.hi[k]
					pt.Lo, pt.Hi = &lo, &hi
				}
			} else {
				continue
			}
			d.Points = append(d.Points, pt)
		}
	}
	if len(p.series) > 1 || p.series[0] != "" {
		d.SeriesOrder = p.series
	}
	spec := chart.Spec{
		Kind:       chart.Kind(q.Meta.Chart),
		Title:      fmt.Sprintf("%s (n = %d, %s)", q.Title(L), r.in.Summary.Responses, r.in.Event.ID),
		X:          colName(L, q.Meta.X),
		Y:          colName(L, q.Meta.Y),
		Lang:       L,
		YMin:       q.Meta.YMin,
		YMax:       q.Meta.YMax,
		Horizontal: q.Meta.Chart == "bar" || q.Meta.Chart == "grouped_bar",
	}
	if omitted > 0 {
		spec.Note = fmt.Sprintf(w(L, "chart_omitted"), r.in.MinN)
	}
	png := filepath.Join(r.out, "charts", q.Name+".png")
	svg := filepath.Join(r.out, "charts", q.Name+".svg")
	if _, err := chart.Render(spec, d, png, svg); err != nil {
		return fmt.Errorf("%s: %w", q.Name, err)
	}
	r.written.Charts = append(r.written.Charts, png, svg)
	return nil
}

func (r *writer) methods() error {
	L := r.in.Lang
	sh, err := r.newSheet(w(L, "methods"))
	if err != nil {
		return err
	}
	r.text(sh, 1, 1, w(L, "methods"))
	r.f.SetCellStyle(sh, "A1", "A1", r.st.title)
	row := 3
	r.text(sh, 1, row, w(L, "how_computed"))
	r.f.SetCellStyle(sh, cell(1, row), cell(1, row), r.st.head)
	row++
	for _, p := range r.in.Methods {
		r.text(sh, 1, row, p)
		r.f.SetCellStyle(sh, cell(1, row), cell(1, row), r.st.note)
		r.f.SetRowHeight(sh, row, float64(15*(1+len(p)/110)))
		row++
	}
	r.f.SetColWidth(sh, "A", "A", 120)
	return nil
}

func (r *writer) plainTable(sh string, row int, t *query.Table) int {
	L := r.in.Lang
	if t == nil {
		return row
	}
	for j, c := range t.Columns {
		r.text(sh, j+1, row, colName(L, c))
	}
	if len(t.Columns) > 0 {
		r.f.SetCellStyle(sh, cell(1, row), cell(len(t.Columns), row), r.st.head)
	}
	row++
	for _, rec := range t.Rows {
		for j, v := range rec {
			switch x := v.(type) {
			case nil:
			case string:
				r.text(sh, j+1, row, x)
			case int64:
				r.f.SetCellInt(sh, cell(j+1, row), x)
			case float64:
				r.num(sh, j+1, row, x, r.st.dec1)
			default:
				r.text(sh, j+1, row, query.Text(v))
			}
		}
		row++
	}
	return row
}

func (r *writer) codebook() error {
	L := r.in.Lang
	sh, err := r.newSheet(w(L, "codebook"))
	if err != nil {
		return err
	}
	r.text(sh, 1, 1, w(L, "codebook"))
	r.f.SetCellStyle(sh, "A1", "A1", r.st.title)
	r.plainTable(sh, 3, r.in.Codebook)
	r.f.SetColWidth(sh, "A", "B", 24)
	r.f.SetColWidth(sh, "C", "D", 50)
	r.f.SetColWidth(sh, "E", "E", 10)
	r.f.SetColWidth(sh, "F", "F", 80)
	return r.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
}

func (r *writer) quality() error {
	L := r.in.Lang
	sh, err := r.newSheet(w(L, "quality"))
	if err != nil {
		return err
	}
	r.text(sh, 1, 1, w(L, "quality"))
	r.f.SetCellStyle(sh, "A1", "A1", r.st.title)
	r.text(sh, 1, 3, w(L, "files"))
	row := r.plainTable(sh, 4, r.in.Imports) + 1
	r.text(sh, 1, row, w(L, "rejects"))
	row++
	if r.in.Rejects == nil || len(r.in.Rejects.Rows) == 0 {
		r.text(sh, 1, row, w(L, "no_rejects"))
	} else {
		r.plainTable(sh, row, r.in.Rejects)
	}
	r.f.SetColWidth(sh, "A", "A", 28)
	r.f.SetColWidth(sh, "B", "L", 16)
	return nil
}

func (r *writer) props() error {
	L := r.in.Lang
	lang := "de-DE"
	if L == "en" {
		lang = "en-GB"
	}
	title := w(L, "report_title")
	if r.in.Event.Title != "" {
		title += ": " + r.in.Event.Title
	}
	return r.f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: r.in.Event.ID, Creator: "resonanz", LastModifiedBy: "resonanz",
		Language: lang, Description: "resonanz report", Created: r.in.Now.UTC().Format(time.RFC3339),
		Modified: r.in.Now.UTC().Format(time.RFC3339),
	})
}
