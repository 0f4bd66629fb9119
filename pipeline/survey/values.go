package survey

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// Reasons a value is rejected; they appear in the rejects table. A reason
// never quotes the value: that stands, scrubbed, in the value column.
var (
	ErrUnknownLabel = errors.New("unknown answer")
	ErrOutOfRange   = errors.New("out of range")
	ErrNotNumber    = errors.New("not a number")
	ErrNotDate      = errors.New("not a date")
	ErrDuplicate    = errors.New("duplicate response id")
	ErrNotChosen    = errors.New("not a yes/no mark")
	// ErrDayFirst: a submit time can only be read day first, and the
	// earlier ones were read month first (Options.DateOrder).
	ErrDayFirst = errors.New("the dates are day first")
)

// The orders of Options.DateOrder (--date-order).
const (
	DayFirst   = "dmy"
	MonthFirst = "mdy"
)

// ErrDateOrder: Options.DateOrder is none of them.
var ErrDateOrder = errors.New("unknown date order")

// CheckDateOrder says whether order is DayFirst, MonthFirst or "".
func CheckDateOrder(order string) error {
	switch order {
	case "", DayFirst, MonthFirst:
		return nil
	}
	return fmt.Errorf("%w %q: want %s or %s", ErrDateOrder, order, DayFirst, MonthFirst)
}

// codec turns the text of a cell into the value of one question.
type codec struct {
	q       *Question
	labels  map[string]*Label
	all     []Label // labelsOf(q)
	other   *Label  // the answer "other" of a single question
	missing map[string]bool
}

// How a text was read as an answer label.
const (
	byExact      = iota // its text, an alias or an export code
	byWordsMatch        // all words of one label's name occur in it
	byOther             // a text typed into the "other" box
)

func newCodec(q *Question) *codec {
	c := &codec{q: q, labels: map[string]*Label{}, missing: map[string]bool{}}
	labels := labelsOf(q)
	c.all = labels
	for i := range labels {
		if labels[i].Other {
			c.other = &labels[i]
		}
	}
	// The definition's own labels are registered first: their spellings win
	// over the built-in states' aliases ("Ausland" as an answer of its own).
	own := map[string]bool{}
	for _, l := range q.Labels {
		own[l.Code] = true
	}
	order := make([]int, 0, len(labels))
	for i := range labels {
		if own[labels[i].Code] {
			order = append(order, i)
		}
	}
	for i := range labels {
		if !own[labels[i].Code] {
			order = append(order, i)
		}
	}
	for _, i := range order {
		l := &labels[i]
		for _, n := range append(append([]string{l.Code, l.Text, l.TextEn}, l.Aliases...), l.Codes...) {
			if k := key(n); k != "" {
				if _, dup := c.labels[k]; !dup {
					c.labels[k] = l
				}
			}
		}
	}
	for _, m := range q.Missing {
		c.missing[key(m)] = true
	}
	return c
}

// isMissing says the answer means "no answer": the question's missing
// list (keine Angabe, 99, …), or a word that means it in any survey (N/A)
// unless the question has it as a label.
func (c *codec) isMissing(v string) bool {
	k := key(v)
	if c.missing[k] {
		return true
	}
	if _, ok := c.labels[k]; ok {
		return false
	}
	return isMissingWord(v)
}

// label finds a single question's answer: by its text, an alias or an
// export code; else by its words (the one label all of whose words occur
// in it: "Wissenschaft und Forschung" → Wissenschaft); else, when the
// question has an "other" answer, as a text typed into its box.
func (c *codec) label(v string) (*Label, int, error) {
	k := key(v)
	if l, ok := c.labels[k]; ok {
		return l, byExact, nil
	}
	if i := byWords(v, len(c.all), func(i int) []string {
		l := &c.all[i]
		return append([]string{l.Text, l.TextEn}, l.Aliases...)
	}); i >= 0 {
		return &c.all[i], byWordsMatch, nil
	}
	if c.other != nil {
		return c.other, byOther, nil
	}
	return nil, 0, ErrUnknownLabel
}

