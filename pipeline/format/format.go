package format

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/i18n"
)

// Kind is how a value is shown: one formatting path for the workbook, the
// page and chart labels.
type Kind int

const (
	Auto     Kind = iota // not chosen: the report decides by the value and its column's name; numbers as they are
	Text                 // as it is; never a formula
	Int                  // counts: 1.234
	Dec1                 // means and their intervals: 4,3
	Dec2                 // finer figures: 0,43
	Pct                  // shares 0..1: 43,2 %
	PctInt               // shares 0..1 without decimals: 43 % (chart segments)
	Signed               // NPS: +12,0 / −3,0
	Date                 // 13.11.2025 / 2025-11-13
	DateTime             // 13.11.2025 14:05
)

// Decimals is the number of decimals a kind shows (of the percentage for
// Pct); -1 for text and dates.
func (k Kind) Decimals() int {
	switch k {
	case Int, PctInt:
		return 0
	case Dec1, Pct, Signed:
		return 1
	case Dec2:
		return 2
	}
	return -1
}

// Share says whether the kind shows a share as a percentage.
func (k Kind) Share() bool { return k == Pct || k == PctInt }

// Value prints v as kind k shows it in lang. nil is "", strings are
// returned as they are, NaN and infinities are "".
func Value(lang string, k Kind, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return Time(lang, k, x)
	case bool:
		return strconv.FormatBool(x)
	}
	f, ok := Float(v)
	if !ok {
		return ""
	}
	switch k {
	case Int:
		return Number(lang, f, 0)
	case Dec1, Dec2:
		return Number(lang, f, k.Decimals())
	case Pct, PctInt:
		return Percent(lang, f, k.Decimals())
	case Signed:
		s := Number(lang, f, 1)
		if Round(f, 1) > 0 {
			return "+" + s
		}
		return s
	case Auto, Text:
		return Number(lang, f, -1)
	}
	return Number(lang, f, 1)
}

// Float reads a number of any of the types results carry.
func Float(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case float32:
		return float64(x), !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0)
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	}
	return 0, false
}

// Time prints a date or a date and time.
func Time(lang string, k Kind, t time.Time) string {
	if k == Date {
		if i18n.English(lang) {
			return t.Format("2006-01-02")
		}
		return t.Format("02.01.2006")
	}
	if i18n.English(lang) {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02.01.2006 15:04")
}

// Number prints v with d decimals (d < 0: as many as it needs), grouped
// thousands, the language's decimal mark and a true minus sign.
func Number(lang string, v float64, d int) string {
	digits, point, neg := decimalDigits(v, d)
	intPart, frac := digits[:point], digits[point:]
	sep, mark := ".", ","
	if i18n.English(lang) {
		sep, mark = ",", "."
	}
	var b strings.Builder
	if neg {
		b.WriteString("\u2212")
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(mark)
		b.WriteString(frac)
	}
	return b.String()
}

// Percent prints a share as a percentage with d decimals: "35,0 %" (a
// no-break space, as German typesetting wants) or "35.0%".
func Percent(lang string, share float64, d int) string {
	digits, point, neg := decimalDigitsShift(share, 2, d)
	v := digits[:point]
	if point < len(digits) {
		v += "." + digits[point:]
	}
	f, _ := strconv.ParseFloat(v, 64)
	if neg {
		f = -f
	}
	s := Number(lang, f, d)
	if i18n.English(lang) {
		return s + "%"
	}
	return s + "\u00a0%"
}

// Round rounds v to d decimals as Excel displays it.
func Round(v float64, d int) float64 {
	digits, point, neg := decimalDigits(v, d)
	s := digits[:point]
	if point < len(digits) {
		s += "." + digits[point:]
	}
	f, _ := strconv.ParseFloat(s, 64)
	if neg {
		return -f
	}
	return f
}

// decimalDigits rounds |v| to d decimals at 15 significant digits, halves
// away from zero, and returns its digits, the position of the decimal
// point among them and the sign (false when the result is zero).
func decimalDigits(v float64, d int) (string, int, bool) {
	return decimalDigitsShift(v, 0, d)
}

// decimalDigitsShift is decimalDigits of v × 10^shift, shifted in decimal
// so that percentages round as the share's decimal digits say.
func decimalDigitsShift(v float64, shift, d int) (string, int, bool) {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		if d <= 0 {
			return "0", 1, false
		}
		return "0" + strings.Repeat("0", d), 1, false
	}
	neg := v < 0
	// 15 significant digits, as spreadsheets read a double.
	e := strconv.FormatFloat(math.Abs(v), 'e', 14, 64) // d.dddddddddddddde±XX
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		digits = "0"
	}
	point := exp + 1 + shift // digits before the decimal point
	if d < 0 {
		// As many decimals as the 15 digits have.
		d = max(0, len(digits)-point)
	}
	// Pad so that the point lies within, with d decimals after it.
	if point <= 0 {
		digits = strings.Repeat("0", 1-point) + digits
		point = 1
	}
	if len(digits) < point+d {
		digits += strings.Repeat("0", point+d-len(digits))
	}
	keep := digits[:point+d]
	rest := digits[point+d:]
	if rest != "" && rest[0] >= '5' {
		keep = increment(keep)
		if len(keep) > point+d {
			point++
		}
	}
	// Drop leading zeros of the integer part, keeping one.
	for point > 1 && keep[0] == '0' {
		keep, point = keep[1:], point-1
	}
	if strings.Trim(keep, "0") == "" {
		neg = false
	}
	return keep, point, neg
}

// increment adds one to a string of decimal digits.
func increment(s string) string {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// Excel is the number format code of kind k in lang; a mark (▲) is
// appended as literal text.
func Excel(k Kind, lang, mark string) string {
	en := i18n.English(lang)
	var sections []string
	switch k {
	case Int:
		sections = signed("#,##0")
	case Dec1:
		sections = signed("0.0")
	case Dec2:
		sections = signed("0.00")
	case Pct, PctInt:
		code := "0.0"
		if k == PctInt {
			code = "0"
		}
		if en {
			sections = signed(code + "%")
		} else {
			sections = signed(code + "\"\u00a0\"%")
		}
	case Signed:
		sections = []string{"+0.0", "\"\u2212\"0.0", "0.0"}
	case Date:
		if en {
			sections = []string{"yyyy-mm-dd"}
		} else {
			sections = []string{"dd.mm.yyyy"}
		}
	case DateTime:
		if en {
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

// signed gives a code a negative section with a true minus sign, as the
// page and the charts print it.
func signed(code string) []string { return []string{code, "\"\u2212\"" + code} }

// Shorten cuts s to at most n characters, at a word where one ends near
// the cut, with "…" when cut; a trailing "?" or ":" goes first.
func Shorten(s string, n int) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "?:"))
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	short := string(rs[:n-1])
	if i := strings.LastIndex(short, " "); i > len(short)/2 {
		short = short[:i]
	}
	return strings.TrimRight(short, " ,;-–") + "…"
}

// Middle cuts s to at most n characters keeping its start and its end,
// with "…" between, and runs of white space as one: a matrix column's item
// is at the end of its header ("Wie hoch … [Datenschutz]").
func Middle(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	head := (n - 1) / 2
	return string(r[:head]) + "…" + string(r[len(r)-(n-1-head):])
}
