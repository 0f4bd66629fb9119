package survey

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Column kinds a header can map to, besides a question.
const (
	KindQuestion  = "question"
	KindID        = "id"        // the export's response id
	KindSubmitted = "submitted" // when the response was sent
	KindPersonal  = "personal"  // e-mail, name, IP address: never stored
	KindSystem    = "system"    // other metadata of the tool: not stored
	KindUnknown   = "unknown"   // nothing recognised: not stored, shown by detect
)

// Column is what one source column was understood as.
type Column struct {
	Index    int    // 1-based column number
	Header   string // the header text as found (SurveyMonkey's two header rows joined)
	Text     string // the question text below a header of ids (Qualtrics), if any
	Kind     string
	Question string // for KindQuestion
	Item     string // item of a scale question, or option of a multi question laid out per column
	Value    string // for a per-option multi column: the text meaning "chosen", "" for any
	By       string // how it was recognised: "rule", "name", "pattern", "item"
	// Note says why a column was not used although it looks like a question
	// (e.g. a matrix row whose item the definition does not list).
	Note string
}

// systemHeaders maps the key of a tool's metadata column to its kind.
var systemHeaders = buildSystemHeaders()

func buildSystemHeaders() map[string]string {
	m := map[string]string{}
	add := func(kind string, hs ...string) {
		for _, h := range hs {
			m[key(h)] = kind
		}
	}
	add(KindID, "id", "respondent id", "response id", "responseid", "bogen nr", "bogennummer", "bogen", "lfd nr", "nr", "nummer", "fragebogen nr", "antwort id", "respondent")
	add(KindSubmitted, "fertigstellungszeit", "completion time", "zeitstempel", "timestamp", "submitdate", "date submitted", "end date", "enddate", "recordeddate", "recorded date", "abgeschickt", "eingangsdatum", "datum", "date")
	add(KindPersonal, "recipient last name", "recipient first name", "recipient email", "location latitude", "location longitude", "e mail", "email", "email address", "e mail adresse", "emailadresse", "mail", "name", "vollstaendiger name", "first name", "last name", "vorname", "nachname",
		"ip address", "ipaddress", "ip adresse", "ip", "telefon", "telefonnummer", "phone", "recipientemail", "recipientfirstname", "recipientlastname",
		"locationlatitude", "locationlongitude")
	add(KindSystem, "startzeit", "start time", "start date", "startdate", "last modified time", "zeitpunkt der letzten aenderung",
		"collector id", "custom data 1", "custom data", "lastpage", "startlanguage", "seed", "datestamp", "refurl", "status", "progress",
		"duration in seconds", "finished", "distributionchannel", "userlanguage", "total points", "quiz feedback", "externalreference",
		"interviewtime", "response type", "external data reference", "distribution channel", "user language", "gesamtpunktzahl", "letzte seite", "start sprache", "zufallsstartwert")
	return m
}

// classify maps one header onto the definition.
func (d *Definition) classify(idx int, header string) Column {
	c := Column{Index: idx, Header: header, Kind: KindUnknown}
	h := strings.TrimSpace(header)
	if h == "" {
		return c
	}
	for _, r := range d.Columns {
		if d.ruleMatches(r.Header, h) {
			c.Kind, c.Question, c.Item, c.Value, c.By = KindQuestion, r.Question, r.Item, r.Value, "rule"
			return c
		}
	}
	for _, ig := range d.Ignore {
		if d.ruleMatches(ig, h) {
			c.Kind, c.By = KindSystem, "rule"
			return c
		}
	}
	if kind, ok := systemHeaders[key(h)]; ok {
		c.Kind, c.By = kind, "name"
		return c
	}
	if strings.HasPrefix(key(h), "points ") || strings.HasPrefix(key(h), "feedback ") || strings.HasPrefix(key(h), "punkte ") {
		c.Kind, c.By = KindSystem, "name" // quiz columns of MS Forms
		return c
	}
	// A matrix row or a per-option column: a question stem and an item.
	if q, it := d.splitItem(h); q != nil {
		c.Kind, c.Question, c.Item, c.By = KindQuestion, q.ID, it.Code, "item"
		return c
	}
	if q := d.bestQuestion(fold(h)); q != nil {
		c.Kind, c.Question, c.By = KindQuestion, q.ID, "pattern"
		if q.Type == Scale || q.Type == Ranking {
			if len(q.Items) != 1 {
				// A matrix row whose statement the definition does not know:
				// guessing an item would put answers in the wrong place.
				c.Kind, c.Note = KindUnknown, fmt.Sprintf("looks like question %s, but names none of its items", q.ID)
				return c
			}
			c.Item = q.Items[0].Code
		}
		return c
	}
	// A bare item label, as some tools title matrix rows.
	if q, it := d.bareItem(h); q != nil {
		c.Kind, c.Question, c.Item, c.By = KindQuestion, q.ID, it.Code, "item"
		return c
	}
	return c
}

