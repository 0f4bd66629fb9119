package survey

import (
	"fmt"
	"slices"
	"strings"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// claimColumns lets the definition's questions claim the columns still
// unknown: by the words of their headers (claim), and only when the
// answers fit (fits). Two columns never feed one item: the first claims it,
// the next is drafted as a question of its own, with a warning. The
// built-in template claims nothing unless two of its questions fit: one
// word in common with the conference survey does not make a file of it.
func (d *Definition) claimColumns(det *Detection, opt DetectOptions) {
	m := &det.Mapping
	type cl struct {
		col     int // index into m.Columns
		q       *Question
		item    string
		newItem bool
		other   bool
	}
	var claims []cl
	for i := range m.Columns {
		c := &m.Columns[i]
		if c.Kind != KindUnknown {
			continue
		}
		for _, h := range []string{c.Header, c.Text} {
			q, it, newItem := d.claim(h)
			if q == nil {
				continue
			}
			x := cl{col: i, q: q, newItem: newItem}
			if it != nil {
				x.item = it.Code
			}
			if newItem {
				if _, sub := splitHeader(h); isOtherWord(sub) && !marksOnly(det.Profiles[c.Index]) {
					x.other, x.newItem = true, false
				}
			}
			claims = append(claims, x)
			break
		}
	}
	// A question of one column claims no row of the file's own matrix:
	// "Wie zufrieden sind Sie mit … [Lernplattform]" beside "[Videokonferenzen]".
	stems := map[string]int{}
	for _, c := range m.Columns {
		if c.Kind == KindUnknown {
			if stem, sub := splitHeader(headerText(c)); sub != "" {
				stems[key(stem)]++
			}
		}
	}
	drop := map[int]i18n.Message{}
	for i, x := range claims {
		c := m.Columns[x.col]
		stem, sub := splitHeader(headerText(c))
		if sub != "" && stems[key(stem)] > 1 && (x.q.Type == Single || x.q.Type == Numeric || x.q.Type == NPS || x.q.Type == Text) {
			drop[i] = i18n.M("note.matrix_row", x.q.ID)
		}
	}
	// The answers must fit the question, over all its columns.
	byQ := map[string][]int{}
	for i, x := range claims {
		if _, gone := drop[i]; !gone {
			byQ[x.q.ID] = append(byQ[x.q.ID], i)
		}
	}
	for id, idx := range byQ {
		q := d.Question(id)
		var ps []*Profile
		var perOption bool
		for _, i := range idx {
			x := claims[i]
			if x.other {
				continue
			}
			ps = append(ps, det.Profiles[m.Columns[x.col].Index])
			perOption = perOption || x.item != "" || x.newItem
		}
		if bad, all := misfits(q, merged(ps...), perOption); bad > 0 {
			for _, i := range idx {
				drop[i] = i18n.M("note.misfit", q.ID, bad, all)
			}
		}
	}
	// Never merge: an item (or a question of one column) is fed by one
	// column, and a multiple choice either by one cell or by option columns.
	fed := map[string]int{}
	mode := map[string]bool{} // multi question → laid out one column per option
	type twin struct {
		first int // the claim that is read as the question
		warn  i18n.Message
	}
	var twins []twin
	for i, x := range claims {
		if _, gone := drop[i]; gone {
			continue
		}
		k := x.q.ID + "\x00" + x.item
		switch {
		case x.other:
			k += "\x00other"
		case x.newItem:
			k += fmt.Sprintf("\x00new%d", i)
		}
		if x.q.Type == Multi && !x.other {
			options := x.item != "" || x.newItem
			if was, set := mode[x.q.ID]; set && was != options {
				drop[i] = i18n.M("note.read_elsewhere", x.q.ID)
				continue
			}
			mode[x.q.ID] = options
		}
		if first, dup := fed[k]; dup {
			a, b := xlsx.ColName(m.Columns[claims[first].col].Index), xlsx.ColName(m.Columns[x.col].Index)
			drop[i] = i18n.M("note.already_fed", a, joinID(x.q.ID, x.item))
			twins = append(twins, twin{first, i18n.M("import.warn.twins", a, b, joinID(x.q.ID, x.item))})
			continue
		}
		fed[k] = i
	}
	// The built-in template claims nothing unless one of its questions is
	// recognised by its answers too: a single question's labels, or a
	// known item of a matrix or multiple choice. A question about
	// satisfaction or a free-text box alone does not make a file the
	// conference's survey.
	strong := false
	for i, x := range claims {
		if _, gone := drop[i]; gone {
			continue
		}
		switch {
		case x.q.Type == Single && !x.other:
			strong = true
		case (x.q.Type == Scale && len(x.q.Items) > 1 || x.q.Type == Multi || x.q.Type == Ranking) && x.item != "":
			strong = true
		}
	}
	if !opt.Own && !strong {
		for i, x := range claims {
			if _, gone := drop[i]; !gone {
				drop[i] = i18n.M("note.words_only", x.q.ID)
			}
		}
	}
	// Warn of twins only where the first is read as the question.
	for _, tw := range twins {
		if _, gone := drop[tw.first]; !gone {
			m.Warnings = append(m.Warnings, tw.warn)
		}
	}
	for i, x := range claims {
		c := &m.Columns[claims[i].col]
		if why, gone := drop[i]; gone {
			c.Note = why
			continue
		}
		c.Kind, c.Question, c.Item, c.Other, c.By = KindQuestion, x.q.ID, x.item, x.other, "pattern"
		if x.item != "" {
			c.By = "item"
		}
		if x.newItem {
			c.Note = i18n.M(noteNewItem)
		}
	}
}

// marksOnly says a column holds only yes/no marks: an option column, not
// the text of "other".
func marksOnly(p *Profile) bool {
	return p != nil && p.answered() > 0 && p.Marks == p.answered()
}

// misfits says whether a column's answers (p, of all the question's
// columns) fit the question: most are its labels, its items, numbers in its
// range, or text for a text question. perOption says the columns are one
// per item (a matrix, or option columns). It returns how many of all the
// answers do not fit when they are too many, else 0.
func misfits(q *Question, p *Profile, perOption bool) (bad, all int) {
	if p.answered() == 0 {
		return 0, 0
	}
	cd := newCodec(q)
	good := 0
	for v, n := range p.Distinct {
		if cd.isMissing(v) {
			continue
		}
		ok := false
		switch q.Type {
		case Single:
			_, how, err := cd.label(v)
			ok = err == nil && how != byOther || isOtherWord(v)
		case Scale, Numeric, NPS, Ranking:
			_, _, err := cd.number(v)
			ok = err == nil || isMissingCode(v) || q.Type == Ranking && q.findItem(v) != nil
		case Multi:
			if perOption {
				k := key(v)
				ok = chosenWords[k] || unchosenWords[k] || q.findItem(v) != nil || isOtherWord(v)
			} else {
				items, other := splitMulti(v, q)
				ok = len(items) > 0 && len(other) <= len(items)
			}
		case Text:
			ok = !isNumber(v) || p.Numbers < p.answered()/2
		}
		if ok {
			good += n
		} else {
			bad += n
		}
	}
	// Most answers must fit; a few that do not are rejects to see.
	if good+bad < 3 || good >= bad {
		return 0, good + bad
	}
	return bad, good + bad
}

// isMissingCode is a number surveys write for "no answer" (99, -9).
func isMissingCode(v string) bool {
	f, ok := parseNumber(v)
	return ok && missingCodes[f]
}

// joinedColumns returns the columns of a question, in sheet order.
func (m *Mapping) questionColumns(id string) []*Column {
	var out []*Column
	for i := range m.Columns {
		if m.Columns[i].Kind == KindQuestion && m.Columns[i].Question == id {
			out = append(out, &m.Columns[i])
		}
	}
	return out
}

// otherText says a header is that of an "other" text column: "Q
// [Sonstiges]", "Q - Other - Text", Qualtrics' "Q_3_TEXT", "Please specify
// the other …".
func otherText(c *Column) bool {
	for _, h := range []string{c.Header, c.Text} {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, sub := splitHeader(h); sub != "" && (isOtherWord(sub) || strings.HasSuffix(key(sub), "other text") ||
			strings.HasSuffix(key(sub), "comment") || strings.HasSuffix(key(sub), "kommentar")) {
			return true
		}
		k := key(h)
		if strings.HasSuffix(h, "_TEXT") || strings.HasSuffix(k, "other text") || strings.HasSuffix(k, "sonstiges text") {
			return true
		}
		words := strings.Fields(k)
		if (hasWord(words, "specify", "angeben", "nennen", "welche", "which") || slices.Contains(words, "please") && slices.Contains(words, "specify")) &&
			hasWord(words, "other", "sonstige", "sonstiges", "andere", "anderes", "weitere") {
			return true
		}
	}
	return false
}

// headerText is the text of a column's header that says what it asks:
// the text beside a code, else the header.
func headerText(c Column) string {
	if c.Text != "" {
		return c.Text
	}
	return c.Header
}
