package survey

import (
	"regexp"
	"strings"
)

// HeaderScan is how many rows from the top are searched for the header.
const HeaderScan = 40

// Layouts resonanz tells apart; Detect names one in Mapping.Layout.
const (
	LayoutMSForms      = "msforms"
	LayoutGoogleForms  = "googleforms"
	LayoutLimeSurvey   = "limesurvey"
	LayoutLimeCodes    = "limesurvey-codes"
	LayoutSurveyMonkey = "surveymonkey"
	LayoutQualtrics    = "qualtrics"
	LayoutHandTyped    = "handtyped"
	LayoutExcelCSV     = "excel-csv" // a sheet saved as CSV by a spreadsheet program
	LayoutGeneric      = "generic"
)

// LayoutName says in words which tool a layout comes from.
func LayoutName(layout string) string {
	switch layout {
	case LayoutMSForms:
		return "Microsoft Forms export"
	case LayoutGoogleForms:
		return "Google Forms responses"
	case LayoutLimeSurvey:
		return "LimeSurvey export with question texts"
	case LayoutLimeCodes:
		return "LimeSurvey export with question codes"
	case LayoutSurveyMonkey:
		return "SurveyMonkey export"
	case LayoutQualtrics:
		return "Qualtrics export"
	case LayoutHandTyped:
		return "hand-typed sheet"
	case LayoutExcelCSV:
		return "spreadsheet saved as CSV"
	}
	return "sheet of an unknown tool"
}

var (
	// LimeSurvey question codes: G01Q01, Q1, G02Q03[SQ001], Q1[SQ001][1],
	// Q1_SQ001_0. A code without a digit cannot be told from a word.
	limeCodeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*[0-9][A-Za-z0-9]*(\[[A-Za-z0-9_]+\])*$|^[A-Za-z]+[0-9]+_[A-Za-z0-9]+(_[0-9]+)?$`)
	importIDRE = regexp.MustCompile(`^\{\s*"ImportId"`)
	// German spreadsheet values: 13.11.2025 (14:03) dates, 4,5 decimals.
	germanRE = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$|^-?\d+,\d+$`)
)

// Detect finds the header among the first rows of a sheet and maps its
// columns. rows are the first HeaderScan rows that have cells. It returns the
// best candidate it found; ok is false when that maps no question of the
// survey (then Layout still says what the header looks like, e.g.
// LayoutLimeCodes for code headers that need a survey definition).
func (d *Definition) Detect(sheet string, rows []*Row) (m Mapping, ok bool) {
	// Without anything recognised, the first row is taken for the header.
	best, bestW := Mapping{Sheet: sheet}, -1.0
	for i, r := range rows {
		var next *Row
		if i+1 < len(rows) && rows[i+1].Num == r.Num+1 {
			next = rows[i+1]
		}
		cands := []Mapping{d.mapHeaders(sheet, r.Num, 1, headersOf(r), r.Width)}
		if next != nil && isSubHeader(next) {
			// SurveyMonkey: question text in the first column of each
			// question, option or "Response" in the row below.
			c := d.mapHeaders(sheet, r.Num, 2, joinSubHeader(r, next), max(r.Width, next.Width))
			c.Layout = LayoutSurveyMonkey
			cands = append(cands, c)
		}
		if next != nil && isStacked(r, rows[i+1:]) {
			// Qualtrics: column ids, then the question texts below them.
			c := d.mapStacked(sheet, r, next)
			c.Layout = LayoutQualtrics
			cands = append(cands, c)
		}
		for _, c := range cands {
			// Two-row candidates come after the one-row one: on a tie they win.
			if w := c.weight(); w > bestW || (w == bestW && c.HeaderRows > best.HeaderRows && c.HeaderRow == best.HeaderRow) {
				best, bestW = c, w
			}
		}
	}
	if best.HeaderRow == 0 {
		return best, false
	}
	best.SkipRows = metadataRows(rows, best.DataRow())
	if best.SkipRows > 0 && best.Layout == "" {
		best.Layout = LayoutQualtrics
	}
	if best.Layout == "" {
		best.Layout = guessLayout(best, rows)
	}
	if best.Layout == LayoutLimeCodes {
		for i, c := range best.Columns {
			if c.Kind == KindUnknown && limeCodeRE.MatchString(strings.TrimSpace(c.Header)) {
				best.Columns[i].Note = "a question code, which only a survey definition explains"
			}
		}
	}
	return best, bestW >= 2 && best.Score() > 0
}

func headersOf(r *Row) map[int]string {
	h := make(map[int]string, len(r.Cols))
	for j, c := range r.Cols {
		h[c] = r.Vals[j]
	}
	return h
}

func (d *Definition) mapHeaders(sheet string, headerRow, n int, headers map[int]string, width int) Mapping {
	m := Mapping{Sheet: sheet, HeaderRow: headerRow, HeaderRows: n}
	for c := 1; c <= width; c++ {
		h, ok := headers[c]
		if !ok {
			continue
		}
		m.Columns = append(m.Columns, d.classify(c, h))
	}
	return m
}

