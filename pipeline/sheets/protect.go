package sheets

import (
	"fmt"
	"strings"

	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// What a builder's table counts, for the disclosure stage: each table
// carries a *disclosure.Spec in Table.Protect (the queries' from their
// `-- protect:` lines). Two kinds of table are not the stage's:
//
//	levelSpec the spread of one answer over its levels (a Likert row, a
//	         numeric question's distribution, the NPS's groups): shown
//	         whole when its base may be shown, hidden whole when not
//	groups   an open answer's groups of its writer (answerGroups)
type levelSpec struct {
	of, item string // the base the levels rest on
	n        string // the column of the level counts
}

func respondentsBy(question, code string) *disclosure.Spec {
	return &disclosure.Spec{Dims: []disclosure.Dim{{Column: code, ID: question}}, Counts: []disclosure.Count{{Column: "n", Of: disclosure.Respondents}}}
}

func answersTo(question, item string) *disclosure.Spec {
	return &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + question, Item: item}}}
}

// roles names the questions of the survey's roles for the stage: the
// built-in queries count "answers:headline", the stage links them to the
// headline question's id. The first NPS question stands for type nps.
func (env *Env) roles() map[string]string {
	out := map[string]string{}
	for _, r := range survey.Roles {
		if q := env.Survey.Role(r); q != nil {
			out[r] = q.ID
		}
	}
	if q := env.Survey.Headline(); q != nil {
		out[survey.RoleHeadline] = q.ID
	}
	for _, q := range env.Survey.Questions {
		if q.Type == survey.NPS {
			out[survey.NPS] = q.ID
			break
		}
	}
	return out
}

// protect hides what the small-number rule hides in every table built:
// one disclosure stage over all of them, so that a group hidden in one
// table is hidden in all and nothing hidden can be worked out from what
// the tables show together. The extra tables (a query's result) go
// through the stage with them; it returns what it hides of each.
func (env *Env) protect(made [][]placed, extra []disclosure.Table) ([][][]bool, error) {
	rule := env.opt.Rule
	type at struct{ t *book.Table }
	var tabs []disclosure.Table
	var of []*book.Table
	var rest []*book.Table
	for _, ps := range made {
		for i := range ps {
			s := &ps[i].sheet
			env.built[s.ID] = s
			for _, b := range s.Blocks {
				t := b.Table
				if t == nil {
					continue
				}
				switch p := t.Protect.(type) {
				case *disclosure.Spec:
					dt := stageTable(s.ID, t, p)
					if err := p.Check(dt.Columns); err != nil {
						// A replaced built-in of another shape: protected on its own.
						rest = append(rest, t)
						continue
					}
					tabs = append(tabs, dt)
					of = append(of, t)
				case nil:
					if s.Source != "" {
						rest = append(rest, t) // an analyst's query that declares nothing
					}
				default:
					rest = append(rest, t)
				}
			}
		}
	}
	if rule.MinN <= 1 {
		return make([][][]bool, len(extra)), nil
	}
	res, err := disclosure.Protect(rule, append(tabs, extra...), disclosure.Options{Event: env.opt.Event.ID, Roles: env.roles()})
	if err != nil {
		return nil, fmt.Errorf("sheets: disclosure: %w", err)
	}
	env.hidden = res
	for i, t := range of {
		for r, h := range res.Hidden[i] {
			for c, x := range h {
				if x {
					t.Hide(r, c)
				}
			}
		}
		hideChanges(t)
	}
	for _, t := range rest {
		if err := env.protectAlone(t); err != nil {
			return nil, err
		}
	}
	return res.Hidden[len(of):], nil
}

// stageTable is a book table as the stage reads it, every column
// included.
func stageTable(name string, t *book.Table, spec *disclosure.Spec) disclosure.Table {
	dt := disclosure.Table{Name: name, Rows: t.Rows, Spec: spec}
	for _, c := range t.Columns {
		dt.Columns = append(dt.Columns, c.Key)
	}
	return dt
}

