package layout

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// translit spells umlauts and accents out and makes typographic dashes,
// quotes and no-break spaces plain.
var translit = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"é", "e", "è", "e", "ê", "e", "á", "a", "à", "a", "â", "a", "ó", "o", "ò", "o", "ô", "o",
	"í", "i", "ì", "i", "ú", "u", "ù", "u", "ñ", "n", "ç", "c",
	"\u00a0", " ", "\u2013", "-", "\u2014", "-", "\u2011", "-", "\u2019", "'", "\u201e", "\"", "\u201c", "\"",
)

// spell lower-cases s with umlauts and accents spelt out.
func spell(s string) string { return translit.Replace(strings.ToLower(composed(s))) }

// Fold lower-cases, spells umlauts out and collapses white space, keeping
// punctuation: question match patterns are matched against it.
func Fold(s string) string { return strings.Join(strings.Fields(spell(s)), " ") }

// Key is how headers and labels are compared: lower-case letters and
// digits separated by single spaces, umlauts spelt out, so that
// "Sachsen-Anhalt", "sachsen anhalt " and "SACHSEN–ANHALT" compare equal.
func Key(s string) string {
	var b strings.Builder
	space := false
	for _, r := range spell(s) {
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
