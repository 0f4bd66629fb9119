package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/stats"
)

// Secondary suppression across the report.
//
// The report shows the same people many times. Respondents by state ×
// sector (participation) have their row totals, column totals and grand
// total on the cover. For each need item, the answers by state × sector
// (needs_state_sector) have as row totals the answers by state
// (needs_by_state, the heatmap, trend_needs_by_state), as column totals the
// answers by sector (needs_by_sector, trend_needs_by_sector) and as grand
// total the item's n (Likert base, top needs on the cover, trend_needs,
// compare_last, the weighted sheet); earlier events appear only with those
// margins. Each of these tables is a crossTable, suppressed by
// stats.SuppressFrom with every figure it rests on: a mean, interval or
// share is a sum divided by its n, and sums follow the same equations as
// the counts, so hiding a row hides all its numbers.
//
// The report's event's tables share one pattern: a place hidden in one is
// hidden in all (stats.SuppressFrom until nothing changes). The answers of
// a group to an item are at most its respondents, and nearly everybody
// answers every item, so a count hidden in one table would otherwise be
// bounded, often to within one, by the same place in another. Earlier
// events appear without their respondents' table; their items are
// suppressed one by one.
//
// Counts of respondents without a state or sector are in the totals but
// printed only in participation and on the cover; elsewhere they are
// unprinted counts, which Suppress keeps unknown when small.

// all stands for a margin in entry lookups: every state, or every sector.
const all = "\x00all"

// crossTable is one state × sector table of counts as the report prints it.
type crossTable struct {
	name            string   // for messages
	states, sectors []string // category codes; "" = not given
	n               [][]int
	unprinted       stats.Mask
	keepGrand       bool
	mask            stats.Mask // the result
}

func (t *crossTable) table() stats.Table {
	return stats.Table{N: t.n, Unprinted: t.unprinted, KeepGrand: t.keepGrand}
}

// entry returns the count and the suppression of a cell (state and sector
// given), a margin (one of them all) or the grand total (both all).
func (t *crossTable) entry(state, sector string) (n int, hidden bool, ok bool) {
	i, j := len(t.states), len(t.sectors) // the margins' places
	if state != all {
		if i = slices.Index(t.states, state); i < 0 {
			return 0, false, false
		}
	}
	if sector != all {
		if j = slices.Index(t.sectors, sector); j < 0 {
			return 0, false, false
		}
	}
	for a := range t.states {
		for b := range t.sectors {
			if (a == i || i == len(t.states)) && (b == j || j == len(t.sectors)) {
				n += t.n[a][b]
			}
		}
	}
	switch {
	case i < len(t.states) && j < len(t.sectors):
		hidden = t.mask.Cells[i][j]
	case i < len(t.states):
		hidden = t.mask.RowTotals[i]
	case j < len(t.sectors):
		hidden = t.mask.ColTotals[j]
	default:
		hidden = t.mask.Grand
	}
	return n, hidden, true
}

// place is a cell or margin of the state × sector breakdown, for the
// pattern tables of one event share.
type place struct{ state, sector string }

// start is the pattern as a start mask for t.
func (t *crossTable) start(pattern map[place]bool) stats.Mask {
	m := stats.Mask{Cells: make([][]bool, len(t.states)), RowTotals: make([]bool, len(t.states)), ColTotals: make([]bool, len(t.sectors))}
	for i, s := range t.states {
		m.Cells[i] = make([]bool, len(t.sectors))
		for j, c := range t.sectors {
			m.Cells[i][j] = pattern[place{s, c}]
		}
		m.RowTotals[i] = pattern[place{s, all}]
	}
	for j, c := range t.sectors {
		m.ColTotals[j] = pattern[place{all, c}]
	}
	return m
}

// record adds t's mask to the pattern and reports whether it grew. The
// grand totals stay out: an item's n is no estimate of another's.
func (t *crossTable) record(pattern map[place]bool) bool {
	grew := false
	set := func(p place) {
		if !pattern[p] {
			pattern[p], grew = true, true
		}
	}
	for i, s := range t.states {
		for j, c := range t.sectors {
			if t.mask.Cells[i][j] {
				set(place{s, c})
			}
		}
		if t.mask.RowTotals[i] {
			set(place{s, all})
		}
	}
	for j, c := range t.sectors {
		if t.mask.ColTotals[j] {
			set(place{all, c})
		}
	}
	return grew
}

// hideAll hides every count of t but a public grand total: for an event
// with fewer than min_n respondents, where nothing can be shown.
func (t *crossTable) hideAll() {
	t.mask = stats.Mask{Cells: make([][]bool, len(t.states)), RowTotals: make([]bool, len(t.states)), ColTotals: make([]bool, len(t.sectors)), Grand: !t.keepGrand}
	for i := range t.states {
		t.mask.Cells[i] = make([]bool, len(t.sectors))
		for j := range t.sectors {
			t.mask.Cells[i][j] = true
		}
		t.mask.RowTotals[i] = true
	}
	for j := range t.sectors {
		t.mask.ColTotals[j] = true
	}
}

