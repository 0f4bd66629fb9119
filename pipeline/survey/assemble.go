package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// draft completes a detection: it drafts questions for the columns no
// question claimed, copies the claimed questions with the file's wording
// of their labels, writes a columns rule per column, gives roles, and
// says what each column's answers are read as.
func (d *Definition) draft(det *Detection, opt DetectOptions) {
	m := &det.Mapping
	dr := &Definition{Name: draftName(opt), Title: draftTitle(opt)}
	det.Draft = dr
	taken := map[string]bool{}
	for _, q := range d.Questions {
		taken[q.ID] = true
	}
	idOf := func(base string) string {
		id := uniqueID(capID(base), func(s string) bool { return taken[s] })
		taken[id] = true
		return id
	}
	copied := map[string]int{} // question id → index in dr.Questions
	copyQ := func(id string) *Question {
		if i, ok := copied[id]; ok {
			return &dr.Questions[i]
		}
		q := *d.Question(id)
		q.Items, q.Labels = slices.Clone(q.Items), slices.Clone(q.Labels)
		q.Missing, q.Match = slices.Clone(q.Missing), slices.Clone(q.Match)
		q.match, q.matchFold = nil, nil
		dr.Questions = append(dr.Questions, q)
		copied[id] = len(dr.Questions) - 1
		return &dr.Questions[len(dr.Questions)-1]
	}
	// Drafted columns, grouped; the definition's questions at their first column.
	var pending []*Column
	flush := func() {
		if len(pending) == 0 {
			return
		}
		for _, g := range groupColumns(pending, det.Profiles) {
			for _, dq := range draftGroup(g, det.Profiles, idOf, det.Rows, det.sample) {
				if dq.other != nil && dq.q.Type == Multi {
					dq.other.Item = otherItem(&dq.q, otherLabel(dq.other))
				}
				dr.Questions = append(dr.Questions, dq.q)
				for i, c := range dq.cols {
					c.Kind, c.Question, c.Item, c.By = KindQuestion, dq.q.ID, dq.items[i], "draft"
				}
				if dq.other != nil {
					dq.other.Kind, dq.other.Question, dq.other.Other, dq.other.By = KindQuestion, dq.q.ID, true, "draft"
				}
				if dq.note != "" {
					det.Notes[dq.q.ID] = appendNote(det.Notes[dq.q.ID], dq.note)
				}
			}
		}
		pending = nil
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		switch {
		case c.Kind == KindQuestion:
			flush()
			q := copyQ(c.Question)
			if c.Note.Key == noteNewItem {
				// A matrix row (or option) of a known question that names
				// none of its items: a new item, named as the header names it.
				text := itemText(c.Header)
				code := uniqueID(slug(text), func(s string) bool { return q.Item(s) != nil })
				q.Items = append(q.Items, Item{Code: code, Text: text})
				c.Item, c.Note = code, i18n.Message{}
				det.Notes[q.ID] = appendNote(det.Notes[q.ID], fmt.Sprintf("item %s added from column %s %q: check it", code, xlsx.ColName(c.Index), format.Middle(c.Header, 60)))
			}
			if c.Other && q.Type == Multi && c.Item == "" {
				c.Item = otherItem(q, otherLabel(c))
			}
		case c.Kind == KindUnknown && strings.TrimSpace(c.Header) != "":
			if len(pending) > 0 && pending[len(pending)-1].Index != c.Index-1 {
				flush()
			}
			pending = append(pending, c)
		default:
			flush()
		}
	}
	flush()
	// The definition's questions take the file's wording of their labels.
	for id := range copied {
		adoptWording(copyQ(id), m, det)
	}
	draftRoles(dr, det, copied)
	if len(copied)*2 > len(d.Questions) && len(copied) >= len(dr.Questions)-len(copied) {
		// Mostly the definition's own questions: the file is that survey
		// (reworded, a question more or less), so the report keeps its
		// title and codebook rather than the file's name.
		dr.Title, dr.TitleEn, dr.Themes = d.Title, d.TitleEn, slices.Clone(d.Themes)
	}
	slices.SortStableFunc(det.Reworded, func(a, b LabelMatch) int { return strings.Compare(a.Question, b.Question) })
	for _, c := range m.Columns {
		if c.Kind == KindSystem && c.Note.Key == NoteOptionCopy {
			// Read again with the draft, the copy stands apart from its options.
			dr.Ignore = append(dr.Ignore, c.Header)
		}
		if c.Kind != KindQuestion {
			continue
		}
		dr.Columns = append(dr.Columns, ColumnRule{Header: c.Header, Nth: c.Nth, Question: c.Question, Item: c.Item, Value: c.Value, Other: c.Other, Rank: c.Rank})
	}
	if err := dr.check(); err != nil {
		// A draft is made to pass check; if it does not, say so rather than import wrongly.
		m.Warnings = append(m.Warnings, i18n.M("import.warn.bad_draft", err.Error()))
	}
	det.Survey = dr
	if opt.Own {
		det.Survey = d
		for i := range m.Columns {
			c := &m.Columns[i]
			if c.Kind == KindQuestion && d.Question(c.Question) == nil {
				c.Kind, c.Note = KindUnknown, i18n.M("note.not_defined", joinID(c.Question, c.Item))
			}
		}
	}
	det.describe()
}

