package survey

import (
	"slices"
	"strings"
)

// OtherState is the code of an answer "another state" when the survey only
// lists some states.
const OtherState = "OTHER"

type state struct {
	code, de, en string
	aliases      []string
}

// states are the 16 Länder (ISO 3166-2:DE) with the short forms people type.
var states = []state{
	{"DE-BW", "Baden-Württemberg", "Baden-Württemberg", []string{"bw", "bawue", "baden wuerttemberg"}},
	{"DE-BY", "Bayern", "Bavaria", []string{"by", "bay", "bavaria", "freistaat bayern"}},
	{"DE-BE", "Berlin", "Berlin", []string{"be", "ber"}},
	{"DE-BB", "Brandenburg", "Brandenburg", []string{"bb", "brb"}},
	{"DE-HB", "Bremen", "Bremen", []string{"hb"}},
	{"DE-HH", "Hamburg", "Hamburg", []string{"hh"}},
	{"DE-HE", "Hessen", "Hesse", []string{"he", "hes", "hesse"}},
	{"DE-MV", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", []string{"mv", "meckpomm", "mecklenburg vorpommern"}},
	{"DE-NI", "Niedersachsen", "Lower Saxony", []string{"ni", "nds", "lower saxony"}},
	{"DE-NW", "Nordrhein-Westfalen", "North Rhine-Westphalia", []string{"nw", "nrw", "north rhine westphalia"}},
	{"DE-RP", "Rheinland-Pfalz", "Rhineland-Palatinate", []string{"rp", "rlp", "rhineland palatinate"}},
	{"DE-SL", "Saarland", "Saarland", []string{"sl", "saar"}},
	{"DE-SN", "Sachsen", "Saxony", []string{"sn", "sax", "sachs", "saxony", "freistaat sachsen"}},
	{"DE-ST", "Sachsen-Anhalt", "Saxony-Anhalt", []string{"st", "lsa", "sachsen anhalt", "sachsenanhalt", "saxony anhalt", "s anhalt"}},
	{"DE-SH", "Schleswig-Holstein", "Schleswig-Holstein", []string{"sh", "schleswig holstein"}},
	{"DE-TH", "Thüringen", "Thuringia", []string{"th", "thue", "thuer", "thur", "thueringen", "thuringia", "thuringen", "freistaat thueringen"}},
}

var otherStateAliases = []string{
	"anderes bundesland", "anderes", "andere", "sonstiges", "sonstige", "anderes land", "ein anderes bundesland",
	"other", "other state", "another state", "elsewhere", "ausland", "abroad", "ausserhalb", "keins davon",
}

// stateLabels turns the built-in table into labels, so a state question is
// matched like any other single question.
func stateLabels() []Label {
	ls := make([]Label, 0, len(states)+1)
	for _, s := range states {
		ls = append(ls, Label{Code: s.code, Text: s.de, TextEn: s.en, Aliases: append([]string{s.code, s.code[3:]}, s.aliases...)})
	}
	ls = append(ls, Label{Code: OtherState, Text: "Anderes Bundesland", TextEn: "Other state", Aliases: otherStateAliases})
	return ls
}

// labelsOf returns the answer labels of a question. A state question has
// the built-in states; labels the definition gives for a built-in code add
// their texts, aliases and export codes to it, others are further answers.
func labelsOf(q *Question) []Label {
	if q.Role != RoleState {
		return q.Labels
	}
	ls := stateLabels()
	for _, l := range q.Labels {
		i := slices.IndexFunc(ls, func(b Label) bool { return strings.EqualFold(b.Code, l.Code) })
		if i < 0 {
			ls = append(ls, l)
			continue
		}
		b := &ls[i]
		b.Aliases = append(b.Aliases, l.Aliases...)
		b.Codes = append(b.Codes, l.Codes...)
		if l.Text != "" && key(l.Text) != key(b.Text) {
			b.Aliases = append(b.Aliases, b.Text)
			b.Text = l.Text
		}
		if l.TextEn != "" {
			b.TextEn = l.TextEn
		}
	}
	return ls
}
