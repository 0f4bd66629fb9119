package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/survey"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

//go:embed report.html.tmpl
var pageTemplate string

var pageHTML = template.Must(template.New("report").Parse(pageTemplate))

type htmlPage struct {
	Lang, Title, Subtitle, Note string
	Contents                    []htmlLink
	Sections                    []htmlSection
	W                           map[string]string
}

type htmlLink struct{ ID, Text string }

// htmlSection is a sheet on the page.
type htmlSection struct {
	ID, Title, Description string
	Class                  string // cover, sheet or appendix
	Notes                  []string
	Error                  string
	Blocks                 []htmlBlock
	Wide                   bool // printed on a landscape page
}

type htmlBlock struct {
	Heading, Link string
	Facts         [][2]string
	Paras         []htmlPara
	Contents      bool
	Chart         template.HTML // sanitised inline SVG; "" without a chart
	ChartNarrow   template.HTML // the same chart laid out for a phone
	ChartKind     string
	ChartError    string
	Table         *htmlTable
	// Print holds the table split into groups of columns, each with the
	// row labels, when it is too wide for a page; nil when it fits.
	Print []htmlTable
	More  string // the rows the page leaves out
}

type htmlPara struct {
	Text, Link string
	Note       bool
}

type htmlTable struct {
	Caption string
	Head    []htmlCell
	Rows    [][]htmlCell
	Labels  int // leading row-label columns: sticky on a phone, repeated in print groups
}

type htmlCell struct {
	Text   string
	Num    bool
	Hidden bool
	Mark   string
	Style  template.CSS // background of a heatmap cell; only colours we made
}

// writeHTML writes OUT/report.html: the whole report on one page that loads
// nothing from elsewhere.
func writeHTML(bk *book.Book, models map[*book.Block]*blockModel, out string) (string, error) {
	L := bk.Lang
	p := htmlPage{Lang: L, Title: bk.Title, Subtitle: bk.Subtitle, Note: i18n.T(L, "html_note"), W: pageWords(L)}
	for i := range bk.Sheets {
		s := &bk.Sheets[i]
		p.Contents = append(p.Contents, htmlLink{s.ID, s.Title})
		sec, err := htmlSectionOf(bk, s, models)
		if err != nil {
			return "", fmt.Errorf("%s: %w", s.ID, err)
		}
		p.Sections = append(p.Sections, sec)
	}
	var buf bytes.Buffer
	if err := pageHTML.Execute(&buf, p); err != nil {
		return "", fmt.Errorf("html: %w", err)
	}
	path := filepath.Join(out, "report.html")
	if err := atomicfile.WriteFile(path, buf.Bytes()); err != nil {
		return "", err
	}
	return path, nil
}

func htmlSectionOf(bk *book.Book, s *book.Sheet, models map[*book.Block]*blockModel) (htmlSection, error) {
	L := bk.Lang
	sec := htmlSection{ID: s.ID, Title: s.Title, Description: s.Description, Class: "sheet", Notes: append([]string{}, s.Notes...)}
	switch s.Role {
	case book.Cover:
		sec.Class = "cover"
	case book.Appendix:
		sec.Class = "appendix"
	}
	if s.Err != nil {
		sec.Error = i18n.T(L, "query_failed") + ": " + s.Err.Error()
		return sec, nil
	}
	marked, protected := false, false
	for j := range s.Blocks {
		blk := &s.Blocks[j]
		hb := htmlBlock{Heading: blk.Heading, Link: blk.Link, Contents: blk.Contents}
		for _, f := range blk.Facts {
			hb.Facts = append(hb.Facts, [2]string{f.Label, format.Value(L, f.Format, f.Value)})
		}
		for _, pa := range blk.Paras {
			hb.Paras = append(hb.Paras, htmlPara{Text: pa.Text, Link: pa.Link, Note: pa.Note})
		}
		if bm := models[blk]; bm != nil {
			m := bm.m
			marked = marked || m.marked
			protected = protected || blk.Table.Protect != nil
			hb.ChartKind = string(m.kind)
			if m.chartErr != "" {
				hb.ChartError = i18n.T(L, "chart_failed") + ": " + m.chartErr
			}
			if m.svgData != nil {
				svg, err := inlineSVG(m.svgData, m.title, "wide")
				if err != nil {
					return sec, err
				}
				hb.Chart = svg
				if hb.ChartNarrow, err = inlineSVG(m.svgNarrow, m.title, "narrow"); err != nil {
					return sec, err
				}
			}
			t := htmlTableOf(L, m, blk.Table.Limit)
			hb.Table = &t
			var wide bool
			hb.Print, wide = printGroups(t)
			sec.Wide = sec.Wide || wide
			if lim := blk.Table.Limit; lim > 0 && len(blk.Table.Rows) > lim {
				hb.More = i18n.T(L, "rows_more", len(blk.Table.Rows)-lim)
			}
		}
		sec.Blocks = append(sec.Blocks, hb)
	}
	if protected && s.Role == book.Body {
		sec.Notes = append(sec.Notes, i18n.T(L, "suppressed_note", bk.MinN))
	}
	if marked {
		sec.Notes = append(sec.Notes, i18n.T(L, "marks_note"))
	}
	return sec, nil
}