// itemText is what a matrix column's header says of its row: the part
// after the question's stem.
func itemText(h string) string {
	if _, sub := splitHeader(h); sub != "" {
		return sub
	}
	return strings.TrimSpace(h)
}

// otherOption returns q's "other" option, nil if it has none.
func (q *Question) otherOption() *Item {
	for i := range q.Items {
		if q.Items[i].Other {
			return &q.Items[i]
		}
	}
	return nil
}

// otherItem returns the code of q's "other" option, adding one.
func otherItem(q *Question, text string) string {
	if it := q.otherOption(); it != nil {
		return it.Code
	}
	code := uniqueID(otherCode, func(s string) bool { return q.Item(s) != nil })
	q.Items = append(q.Items, Item{Code: code, Text: text, Other: true})
	return code
}

// adoptWording adds the file's wordings of a copied question's labels and
// options as aliases (so the draft reads them exactly), an "other" answer
// when the file has one, and the file's words for "no answer".
func adoptWording(q *Question, m *Mapping, det *Detection) {
	cols := m.questionColumns(q.ID)
	var ps []*Profile
	for _, c := range cols {
		if !c.Other {
			ps = append(ps, det.Profiles[c.Index])
		}
	}
	p := merged(ps...)
	cd := newCodec(q)
	addMissing := func(v string) {
		if !slices.ContainsFunc(q.Missing, func(x string) bool { return key(x) == key(v) }) {
			q.Missing = append(q.Missing, v)
		}
	}
	reworded := func(v, code, text string, n int) {
		det.Reworded = append(det.Reworded, LabelMatch{Question: q.ID, Value: v, Label: code, Text: text, Count: n})
	}
	typed := 0               // answers with a text typed into "other" in the cell
	had := map[string]bool{} // the definition's own options
	for _, it := range q.Items {
		had[it.Code] = true
	}
	for _, v := range p.values() {
		switch q.Type {
		case Scale, Numeric, NPS:
			if _, ok := parseNumber(v); !ok {
				if f, _, ok := numbered(v); ok {
					if _, isLabel := cd.labels[key(v)]; !isLabel {
						reworded(v, fmtValue(f), fmtValue(f), p.Distinct[v])
					}
				}
			}
		case Single:
			l, how, err := cd.label(v)
			switch {
			case err == nil && how == byWordsMatch:
				reworded(v, l.Code, l.Text, p.Distinct[v])
				i := slices.IndexFunc(q.Labels, func(x Label) bool { return x.Code == l.Code })
				if i < 0 {
					// A built-in state: give the question the label to hold the alias.
					q.Labels = append(q.Labels, Label{Code: l.Code, Text: l.Text})
					i = len(q.Labels) - 1
				}
				q.Labels[i].Aliases = append(q.Labels[i].Aliases, v)
			case (err != nil || how == byOther) && isOtherWord(v):
				if cd.other == nil {
					q.Labels = append(q.Labels, Label{Code: uniqueID("other", func(s string) bool {
						return slices.ContainsFunc(q.Labels, func(x Label) bool { return x.Code == s })
					}), Text: v, Other: true})
					cd = newCodec(q)
				}
				reworded(v, cd.other.Code, cd.other.Text, p.Distinct[v])
			}
		case Multi:
			if len(cols) == 1 && cols[0].Item == "" {
				typedHere := false
				for _, f := range splitParts(v, ";") {
					for _, part := range fragments(f, q) {
						if it := q.matchItem(part); it != nil {
							if it.Other && !had[it.Code] && isOtherWord(part) && !slices.ContainsFunc(det.Reworded, func(r LabelMatch) bool { return r.Question == q.ID && r.Value == part }) {
								// The option the definition lacks, added from a typed text first.
								reworded(part, it.Code, it.Text, cellsWith(p, part))
							}
							continue
						}
						if it := q.findItem(part); it != nil {
							if !slices.ContainsFunc(it.Aliases, func(a string) bool { return key(a) == key(part) }) {
								reworded(part, it.Code, it.Text, cellsWith(p, part))
							}
							it.Aliases = append(it.Aliases, part)
							continue
						}
						// A part that matches no option: "other", typed or named.
						code := otherItem(q, otherName(part))
						if isOtherWord(part) && !slices.ContainsFunc(det.Reworded, func(r LabelMatch) bool { return r.Question == q.ID && r.Value == part }) {
							reworded(part, code, q.Item(code).Text, cellsWith(p, part))
						}
						typedHere = typedHere || !isOtherWord(part)
					}
				}
				if typedHere {
					typed += p.Distinct[v]
				}
			}
		}
	}
	// Texts typed into "other" (in the cell, or a column of their own)
	// choose the other option: say how many, as they are no label.
	for _, c := range cols {
		if c.Other && q.Type == Multi && c.Item != "" {
			typed += det.Profiles[c.Index].answered()
		}
	}
	if typed > 0 && q.Type == Multi {
		if it := q.otherOption(); it != nil {
			reworded("", it.Code, it.Text, typed)
		}
	}
	for _, v := range p.missingValues() {
		if !cd.isMissing(v) || !isMissingWord(v) {
			continue
		}
		if q.Type != Multi && !slices.ContainsFunc(q.Missing, func(x string) bool { return key(x) == key(v) }) {
			addMissing(v)
		}
	}
	for i := range q.Labels {
		q.Labels[i].Aliases = compactFold(q.Labels[i].Aliases)
	}
	for i := range q.Items {
		q.Items[i].Aliases = compactFold(q.Items[i].Aliases)
	}
}

