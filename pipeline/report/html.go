package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

//go:embed report.html.tmpl
var pageTemplate string

var page = template.Must(template.New("report").Parse(pageTemplate))

// htmlRejectLimit caps the rejects listed on the page; the workbook has all.
const htmlRejectLimit = 200

type htmlPage struct {
	Lang, Title, Note string
	Facts             [][2]string // label, value
	Contents          []htmlLink
	KeyFigures        []htmlFigure
	Summary           []htmlTable
	SummaryNote       string
	Sheets            []htmlSheet
	Methods           htmlMethods
	Codebook          htmlTable
	Imports, Rejects  htmlTable
	RejectsMore       string
	W                 map[string]string
}

type htmlLink struct{ ID, Text string }

type htmlFigure struct {
	Label, Value, N, CI string
}

type htmlSheet struct {
	ID, Title, Description string
	Notes                  []string
	Chart                  template.HTML // sanitised inline SVG; "" without a chart
	ChartKind              string
	ChartError             string
	Error                  string
	Table                  htmlTable
}

type htmlTable struct {
	Caption string
	Head    []htmlCell
	Rows    [][]htmlCell
}

type htmlCell struct {
	Text   string
	Num    bool
	Hidden bool
	Mark   string
	Style  template.CSS // background of a heatmap cell; only colours we made
}

type htmlMethods struct {
	Questions  htmlTable
	Paragraphs []string
	Rule       string
}

// writeHTML writes OUT/report.html: the whole report on one page that loads
// nothing from elsewhere.
func writeHTML(in *Input, models []*sheetModel, sheetOf map[string]string, out string) (string, error) {
	L := in.Lang
	p := htmlPage{Lang: L, Note: i18n.T(L, "html_note"), W: pageWords(L)}
	p.Title = in.Title()
	p.Facts = append(p.Facts, [2]string{i18n.T(L, "event"), in.Event.Label()})
	if in.Event.Date != "" {
		p.Facts = append(p.Facts, [2]string{i18n.T(L, "date"), formatDate(L, in.Event.Date)})
	}
	if c := in.compared(); c != "" {
		p.Facts = append(p.Facts, [2]string{i18n.T(L, "compared"), c})
	}
	p.Facts = append(p.Facts,
		[2]string{i18n.T(L, "responses"), formatValue(L, kInt, int64(in.Summary.Responses))},
		[2]string{i18n.T(L, "generated"), formatTime(L, in.Now)})
	p.Contents = append(p.Contents, htmlLink{"summary", i18n.T(L, "summary")})
	p.summary(in)
	for i, m := range models {
		s, err := htmlSheetOf(in, m, i)
		if err != nil {
			return "", fmt.Errorf("%s: %w", m.name, err)
		}
		p.Sheets = append(p.Sheets, s)
		p.Contents = append(p.Contents, htmlLink{s.ID, s.Title})
	}
	p.Contents = append(p.Contents,
		htmlLink{"methods", i18n.T(L, "methods")}, htmlLink{"codebook", i18n.T(L, "codebook")}, htmlLink{"quality", i18n.T(L, "quality")})
	p.methods(in)
	p.Codebook = plainHTML(L, in.Codebook, func(col string, v any) any {
		if s, ok := v.(string); ok && col == "type" {
			return i18n.Type(L, s)
		}
		return v
	}, -1)
	p.Imports = plainHTML(L, in.Imports, nil, -1)
	p.Rejects = plainHTML(L, in.Rejects, nil, htmlRejectLimit)
	if in.Rejects != nil && len(in.Rejects.Rows) > htmlRejectLimit {
		p.RejectsMore = i18n.T(L, "rejects_more", len(in.Rejects.Rows)-htmlRejectLimit)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, p); err != nil {
		return "", fmt.Errorf("html: %w", err)
	}
	path := filepath.Join(out, "report.html")
	if err := writeFile(path, func(f *os.File) error { _, err := f.Write(buf.Bytes()); return err }); err != nil {
		return "", err
	}
	return path, nil
}

func (p *htmlPage) summary(in *Input) {
	L := in.Lang
	s := in.Summary
	fig := func(label string, f Figure, k kind) htmlFigure {
		h := htmlFigure{Label: label, Value: ".", N: "n = ."}
		if !f.Hidden {
			h.N = "n = " + formatValue(L, kInt, int64(f.N))
		}
		if !f.Hidden && f.N > 0 && !math.IsNaN(f.Value) {
			h.Value = formatValue(L, k, f.Value)
			if !math.IsNaN(f.Lo) && !math.IsNaN(f.Hi) {
				h.CI = i18n.T(L, "ci") + ": " + formatValue(L, k, f.Lo) + " – " + formatValue(L, k, f.Hi)
			}
		}
		return h
	}
	p.KeyFigures = []htmlFigure{
		{Label: i18n.T(L, "responses"), Value: formatValue(L, kInt, int64(s.Responses))},
		fig(i18n.T(L, "satisfaction"), s.Satisfaction, kDec1),
		fig(i18n.T(L, "nps"), s.NPS, kNPS),
	}
	if len(s.TopNeeds) > 0 {
		t := htmlTable{Caption: i18n.T(L, "top_needs"), Head: heads(i18n.T(L, "item"), i18n.T(L, "mean"), i18n.T(L, "n"), i18n.T(L, "ci"))}
		for _, f := range s.TopNeeds {
			h := fig(f.Label, f, kDec1)
			n := num(formatValue(L, kInt, int64(f.N)), false)
			if f.Hidden {
				n = num(".", true)
			}
			t.Rows = append(t.Rows, []htmlCell{{Text: f.Label}, num(h.Value, h.Value == "."), n,
				{Text: strings.TrimPrefix(h.CI, i18n.T(L, "ci")+": "), Num: true}})
		}
		p.Summary = append(p.Summary, t)
	}
	counts := func(title, label string, cs []Count) {
		t := htmlTable{Caption: title, Head: heads(label, i18n.T(L, "n"), i18n.T(L, "share"))}
		for _, c := range cs {
			row := []htmlCell{{Text: c.Label}, num(".", true), num(".", true)}
			if !c.Hidden {
				row[1] = num(formatValue(L, kInt, int64(c.N)), false)
				if s.Responses > 0 {
					row[2] = num(formatValue(L, kPct, float64(c.N)/float64(s.Responses)), false)
				}
			}
			t.Rows = append(t.Rows, row)
		}
		p.Summary = append(p.Summary, t)
	}
	counts(i18n.T(L, "by_state"), i18n.Column(L, "state_name"), s.ByState)
	counts(i18n.T(L, "by_sector"), i18n.Column(L, "sector_name"), s.BySector)
	p.SummaryNote = i18n.T(L, "suppressed_note", in.MinN)
}

