package i18n

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The languages of the catalogue.
const (
	DE = "de" // the default
	EN = "en"
)

// text is one entry: the German and the English text.
type text struct{ de, en string }

// catalog is one area's entries by key.
type catalog map[string]text

// areas are the area files' catalogues; a new area file adds its own
// catalogue here.
var areas = map[string]catalog{
	"common":     common,
	"report":     report,
	"sheets":     sheetsText,
	"locale":     locale,
	"chartwords": chartWords,
	"workbook":   workbookWords,
	"columns":    columns,
	"chart":      chartText,
	"import":     importText,
	"cli":        cli,
	"query":      queryText,
	"disclosure": disclosure,
}

// all is every area's entries by key; for a key defined twice (which
// TestUnique forbids) the area first in name order wins.
var all = func() map[string]text {
	m := map[string]text{}
	for _, a := range areaNames() {
		for k, v := range areas[a] {
			if _, dup := m[k]; !dup {
				m[k] = v
			}
		}
	}
	return m
}()

func areaNames() []string {
	names := make([]string, 0, len(areas))
	for a := range areas {
		names = append(names, a)
	}
	sort.Strings(names)
	return names
}

// ErrLanguage is a language resonanz has no text in.
var ErrLanguage = errors.New("language")

// Parse checks a language given by a user: "" is German.
func Parse(lang string) (string, error) {
	switch lang {
	case "", DE:
		return DE, nil
	case EN:
		return EN, nil
	}
	return "", fmt.Errorf("%w %q: de or en", ErrLanguage, lang)
}

// English says whether lang asks for English.
func English(lang string) bool { return lang == EN || strings.HasPrefix(lang, EN+"-") }

// T returns the text of key in lang, formatted with args when given.
func T(lang, key string, args ...any) string {
	t, ok := all[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	s := t.de
	if English(lang) {
		s = t.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// N is T for a text that counts n things, n its first argument: the
// catalogue's key+".one" when n is 1 and there is one ("1 Zeile", "1
// row"), else key ("0 Zeilen", "2 rows").
func N(lang, key string, n int, args ...any) string {
	if n == 1 && Has(key+".one") {
		key += ".one"
	}
	return T(lang, key, append([]any{n}, args...)...)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := all[key]
	return ok
}

// Pick chooses between text given in both languages by the data, such as
// a question's text and text_en: en in English when there is one, else de.
func Pick(lang, de, en string) string {
	if English(lang) && en != "" {
		return en
	}
	return de
}

// Column is the readers' heading of a data-model column (state_name →
// "Bundesland"); a column without an entry is shown by its name.
func Column(lang, name string) string {
	if t, ok := all["col."+name]; ok {
		if English(lang) {
			return t.en
		}
		return t.de
	}
	return name
}

// Type is the readers' name of a question type (scale → "Skala").
func Type(lang, typ string) string {
	if t, ok := all["type."+typ]; ok {
		if English(lang) {
			return t.en
		}
		return t.de
	}
	return typ
}

// Message is a text to be shown later, in a language not known yet: a key
// and its arguments. Its Error is the English text, for logs and analysts.
type Message struct {
	Key  string
	Args []any
}

// M makes a Message.
func M(key string, args ...any) Message { return Message{Key: key, Args: args} }

// In returns the message's text in lang.
func (m Message) In(lang string) string { return T(lang, m.Key, m.Args...) }

func (m Message) Error() string { return m.In(EN) }

// Join lists texts the way the language does: "a, b und c" or "a, b and c".
func Join(lang string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + T(lang, "and") + " " + items[len(items)-1]
}