// cellsWith counts the answers whose cell holds part.
func cellsWith(p *Profile, part string) int {
	n := 0
	for v, c := range p.Distinct {
		if strings.Contains(v, part) {
			n += c
		}
	}
	return n
}

// otherName is the text the "other" option gets from a part that matches
// no option: the part itself when it says "Sonstiges", else Sonstiges.
func otherName(part string) string {
	if isOtherWord(part) {
		return part
	}
	return "Sonstiges"
}

// fragments splits one ";"-part of a multiple choice cell as splitMulti
// does: whole, or at commas between known options.
func fragments(v string, q *Question) []string {
	if q.matchItem(v) != nil || !strings.Contains(v, ",") {
		return []string{strings.TrimSpace(v)}
	}
	var out []string
	toks := strings.Split(v, ",")
	for i := 0; i < len(toks); {
		j := len(toks)
		for ; j > i; j-- {
			if q.matchItem(strings.Join(toks[i:j], ",")) != nil {
				break
			}
		}
		if j > i {
			out = append(out, strings.TrimSpace(strings.Join(toks[i:j], ",")))
			i = j
			continue
		}
		if t := strings.TrimSpace(toks[i]); t != "" {
			out = append(out, t)
		}
		i++
	}
	return out
}

// compactFold drops aliases that repeat another's key.
func compactFold(as []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range as {
		if k := key(a); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

var satisfactionRE = regexp.MustCompile(`(^| )(zufrieden|zufriedenheit|gesamtzufriedenheit|satisfied|satisfaction|overall)( |$)`)

// draftRoles gives a draft's questions the roles a report needs, where
// the definition gave none: state to a question answered with German
// states, headline to the first matrix, satisfaction to an overall
// rating; breakdown to single questions of a few labels.
func draftRoles(dr *Definition, det *Detection, copiedQ map[string]int) {
	has := map[string]bool{}
	for _, q := range dr.Questions {
		if q.Role != "" {
			has[q.Role] = true
		}
	}
	for i := range dr.Questions {
		q := &dr.Questions[i]
		switch {
		case q.Role != "":
		case q.Type == Single && !has[RoleState] && stateAnswers(q):
			q.Role, has[RoleState] = RoleState, true
			q.Labels = stateExtras(q)
		case q.Type == Scale && len(q.Items) >= 2 && !has[RoleHeadline]:
			q.Role, has[RoleHeadline] = RoleHeadline, true
		case (q.Type == Scale && len(q.Items) == 1 || q.Type == Numeric) && !has[RoleSatisfaction] && satisfactionRE.MatchString(key(q.Text)):
			q.Role, has[RoleSatisfaction] = RoleSatisfaction, true
		}
		if q.Type == Single && q.Role == "" && len(q.Labels) >= 2 && len(q.Labels) <= 8 && !q.fromMatrix && !codedLabels(q) && !isCopied(copiedQ, q.ID) {
			q.Breakdown = true
		}
	}
}

func isCopied(m map[string]int, id string) bool { _, ok := m[id]; return ok }

// codedLabels says a single question's labels are export codes (A1, A2)
// a person has yet to name.
func codedLabels(q *Question) bool {
	for _, l := range q.Labels {
		if !answerRE.MatchString(l.Text) {
			return false
		}
	}
	return true
}

// stateAnswers says a drafted single question's labels are mostly German states.
func stateAnswers(q *Question) bool {
	st := newCodec(&Question{ID: "s", Type: Single, Role: RoleState})
	n, states := 0, map[string]bool{}
	for _, l := range q.Labels {
		n++
		if s, how, err := st.label(l.Text); err == nil && how != byOther {
			states[s.Code] = true
		}
	}
	return len(states) >= 2 && 5*len(states) >= 4*n
}

// stateExtras keeps the labels of a state question that are no state (the
// built-in states need none), and the states written otherwise as aliases.
func stateExtras(q *Question) []Label {
	st := newCodec(&Question{ID: "s", Type: Single, Role: RoleState})
	var out []Label
	for _, l := range q.Labels {
		s, how, err := st.label(l.Text)
		switch {
		case err != nil:
			out = append(out, l)
		case how == byWordsMatch:
			out = append(out, Label{Code: s.Code, Text: s.Text, Aliases: []string{l.Text}})
		}
	}
	return out
}
