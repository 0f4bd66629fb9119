package report

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
)

// kind is how a value is shown: the same in the workbook (as an Excel
// number format) and on the web page (as text).
type kind int

const (
	kText kind = iota
	kInt
	kDec1 // means, intervals of means
	kPct  // shares 0..1
	kNPS  // signed score, one decimal
	kDate
	kDateTime
	kDec2 // finer figures: an effective n, a p-value
)

// kinds are the kinds of the book's formats.
var kinds = map[book.Format]kind{
	book.Text: kText, book.Int: kInt, book.Dec1: kDec1, book.Dec2: kDec2,
	book.Pct: kPct, book.Signed: kNPS, book.Date: kDate, book.DateTime: kDateTime,
}

// kindOf decides how cell c of a book's table is shown: as its column's
// format says, else by the column's name and type.
func (s *tableSheet) kindOf(c int, v any) kind {
	switch v.(type) {
	case nil, string, bool:
		return kText
	}
	if f, ok := s.Formats[s.Table.Columns[c]]; ok {
		return kinds[f]
	}
	return kindOf(s.Table, c, v)
}

// Text formats a value as the report shows it in a cell, for text that
// quotes a cell (the cover's findings): the same digits, sign and percent.
func Text(lang string, f book.Format, v any) string {
	k, ok := kinds[f]
	if !ok {
		k = kindOf(&query.Table{Columns: []string{""}}, 0, v)
	}
	return formatValue(lang, k, v)
}

// kindOf decides how a cell of column c is shown. Shares are recognised by
// name (any column with "share" in it, and the interval columns of a table
// of shares), counts by type or by the name n.
func kindOf(t *query.Table, c int, v any) kind {
	name := t.Columns[c]
	switch x := v.(type) {
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && isDateType(t, c) {
			return kDate
		}
		return kDateTime
	case int64:
		if isShareColumn(t, name) {
			return kPct
		}
		return kInt
	case float64:
		switch {
		case isShareColumn(t, name):
			return kPct
		case name == "score" || strings.HasSuffix(name, "_score"):
			return kNPS // a signed score (the NPS)
		case name == "n" || strings.HasPrefix(name, "n_"):
			return kInt
		}
		return kDec1
	}
	return kText
}

func isDateType(t *query.Table, c int) bool {
	if c >= len(t.Types) || t.Types[c] == nil {
		return false
	}
	return strings.HasPrefix(t.Types[c].Name(), "date")
}

func isShareColumn(t *query.Table, c string) bool {
	if strings.Contains(c, "share") {
		return true
	}
	// A table of shares gives its interval as ci_low, ci_high too.
	return (c == "ci_low" || c == "ci_high") && t.Col("mean") < 0 && hasShare(t)
}

func hasShare(t *query.Table) bool {
	for _, c := range t.Columns {
		if strings.Contains(c, "share") {
			return true
		}
	}
	return false
}

// excelFormat is the number format code of a kind. Codes are written in
// Excel's invariant notation ("0.0"); German Excel shows them with a decimal
// comma and a thousands dot by itself. The percent sign and the date order
// follow the report's language. A mark (▲) is appended as literal text, so
// the cell stays a number.
func excelFormat(k kind, lang, mark string) string {
	var sections []string
	switch k {
	case kInt:
		sections = []string{"#,##0"}
	case kDec1:
		sections = []string{"0.0"}
	case kDec2:
		sections = []string{"0.00"}
	case kPct:
		if i18n.English(lang) {
			sections = []string{"0.0%"}
		} else {
			sections = []string{"0.0\"\u00a0\"%"}
		}
	case kNPS:
		sections = []string{"+0.0", "\"\u2212\"0.0", "0.0"}
	case kDate:
		if i18n.English(lang) {
			sections = []string{"yyyy-mm-dd"}
		} else {
			sections = []string{"dd.mm.yyyy"}
		}
	case kDateTime:
		if i18n.English(lang) {
			sections = []string{"yyyy-mm-dd hh:mm"}
		} else {
			sections = []string{"dd.mm.yyyy hh:mm"}
		}
	default:
		sections = []string{"@"}
	}
	if mark != "" {
		for i := range sections {
			sections[i] += "\" " + strings.ReplaceAll(mark, `"`, "") + "\""
		}
	}
	return strings.Join(sections, ";")
}

// formatValue prints a value as the workbook shows it, for the web page.
func formatValue(lang string, k kind, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		if k == kDate {
			if i18n.English(lang) {
				return x.Format("2006-01-02")
			}
			return x.Format("02.01.2006")
		}
		return formatTime(lang, x)
	case bool:
		return strconv.FormatBool(x)
	}
	f, ok := toFloat(v)
	if !ok {
		return query.Text(v)
	}
	switch k {
	case kInt:
		return groupThousands(strconv.FormatFloat(math.Round(f), 'f', 0, 64), lang)
	case kPct:
		s := decimal(lang, 100*f, 1)
		if i18n.English(lang) {
			return s + "%"
		}
		return s + "\u00a0%"
	case kNPS:
		s := decimal(lang, f, 1)
		if f > 0 && s != "0,0" && s != "0.0" {
			return "+" + s
		}
		return s
	case kDec2:
		return decimal(lang, f, 2)
	}
	return decimal(lang, f, 1)
}

// decimal prints v with d decimals, a decimal comma in German and a true
// minus sign. Halves round away from zero (3.25 → 3,3), as Excel shows
// them and as German commercial rounding has it.
func decimal(lang string, v float64, d int) string {
	p := math.Pow(10, float64(d))
	v = math.Round(v*p) / p
	if v == 0 {
		v = 0 // no "-0,0"
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if !i18n.English(lang) {
		s = strings.Replace(s, ".", ",", 1)
	}
	return strings.Replace(s, "-", "\u2212", 1)
}

func groupThousands(s, lang string) string {
	sep := "."
	if i18n.English(lang) {
		sep = ","
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "\u2212" + b.String()
	}
	return b.String()
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case int64:
		return float64(x), true
	}
	return 0, false
}

// textWidth estimates a column width in Excel character units.
func textWidth(s string) int {
	widest := 0
	for line := range strings.SplitSeq(s, "\n") {
		widest = max(widest, utf8.RuneCountInString(line))
	}
	return widest
}

// formatDate prints an ISO date (2025-11-13) as readers expect it:
// 13.11.2025 or 13 November 2025; other text is returned as it is.
func formatDate(lang, iso string) string {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(iso))
	if err != nil {
		return iso
	}
	if i18n.English(lang) {
		return d.Format("2 January 2006")
	}
	return d.Format("02.01.2006")
}

func formatTime(lang string, t time.Time) string {
	if i18n.English(lang) {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02.01.2006 15:04")
}
