package disclosure

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	emailRE = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)

	// A phone number candidate, checked further by phoneDigits. It must
	// start like a dialled number: +49 or 0049 (any country code), (0341),
	// or a trunk 0 with at least two more digits, since every German area
	// code has two to five digits after the 0. That leaves out "04/2024",
	// a 0–10 scale and dates. The first group after the area code starts
	// with 1–9 as subscriber numbers do, so a postal code range such as
	// "04109-04229" is not one number.
	phoneRE = regexp.MustCompile(func() string {
		sep := `(?: ?[/-] ?| )`
		rest := `(?:` + sep + `[1-9]\d*(?:` + sep + `\d{2,})*)`
		intl := `(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?[ -]?[1-9]\d*` + rest + `?`
		paren := `\(0[1-9]\d+\) ?[1-9]\d*(?:` + sep + `\d{2,})*`
		national := `0[1-9]\d+` + rest + `?`
		return intl + `|` + paren + `|` + national
	}())
)

// Digit counts of a whole phone number. A national number has 9 to 13
// digits with its 0 (0341 123456 has 10): fewer would take postal codes
// (04109, 5) and times (0800-1200, 8). An international one, counted
// without + or 00, has at most 15 (E.164).
const (
	minNational, maxNational = 9, 13
	minIntl, maxIntl         = 9, 15
)

// ScrubPII replaces e-mail addresses in free text with "[E-Mail]" and phone
// numbers with "[Telefon]", and returns the number of replacements.
//
// Phone numbers are recognised in the forms people write them in Germany:
// 0341 1234567, 0341/123 45 67, 0176-12345678, (0341) 123 45 67,
// +49 345 123456, +49 (0)341 1234567, +49-30-1234567, 0049 30 1234567. Dates
// (20.11.2025), years, postal codes (04109 Leipzig), times and scale answers
// are left alone. A number is cut before trailing groups that would make it
// too long, so "0341 1234567 2025" keeps its year. Local numbers without an
// area code (1234567) are not recognised: they look like any other number.
func ScrubPII(text string) (string, int) {
	// Most comments hold neither an '@' nor the digits of a phone number,
	// and the regular expressions are the slow part of an import.
	n := 0
	if strings.Contains(text, "@") {
		text = emailRE.ReplaceAllStringFunc(text, func(string) string {
			n++
			return "[E-Mail]"
		})
	}
	if digits(text) < min(minNational, minIntl) {
		return text, n
	}
	var b strings.Builder
	last := 0
	for _, m := range phoneRE.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			continue // part of a longer token: an id, an IBAN
		}
		end = start + phoneLen(text[start:end])
		if end == start {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString("[Telefon]")
		last = end
		n++
	}
	b.WriteString(text[last:])
	return b.String(), n
}

// phoneLen returns how much of candidate s is a phone number of plausible
// length, dropping trailing groups of a too long one; 0 if none.
func phoneLen(s string) int {
	intl := s[0] == '+' || strings.HasPrefix(s, "00")
	lo, hi := minNational, maxNational
	if intl {
		lo, hi = minIntl, maxIntl
	}
	for {
		d := phoneDigits(s, intl)
		if d <= hi {
			if d < lo {
				return 0
			}
			return len(s)
		}
		i := strings.LastIndexAny(s, " /-")
		if i < 0 {
			return 0
		}
		s = strings.TrimRight(s[:i], " /-")
	}
}

// phoneDigits counts the digits of a number, without the 00 of an
// international prefix and the (0) some write after the country code.
func phoneDigits(s string, intl bool) int {
	if intl {
		s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "00")
		s = strings.Replace(s, "(0)", "", 1)
	}
	d := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			d++
		}
	}
	return d
}

// digits counts the ASCII digits of s, the only ones the patterns match.
func digits(s string) int {
	d := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			d++
		}
	}
	return d
}
