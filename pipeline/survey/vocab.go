package survey

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Built-in vocabularies of answer labels, German and English: which mean
// "no answer", which mark an option as chosen, which mean "other", and
// where a label stands on an ordinal scale (agreement, importance,
// satisfaction, frequency, interest, favourability, quality, likelihood,
// level, ease, helpfulness).

// missingWords are answers that mean "no answer", "not asked" or "not
// shown": never a level of a scale, never a label.
var missingWords = keySet(
	"keine angabe", "k a", "ka", "keine antwort", "weiss nicht", "weiß nicht", "ich weiss nicht", "kann ich nicht beurteilen",
	"nicht beurteilbar", "nicht zutreffend", "entfaellt", "n a", "na", "not applicable", "no answer", "prefer not to say",
	"prefer not to answer", "rather not say", "i prefer not to say", "don t know", "dont know", "do not know", "i don t know",
	"not sure", "unsure", "no opinion", "keine meinung", "not displayed", "nicht angezeigt", "oth", "not shown",
	"möchte ich nicht sagen", "moechte ich nicht sagen", "keine auskunft", "unknown", "unbekannt",
)

// missingCodes are numbers surveys write for "no answer" outside a scale.
var missingCodes = map[float64]bool{-1: true, -9: true, -99: true, -999: true, 9: true, 99: true, 999: true, 9999: true, 98: true, 88: true, 77: true}

// isMissingWord says an answer means no answer in any survey.
func isMissingWord(v string) bool {
	k := key(v)
	return missingWords[k] || v == "-" || v == "–" || v == "--" || v == "-oth-" || v == "?"
}

// chosenWords and unchosenWords mark an option column.
var (
	chosenWords   = keySet("y", "yes", "ja", "j", "x", "1", "true", "wahr", "selected", "gewaehlt", "ausgewaehlt", "checked", "ticked", "angekreuzt", "oui", "si", "sí")
	unchosenWords = keySet("n", "no", "nein", "0", "false", "falsch", "not selected", "nicht gewaehlt", "nicht ausgewaehlt", "unchecked", "non")
)

// otherWords are options meaning "something else", typed into a box.
var otherWords = keySet("other", "others", "other please specify", "others please specify", "other specify", "sonstiges", "sonstige",
	"sonstiges bitte angeben", "sonstiges und zwar", "andere", "anderes", "andere und zwar", "anderes und zwar", "weitere", "etwas anderes",
	"something else", "else", "autre", "autres", "otro", "otros", "altro", "other text", "sonstiges text")

func isOtherWord(v string) bool { return otherWords[key(v)] }

func keySet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[key(w)] = true
	}
	return m
}