// protectAlone protects a table outside the stage: the levels of an
// answer by their base, an analyst's table of counts as query --min-n
// does.
func (env *Env) protectAlone(t *book.Table) error {
	rule := env.opt.Rule
	if rule.MinN <= 1 {
		return nil
	}
	if lv, ok := t.Protect.(levelSpec); ok {
		base := 0
		if c := t.Col(lv.n); c >= 0 {
			for _, row := range t.Rows {
				if k, ok := row[c].(int64); ok {
					base += int(k)
				}
			}
		}
		hidden := rule.Hide(base)
		if env.hidden != nil && !hidden {
			hidden, _ = env.hidden.Hides("", lv.of, lv.item, nil)
		}
		if hidden {
			for r := range t.Rows {
				hideRow(t, r)
			}
		}
		return nil
	}
	qt := &query.Table{}
	for _, c := range t.Columns {
		qt.Columns = append(qt.Columns, c.Key)
	}
	qt.Rows = t.Rows
	hideSmall(t, "n", rule)
	for r, h := range query.SmallRows(qt, rule.MinN).Hide {
		if h {
			hideRow(t, r)
		}
	}
	return nil
}

// hideChanges hides a change from the previous wave, and its mark, when
// the previous wave's row of the same group and item is hidden: the
// change and the shown mean would give the hidden one. Rows of a group
// are in wave order.
func hideChanges(t *book.Table) {
	ch, mc := t.Col("change"), t.Col("mean")
	if ch < 0 {
		return
	}
	var keyCols []int
	for c, col := range t.Columns {
		switch col.Key {
		case "item", "grp", "grp2", "dimension", "dimension2":
			keyCols = append(keyCols, c)
		}
	}
	last := map[string]int{}
	for r, row := range t.Rows {
		var key []string
		for _, c := range keyCols {
			key = append(key, query.Text(row[c]))
		}
		k := strings.Join(key, "\x00")
		if p, ok := last[k]; ok && mc >= 0 && t.IsHidden(p, mc) {
			t.Hide(r, ch)
			t.SetMark(r, mc, "")
		}
		last[k] = r
	}
}

// hideAsShown hides the rows of a table made after the stage (the
// cover's copies) as the stage hid the same cells elsewhere; a cell no
// other table prints takes the primary rule.
func (env *Env) hideAsShown(t *book.Table) {
	spec, ok := t.Protect.(*disclosure.Spec)
	if !ok || env.opt.Rule.MinN <= 1 {
		return
	}
	for r, row := range t.Rows {
		for _, cnt := range spec.Counts {
			dims := map[string]*string{}
			for _, d := range spec.Dims {
				var code *string
				if s, ok := row[t.Col(d.Column)].(string); ok {
					code = &s
				}
				dims[d.ID] = code
			}
			item := ""
			if cnt.Item != "" {
				item = query.Text(row[t.Col(cnt.Item)])
			}
			n, _ := row[t.Col(cnt.Column)].(int64)
			hidden := env.opt.Rule.Hide(int(n))
			if env.hidden != nil {
				if h, ok := env.hidden.Hides("", cnt.Of, item, dims); ok {
					hidden = h
				}
			}
			if hidden {
				hideRow(t, r)
			}
		}
	}
}

// answeredHidden says whether the number who answered a question is
// hidden: small, or, for a single question, all respondents minus a
// hidden number who did not answer it.
func (env *Env) answeredHidden(q *Question) bool {
	if env.opt.Rule.Hide(q.Answered) {
		return true
	}
	if env.hidden == nil {
		return false
	}
	if q.Type == survey.Single {
		h, _ := env.hidden.Hides("", disclosure.Respondents, "", map[string]*string{q.ID: nil})
		return h
	}
	h, _ := env.hidden.Hides("", disclosure.Answers+q.ID, "", nil)
	return h
}
