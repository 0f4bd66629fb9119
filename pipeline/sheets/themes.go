package sheets

import (
	"strings"
	"unicode"

	"github.com/resonanz/resonanz/pipeline/store"
)

// starterThemes is the built-in codebook for event feedback, German and
// English keywords together: a keyword matches the start of a word of the
// folded answer ("kaffee" in "Kaffeepause"), a keyword with a space the
// words in a row.
var starterThemes = []store.Theme{
	{Code: "catering", Text: "Verpflegung", TextEn: "Catering", Keywords: []string{
		"essen", "verpflegung", "catering", "kaffee", "getraenk", "buffet", "mittag", "snack", "kuchen", "vegetar", "vegan", "wasser",
		"food", "coffee", "lunch", "drink", "meal", "beverage"}},
	{Code: "rooms", Text: "Räume und Ort", TextEn: "Rooms and venue", Keywords: []string{
		"raum", "raeume", "saal", "saele", "location", "veranstaltungsort", "akustik", "luft", "klima", "heiz", "stuhl", "stuehle", "sitzplae", "enge", "barriere", "anfahrt", "parkpl",
		"room", "venue", "lecture hall", "seat", "acoustic", "air conditioning", "temperature", "parking", "accessib"}},
	{Code: "time", Text: "Zeit und Ablauf", TextEn: "Time and schedule", Keywords: []string{
		"zeit", "pause", "dauer", "zu lang", "zu kurz", "zu frueh", "zu spaet", "puenktlich", "zeitplan", "ueberzogen", "verspaet", "termin", "uhrzeit",
		"time", "break", "schedule", "too late", "too early", "too long", "too short", "overrun", "duration"}},
	{Code: "programme", Text: "Programm und Inhalte", TextEn: "Programme and content", Keywords: []string{
		"programm", "vortrag", "vortraege", "thema", "themen", "inhalt", "referent", "redner", "keynote", "workshop", "panel", "podium", "praxis", "beispiel", "tiefe", "niveau", "input",
		"programme", "program", "talk", "topic", "content", "speaker", "session", "practical", "example", "depth", "agenda"}},
	{Code: "networking", Text: "Austausch und Vernetzung", TextEn: "Networking", Keywords: []string{
		"austausch", "vernetz", "netzwerk", "kontakt", "gespraech", "diskussion", "kennenlernen", "begegnung",
		"network", "exchange", "contact", "conversation", "discussion", "meeting people"}},
	{Code: "organisation", Text: "Organisation", TextEn: "Organisation", Keywords: []string{
		"organisation", "orga", "anmeldung", "einladung", "information", "kommunikation", "ablauf", "moderation", "beschilderung", "personal", "team", "helfer",
		"organisation", "organization", "registration", "invitation", "communication", "moderat", "staff", "signage"}},
	{Code: "technology", Text: "Technik", TextEn: "Technology", Keywords: []string{
		"technik", "wlan", "internet", "mikro", "tonanlage", "tonqualitaet", "beamer", "leinwand", "stream", "online", "hybrid", "folien", "praesentation",
		"technology", "technical", "wifi", "wi fi", "microphone", "sound", "audio", "projector", "screen", "slides", "livestream"}},
}

// themer sorts answers into the themes of a codebook.
type themer struct {
	themes []store.Theme
	keys   [][]string // folded keywords per theme
	// byFirst lists the keywords by their first byte, with their theme:
	// an answer is read once, each word tried against the few keywords
	// that start as it does, instead of searching it for every keyword
	// (200,000 responses have 80,000 answers, the codebook 120 keywords).
	byFirst [256][]keyword
}

type keyword struct {
	text  string
	theme int
}

func newThemer(themes []store.Theme) *themer {
	if len(themes) == 0 {
		themes = starterThemes
	}
	t := &themer{themes: themes}
	for _, th := range themes {
		var ks []string
		for _, k := range th.Keywords {
			if k = fold(k); k != "" {
				ks = append(ks, k)
			}
		}
		for _, k := range ks {
			t.byFirst[k[0]] = append(t.byFirst[k[0]], keyword{k, len(t.keys)})
		}
		t.keys = append(t.keys, ks)
	}
	return t
}

// match returns the indexes of the themes an answer mentions, in order:
// those with a keyword at the start of a word.
func (t *themer) match(answer string) []int {
	words := fold(answer) + " "
	var hit []bool
	for p := 0; p < len(words); p++ {
		if p > 0 && words[p-1] != ' ' {
			continue
		}
		for _, k := range t.byFirst[words[p]] {
			if strings.HasPrefix(words[p:], k.text) {
				if hit == nil {
					hit = make([]bool, len(t.keys))
				}
				hit[k.theme] = true
			}
		}
	}
	var out []int
	for i, h := range hit {
		if h {
			out = append(out, i)
		}
	}
	return out
}

// fold lower-cases text, spells ä ö ü ß as ae oe ue ss and turns every
// run of other characters into one space.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ß':
			b.WriteString("ss")
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
				space = false
				continue
			}
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		space = false
	}
	return strings.TrimSpace(b.String())
}
