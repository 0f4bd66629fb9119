package report

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/query"
)

// kindOf decides how cell c of a book's table is shown: as its column's
// format says, else by the column's name and type.
func (s *tableSheet) kindOf(c int, v any) format.Kind {
	switch v.(type) {
	case nil, string, bool:
		return format.Text
	}
	if k, ok := s.Formats[s.Table.Columns[c]]; ok {
		return k
	}
	return kindOf(s.Table, c, v)
}

// Text formats a value as the report shows it in a cell, for text that
// quotes a cell (the cover's findings): the same digits, sign and percent.
func Text(lang string, f format.Kind, v any) string {
	k := f
	if k == format.Auto {
		k = kindOf(&query.Table{Columns: []string{""}}, 0, v)
	}
	return format.Value(lang, k, v)
}

// kindOf decides how a cell of column c is shown. Shares are recognised by
// name (any column with "share" in it), an interval by the value it
// surrounds (ci_low of a share is a share, of a mean a mean), counts by
// type or by the name n.
func kindOf(t *query.Table, c int, v any) format.Kind {
	name := t.Columns[c]
	switch x := v.(type) {
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && isDateType(t, c) {
			return format.Date
		}
		return format.DateTime
	case int64:
		if isShareColumn(t, name) {
			return format.Pct
		}
		return format.Int
	case float64:
		switch {
		case isShareColumn(t, name):
			return format.Pct
		case name == "score" || strings.HasSuffix(name, "_score"):
			return format.Signed // a signed score (the NPS)
		case name == "n" || strings.HasPrefix(name, "n_"):
			return format.Int
		}
		return format.Dec1
	}
	return format.Text
}

func isDateType(t *query.Table, c int) bool {
	if c >= len(t.Types) || t.Types[c] == nil {
		return false
	}
	return strings.HasPrefix(t.Types[c].Name(), "date")
}

// isShareColumn says whether column c holds shares: by its name, or as
// the interval of a share (top2_ci_low of top2_share; ci_low of a table
// whose only estimate is a share).
func isShareColumn(t *query.Table, c string) bool {
	if strings.Contains(c, "share") {
		return true
	}
	of, ok := intervalOf(c)
	if !ok {
		return false
	}
	if of == "" { // plain ci_low: of the mean, else of the table's share
		return t.Col("mean") < 0 && hasShare(t)
	}
	return t.Col(of+"_share") >= 0 || strings.Contains(of, "share")
}

// intervalOf names the estimate an interval column belongs to: "" for
// ci_low/ci_high, "top2" for top2_ci_low.
func intervalOf(c string) (string, bool) {
	for _, suf := range []string{"ci_low", "ci_high"} {
		if c == suf {
			return "", true
		}
		if p, ok := strings.CutSuffix(c, "_"+suf); ok {
			return p, true
		}
	}
	return "", false
}

func hasShare(t *query.Table) bool {
	for _, c := range t.Columns {
		if strings.Contains(c, "share") {
			return true
		}
	}
	return false
}

// textWidth estimates a column width in Excel character units.
func textWidth(s string) int {
	widest := 0
	for line := range strings.SplitSeq(s, "\n") {
		widest = max(widest, utf8.RuneCountInString(line))
	}
	return widest
}