// number reads a scale, numeric or NPS answer: a label or a number in range.
func (c *codec) number(v string) (float64, string, error) {
	if l, ok := c.labels[key(v)]; ok && (c.q.Type != Single) {
		return l.Value, l.Text, nil
	}
	f, ok := parseNumber(v)
	if !ok {
		// "10 (äußerst wahrscheinlich)", "1 – sehr gut": the number counts.
		if n, _, isNum := numbered(v); isNum {
			f, ok = n, true
		}
	}
	if !ok {
		if len(c.labels) > 0 {
			return 0, "", fmt.Errorf("%w nor an answer label", ErrNotNumber)
		}
		return 0, "", ErrNotNumber
	}
	if lo, hi, ok := c.q.Bounds(); ok && (f < lo || f > hi) {
		return 0, "", fmt.Errorf("%w: not within %s–%s", ErrOutOfRange, fmtNum(lo), fmtNum(hi))
	}
	if (c.q.Type == Scale || c.q.Type == Ranking) && f != math.Trunc(f) {
		return 0, "", fmt.Errorf("%w: not a point of the scale", ErrOutOfRange)
	}
	text := ""
	for i := range c.q.Labels {
		if c.q.Labels[i].Value == f {
			text = c.q.Labels[i].Text
		}
	}
	return f, text, nil
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// parseNumber reads 4, 4.0, 4,0 and " 4 "; a decimal comma is German Excel's.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if strings.Contains(s, ",") && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

var timeLayouts = []string{
	"2006-01-02T15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"02.01.2006 15:04:05", "02.01.2006 15:04", "2.1.2006 15:04:05", "2.1.2006 15:04", "02.01.2006", "2.1.2006",
	"1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "1/2/2006",
	// Microsoft Forms saved as CSV by a US Excel: "7/27/26 19:06:23".
	"1/2/06 15:04:05", "1/2/06 15:04", "1/2/06 3:04:05 PM", "1/2/06 3:04 PM", "1/2/06",
	"2006/01/02 15:04:05", "2006/01/02 3:04:05 PM", "2006/01/02 3:04 PM", "2006/01/02", "02.01.06 15:04", "02.01.06",
}

// dayFirst are timeLayouts' slash dates with the day first, as Google
// Sheets writes them in British, French, Spanish, Indonesian … locales
// ("13/11/2025 14:03:12").
var dayFirst = func() []string {
	var out []string
	for _, l := range timeLayouts {
		if rest, ok := strings.CutPrefix(l, "1/2/"); ok {
			out = append(out, "2/1/"+rest)
		}
	}
	return out
}()

// parseTime reads the dates survey tools write: ISO (what the xlsx reader
// makes of date cells), German and US text, and Excel serial numbers. The
// result is the wall-clock time the export shows, as UTC: exports give the
// organiser's local time, and that is what reports should show. A slash
// date is month first unless it can only be day first ("13/11/2025").
func parseTime(s string) (time.Time, error) { return parseInOrder(s, false) }

// parseInOrder is parseTime with slash dates read day first first when
// dmy is set (Normalize, when a file's first rows say so).
func parseInOrder(s string, dmy bool) (time.Time, error) {
	t, err := parseZoned(s, dmy)
	if err != nil {
		if u, e := parseZoned(s, !dmy); e == nil {
			return u, nil
		}
	}
	return t, err
}

// onlyDayFirst reports whether s is a slash date that reads day first and
// not month first ("13/11/2025").
func onlyDayFirst(s string) bool {
	_, mdy := parseZoned(s, false)
	_, dmy := parseZoned(s, true)
	return mdy != nil && dmy == nil
}

// parseZoned reads s month first (timeLayouts and the rest) or, with dmy,
// by the dayFirst layouts alone. Google Sheets writes the form's zone
// after the time ("2022/06/22 11:07:29 AM AST", "… GMT+1"): the wall clock
// is what counts, and abbreviations are ambiguous anyway.
func parseZoned(s string, dmy bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	parse := parseWall
	if dmy {
		parse = func(s string) (time.Time, error) { return byLayouts(s, dayFirst) }
	}
	t, err := parse(s)
	if i := strings.LastIndexByte(s, ' '); err != nil && i > 0 && zoneName(s[i+1:]) {
		return parse(s[:i])
	}
	return t, err
}

// parseWall is parseTime without a zone, month first.
func parseWall(s string) (time.Time, error) {
	if t, ok := fastTime(s); ok {
		return t, nil
	}
	if t, err := byLayouts(s, timeLayouts); err == nil {
		return t, nil
	}
	if f, ok := parseNumber(s); ok && f > 20000 && f < 80000 {
		if iso, ok := xlsx.SerialToISO(f, xlsx.DateTime, false); ok {
			return time.Parse("2006-01-02T15:04:05", iso)
		}
	}
	return time.Time{}, ErrNotDate
}

// byLayouts reads s by the first of layouts that fits, as wall-clock UTC.
func byLayouts(s string, layouts []string) (time.Time, error) {
	sep := firstSep(s)
	for _, l := range layouts {
		// Every layout starts with a number and a separator, so one whose
		// separator is not the first non-digit of s cannot parse it: a failed
		// time.Parse costs an allocated error, and a CSV has a date per row.
		if firstSep(l) != sep {
			continue
		}
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), nil
		}
	}
	return time.Time{}, ErrNotDate
}