// ordinal words: the base words of scales, with their direction.
var (
	positiveBases = keySet("wichtig", "important", "bedeutend", "relevant", "zufrieden", "satisfied", "content", "interessant",
		"interessiert", "interested", "interesting", "spannend", "gut", "good", "great", "wahrscheinlich", "likely", "probable",
		"stimme", "trifft", "agree", "zustimmung", "einverstanden", "favorable", "favorably", "favourable", "favourably", "positiv",
		"positive", "positively", "hoch", "high", "gross", "large", "einfach", "easy", "leicht", "haeufig", "oft", "often",
		"frequently", "frequent", "regelmaessig", "regularly", "hilfreich", "helpful", "nuetzlich", "useful", "angemessen",
		"appropriate", "adequate", "sicher", "confident", "vertraut", "familiar", "much", "viel", "motiviert", "motivated",
		"zutreffend", "true", "accurate", "genau", "gelungen", "successful", "erfolgreich", "aware", "bewusst", "well", "effective", "wirksam", "stark", "strong")
	negativeBases = keySet("unwichtig", "unimportant", "irrelevant", "unzufrieden", "dissatisfied", "unsatisfied", "uninteressant",
		"uninteresting", "desinteressiert", "uninterested", "schlecht", "bad", "poor", "poorly", "unwahrscheinlich", "unlikely",
		"improbable", "disagree", "ablehnung", "lehne", "unfavorable", "unfavorably", "unfavourable", "unfavourably", "negativ",
		"negative", "negatively", "gering", "niedrig", "low", "klein", "small", "schwach", "weak", "schwer", "schwierig",
		"difficult", "hard", "selten", "rarely", "seldom", "rare", "unangemessen", "inappropriate", "inadequate", "nutzlos",
		"useless", "unsicher", "unvertraut", "unfamiliar", "wenig", "little", "unmotiviert", "unsuccessful", "erfolglos",
		"unaware", "ineffective", "unwirksam", "inaccurate", "ungenau", "unzutreffend")
	// absolute levels, whatever the scale
	absoluteWords = map[string]float64{
		"nie": -2.5, "niemals": -2.5, "never": -2.5, "immer": 2.5, "always": 2.5, "stets": 2.5,
		"ausgezeichnet": 2.5, "hervorragend": 2.5, "exzellent": 2.5, "excellent": 2.5, "outstanding": 2.5, "superb": 2.5,
		"ungenuegend": -2.5, "miserabel": -2.5, "terrible": -2.5, "awful": -2.5, "mangelhaft": -1.5, "ausreichend": -0.5,
		"befriedigend": 0, "manchmal": 0, "gelegentlich": 0, "sometimes": 0, "occasionally": 0, "meistens": 1.5, "usually": 1.5,
		"mostly": 1.5, "neutral": 0, "mittel": 0, "mittelmaessig": 0, "medium": 0, "moderate": 0, "average": 0,
		"durchschnittlich": 0, "fair": 0, "okay": 0, "ok": 0, "teils": 0, "teilweise": 0, "partly": 0, "unentschieden": 0,
		"undecided": 0, "mixed": 0, "gemischt": 0, "neither": 0, "weder": 0,
		"taeglich": 5, "daily": 5, "woechentlich": 4, "weekly": 4, "monatlich": 3, "monthly": 3, "quartalsweise": 2.5,
		"quarterly": 2.5, "jaehrlich": 2, "yearly": 2, "annually": 2, "seltener": 1,
	}
	intensifiers = map[string]float64{"sehr": 2, "very": 2, "really": 2, "highly": 2, "hoechst": 2.5, "aeusserst": 2.5,
		"extrem": 2.5, "extremely": 2.5, "ausserordentlich": 2.5, "exceptionally": 2.5, "incredibly": 2.5, "besonders": 2,
		"particularly": 2, "voll": 2, "voellig": 2, "vollstaendig": 2, "vollkommen": 2, "total": 2, "completely": 2,
		"totally": 2, "fully": 2, "strongly": 2, "absolutely": 2, "entirely": 2, "ganz": 1.5, "ziemlich": 1.5,
		"quite": 1.5, "mostly": 1.5, "ueberwiegend": 1.5, "most": 2}
	diminishers = map[string]float64{"eher": 0.5, "rather": 0.5, "somewhat": 0.5, "etwas": 0.5, "slightly": 0.3, "fairly": 0.7,
		"tend": 0.5, "moderately": 0.5, "maessig": 0.5, "leicht": 0.5, "bisschen": 0.5, "mehr": 0.3}
	negators       = keySet("nicht", "not", "no", "kein", "keine", "keinesfalls")
	strongNegators = keySet("gar", "ueberhaupt", "keineswegs", "all")
	weakeners      = keySet("kaum", "barely", "hardly", "weniger", "less", "wenig", "little")
)

// interjectionRE is a "Yes!" or "No." before the scale words ("No.
// Disagree.", "Yes! Strongly Agree." in a real SurveyMonkey export): it
// repeats the direction, it does not negate it.
var interjectionRE = regexp.MustCompile(`^(?i)\s*(?:yes|no|ja|nein)\s*[.!,;:]+\s*(\S)`)