// htmlTableOf is a block's table on the page, with hidden cells as ".",
// marks after their values and a heatmap's cells in the image's colours;
// at most limit rows when limit > 0.
func htmlTableOf(L string, m *sheetModel, limit int) htmlTable {
	t := m.s.Table
	tab := htmlTable{}
	cols := pageOrder(m.s, m.cols)
	for _, c := range cols {
		tab.Head = append(tab.Head, htmlCell{Text: m.heading(c), Num: isNumColumn(m.s, c)})
		if !isNumColumn(m.s, c) && len(tab.Head) == tab.Labels+1 {
			tab.Labels++
		}
	}
	// A wide heatmap table is the heatmap: its cells take the image's colours.
	series := map[int]string{}
	if m.grid != nil && m.grid.wide && m.kind == chart.Heatmap {
		for j, c := range m.grid.cols {
			series[c] = m.grid.series[j]
		}
	}
	for r, row := range t.Rows {
		if limit > 0 && r >= limit {
			break
		}
		var cells []htmlCell
		for _, c := range cols {
			v := row[c]
			k := m.s.kindOf(c, v)
			hc := htmlCell{Num: k != format.Text}
			switch {
			case m.s.hidden(r, c):
				hc.Text, hc.Hidden, hc.Num = ".", true, true
			default:
				hc.Text = format.Value(L, k, v)
				hc.Mark = m.s.mark(r, c)
				if sn, ok := series[c]; ok {
					if bg := m.cellColor(query.Text(row[m.grid.xCol]), sn); bg != "" {
						fg := "1A1A1A"
						if dark(bg) {
							fg = "FFFFFF"
						}
						hc.Style = template.CSS("background-color:#" + bg + ";color:#" + fg)
					}
				}
			}
			cells = append(cells, hc)
		}
		tab.Rows = append(tab.Rows, cells)
	}
	return tab
}

// pageOrder puts the columns phone readers need first: the row labels,
// then each estimate with its interval, then the counts and the rest.
// The workbook keeps the query's order, which analysts know.
func pageOrder(s *tableSheet, cols []int) []int {
	t := s.Table
	rank := func(c int) int {
		name := t.Columns[c]
		switch {
		case !isNumColumn(s, c):
			return 0
		case name == "value" || name == "mean" || name == "share" || name == survey.NPS || strings.HasSuffix(name, "_share") || strings.HasPrefix(name, "mean_") || strings.HasPrefix(name, "share_"):
			return 1
		case strings.Contains(name, "ci_low") || strings.Contains(name, "ci_high"):
			return 1
		}
		return 2
	}
	out := append([]int(nil), cols...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// printWidth is what a column group may take on a printed A4 page in
// characters of the table's 9-point text (landscape: 270 mm).
const printWidth = 150

// printGroups splits a table too wide for a portrait page into groups of
// columns for print, each repeating the row labels, so no column is cut
// off; a table that fits a landscape page in one piece is printed there
// whole instead. It returns nil for a table that fits portrait.
func printGroups(t htmlTable) ([]htmlTable, bool) {
	widths := make([]int, len(t.Head))
	for j, h := range t.Head {
		widths[j] = min(30, longestWord(h.Text)+2)
	}
	for _, row := range t.Rows {
		for j, c := range row {
			if j < len(widths) {
				widths[j] = max(widths[j], min(40, len([]rune(c.Text))+len([]rune(c.Mark))+2))
			}
		}
	}
	total := 0
	for _, w := range widths {
		total += w
	}
	switch {
	case total <= printWidth*7/10: // portrait: 186 mm
		return nil, false
	case total <= printWidth:
		return nil, true
	}
	labels := 0
	for j := 0; j < t.Labels; j++ {
		labels += widths[j]
	}
	var groups [][]int
	var cur []int
	used := labels
	for j := t.Labels; j < len(t.Head); j++ {
		if len(cur) > 0 && used+widths[j] > printWidth {
			groups = append(groups, cur)
			cur, used = nil, labels
		}
		cur = append(cur, j)
		used += widths[j]
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	var out []htmlTable
	for _, g := range groups {
		keep := make([]int, 0, t.Labels+len(g))
		for j := 0; j < t.Labels; j++ {
			keep = append(keep, j)
		}
		keep = append(keep, g...)
		part := htmlTable{Labels: t.Labels}
		for _, j := range keep {
			part.Head = append(part.Head, t.Head[j])
		}
		for _, row := range t.Rows {
			var r []htmlCell
			for _, j := range keep {
				if j < len(row) {
					r = append(r, row[j])
				}
			}
			part.Rows = append(part.Rows, r)
		}
		out = append(out, part)
	}
	return out, true
}

func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, len([]rune(w)))
	}
	return n
}