// zoneName reports whether s looks like a time zone as spreadsheets print
// it: 2 to 5 capital letters (AST, MEZ, CEST), with an offset or not
// (GMT+1, UTC-05:00).
func zoneName(s string) bool {
	n := 0
	for n < len(s) && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	if n < 2 || n > 5 {
		return false
	}
	off := s[n:]
	if off == "" {
		return true
	}
	if off[0] != '+' && off[0] != '-' || len(off) < 2 || len(off) > 6 {
		return false
	}
	for _, c := range off[1:] {
		if (c < '0' || c > '9') && c != ':' {
			return false
		}
	}
	return true
}

// fastTime reads the two shapes most files hold, ISO as the xlsx reader
// writes date cells (2025-11-13T14:03:12) and German text (13.11.2025
// 14:03:12), without time.Parse, which would cost more than the rest of a
// row. It gives what the first of timeLayouts that parses s gives; with ok
// false, s is left to them.
func fastTime(s string) (t time.Time, ok bool) {
	if len(s) != 19 || s[13] != ':' || s[16] != ':' {
		return t, false
	}
	var y, mo, d int
	switch {
	case s[4] == '-' && s[7] == '-' && s[10] == 'T':
		y, mo, d = digits(s[0:4]), digits(s[5:7]), digits(s[8:10])
	case s[2] == '.' && s[5] == '.' && s[10] == ' ':
		d, mo, y = digits(s[0:2]), digits(s[3:5]), digits(s[6:10])
	default:
		return t, false
	}
	h, mi, sec := digits(s[11:13]), digits(s[14:16]), digits(s[17:19])
	if min(y, mo, d, h, mi, sec) < 0 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return t, false
	}
	t = time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	return t, t.Day() == d // not 31 February
}

// digits reads a number of ASCII digits only; -1 if s has another byte.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = 10*n + int(s[i]-'0')
	}
	return n
}

// firstSep is the first byte of s that is not an ASCII digit, or 0.
func firstSep(s string) byte {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return s[i]
		}
	}
	return 0
}

// chosen reads a per-option column: a mark, the option's label, or nothing
// ("N/A": not shown).
func chosen(v, want string, it *Item) (bool, error) {
	k := key(v)
	if want != "" {
		if strings.EqualFold(strings.TrimSpace(v), want) {
			return true, nil
		}
	}
	if isMissingWord(v) {
		return false, nil
	}
	switch k {
	case "", "n", "no", "nein", "0", "false", "falsch", "not selected", "nicht gewaehlt":
		return false, nil
	case "y", "yes", "ja", "j", "x", "1", "true", "wahr", "selected", "gewaehlt", "ausgewaehlt":
		return true, nil
	}
	for _, n := range it.names() {
		if n != "" && key(n) == k {
			return true, nil
		}
	}
	return false, ErrNotChosen
}

// splitMulti splits a cell of chosen options: "A;B;" as MS Forms writes it,
// or "A, B" as Google Forms does — there split against the known options,
// since an option's label may itself hold a comma. An option is found by
// its text, alias, or words (findItem). Fragments that match no option are
// returned as other (typed into an "Other" box); a question with an
// "other" option then has it chosen, and the word "Sonstiges" itself
// chooses it without a text.
func splitMulti(v string, q *Question) (items []string, other []string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	var parts []string
	if strings.Contains(v, ";") || strings.Contains(v, "\n") {
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
			parts = append(parts, p)
		}
	} else {
		parts = []string{v}
	}
	seen := map[string]bool{}
	add := func(code string) {
		if !seen[code] {
			seen[code] = true
			items = append(items, code)
		}
	}
	var otherItem *Item
	for i := range q.Items {
		if q.Items[i].Other {
			otherItem = &q.Items[i]
		}
	}
	defer func() {
		if otherItem != nil && len(other) > 0 {
			add(otherItem.Code)
		}
	}()
	for _, p := range parts {
		if strings.TrimSpace(p) == "" || isMissingWord(strings.TrimSpace(p)) {
			continue
		}
		if it := q.matchItem(p); it != nil {
			add(it.Code)
			continue
		}
		if otherItem != nil && isOtherWord(p) {
			add(otherItem.Code)
			continue
		}
		toks := strings.Split(p, ",")
		for i := 0; i < len(toks); {
			j := len(toks)
			for ; j > i; j-- {
				if it := q.matchItem(strings.Join(toks[i:j], ",")); it != nil {
					add(it.Code)
					break
				}
			}
			if j > i {
				i = j
				continue
			}
			if t := strings.TrimSpace(toks[i]); t != "" {
				if it := q.findItem(t); it != nil {
					add(it.Code)
				} else if otherItem != nil && isOtherWord(t) {
					add(otherItem.Code)
				} else {
					other = append(other, t)
				}
			}
			i++
		}
	}
	return items, other
}