// suppressGroup gives the tables of one event one pattern and checks each
// result independently with stats.Recoverable.
func suppressGroup(tables []*crossTable, minN int) (err error) {
	if len(tables) == 0 {
		return nil
	}
	defer func() {
		// stats.Suppress panics on a leak it should have prevented: no
		// report then, but a message rather than a crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("suppression: %s: %v", tables[0].name, r)
		}
	}()
	pattern := map[place]bool{}
	for grew := true; grew; {
		grew = false
		for _, t := range tables {
			t.mask = stats.SuppressFrom(t.table(), minN, t.start(pattern))
			grew = t.record(pattern) || grew
		}
	}
	for _, t := range tables {
		if leak := stats.Recoverable(t.table(), t.mask); leak != nil {
			return fmt.Errorf("suppression: %s: hidden counts %v can be worked out", t.name, leak)
		}
	}
	return nil
}

// breakdown holds counts by state × sector ("" = not given).
type breakdown map[place]int

// linked is the report's suppression of every table of the state × sector
// breakdown.
type linked struct {
	event   string                            // the report's event
	people  *crossTable                       // its respondents (participation, cover)
	answers map[string]map[string]*crossTable // event → need item → answers
	minN    int
}

// newLinked builds and suppresses the tables from the counts of every
// event: respondents, and answers to each need item.
func newLinked(event string, people map[string]breakdown, answers map[string]map[string]breakdown, minN int) (*linked, error) {
	l := &linked{event: event, answers: map[string]map[string]*crossTable{}, minN: minN}
	events := make([]string, 0, len(people))
	for ev := range people {
		events = append(events, ev)
	}
	slices.Sort(events)
	for _, ev := range events {
		var states, sectors []string
		total := 0
		for p, n := range people[ev] {
			if !slices.Contains(states, p.state) {
				states = append(states, p.state)
			}
			if !slices.Contains(sectors, p.sector) {
				sectors = append(sectors, p.sector)
			}
			total += n
		}
		sortCats(states)
		sortCats(sectors)
		grid := func(b breakdown) [][]int {
			n := make([][]int, len(states))
			for i, s := range states {
				n[i] = make([]int, len(sectors))
				for j, c := range sectors {
					n[i][j] = b[place{s, c}]
				}
			}
			return n
		}
		var group []*crossTable
		if ev == event {
			l.people = &crossTable{name: "participation", states: states, sectors: sectors, n: grid(people[ev]), keepGrand: true}
			group = append(group, l.people)
		}
		items := make([]string, 0, len(answers[ev]))
		for it := range answers[ev] {
			items = append(items, it)
		}
		slices.Sort(items)
		l.answers[ev] = map[string]*crossTable{}
		for _, it := range items {
			t := &crossTable{name: fmt.Sprintf("need %s (%s)", it, ev), states: states, sectors: sectors, n: grid(answers[ev][it])}
			// The state × sector cells are printed for the report's event
			// only, and never for respondents without a state or sector.
			t.unprinted = stats.Mask{Cells: make([][]bool, len(states)), RowTotals: make([]bool, len(states)), ColTotals: make([]bool, len(sectors))}
			for i, s := range states {
				t.unprinted.Cells[i] = make([]bool, len(sectors))
				for j, c := range sectors {
					t.unprinted.Cells[i][j] = ev != event || s == "" || c == ""
				}
				t.unprinted.RowTotals[i] = s == ""
			}
			for j, c := range sectors {
				t.unprinted.ColTotals[j] = c == ""
			}
			l.answers[ev][it] = t
			group = append(group, t)
		}
		if total < minN {
			for _, t := range group {
				t.hideAll()
			}
			continue
		}
		if ev != event {
			// Without the respondents' table, the items of an earlier
			// event are bound by nothing the report prints.
			for _, t := range group {
				if err := suppressGroup([]*crossTable{t}, minN); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := suppressGroup(group, minN); err != nil {
			return nil, err
		}
	}
	if l.people == nil {
		return nil, fmt.Errorf("suppression: event %s has no respondents", event)
	}
	return l, nil
}

// sortCats orders categories by code, "not given" last.
func sortCats(c []string) {
	slices.SortFunc(c, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		case b == "":
			return -1
		}
		return strings.Compare(a, b)
	})
}