// ordinalScore places a label on its scale: negative below the middle,
// positive above it, magnitude how far ("sehr unzufrieden" −2, "eher
// zufrieden" 0.5, "stimme voll und ganz zu" 2). ok is false for a label
// without a scale word.
func ordinalScore(label string) (float64, bool) {
	words := strings.Fields(key(interjectionRE.ReplaceAllString(label, "$1")))
	if len(words) == 0 {
		return 0, false
	}
	for _, w := range words {
		if w == "weder" || w == "neither" {
			return 0, true // "weder zufrieden noch unzufrieden"
		}
	}
	// Calendar frequencies: "mehrmals pro Woche" between daily and weekly.
	if s, ok := calendarScore(words); ok {
		return s, true
	}
	base, at := 0.0, -1
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		switch {
		case positiveBases[w] && !(w == "leicht" && i < len(words)-1):
			base, at = 1, i
		case negativeBases[w]:
			base, at = -1, i
		default:
			if v, ok := absoluteWords[w]; ok {
				if v == 0 {
					return 0, true
				}
				if at < 0 {
					return v, true
				}
			}
			continue
		}
		break
	}
	if at < 0 {
		// "gar nicht", "überhaupt nicht", "not at all": the bottom of
		// whatever the scale asks.
		neg, strong := false, false
		for _, w := range words {
			neg = neg || negators[w]
			strong = strong || strongNegators[w]
		}
		if neg && strong {
			return -2, true
		}
		if neg && len(words) == 1 {
			return -1, true
		}
		return 0, false
	}
	mag, neg, strong, weak, notVery := 1.0, false, false, false, false
	for i, w := range words {
		if i == at {
			continue
		}
		if v, ok := absoluteWords[w]; ok && v == 0 && i < at {
			return 0, true // "mittelmäßig zufrieden", "teils zufrieden"
		}
		if f, ok := intensifiers[w]; ok {
			if neg {
				notVery = true // "nicht sehr", "not very"
			} else {
				mag = max(mag, f)
			}
		}
		if f, ok := diminishers[w]; ok {
			mag = min(mag, f)
		}
		switch {
		case negators[w]:
			neg = true
		case strongNegators[w]:
			strong = true
		case weakeners[w]:
			weak = true
		}
	}
	switch {
	case neg && strong:
		return -2 * base, true
	case neg && notVery:
		return -0.5 * base, true
	case neg:
		return -mag * base, true
	case weak:
		return -0.5 * base, true
	}
	return mag * base, true
}

// calendarScore places frequencies by the calendar: daily 5, weekly 4 …
// "mehrmals pro Woche" halfway above weekly.
func calendarScore(words []string) (float64, bool) {
	unit := map[string]float64{"tag": 5, "day": 5, "woche": 4, "week": 4, "monat": 3, "month": 3, "quartal": 2.5,
		"quarter": 2.5, "jahr": 2, "year": 2}
	several := false
	for _, w := range words {
		if w == "mehrmals" || w == "several" || w == "mehrfach" || w == "multiple" {
			several = true
		}
	}
	for _, w := range words {
		if v, ok := absoluteWords[w]; ok && v >= 1 && v <= 5 && w != "meistens" && w != "usually" && w != "mostly" {
			if several {
				v += 0.5
			}
			return v, true
		}
		if v, ok := unit[w]; ok && (several || hasWord(words, "pro", "per", "im", "a", "in", "je", "einmal", "once", "every", "each", "jeden", "jede", "jedes", "jeder")) {
			switch {
			case several:
				v += 0.5
			case hasWord(words, "less", "fewer", "weniger"):
				v -= 0.5 // "less than once a month": below monthly
			}
			return v, true
		}
	}
	return 0, false
}

func hasWord(words []string, any ...string) bool {
	for _, w := range words {
		for _, a := range any {
			if w == a {
				return true
			}
		}
	}
	return false
}