func heads(hs ...string) []htmlCell {
	out := make([]htmlCell, len(hs))
	for i, h := range hs {
		out[i] = htmlCell{Text: h, Num: i > 0}
	}
	return out
}

func num(s string, hidden bool) htmlCell { return htmlCell{Text: s, Num: true, Hidden: hidden} }

func htmlSheetOf(in *Input, m *sheetModel, i int) (htmlSheet, error) {
	L := in.Lang
	q := m.s.Query
	s := htmlSheet{ID: fmt.Sprintf("t%d-%s", i+1, q.Name), Title: m.title, Description: q.Description(L), ChartKind: string(m.kind)}
	s.Notes = append(s.Notes, m.s.Notes...)
	s.Notes = append(s.Notes, i18n.T(L, "suppressed_note", in.MinN))
	if m.marked {
		s.Notes = append(s.Notes, i18n.T(L, "marks_note"))
	}
	if m.s.Err != nil {
		s.Error = i18n.T(L, "query_failed") + ": " + m.s.Err.Error()
		return s, nil
	}
	if m.chartErr != "" {
		s.ChartError = i18n.T(L, "chart_failed") + ": " + m.chartErr
	}
	if m.svgData != nil {
		svg, err := inlineSVG(m.svgData, m.title)
		if err != nil {
			return s, err
		}
		s.Chart = svg
	}
	t := m.s.Table
	tab := htmlTable{}
	for _, c := range m.cols {
		tab.Head = append(tab.Head, htmlCell{Text: m.heading(c), Num: isNumColumn(t, c)})
	}
	// A wide heatmap table is the heatmap: its cells take the image's colours.
	series := map[int]string{}
	if m.grid != nil && m.grid.wide && m.kind == chart.Heatmap {
		for j, c := range m.grid.cols {
			series[c] = m.grid.series[j]
		}
	}
	for r, row := range t.Rows {
		var cells []htmlCell
		for _, c := range m.cols {
			v := row[c]
			k := kindOf(t, c, v)
			hc := htmlCell{Num: k != kText}
			switch {
			case m.s.hidden(r, c):
				hc.Text, hc.Hidden, hc.Num = ".", true, true
			default:
				hc.Text = formatValue(L, k, v)
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
	s.Table = tab
	return s, nil
}

func isNumColumn(t *query.Table, c int) bool {
	for _, row := range t.Rows {
		if row[c] != nil {
			return kindOf(t, c, row[c]) != kText
		}
	}
	return false
}

func (p *htmlPage) methods(in *Input) {
	L := in.Lang
	q := htmlTable{Head: heads(i18n.Column(L, "question"), i18n.Column(L, "question_text"), i18n.Column(L, "type"), i18n.T(L, "n"))}
	q.Head[1].Num, q.Head[2].Num = false, false
	for _, x := range in.Questions {
		n := num(formatValue(L, kInt, int64(x.N)), false)
		if x.Hidden {
			n = num(".", true)
		}
		q.Rows = append(q.Rows, []htmlCell{{Text: x.ID}, {Text: x.Text}, {Text: i18n.Type(L, x.Type)}, n})
	}
	p.Methods = htmlMethods{Questions: q, Paragraphs: in.Methods, Rule: i18n.T(L, "rule_text", in.MinN, in.MinN)}
}

// plainHTML shows a table without suppression (codebook, imports, rejects);
// limit < 0 shows every row.
func plainHTML(lang string, t *query.Table, conv func(col string, v any) any, limit int) htmlTable {
	var h htmlTable
	if t == nil {
		return h
	}
	for c, name := range t.Columns {
		h.Head = append(h.Head, htmlCell{Text: i18n.Column(lang, name), Num: isNumColumn(t, c)})
	}
	for i, row := range t.Rows {
		if limit >= 0 && i >= limit {
			break
		}
		var cells []htmlCell
		for c, v := range row {
			if conv != nil {
				v = conv(t.Columns[c], v)
			}
			k := kindOf(t, c, v)
			cells = append(cells, htmlCell{Text: formatValue(lang, k, v), Num: k != kText})
		}
		h.Rows = append(h.Rows, cells)
	}
	return h
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
func inlineSVG(data []byte, title string) (template.HTML, error) {
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
				b.WriteString(` role="img" class="chart"`)
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
	for _, k := range []string{"contents", "summary", "methods", "what_asked", "how_computed", "rule_applied", "codebook", "quality", "files", "rejects", "no_rejects"} {
		m[k] = i18n.T(lang, k)
	}
	return m
}