// loadLinked counts respondents and need answers of every event by state
// and sector and suppresses them.
func loadLinked(ctx context.Context, e *query.Engine, event string, minN int) (*linked, error) {
	people := map[string]breakdown{}
	t, err := one(ctx, e, `select event, coalesce(state, ''), coalesce(sector, ''), count(*) from all_events.responses group by all`)
	if err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		ev := query.Text(r[0])
		if people[ev] == nil {
			people[ev] = breakdown{}
		}
		people[ev][place{query.Text(r[1]), query.Text(r[2])}] = int(num(r[3]))
	}
	answers := map[string]map[string]breakdown{}
	t, err = one(ctx, e, `select a.event, a.item, coalesce(r.state, ''), coalesce(r.sector, ''), count(*)
		from all_events.answers a join all_events.responses r using (event, respondent)
		where a.question = 'need' group by all`)
	if err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		ev, it := query.Text(r[0]), query.Text(r[1])
		if answers[ev] == nil {
			answers[ev] = map[string]breakdown{}
		}
		if answers[ev][it] == nil {
			answers[ev][it] = breakdown{}
		}
		answers[ev][it][place{query.Text(r[2]), query.Text(r[3])}] = int(num(r[4]))
	}
	return newLinked(event, people, answers, minN)
}

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
	if lang == "en" {
		return "(not answered)"
	}
	return "(keine Angabe)"
}

// suppressReport applies secondary suppression to everything the report
// shows: the linked tables above, user queries in the shape of a count
// table within themselves (as query --min-n does), and the cover. It only
// ever adds to Hidden.
func suppressReport(ctx context.Context, e *query.Engine, in *report.Input, event string, minN int) error {
	if minN <= 1 {
		return nil
	}
	l, err := loadLinked(ctx, e, event, minN)
	if err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	lb, err := loadLabels(ctx, e)
	if err != nil {
		return fmt.Errorf("suppression: %w", err)
	}
	return l.apply(in, lb)
}

// breakdownSheets are the built-in queries whose rows are places of the
// breakdown: true for need answers, false for respondents.
var breakdownSheets = map[string]bool{
	"participation": false, "needs_by_state": true, "needs_by_sector": true, "needs_state_sector": true,
	"trend_needs": true, "trend_needs_by_state": true, "trend_needs_by_sector": true, "compare_last": true,
}

// apply sets Hidden on the sheets and the cover.
func (l *linked) apply(in *report.Input, lb labels) error {
	for i := range in.Sheets {
		s := &in.Sheets[i]
		if s.Err != nil || s.Table == nil || s.Query == nil {
			continue
		}
		q := s.Query
		var err error
		switch need, ok := breakdownSheets[q.Name]; {
		case ok && q.Source == "built-in":
			err = l.rows(s, need)
		case own(q) && (q.Name == "likert_need" || q.Name == weightedQuery().Name):
			err = l.rows(s, true)
		case own(q) && q.Name == "heatmap_need":
			err = l.heatmap(s)
		case own(q):
			// Likert and heatmap sheets of other scale questions: their
			// rows are items, not groups of people; the base n of each
			// (primary rule) is all that needs hiding.
		case q.Source == "built-in" && (q.Name == "topics_wanted" || q.Name == "satisfaction"):
			// One count per topic, each of all respondents (multiple
			// choice), and one row of key figures: no totals to subtract
			// from, so the primary rule is all there is. The NPS counts
			// rest on their own n.
			if q.Name == "satisfaction" {
				hideBelow(s, "n_nps", l.minN, "n_nps", "promoters", "passives", "detractors", "nps")
			}
		default:
			// A user's query (or a built-in one replaced): suppressed on
			// its own, as a count table when it is one.
			hideRows(s, query.SmallRows(s.Table, l.minN).Hide)
		}
		if err != nil {
			return fmt.Errorf("suppression: %s: %w", q.Name, err)
		}
	}
	return l.cover(in, lb)
}

// own reports whether the pipeline made a sheet (Likert, heatmap,
// weighted) rather than a query file.
func own(q *query.Query) bool {
	return q.Source == "resonanz" || strings.HasPrefix(q.Source, "resonanz ")
}