// mapStacked maps a header of column ids (top) with a row of texts below:
// a column is what its id says, unless only its text names a question.
func (d *Definition) mapStacked(sheet string, top, text *Row) Mapping {
	m := Mapping{Sheet: sheet, HeaderRow: top.Num, HeaderRows: 2}
	for c := 1; c <= max(top.Width, text.Width); c++ {
		id, t := strings.TrimSpace(top.Get(c)), strings.TrimSpace(text.Get(c))
		if id == "" && t == "" {
			continue
		}
		col := d.classify(c, id)
		if col.Kind == KindUnknown || (col.Kind != KindQuestion && id == "") {
			if byText := d.classify(c, t); byText.Kind != KindUnknown || id == "" {
				byText.Header = id
				col = byText
			}
		}
		if t != id {
			col.Text = t
		}
		if col.Header == "" {
			col.Header = t
		}
		m.Columns = append(m.Columns, col)
	}
	return m
}

// isStacked says a row of column ids has the question texts below it, as
// Qualtrics writes: the texts are followed by a row of {"ImportId": …}, or
// the ids include Qualtrics' own ResponseId.
func isStacked(top *Row, below []*Row) bool {
	if len(below) > 1 && below[1].Num == below[0].Num+1 && isMetadataRow(below[1]) {
		return true
	}
	for _, v := range top.Vals {
		if k := key(v); k == "responseid" {
			return true
		}
	}
	return false
}

// isMetadataRow is a row of Qualtrics import ids: most cells are {"ImportId": …}.
func isMetadataRow(r *Row) bool {
	n := 0
	for _, v := range r.Vals {
		if importIDRE.MatchString(v) {
			n++
		}
	}
	return n > 0 && 2*n >= len(r.Vals)
}

// metadataRows counts the metadata rows from row data on.
func metadataRows(rows []*Row, data int) int {
	n := 0
	for _, r := range rows {
		if r.Num < data+n {
			continue
		}
		if r.Num != data+n || !isMetadataRow(r) {
			break
		}
		n++
	}
	return n
}

// weight ranks header candidates: questions count most, recognised metadata
// columns help.
func (m *Mapping) weight() float64 {
	w := float64(m.Score())
	for _, c := range m.Columns {
		switch c.Kind {
		case KindID, KindSubmitted, KindPersonal, KindSystem:
			w += 0.5
		}
	}
	return w
}

func isSubHeader(r *Row) bool {
	for _, v := range r.Vals {
		if isResponseLabel(v) {
			return true
		}
	}
	return false
}

func isResponseLabel(v string) bool {
	switch key(v) {
	case "response", "open ended response", "antwort", "offene antwort":
		return true
	}
	return false
}

// joinSubHeader fills question texts forward over blank cells and appends
// the row-below label as " [label]", as SurveyMonkey's two header rows mean.
func joinSubHeader(top, sub *Row) map[int]string {
	out := map[int]string{}
	width := max(top.Width, sub.Width)
	q := ""
	for c := 1; c <= width; c++ {
		if t := strings.TrimSpace(top.Get(c)); t != "" {
			q = t
		}
		s := strings.TrimSpace(sub.Get(c))
		switch {
		case s == "" || isResponseLabel(s):
			if q != "" {
				out[c] = q
			}
		case q == "":
			out[c] = s
		case strings.TrimSpace(top.Get(c)) != "" && isMetaHeader(q):
			out[c] = q
		default:
			out[c] = q + " [" + s + "]"
		}
	}
	return out
}

func isMetaHeader(h string) bool {
	_, ok := systemHeaders[key(h)]
	return ok
}

func guessLayout(m Mapping, rows []*Row) string {
	has := func(names ...string) bool {
		for _, c := range m.Columns {
			for _, n := range names {
				if key(c.Header) == key(n) {
					return true
				}
			}
		}
		return false
	}
	codes := 0
	for _, c := range m.Columns {
		if limeCodeRE.MatchString(strings.TrimSpace(c.Header)) && c.Kind != KindID && c.Kind != KindSystem && c.Kind != KindSubmitted {
			codes++
		}
	}
	switch {
	case has("submitdate", "lastpage", "startlanguage"):
		if codes >= 3 {
			return LayoutLimeCodes
		}
		return LayoutLimeSurvey
	case codes >= 3 && len(m.Mapped()) < codes:
		return LayoutLimeCodes
	case has("Respondent ID") && has("Collector ID"):
		return LayoutSurveyMonkey
	case has("ResponseId", "Response ID") && has("RecordedDate", "Recorded Date"):
		return LayoutQualtrics
	case has("ID") && has("Startzeit", "Start time") && has("Fertigstellungszeit", "Completion time"):
		return LayoutMSForms
	case len(m.Columns) > 0 && (key(m.Columns[0].Header) == "zeitstempel" || key(m.Columns[0].Header) == "timestamp"):
		return LayoutGoogleForms
	case m.HeaderRow > 1:
		return LayoutHandTyped
	case m.Sheet == "" && germanValues(rows, m.DataRow()):
		return LayoutExcelCSV
	}
	return LayoutGeneric
}

// germanValues says the data rows hold German dates or decimal commas, as a
// sheet saved as CSV by a German spreadsheet program does.
func germanValues(rows []*Row, data int) bool {
	for _, r := range rows {
		if r.Num < data {
			continue
		}
		for _, v := range r.Vals {
			if germanRE.MatchString(strings.TrimSpace(v)) {
				return true
			}
		}
	}
	return false
}