var (
	// "1 – sehr gut", "10 (äußerst wahrscheinlich)", "5 = sehr wichtig", "1: stimme nicht zu"
	leadNumRE = regexp.MustCompile(`^([+-]?\d+(?:[.,]\d+)?)\s*(?:[-–—=:.)|/]\s*|\(\s*|\s+(?:[-–—=:]\s*)?)(\D.*?)\s*\)?$`)
	// "(Very much) 6", "Very helpful10", "sehr gut (1)", "stimme zu - 4"
	trailNumRE = regexp.MustCompile(`^(\D*?\D)\s*(?:[-–—=:(]\s*)?([+-]?\d+(?:[.,]\d+)?)\s*\)?$`)
	// a number in a range label: "25 - 34 years", "< 2 years", "10+ years"
	firstNumRE = regexp.MustCompile(`\d+(?:[.,]\d+)?`)
)

// numbered reads a label that carries its value: "1 – sehr gut" → 1,
// "sehr gut"; "10 (äußerst wahrscheinlich)" → 10; "Very helpful10" → 10.
// A bare number is not numbered; a range ("2–5 years") is not either.
func numbered(v string) (float64, string, bool) {
	v = strings.TrimSpace(v)
	if m := leadNumRE.FindStringSubmatch(v); m != nil {
		text := strings.TrimSpace(strings.Trim(m[2], "()"))
		if f, ok := parseNumber(m[1]); ok && text != "" && !startsWithDigit(text) && !isUnitWord(text) {
			return f, text, true
		}
	}
	if m := trailNumRE.FindStringSubmatch(v); m != nil {
		text := strings.TrimSpace(strings.Trim(strings.TrimSpace(m[1]), "()-–=: "))
		if f, ok := parseNumber(m[2]); ok && len([]rune(text)) >= 3 && !isUnitWord(text) && !strings.ContainsAny(text, "<>+") {
			if _, scale := ordinalScore(text); scale || len(strings.Fields(text)) <= 4 {
				return f, text, true
			}
		}
	}
	return 0, "", false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// unitWords follow a number in a range or an amount, not in a scale label.
var unitWords = keySet("jahre", "jahren", "jahr", "years", "year", "yrs", "monate", "months", "month", "tage", "days", "wochen",
	"weeks", "stunden", "hours", "minuten", "minutes", "km", "kilometer", "euro", "eur", "prozent", "percent", "mal",
	"times", "personen", "people", "mitarbeiter", "employees", "members", "mitglieder", "years old", "jahre alt")

func isUnitWord(text string) bool {
	w := strings.Fields(key(text))
	return len(w) > 0 && (unitWords[w[0]] || len(w) > 1 && unitWords[w[0]+" "+w[1]])
}

// rangeKey orders labels of ranges ("< 2 years", "2–5 years", "10+
// years", "24 years old or less", "65 und älter") by their first number,
// an upper bound just below it, a lower bound just above.
func rangeKey(v string) (float64, bool) {
	k := " " + key(v) + " "
	loc := firstNumRE.FindStringIndex(v)
	if loc == nil {
		return 0, false
	}
	f, ok := parseNumber(v[loc[0]:loc[1]])
	if !ok {
		return 0, false
	}
	before := strings.TrimSpace(v[:loc[0]])
	after := v[loc[1]:]
	for _, w := range []string{" unter ", " under ", " less than ", " weniger als ", " bis ", " up to ", " below ", " max ", " hoechstens ", " juenger als ", " younger than ", " fewer than ", " kleiner als "} {
		if strings.Contains(k, w) && strings.Index(k, w) < strings.Index(k, " "+key(v[loc[0]:loc[1]])+" ") {
			return f - 0.5, true
		}
	}
	if strings.HasPrefix(before, "<") || strings.HasPrefix(before, "≤") {
		return f - 0.5, true
	}
	for _, w := range []string{" or less ", " oder weniger ", " or younger ", " und juenger ", " oder juenger ", " or fewer ", " and under ", " und weniger "} {
		if strings.Contains(k, w) {
			return f - 0.5, true
		}
	}
	if strings.HasPrefix(before, ">") || strings.HasPrefix(before, "≥") || strings.HasPrefix(strings.TrimSpace(after), "+") {
		return f + 0.5, true
	}
	for _, w := range []string{" ueber ", " over ", " more than ", " mehr als ", " ab ", " at least ", " mindestens ", " aelter als ", " older than ", " or more ", " oder mehr ", " und mehr ", " und aelter ", " oder aelter ", " or older ", " and over ", " and above ", " or above ", " plus "} {
		if strings.Contains(k, w) {
			return f + 0.5, true
		}
	}
	return f, true
}

// orderLabels puts answer labels in the order of their meaning: by a
// number they carry, by their range, or by the scale vocabulary. ok is
// false when the order cannot be known: a label without a scale word, or
// two labels at the same place.
func orderLabels(labels []string) (values []float64, how string, ok bool) {
	if len(labels) < 2 {
		return nil, "", false
	}
	type try struct {
		how string
		f   func(string) (float64, bool)
	}
	for _, t := range []try{
		{"numbers", func(s string) (float64, bool) { f, _, ok := numbered(s); return f, ok }},
		{"ranges", rangeKey},
		{"meaning", sharedBase(labels)},
	} {
		keys := make([]float64, len(labels))
		good := true
		for i, l := range labels {
			f, ok := t.f(l)
			if !ok {
				good = false
				break
			}
			keys[i] = f
		}
		if !good || !distinctFloats(keys) {
			continue
		}
		if t.how == "meaning" {
			cal := 0
			for _, l := range labels {
				if _, ok := calendarScore(strings.Fields(key(l))); ok {
					cal++
				}
			}
			if 2*cal >= len(labels) {
				// "täglich, wöchentlich, monatlich": ordered, but no equal steps.
				return keys, "calendar", true
			}
		}
		return keys, t.how, true
	}
	return nil, "", false
}

// sharedBase scores labels by meaning, a bare "very" or "moderately"
// with the scale word the other labels share ("extremely important",
// "very", "moderately", "slightly important" in a real LimeSurvey export).
func sharedBase(labels []string) func(string) (float64, bool) {
	base := ""
	for _, l := range labels {
		ws := strings.Fields(key(l))
		if len(ws) < 2 {
			continue
		}
		last := ws[len(ws)-1]
		if !positiveBases[last] && !negativeBases[last] {
			continue
		}
		if base != "" && base != last {
			base = "-"
		} else if base == "" {
			base = last
		}
	}
	return func(l string) (float64, bool) {
		if f, ok := ordinalScore(l); ok || base == "" || base == "-" {
			return f, ok
		}
		ws := strings.Fields(key(l))
		for _, w := range ws {
			_, in := intensifiers[w]
			_, di := diminishers[w]
			if !in && !di {
				return 0, false
			}
		}
		return ordinalScore(l + " " + base)
	}
}

func distinctFloats(fs []float64) bool {
	seen := map[float64]bool{}
	for _, f := range fs {
		if seen[f] || math.IsNaN(f) {
			return false
		}
		seen[f] = true
	}
	return true
}

// fmtValue writes a scale value as YAML and messages show it.
func fmtValue(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// IsOtherWord says an answer means "something else" (Other, Sonstiges,
// Other (please specify)): the option whose box takes a typed text.
func IsOtherWord(v string) bool { return isOtherWord(v) }

// IsMissingWord says an answer means "no answer" in any survey (N/A,
// keine Angabe, weiß nicht, -oth-): never a level, never a reject.
func IsMissingWord(v string) bool { return isMissingWord(strings.TrimSpace(v)) }
