package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
)

// The report hands everything it prints to the disclosure stage: every
// sheet whose table declares what it counts (query headers' `-- protect:`
// lines, the generated sheets' specs), and the cover's counts as small
// tables of their own. The stage links them by the people they show, not
// by name, and says what to hide; see disclosure.Protect.

// labels map the cover's labels back to codes.
type labels struct {
	state, sector, item map[string]string // label → code; the "not given" label → ""
}

func loadLabels(ctx context.Context, e *query.Engine) (labels, error) {
	l := labels{state: map[string]string{}, sector: map[string]string{}, item: map[string]string{}}
	other := notGiven(e.Lang())
	l.state[other], l.sector[other] = "", ""
	for _, q := range []struct {
		dst map[string]string
		sql string
	}{
		{l.state, `select state_name, state from state_names`},
		{l.sector, `select sector_name, sector from sector_names`},
		{l.item, `select item_text, item from item_names where question = 'need'`},
	} {
		t, err := one(ctx, e, q.sql)
		if err != nil {
			return l, err
		}
		for _, r := range t.Rows {
			q.dst[query.Text(r[0])] = query.Text(r[1])
		}
	}
	return l, nil
}

// notGiven is the cover's label for respondents without a state or sector.
func notGiven(lang string) string {
	return i18n.T(lang, "no_answer")
}

// suppressReport protects everything the report shows. It only ever adds
// to Hidden.
func suppressReport(ctx context.Context, e *query.Engine, in *report.Input, event string, rule disclosure.Rule) error {
	if rule.MinN <= 1 {
		return nil
	}
	lb, err := loadLabels(ctx, e)
	if err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	return protectInput(in, lb, event, rule)
}

// protectInput runs the stage over the report input and marks what it
// hides.
func protectInput(in *report.Input, lb labels, event string, rule disclosure.Rule) error {
	var tabs []disclosure.Table
	var sheetOf []int // the sheet of each table; -1 for the cover's
	for i := range in.Sheets {
		s := &in.Sheets[i]
		if s.Err != nil || s.Table == nil || s.Query == nil {
			continue
		}
		spec := s.Query.Meta.Protect
		if spec != nil {
			if err := spec.Check(s.Table.Columns); err != nil {
				// A replaced built-in of another shape: its own rule.
				spec = nil
			}
		}
		if spec == nil {
			// Counts nobody declared: the sheet is protected on its own,
			// as query --min-n does, as a count table when it is one.
			hideRows(s, query.SmallRows(s.Table, rule.MinN).Hide)
			continue
		}
		tabs = append(tabs, stageTable(s.Query.Name, s.Table, spec))
		sheetOf = append(sheetOf, i)
	}
	cover, err := coverTables(in, lb)
	if err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	tabs = append(tabs, cover...)
	res, err := disclosure.Protect(rule, tabs, disclosure.Options{Event: event})
	if err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	for ti, i := range sheetOf {
		s := &in.Sheets[i]
		rows := make([]bool, len(s.Table.Rows))
		for r, h := range res.Hidden[ti] {
			for c, x := range h {
				if x {
					hideCell(s, r, c)
					rows[r] = true
				}
			}
		}
		if s.Table.Col("change") >= 0 {
			hideChanges(s, rows, s.Table.Col("event"))
		}
	}
	return applyCover(in, res, len(sheetOf), event, rule)
}

func stageTable(name string, t *query.Table, spec *disclosure.Spec) disclosure.Table {
	fig := make([]bool, len(t.Columns))
	for c := range fig {
		fig[c] = t.Figure(c)
	}
	return disclosure.Table{Name: name, Columns: t.Columns, Rows: t.Rows, Figure: fig, Spec: spec}
}