// rows hides the rows of a sheet whose place in the breakdown is hidden,
// after checking the sheet's n against the counts. The place is read off
// the columns: event (default: the report's), item (need answers), state
// and sector (a cell when both are present, a margin when one is, the
// grand total when neither).
func (l *linked) rows(s *report.Sheet, need bool) error {
	t := s.Table
	ev, it, st, se, nc := t.Col("event"), t.Col("item"), t.Col("state"), t.Col("sector"), t.Col("n")
	if need && it < 0 {
		return fmt.Errorf("no item column")
	}
	hidden := make([]bool, len(t.Rows))
	for r, row := range t.Rows {
		if nc >= 0 && row[nc] == nil {
			continue // not asked in that event: nothing shown
		}
		event := l.event
		if ev >= 0 {
			event = query.Text(row[ev])
		}
		tab := l.people
		if need {
			tab = l.answers[event][query.Text(row[it])]
		} else if event != l.event {
			tab = nil
		}
		state, sector := all, all
		if st >= 0 {
			state = query.Text(row[st])
		}
		if se >= 0 {
			sector = query.Text(row[se])
		}
		var n int
		ok := tab != nil
		if ok {
			n, hidden[r], ok = tab.entry(state, sector)
		}
		if !ok {
			if nc >= 0 && num(row[nc]) == 0 {
				continue // nobody: a zero, shown (an item nobody answered)
			}
			return fmt.Errorf("row %d (%s): no such group in the counts", r+1, rowKey(row, ev, it, st, se))
		}
		if nc >= 0 && int(num(row[nc])) != n {
			return fmt.Errorf("row %d (%s): n = %v, but the counts say %d", r+1, rowKey(row, ev, it, st, se), row[nc], n)
		}
	}
	hideRows(s, hidden)
	if t.Col("change") >= 0 {
		hideChanges(s, hidden, ev)
	}
	return nil
}

func rowKey(row []any, cols ...int) string {
	var parts []string
	for _, c := range cols {
		if c >= 0 {
			parts = append(parts, query.Text(row[c]))
		}
	}
	return strings.Join(parts, ", ")
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

// heatmap hides the state columns of the need heatmap by the answers'
// row totals and the "all" column by the grand total.
func (l *linked) heatmap(s *report.Sheet) error {
	t := s.Table
	it := t.Col("item")
	if it < 0 {
		return fmt.Errorf("no item column")
	}
	for r, row := range t.Rows {
		tab := l.answers[l.event][query.Text(row[it])]
		for c, name := range t.Columns {
			state, ok := strings.CutPrefix(name, "mean_")
			if !ok {
				continue
			}
			if state == "all" {
				state = all
			}
			if tab == nil {
				if row[c] != nil {
					return fmt.Errorf("row %d: no counts for item %s", r+1, query.Text(row[it]))
				}
				continue
			}
			if _, hidden, ok := tab.entry(state, all); ok && hidden {
				hideCell(s, r, c)
			} else if !ok && row[c] != nil {
				return fmt.Errorf("row %d: no counts for state %s", r+1, state)
			}
		}
	}
	return nil
}

// cover hides the cover's counts by state and sector as participation's
// margins, the top needs by their item's n, and the answered counts of the
// methods sheet.
func (l *linked) cover(in *report.Input, lb labels) error {
	for _, c := range []struct {
		counts []report.Count
		codes  map[string]string
		byRow  bool
	}{{in.Summary.ByState, lb.state, true}, {in.Summary.BySector, lb.sector, false}} {
		for i := range c.counts {
			cnt := &c.counts[i]
			code, ok := c.codes[cnt.Label]
			if !ok {
				return fmt.Errorf("suppression: cover: no code for %q", cnt.Label)
			}
			state, sector := code, all
			if !c.byRow {
				state, sector = all, code
			}
			n, hidden, ok := l.people.entry(state, sector)
			if !ok || n != cnt.N {
				return fmt.Errorf("suppression: cover: %s has %d respondents, the counts say %d", cnt.Label, cnt.N, n)
			}
			cnt.Hidden = cnt.Hidden || hidden
		}
	}
	for i := range in.Summary.TopNeeds {
		f := &in.Summary.TopNeeds[i]
		tab := l.answers[l.event][lb.item[f.Label]]
		if tab == nil {
			return fmt.Errorf("suppression: cover: no counts for %q", f.Label)
		}
		n, hidden, _ := tab.entry(all, all)
		if n != f.N {
			return fmt.Errorf("suppression: cover: %s has n = %d, the counts say %d", f.Label, f.N, n)
		}
		f.Hidden = f.Hidden || hidden
	}
	// The number who gave a state is all respondents minus those who did
	// not: hidden with them.
	for i := range in.Questions {
		q := &in.Questions[i]
		q.Hidden = q.Hidden || stats.Hide(q.N, l.minN)
		switch q.ID {
		case "state":
			_, h, _ := l.people.entry("", all)
			q.Hidden = q.Hidden || h
		case "sector":
			_, h, _ := l.people.entry(all, "")
			q.Hidden = q.Hidden || h
		}
	}
	return nil
}

// hideRows hides every number of the rows marked.
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

// hideBelow hides the columns cols of every row whose column base is in
// (0, minN).
func hideBelow(s *report.Sheet, base string, minN int, cols ...string) {
	b := s.Table.Col(base)
	if b < 0 {
		return
	}
	for r, row := range s.Table.Rows {
		if n, ok := row[b].(int64); !ok || !stats.Hide(int(n), minN) {
			continue
		}
		for _, name := range cols {
			if c := s.Table.Col(name); c >= 0 {
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