func isNumColumn(s *tableSheet, c int) bool {
	for _, row := range s.Table.Rows {
		if row[c] != nil {
			return s.kindOf(c, row[c]) != format.Text
		}
	}
	return false
}

// svgElements and svgAttrs are what inline charts may contain: the shapes
// and text gonum/plot draws. Anything else — scripts, links, external
// images, event handlers — makes inlineSVG fail rather than pass through.
var (
	svgElements = map[string]bool{
		"svg": true, "g": true, "path": true, "text": true, "tspan": true, "rect": true, "line": true,
		"circle": true, "ellipse": true, "polygon": true, "polyline": true, "title": true, "desc": true,
	}
	svgAttrs = map[string]bool{
		"d": true, "style": true, "transform": true, "x": true, "y": true, "dx": true, "dy": true,
		"width": true, "height": true, "viewBox": true, "fill": true, "stroke": true, "stroke-width": true,
		"x1": true, "y1": true, "x2": true, "y2": true, "cx": true, "cy": true, "r": true, "rx": true, "ry": true,
		"points": true, "text-anchor": true, "font-family": true, "font-size": true, "font-weight": true,
		"opacity": true, "fill-opacity": true, "stroke-opacity": true, "stroke-linecap": true, "stroke-linejoin": true,
		"stroke-dasharray": true, "version": true,
	}
	errSVG = errors.New("chart svg")
)

// inlineSVG re-serialises a chart's SVG for the page: only known elements
// and attributes, every text and value escaped, no width and height (CSS
// sizes it), a title for screen readers. The chart package escapes its
// labels already; this makes the page safe even if that ever changed.
func inlineSVG(data []byte, title, class string) (template.HTML, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: %v", errSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !svgElements[name] {
				return "", fmt.Errorf("%w: unexpected element <%s>", errSVG, name)
			}
			b.WriteString("<" + name)
			if depth == 0 {
				b.WriteString(` role="img" class="chart ` + class + `"`)
			}
			for _, a := range t.Attr {
				an := a.Name.Local
				if a.Name.Space == "xmlns" || an == "xmlns" || (depth == 0 && (an == "width" || an == "height")) {
					continue
				}
				if !svgAttrs[an] || a.Name.Space != "" {
					return "", fmt.Errorf("%w: unexpected attribute %s on <%s>", errSVG, an, name)
				}
				if v := strings.ToLower(a.Value); strings.Contains(v, "url(") || strings.Contains(v, "expression(") || strings.Contains(v, "javascript:") {
					return "", fmt.Errorf("%w: attribute %s refers to something outside the chart", errSVG, an)
				}
				fmt.Fprintf(&b, ` %s="%s"`, an, template.HTMLEscapeString(a.Value))
			}
			b.WriteString(">")
			if depth == 0 {
				b.WriteString("<title>" + template.HTMLEscapeString(title) + "</title>")
			}
			depth++
		case xml.EndElement:
			depth--
			b.WriteString("</" + t.Name.Local + ">")
		case xml.CharData:
			if depth > 0 {
				b.WriteString(template.HTMLEscapeString(string(t)))
			}
		}
	}
	if depth != 0 || b.Len() == 0 {
		return "", fmt.Errorf("%w: incomplete", errSVG)
	}
	return template.HTML(b.String()), nil // #nosec: built from escaped, allow-listed parts above
}

// pageWords are the catalogue texts the page template names as .W.key.
func pageWords(lang string) map[string]string {
	m := map[string]string{}
	for _, k := range []string{"contents"} {
		m[k] = i18n.T(lang, k)
	}
	return m
}
