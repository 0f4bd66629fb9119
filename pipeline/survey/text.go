package survey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var translit = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"é", "e", "è", "e", "á", "a", "à", "a", "ó", "o", "í", "i", "ç", "c",
	"\u00a0", " ", "\u2013", "-", "\u2014", "-", "\u2011", "-", "\u2019", "'", "\u201e", "\"", "\u201c", "\"",
)

// fold lower-cases, spells umlauts out and collapses white space, keeping
// punctuation: question match patterns are matched against it.
func fold(s string) string {
	s = translit.Replace(strings.ToLower(composed(s)))
	return strings.Join(strings.Fields(s), " ")
}

// key reduces a label to letters and digits separated by single spaces, so
// that "Sachsen-Anhalt", "sachsen anhalt " and "SACHSEN–ANHALT" compare equal.
func key(s string) string {
	s = translit.Replace(strings.ToLower(composed(s)))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// Key is how labels and headers are compared: lower case, umlauts spelt
// out, letters and digits separated by single spaces.
func Key(s string) string { return key(s) }

// composed writes "u" + combining diaeresis (as macOS and some exports
// write ü) as one letter, so it folds like any ü.
func composed(s string) string {
	for i := 0; i < len(s); i++ {
		// U+0300–U+036F, the combining diacritics, begin with 0xCC or 0xCD.
		if s[i] == 0xCC || s[i] == 0xCD {
			return norm.NFC.String(s)
		}
	}
	return s
}