// coverTables are the cover's counts as tables the stage reads: the
// respondents by state and by sector (the margins of participation), the
// top needs' n, satisfaction's and the NPS's n.
func coverTables(in *report.Input, lb labels) ([]disclosure.Table, error) {
	code := func(m map[string]string, label string) (any, error) {
		c, ok := m[label]
		if !ok {
			return nil, fmt.Errorf("cover: no code for %q", label)
		}
		if c == "" {
			return nil, nil
		}
		return c, nil
	}
	dims := func(name, col string, counts []report.Count, m map[string]string) (disclosure.Table, error) {
		t := disclosure.Table{Name: "cover " + name, Columns: []string{col, "n"}, Figure: []bool{false, true},
			Spec: &disclosure.Spec{Dims: []disclosure.Dim{{Column: col, ID: col}}, Counts: []disclosure.Count{{Column: "n", Of: disclosure.Respondents}}}}
		for _, c := range counts {
			v, err := code(m, c.Label)
			if err != nil {
				return t, err
			}
			t.Rows = append(t.Rows, []any{v, int64(c.N)})
		}
		return t, nil
	}
	byState, err := dims("by state", "state", in.Summary.ByState, lb.state)
	if err != nil {
		return nil, err
	}
	bySector, err := dims("by sector", "sector", in.Summary.BySector, lb.sector)
	if err != nil {
		return nil, err
	}
	top := disclosure.Table{Name: "cover top needs", Columns: []string{"item", "n"}, Figure: []bool{false, true},
		Spec: &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + "need", Item: "item"}}}}
	for _, f := range in.Summary.TopNeeds {
		it, ok := lb.item[f.Label]
		if !ok {
			return nil, fmt.Errorf("cover: no code for %q", f.Label)
		}
		top.Rows = append(top.Rows, []any{it, int64(f.N)})
	}
	one := func(name, of string, n int) disclosure.Table {
		return disclosure.Table{Name: "cover " + name, Columns: []string{"n"}, Figure: []bool{true}, Rows: [][]any{{int64(n)}},
			Spec: &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + of}}}}
	}
	people := disclosure.Table{Name: "cover responses", Columns: []string{"n"}, Figure: []bool{true}, Rows: [][]any{{int64(in.Summary.Responses)}},
		Spec: &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Respondents}}}}
	out := []disclosure.Table{people, byState, bySector, top}
	if in.Summary.Satisfaction.N > 0 {
		out = append(out, one("satisfaction", "satisfaction", in.Summary.Satisfaction.N))
	}
	if in.Summary.NPS.N > 0 {
		out = append(out, one("nps", "nps", in.Summary.NPS.N))
	}
	return out, nil
}

// applyCover marks the cover's hidden counts; cover tables follow the
// sheets' in res, from index first.
func applyCover(in *report.Input, res *disclosure.Result, first int, event string, rule disclosure.Rule) error {
	h := res.Hidden[first:]
	hid := func(t, r int) bool { return r < len(h[t]) && h[t][r] != nil && h[t][r][len(h[t][r])-1] }
	for i := range in.Summary.ByState {
		in.Summary.ByState[i].Hidden = in.Summary.ByState[i].Hidden || hid(1, i)
	}
	for i := range in.Summary.BySector {
		in.Summary.BySector[i].Hidden = in.Summary.BySector[i].Hidden || hid(2, i)
	}
	for i := range in.Summary.TopNeeds {
		in.Summary.TopNeeds[i].Hidden = in.Summary.TopNeeds[i].Hidden || hid(3, i)
	}
	next := 4
	if in.Summary.Satisfaction.N > 0 {
		in.Summary.Satisfaction.Hidden = in.Summary.Satisfaction.Hidden || hid(next, 0)
		next++
	}
	if in.Summary.NPS.N > 0 {
		in.Summary.NPS.Hidden = in.Summary.NPS.Hidden || hid(next, 0)
	}
	// The number who gave a state is all respondents minus those who did
	// not: hidden with them.
	for i := range in.Questions {
		q := &in.Questions[i]
		q.Hidden = q.Hidden || rule.Hide(q.N)
		switch q.ID {
		case "state", "sector":
			hidden, _ := res.Hides(event, disclosure.Respondents, "", map[string]*string{q.ID: nil})
			q.Hidden = q.Hidden || hidden
		}
	}
	return nil
}

// hideChanges hides a change from the previous event, and its mark, when
// the previous event's row is hidden: the change and the shown mean give
// the hidden one. Rows of one group are in event order.
func hideChanges(s *report.Sheet, hidden []bool, ev int) {
	t := s.Table
	ch := t.Col("change")
	last := map[string]int{}
	for r, row := range t.Rows {
		var key []string
		for c, v := range row {
			if c != ev && (t.Columns[c] == "item" || t.Columns[c] == "state" || t.Columns[c] == "sector") {
				key = append(key, query.Text(v))
			}
		}
		k := strings.Join(key, "\x00")
		if p, ok := last[k]; ok && hidden[p] {
			hideCell(s, r, ch)
			if r < len(s.Marks) {
				s.Marks[r] = nil
			}
		}
		last[k] = r
	}
}

// hideRows hides every figure of the rows marked.
func hideRows(s *report.Sheet, rows []bool) {
	for r, h := range rows {
		if !h {
			continue
		}
		for c := range s.Table.Rows[r] {
			if s.Table.Figure(c) {
				hideCell(s, r, c)
			}
		}
	}
}

func hideCell(s *report.Sheet, r, c int) {
	for len(s.Hidden) <= r {
		s.Hidden = append(s.Hidden, nil)
	}
	for len(s.Hidden[r]) <= c {
		s.Hidden[r] = append(s.Hidden[r], false)
	}
	s.Hidden[r][c] = true
}
