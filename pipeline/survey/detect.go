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
	LayoutGeneric      = "generic"
)

var (
	limeCodeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\[[A-Za-z0-9_]+\])*$|^G\d+Q\d+`)
	importIDRE = regexp.MustCompile(`^\{\s*"ImportId"`)
)

// Detect finds the header among the first rows of a sheet and maps its
// columns. rows are the first HeaderScan rows that have cells. ok is false
// when no row looks like a header of this survey.
func (d *Definition) Detect(sheet string, rows []*Row) (m Mapping, ok bool) {
	best, bestScore := Mapping{}, 0.0
	for i, r := range rows {
		headers := map[int]string{}
		for j, c := range r.Cols {
			headers[c] = r.Vals[j]
		}
		cand := d.mapHeaders(sheet, r.Num, headers, r.Width)
		score := cand.weight()
		// SurveyMonkey: question text in the first column of each question,
		// option or "Response" in the row below.
		if i+1 < len(rows) && rows[i+1].Num == r.Num+1 && isSubHeader(rows[i+1]) {
			two := d.mapHeaders(sheet, r.Num+1, joinSubHeader(r, rows[i+1]), max(r.Width, rows[i+1].Width))
			if w := two.weight(); w >= score {
				cand, score = two, w
				cand.Layout = LayoutSurveyMonkey
			}
		}
		if score > bestScore {
			best, bestScore = cand, score
		}
	}
	if bestScore < 2 {
		return best, false
	}
	// Qualtrics puts metadata rows ({"ImportId": …}) under the header.
	for _, r := range rows {
		if r.Num > best.HeaderRow && len(r.Vals) > 0 && importIDRE.MatchString(r.Vals[0]) {
			best.SkipRows = r.Num - best.HeaderRow
			best.Layout = LayoutQualtrics
		}
	}
	if best.Layout == "" {
		best.Layout = guessLayout(best, rows)
	}
	return best, true
}

func (d *Definition) mapHeaders(sheet string, headerRow int, headers map[int]string, width int) Mapping {
	m := Mapping{Sheet: sheet, HeaderRow: headerRow}
	for c := 1; c <= width; c++ {
		h, ok := headers[c]
		if !ok {
			continue
		}
		m.Columns = append(m.Columns, d.classify(c, h))
	}
	return m
}

// weight ranks header candidates: questions count most, recognised metadata
// columns help, unrecognised text counts a little against.
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
		switch key(v) {
		case "response", "open ended response", "antwort", "offene antwort":
			return true
		}
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
		case s == "" || key(s) == "response" || key(s) == "open ended response" || key(s) == "antwort" || key(s) == "offene antwort":
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
	}
	return LayoutGeneric
}