func (d *Definition) ruleMatches(rule, header string) bool {
	if isRegexp(rule) {
		re := d.headerRE[rule]
		if re == nil { // a definition Parse has not checked
			var err error
			if re, err = regexp.Compile(rule[1 : len(rule)-1]); err != nil {
				return false
			}
		}
		return re.MatchString(header)
	}
	return strings.EqualFold(strings.TrimSpace(rule), header)
}

// questionScore counts the question's patterns found in the folded text and
// the position of the first; more patterns, then earlier, wins.
func questionScore(q *Question, folded string) (n, first int) {
	first = len(folded) + 1
	for _, re := range q.match {
		if loc := re.FindStringIndex(folded); loc != nil {
			n++
			if loc[0] < first {
				first = loc[0]
			}
		}
	}
	return n, first
}

func (d *Definition) bestQuestion(folded string, types ...string) *Question {
	var best *Question
	bn, bf := 0, 0
	for i := range d.Questions {
		q := &d.Questions[i]
		if len(types) > 0 && !contains(types, q.Type) {
			continue
		}
		n, f := questionScore(q, folded)
		if n > 0 && (n > bn || n == bn && f < bf) {
			best, bn, bf = q, n, f
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitItem finds "stem [item]", "stem.item", "stem - item", "stem: item" or
// "stem item" where the stem names a scale or multi question and the item is
// one of its items.
func (d *Definition) splitItem(h string) (*Question, *Item) {
	type cand struct{ stem, item string }
	var cands []cand
	if strings.HasSuffix(h, "]") {
		if i := strings.LastIndex(h, "["); i > 0 {
			cands = append(cands, cand{h[:i], h[i+1 : len(h)-1]})
		}
	}
	for _, sep := range []string{".", " - ", " – ", ": ", " | ", "_"} {
		for i := strings.LastIndex(h, sep); i > 0; i = strings.LastIndex(h[:i], sep) {
			cands = append(cands, cand{h[:i], h[i+len(sep):]})
		}
	}
	for _, c := range cands {
		q := d.bestQuestion(fold(c.stem), Scale, Multi, Ranking)
		if q == nil {
			continue
		}
		if it := q.matchItem(c.item); it != nil {
			return q, it
		}
	}
	// "Handlungsbedarf Verwaltungsdigitalisierung": the item is a suffix.
	k := key(h)
	if q := d.bestQuestion(fold(h), Scale, Multi, Ranking); q != nil {
		var best *Item
		bestLen := 0
		for i := range q.Items {
			for _, a := range q.Items[i].names() {
				ak := key(a)
				if ak != "" && len(ak) < len(k) && strings.HasSuffix(k, " "+ak) && len(ak) > bestLen {
					best, bestLen = &q.Items[i], len(ak)
				}
			}
		}
		if best != nil {
			return q, best
		}
	}
	return nil, nil
}

// bareItem matches a header that is only an item label of exactly one scale
// question.
func (d *Definition) bareItem(h string) (*Question, *Item) {
	var found []*Question
	var item *Item
	for i := range d.Questions {
		q := &d.Questions[i]
		if q.Type != Scale {
			continue
		}
		if it := q.matchItem(h); it != nil {
			found = append(found, q)
			item = it
		}
	}
	if len(found) == 1 {
		return found[0], item
	}
	return nil, nil
}

func (it *Item) names() []string {
	return append([]string{it.Code, it.Text, it.TextEn}, it.Aliases...)
}

func (q *Question) matchItem(s string) *Item {
	k := key(s)
	if k == "" {
		return nil
	}
	for i := range q.Items {
		for _, n := range q.Items[i].names() {
			if n != "" && key(n) == k {
				return &q.Items[i]
			}
		}
	}
	return nil
}

// Mapping is how a sheet's columns were understood.
type Mapping struct {
	Sheet      string
	HeaderRow  int // the first header row
	HeaderRows int // header rows from HeaderRow on: 2 for SurveyMonkey and Qualtrics
	SkipRows   int // metadata rows between header and data (Qualtrics' import ids)
	Layout     string
	Columns    []Column
}

// DataRow is the first row below the header that may hold a response.
func (m *Mapping) DataRow() int { return m.HeaderRow + max(m.HeaderRows, 1) + m.SkipRows }

// Mapped returns the columns that feed questions, in sheet order.
func (m *Mapping) Mapped() []Column {
	var cs []Column
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			cs = append(cs, c)
		}
	}
	return cs
}

// Score is how much of the definition a mapping recognised: the number of
// distinct questions plus items found.
func (m *Mapping) Score() int {
	seen := map[string]bool{}
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			seen[c.Question+"\x00"+c.Item] = true
		}
	}
	return len(seen)
}

// Missing lists question ids of the definition no column maps to.
func (m *Mapping) Missing(d *Definition) []string {
	seen := map[string]bool{}
	for _, c := range m.Columns {
		if c.Kind == KindQuestion {
			seen[c.Question] = true
		}
	}
	var miss []string
	for _, q := range d.Questions {
		if !seen[q.ID] {
			miss = append(miss, q.ID)
		}
	}
	sort.Strings(miss)
	return miss
}
