package disclosure

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

var (
	// An e-mail address, also as people hide it from harvesters: spaces
	// around the @, %40, (at), [at], {at}, " at ", and (dot), [dot],
	// " dot " (or Punkt) between the domain's labels.
	emailRE = regexp.MustCompile(func() string {
		at := `(?:\s*@\s*|%40|\s*[(\[{]\s*(?i:at|ät)\s*[)\]}]\s*|\s+(?i:at)\s+)`
		dot := `(?:\.|\s*[(\[{]\s*(?i:dot|punkt)\s*[)\]}]\s*|\s+(?i:dot|punkt)\s+)`
		label := `[\p{L}\p{N}\-]+`
		return `[\p{L}\p{N}._%+\-]+` + at + label + `(?:` + dot + label + `)*` + dot + `\p{L}{2,}`
	}())

	// A phone number candidate, checked further by phoneDigits. It must
	// start like a dialled number: +49 or 0049 (any country code, then the
	// area code perhaps in brackets), (0341), or a trunk 0 with at least
	// two more digits, since every German area code has two to five digits
	// after the 0. That leaves out "04/2024", a 0–10 scale and dates. The
	// first group after the area code starts with 1–9 as subscriber
	// numbers do, so a postal code range such as "04109-04229" is not one
	// number; groups are separated by spaces, /, - or dots
	// (0341.123.4567), and may be short (0341 12 34 56 7).
	phoneRE = regexp.MustCompile(func() string {
		sep := `(?: ?[/.-] ?| )`
		rest := `(?:` + sep + `[1-9]\d*(?:` + sep + `\d+)*)`
		intl := `(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(0\))?[ -]?(?:\([1-9]\d*\)|[1-9]\d*)` + rest + `?`
		paren := `\(0[1-9]\d+\) ?[1-9]\d*(?:` + sep + `\d+)*`
		national := `0[1-9]\d+` + rest + `?`
		return intl + `|` + paren + `|` + national
	}())

	// IPv4 addresses (each part checked by ipv4), and IPv6 ones with at
	// least three colons or a "::" (a time like 12:30:45 has two).
	ipv4RE = regexp.MustCompile(`\d{1,3}(?:\.\d{1,3}){3}`)
	ipv6RE = regexp.MustCompile(`(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}`)

	// An IBAN candidate, in groups of four or written together; its check
	// digits decide (ibanValid).
	ibanRE = regexp.MustCompile(`[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}`)
)

// Digit counts of a whole phone number. A national number has 9 to 13
// digits with its 0 (0341 123456 has 10): fewer would take postal codes
// (04109, 5) and times (0800-1200, 8). An international one, counted
// without + or 00, has at most 15 (E.164).
const (
	minNational, maxNational = 9, 13
	minIntl, maxIntl         = 9, 15
)

// ScrubPII replaces e-mail addresses in free text with "[E-Mail]", phone
// numbers with "[Telefon]", IBANs with "[IBAN]" and IP addresses with
// "[IP]", and returns the number of replacements.
//
// Phone numbers are recognised in the forms people write them in Germany:
// 0341 1234567, 0341/123 45 67, 0341.123.4567, 0176-12345678,
// (0341) 123 45 67, Tel: 0341 12 34 56 7, +49 345 123456,
// +49 (0)341 1234567, +49 (341) 1234567, +49-30-1234567, 0049 30 1234567,
// also in full-width digits (０３４１…, which are read as ASCII ones).
// Dates (20.11.2025), years, postal codes (04109 Leipzig), times and scale
// answers are left alone. A number is cut before trailing groups that would
// make it too long, so "0341 1234567 2025" keeps its year. Local numbers
// without an area code (1234567) are not recognised: they look like any
// other number. E-mail addresses are found also when hidden: erika @
// example.com, erika%40example.com, max (at) example (dot) org.
func ScrubPII(text string) (string, int) {
	// Full-width forms (０３４１, ＠) are the same characters to a reader.
	if strings.ContainsFunc(text, func(r rune) bool { return r >= 0xff01 && r <= 0xff5e }) {
		text = width.Narrow.String(text)
	}
	// Most comments hold neither an '@' nor the digits of a phone number,
	// and the regular expressions are the slow part of an import.
	n := 0
	if mayHoldEmail(text) {
		text = emailRE.ReplaceAllStringFunc(text, func(string) string {
			n++
			return "[E-Mail]"
		})
	}
	if digits(text) < 2 {
		return text, n
	}
	text = replaceChecked(text, ibanRE, "[IBAN]", &n, func(m string) bool { return ibanValid(m) })
	if strings.Contains(text, ".") {
		text = replaceChecked(text, ipv4RE, "[IP]", &n, ipv4)
	}
	if strings.Count(text, ":") >= 2 {
		text = replaceChecked(text, ipv6RE, "[IP]", &n, ipv6)
	}
	if digits(text) < min(minNational, minIntl) {
		return text, n
	}
	var b strings.Builder
	last := 0
	for _, m := range phoneRE.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			continue // part of a longer token: an id
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

// mayHoldEmail says whether text could hold an address emailRE finds.
func mayHoldEmail(text string) bool {
	if strings.ContainsAny(text, "@") || strings.Contains(text, "%40") {
		return true
	}
	l := strings.ToLower(text)
	return strings.Contains(l, "at)") || strings.Contains(l, "at]") || strings.Contains(l, "at}") ||
		strings.Contains(l, "ät)") || (strings.Contains(l, " at ") && (strings.Contains(l, ".") || strings.Contains(l, " dot ") || strings.Contains(l, " punkt ")))
}

// replaceChecked replaces the matches of re that ok accepts and that stand
// on their own (no letter, digit or dot right before or after them).
func replaceChecked(text string, re *regexp.Regexp, with string, n *int, ok func(string) bool) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if !ok(text[start:end]) || !standalone(text, start, end) {
			continue
		}
		b.WriteString(text[last:start])
		b.WriteString(with)
		last = end
		*n++
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func standalone(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
	// A dot after the match ends a sentence; one before it belongs to a
	// longer number.
	return !word(before) && before != '.' && !word(after)
}

// ipv4 checks that every part of a dotted quad is at most 255.
func ipv4(s string) bool {
	for _, p := range strings.Split(s, ".") {
		if v, err := strconv.Atoi(p); err != nil || v > 255 {
			return false
		}
	}
	return true
}

// ipv6 wants hex groups and "::" or at least three colons, and digits.
func ipv6(s string) bool {
	if !strings.Contains(s, "::") && strings.Count(s, ":") < 3 {
		return false
	}
	return strings.ContainsAny(s, "0123456789") && len(strings.Trim(s, ":")) > 0
}

// ibanValid checks an IBAN's length and its mod-97 check digits (ISO
// 13616), so that other codes of letters and digits are left alone.
func ibanValid(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	rearranged := s[4:] + s[:4]
	rem := 0
	for _, r := range rearranged {
		switch {
		case r >= '0' && r <= '9':
			rem = (rem*10 + int(r-'0')) % 97
		case r >= 'A' && r <= 'Z':
			rem = (rem*100 + int(r-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
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
