package pipeline

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
)

// fakeSurvey is a survey's counts by state × sector, and the report input
// made of them the way Report's queries would: the tests below run it
// through the report's protection (protectInput) and read back only
// what the sheets and the cover show.
type fakeSurvey struct {
	states, sectors []string // "" = not given
	items           []string
	people          breakdown
	answers         map[string]breakdown
}

const fakeEvent = "ev"

func (f *fakeSurvey) label(code string) string {
	if code == "" {
		return notGiven("de")
	}
	return "Label " + code
}

func (f *fakeSurvey) labels() labels {
	lb := labels{state: map[string]string{}, sector: map[string]string{}, item: map[string]string{}}
	for _, s := range f.states {
		lb.state[f.label(s)] = s
	}
	for _, c := range f.sectors {
		lb.sector[f.label(c)] = c
	}
	for _, it := range f.items {
		lb.item[f.label(it)] = it
	}
	return lb
}

// orNil is a category as SQL returns it: NULL when not given.
func orNil(code string) any {
	if code == "" {
		return nil
	}
	return code
}

// breakdown holds counts by state × sector ("" = not given).
type breakdown map[place]int

// place is a cell of the state × sector breakdown.
type place struct{ state, sector string }

// all stands for a margin in lookups: every state, or every sector.
const all = "\x00all"

// builtin is a built-in query as loaded, with its protect: header.
func builtin(name string) *query.Query {
	qs, err := query.Load()
	if err != nil {
		panic(err)
	}
	for _, q := range qs {
		if q.Name == name {
			return q
		}
	}
	panic("no built-in query " + name)
}

// generated is a sheet the pipeline makes, with its spec.
func generated(name string, spec *disclosure.Spec) *query.Query {
	return &query.Query{Name: name, Source: "resonanz", Meta: query.Meta{Protect: spec}}
}

func likertSpec() *disclosure.Spec {
	return &disclosure.Spec{Counts: []disclosure.Count{{Column: "n", Of: disclosure.Answers + "need", Item: "item"}}}
}

func heatSpec(states []string) *disclosure.Spec {
	s := &disclosure.Spec{Counts: []disclosure.Count{{Of: disclosure.Answers + "need", Item: "item"}}}
	for _, st := range states {
		if st != "" {
			s.Wide = append(s.Wide, disclosure.Wide{Column: "mean_" + st, Codes: map[string]string{"state": st}})
		}
	}
	s.Wide = append(s.Wide, disclosure.Wide{Column: "mean_all"})
	return s
}

// protectFake runs the report's protection on an input made by hand.
func protectFake(in *report.Input, lb labels, event string, minN int) error {
	return protectInput(in, lb, event, disclosure.Rule{MinN: minN}.Or())
}

// input builds the report input: participation, the three need tables,
// the Likert sheet and the cover, with a made-up mean beside every n.
func (f *fakeSurvey) input() *report.Input {
	in := &report.Input{}
	part := &query.Table{Columns: []string{"state", "state_name", "sector", "sector_name", "n"}}
	byState := &query.Table{Columns: []string{"state", "state_name", "item", "item_text", "n", "mean"}}
	bySector := &query.Table{Columns: []string{"sector", "sector_name", "item", "item_text", "n", "mean"}}
	cells := &query.Table{Columns: []string{"state", "state_name", "sector", "sector_name", "item", "item_text", "n", "mean"}}
	likert := &query.Table{Columns: []string{"item", "item_text", "n", "share_1", "mean"}}
	heat := &query.Table{Columns: []string{"item", "item_text"}}
	for _, s := range f.states {
		if s != "" {
			heat.Columns = append(heat.Columns, "mean_"+s)
		}
	}
	heat.Columns = append(heat.Columns, "mean_all")
	rowSum := func(b breakdown, s string) (n int) {
		for _, c := range f.sectors {
			n += b[place{s, c}]
		}
		return n
	}
	colSum := func(b breakdown, c string) (n int) {
		for _, s := range f.states {
			n += b[place{s, c}]
		}
		return n
	}
	for _, s := range f.states {
		for _, c := range f.sectors {
			if n := f.people[place{s, c}]; n > 0 {
				part.Rows = append(part.Rows, []any{orNil(s), f.label(s), orNil(c), f.label(c), int64(n)})
			}
		}
	}
	for _, it := range f.items {
		a := f.answers[it]
		total := 0
		for _, s := range f.states {
			total += rowSum(a, s)
			if n := rowSum(a, s); s != "" && n > 0 {
				byState.Rows = append(byState.Rows, []any{s, f.label(s), it, f.label(it), int64(n), 3.5})
			}
			for _, c := range f.sectors {
				if n := a[place{s, c}]; s != "" && c != "" && n > 0 {
					cells.Rows = append(cells.Rows, []any{s, f.label(s), c, f.label(c), it, f.label(it), int64(n), 3.5})
				}
			}
		}
		for _, c := range f.sectors {
			if n := colSum(a, c); c != "" && n > 0 {
				bySector.Rows = append(bySector.Rows, []any{c, f.label(c), it, f.label(it), int64(n), 3.5})
			}
		}
		likert.Rows = append(likert.Rows, []any{it, f.label(it), int64(total), 0.25, 3.5})
		hrow := []any{it, f.label(it)}
		for _, s := range f.states {
			if s != "" {
				var mean any
				if rowSum(a, s) > 0 {
					mean = 3.5
				}
				hrow = append(hrow, mean)
			}
		}
		heat.Rows = append(heat.Rows, append(hrow, 3.5))
		in.Summary.TopNeeds = append(in.Summary.TopNeeds, report.Figure{Label: f.label(it), N: total, Value: 3.5})
	}
	for _, t := range []struct {
		q *query.Query
		t *query.Table
	}{
		{builtin("participation"), part}, {builtin("needs_by_state"), byState}, {builtin("needs_by_sector"), bySector},
		{builtin("needs_state_sector"), cells}, {generated("likert_need", likertSpec()), likert},
		{generated("heatmap_need", heatSpec(f.states)), heat},
	} {
		in.Sheets = append(in.Sheets, report.Sheet{Query: t.q, Table: t.t, Hidden: primaryHidden(t.t, 5)})
	}
	for _, s := range f.states {
		if n := rowSum(f.people, s); n > 0 {
			in.Summary.ByState = append(in.Summary.ByState, report.Count{Label: f.label(s), N: n})
			in.Summary.Responses += n
		}
	}
	for _, c := range f.sectors {
		if n := colSum(f.people, c); n > 0 {
			in.Summary.BySector = append(in.Summary.BySector, report.Count{Label: f.label(c), N: n})
		}
	}
	in.Questions = []report.Question{
		{ID: "state", N: in.Summary.Responses - rowSum(f.people, "")},
		{ID: "sector", N: in.Summary.Responses - colSum(f.people, "")},
	}
	return in
}

// suppress runs the report's suppression on the fake survey.
func (f *fakeSurvey) suppress(t *testing.T, minN int) *report.Input {
	t.Helper()
	in := f.input()
	if err := protectFake(in, f.labels(), fakeEvent, minN); err != nil {
		t.Fatal(err)
	}
	return in
}

// shownTable reads one table back from what the report shows: a count is
// known when some sheet or the cover prints it and does not hide it, a
// place no row stands for is a printed zero. It returns the table with its
// true counts and the mask of what must stay unknown: printed counts not
// shown, and small unprinted ones.
type readBack struct {
	states, sectors []string
	n               [][]int
	printed, known  [][]bool // (R+1) × (C+1), margins last
}

func newReadBack(states, sectors []string, count func(s, c string) int) *readBack {
	r := &readBack{states: states, sectors: sectors}
	for i := 0; i <= len(states); i++ {
		r.printed = append(r.printed, make([]bool, len(sectors)+1))
		r.known = append(r.known, make([]bool, len(sectors)+1))
		if i < len(states) {
			row := make([]int, len(sectors))
			for j := range sectors {
				row[j] = count(states[i], sectors[j])
			}
			r.n = append(r.n, row)
		}
	}
	return r
}

// index of a category, or the margin.
func (r *readBack) at(s, c string) (int, int) {
	i, j := len(r.states), len(r.sectors)
	if s != all {
		i = slices.Index(r.states, s)
	}
	if c != all {
		j = slices.Index(r.sectors, c)
	}
	if i < 0 || j < 0 {
		panic(fmt.Sprintf("no place %q/%q", s, c))
	}
	return i, j
}

func (r *readBack) value(i, j int) int {
	v := 0
	for a := range r.states {
		for b := range r.sectors {
			if (a == i || i == len(r.states)) && (b == j || j == len(r.sectors)) {
				v += r.n[a][b]
			}
		}
	}
	return v
}

// print records that the report prints place (s, c), shown or not.
func (r *readBack) print(s, c string, shown bool) {
	i, j := r.at(s, c)
	r.printed[i][j] = true
	r.known[i][j] = r.known[i][j] || shown
}

// check runs disclosure.Recoverable on the table as read back, and the primary
// rule on every shown count.
func (r *readBack) check(t *testing.T, what string, minN int) {
	t.Helper()
	R, C := len(r.states), len(r.sectors)
	tab := disclosure.Cross{N: r.n, Unprinted: disclosure.Mask{Cells: make([][]bool, R), RowTotals: make([]bool, R), ColTotals: make([]bool, C)}}
	mask := disclosure.Mask{Cells: make([][]bool, R), RowTotals: make([]bool, R), ColTotals: make([]bool, C)}
	set := func(i, j int, un, secret bool) {
		switch {
		case i < R && j < C:
			tab.Unprinted.Cells[i][j], mask.Cells[i][j] = un, secret
		case i < R:
			tab.Unprinted.RowTotals[i], mask.RowTotals[i] = un, secret
		case j < C:
			tab.Unprinted.ColTotals[j], mask.ColTotals[j] = un, secret
		default:
			tab.Unprinted.Grand, mask.Grand = un, secret
		}
	}
	for i := 0; i <= R; i++ {
		if i < R {
			tab.Unprinted.Cells[i] = make([]bool, C)
			mask.Cells[i] = make([]bool, C)
		}
		for j := 0; j <= C; j++ {
			v := r.value(i, j)
			printed := r.printed[i][j]
			if printed && r.known[i][j] && disclosure.Hide(v, minN) {
				t.Errorf("%s: a count of %d is shown at %d/%d", what, v, i, j)
			}
			// Printed but hidden everywhere, or unprinted and small: the
			// reader must not be able to work it out.
			set(i, j, !printed || !r.known[i][j], printed && !r.known[i][j] || !printed && disclosure.Hide(v, minN))
		}
	}
	if leak := disclosure.Recoverable(tab, mask); leak != nil {
		t.Errorf("%s: %v can be worked out from the report (states %q, sectors %q, n %v)", what, leak, r.states, r.sectors, r.n)
	}
}

// sheetRows returns a sheet's rows with their n and whether every number
// of the row is hidden; it fails when n is hidden but another number of
// the row is not.
func sheetRows(t *testing.T, in *report.Input, name string) (rows [][]any, nHidden []bool) {
	t.Helper()
	for _, s := range in.Sheets {
		if s.Query.Name != name {
			continue
		}
		nc := s.Table.Col("n")
		for r, row := range s.Table.Rows {
			h := r < len(s.Hidden) && nc < len(s.Hidden[r]) && s.Hidden[r] != nil && s.Hidden[r][nc]
			for c, v := range row {
				switch v.(type) {
				case int64, float64:
					if hc := r < len(s.Hidden) && c < len(s.Hidden[r]) && s.Hidden[r][c]; h && !hc {
						t.Errorf("%s row %d: n hidden but %s = %v shown", name, r, s.Table.Columns[c], v)
					}
				}
			}
			rows = append(rows, row)
			nHidden = append(nHidden, h)
		}
		return rows, nHidden
	}
	t.Fatalf("no sheet %s", name)
	return nil, nil
}

// checkShown reads the fake survey's report input back and checks every
// table of the breakdown.
func (f *fakeSurvey) checkShown(t *testing.T, in *report.Input, minN int) {
	t.Helper()
	code := func(v any) string { return query.Text(v) }
	lb := f.labels()

	// Respondents: participation's cells, the cover's margins and the
	// public total; the methods sheet's "answered state" is the total
	// minus those without a state.
	p := newReadBack(f.states, f.sectors, func(s, c string) int { return f.people[place{s, c}] })
	for _, s := range f.states {
		for _, c := range f.sectors {
			p.print(s, c, true) // a place without a row is a printed 0
		}
	}
	i, j := p.at(all, all)
	p.printed[i][j], p.known[i][j] = true, true
	rows, hidden := sheetRows(t, in, "participation")
	for r, row := range rows {
		i, j := p.at(code(row[0]), code(row[2]))
		p.known[i][j] = !hidden[r]
	}
	for _, c := range in.Summary.ByState {
		p.print(lb.state[c.Label], all, !c.Hidden)
	}
	for _, c := range in.Summary.BySector {
		p.print(all, lb.sector[c.Label], !c.Hidden)
	}
	for _, q := range in.Questions {
		if !q.Hidden && q.ID == "state" && slices.Contains(f.states, "") {
			p.print("", all, true)
		}
		if !q.Hidden && q.ID == "sector" && slices.Contains(f.sectors, "") {
			p.print(all, "", true)
		}
	}
	p.check(t, "participation", minN)

	// Answers per item: the cells of needs_state_sector, the margins of
	// needs_by_state and needs_by_sector, the n of the Likert sheet and of
	// the cover's top needs.
	for _, it := range f.items {
		a := newReadBack(f.states, f.sectors, func(s, c string) int { return f.answers[it][place{s, c}] })
		for _, s := range f.states {
			for _, c := range f.sectors {
				if s != "" && c != "" {
					a.print(s, c, true)
				}
			}
			if s != "" {
				a.print(s, all, true)
			}
		}
		for _, c := range f.sectors {
			if c != "" {
				a.print(all, c, true)
			}
		}
		for _, sheet := range []struct {
			name          string
			state, sector int // columns; -1: margin
		}{{"needs_state_sector", 0, 2}, {"needs_by_state", 0, -1}, {"needs_by_sector", -1, 0}} {
			rows, hidden := sheetRows(t, in, sheet.name)
			for r, row := range rows {
				if !slices.Contains(row, any(it)) {
					continue
				}
				s, c := all, all
				if sheet.state >= 0 {
					s = code(row[sheet.state])
				}
				if sheet.sector >= 0 {
					c = code(row[sheet.sector])
				}
				i, j := a.at(s, c)
				a.known[i][j] = !hidden[r]
			}
		}
		rows, hidden := sheetRows(t, in, "likert_need")
		for r, row := range rows {
			if row[0] == it {
				a.print(all, all, !hidden[r])
			}
		}
		for _, fig := range in.Summary.TopNeeds {
			if lb.item[fig.Label] == it {
				a.print(all, all, !fig.Hidden)
			}
		}
		a.check(t, "need "+it, minN)

		// The heatmap's means are hidden exactly where their n is.
		for _, sh := range in.Sheets {
			if sh.Query.Name != "heatmap_need" {
				continue
			}
			for r, row := range sh.Table.Rows {
				if row[0] != it {
					continue
				}
				for c, name := range sh.Table.Columns {
					st, ok := strings.CutPrefix(name, "mean_")
					if !ok || row[c] == nil {
						continue
					}
					if st == "all" {
						st = all
					}
					i, j := a.at(st, all)
					h := r < len(sh.Hidden) && c < len(sh.Hidden[r]) && sh.Hidden[r][c]
					if h != !a.known[i][j] {
						t.Errorf("heatmap %s/%s hidden %v, its n hidden %v", it, name, h, !a.known[i][j])
					}
				}
			}
		}
	}
}

// randomSurvey draws a survey like the conference's: a few states and
// sectors, sometimes respondents without either, many small groups, and
// items most of them answer.
func randomSurvey(rng *rand.Rand) *fakeSurvey {
	f := &fakeSurvey{answers: map[string]breakdown{}, people: breakdown{}}
	for k := range 2 + rng.IntN(3) {
		f.states = append(f.states, fmt.Sprintf("S%d", k))
	}
	for k := range 2 + rng.IntN(4) {
		f.sectors = append(f.sectors, fmt.Sprintf("B%d", k))
	}
	if rng.IntN(3) == 0 {
		f.states = append(f.states, "")
	}
	if rng.IntN(3) == 0 {
		f.sectors = append(f.sectors, "")
	}
	for _, s := range f.states {
		for _, c := range f.sectors {
			switch rng.IntN(4) {
			case 0:
			case 1:
				f.people[place{s, c}] = 1 + rng.IntN(4)
			default:
				f.people[place{s, c}] = rng.IntN(25)
			}
		}
	}
	f.items = []string{"i0", "i1", "i2"}
	for _, it := range f.items {
		f.answers[it] = breakdown{}
		for p, n := range f.people {
			for range n {
				if rng.IntN(10) > 0 {
					f.answers[it][p]++
				}
			}
		}
	}
	// Drop categories nobody is in, as the queries would not list them.
	keep := func(cats []string, has func(string) bool) []string {
		var out []string
		for _, x := range cats {
			if has(x) {
				out = append(out, x)
			}
		}
		return out
	}
	f.states = keep(f.states, func(s string) bool {
		for _, c := range f.sectors {
			if f.people[place{s, c}] > 0 {
				return true
			}
		}
		return false
	})
	f.sectors = keep(f.sectors, func(c string) bool {
		for _, s := range f.states {
			if f.people[place{s, c}] > 0 {
				return true
			}
		}
		return false
	})
	return f
}

// TestReportSuppressionProperty: for random surveys, nothing the report
// hides can be worked out by subtraction from what it shows, table by
// table, and nothing shown rests on fewer than min_n.
func TestReportSuppressionProperty(t *testing.T) {
	const minN = 5
	rng := rand.New(rand.NewPCG(5, 2026))
	secondary := 0
	for k := range 1000 {
		f := randomSurvey(rng)
		total := 0
		for _, n := range f.people {
			total += n
		}
		if len(f.states) == 0 || len(f.sectors) == 0 || total < minN {
			continue
		}
		in := f.suppress(t, minN)
		f.checkShown(t, in, minN)
		rows, hidden := sheetRows(t, in, "participation")
		for r, row := range rows {
			if hidden[r] && !disclosure.Hide(int(row[4].(int64)), minN) {
				secondary++
			}
		}
		if t.Failed() {
			t.Fatalf("survey %d: %+v", k, f)
		}
	}
	if secondary < 300 {
		t.Errorf("only %d complements in participation: the generator tests too little", secondary)
	}
}

// A hand example: Thüringen's two politicians. Participation alone would
// give them away as Thüringen's total minus the rest, or politics' total
// minus the other states.
//
//	        Verw Wirt Pol | total
//	SN        20   15   3 |  38
//	TH        12   10   2 |  24
//	          32   25   5 |  62
func TestReportSuppressionExample(t *testing.T) {
	f := &fakeSurvey{
		states: []string{"SN", "TH"}, sectors: []string{"pol", "verw", "wirt"}, items: []string{"i0"},
		people: breakdown{{"SN", "verw"}: 20, {"SN", "wirt"}: 15, {"SN", "pol"}: 3, {"TH", "verw"}: 12, {"TH", "wirt"}: 10, {"TH", "pol"}: 2},
	}
	f.answers = map[string]breakdown{"i0": f.people}
	in := f.suppress(t, 5)
	rows, hidden := sheetRows(t, in, "participation")
	got := map[string]bool{}
	for r, row := range rows {
		got[row[0].(string)+"/"+row[2].(string)] = hidden[r]
	}
	// The 3 and 2 hide each other in the politics column; the rows need
	// one more pair: the cheapest is TH's 10 with SN's 15.
	want := map[string]bool{"SN/pol": true, "TH/pol": true, "SN/wirt": true, "TH/wirt": true, "SN/verw": false, "TH/verw": false}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("participation %s hidden = %v, want %v", k, got[k], w)
		}
	}
	// The same pattern in the answers, since everybody answered.
	rows, hidden = sheetRows(t, in, "needs_state_sector")
	for r, row := range rows {
		if k := row[0].(string) + "/" + row[2].(string); hidden[r] != want[k] {
			t.Errorf("needs_state_sector %s hidden = %v, want %v", k, hidden[r], want[k])
		}
	}
	for _, c := range in.Summary.ByState {
		if c.Hidden {
			t.Errorf("cover: %s hidden", c.Label)
		}
	}
	f.checkShown(t, in, 5)
}

// The common pattern: a place hidden for one item is hidden for the other
// and in participation, though their own numbers would allow it.
func TestReportSuppressionPattern(t *testing.T) {
	f := &fakeSurvey{
		states: []string{"SN", "TH"}, sectors: []string{"pol", "verw"}, items: []string{"i0", "i1"},
		people: breakdown{{"SN", "verw"}: 20, {"SN", "pol"}: 9, {"TH", "verw"}: 12, {"TH", "pol"}: 8},
		answers: map[string]breakdown{
			"i0": {{"SN", "verw"}: 20, {"SN", "pol"}: 9, {"TH", "verw"}: 12, {"TH", "pol"}: 8},
			"i1": {{"SN", "verw"}: 19, {"SN", "pol"}: 9, {"TH", "verw"}: 12, {"TH", "pol"}: 4},
		},
	}
	in := f.suppress(t, 5)
	rows, hidden := sheetRows(t, in, "needs_state_sector")
	for r, row := range rows {
		if !hidden[r] {
			t.Errorf("needs_state_sector %v shown: i1's 4 hides all four places", row[:6])
		}
	}
	rows, hidden = sheetRows(t, in, "participation")
	for r, row := range rows {
		if !hidden[r] {
			t.Errorf("participation %v shown", row)
		}
	}
	f.checkShown(t, in, 5)
}

// Fewer respondents than min_n: every count is hidden but the total.
func TestReportSuppressionTinySurvey(t *testing.T) {
	f := &fakeSurvey{
		states: []string{"SN", "TH"}, sectors: []string{"pol"}, items: []string{"i0"},
		people: breakdown{{"SN", "pol"}: 1, {"TH", "pol"}: 2},
	}
	f.answers = map[string]breakdown{"i0": f.people}
	in := f.suppress(t, 5)
	for _, name := range []string{"participation", "needs_by_state", "needs_by_sector", "needs_state_sector", "likert_need"} {
		_, hidden := sheetRows(t, in, name)
		for r, h := range hidden {
			if !h {
				t.Errorf("%s row %d shown", name, r)
			}
		}
	}
	for _, c := range append(in.Summary.ByState, in.Summary.BySector...) {
		if !c.Hidden {
			t.Errorf("cover %s shown", c.Label)
		}
	}
}

// A sheet whose n is not what the counts say means the suppression does
// not describe it: an error, not a guess.
func TestReportSuppressionMismatch(t *testing.T) {
	f := &fakeSurvey{states: []string{"SN"}, sectors: []string{"pol", "verw"}, items: []string{"i0"},
		people: breakdown{{"SN", "pol"}: 10, {"SN", "verw"}: 10}}
	f.answers = map[string]breakdown{"i0": f.people}
	in := f.input()
	in.Sheets[0].Table.Rows[0][4] = int64(11)
	if err := protectFake(in, f.labels(), fakeEvent, 5); err == nil || !strings.Contains(err.Error(), "is 10, its parts add up to 11") {
		t.Errorf("error %v", err)
	}
}

// Trends: an earlier event's hidden row hides the next row's change and
// its mark; the earlier event's rows are protected against its totals.
func TestReportSuppressionTrend(t *testing.T) {
	run := func(pol1 int64) *report.Sheet {
		byItem := &query.Table{Columns: []string{"event", "item", "n", "mean"}, Rows: [][]any{
			{"e1", "i0", pol1 + 50, 3.0}, {"e2", "i0", int64(67), 3.3},
		}}
		tab := &query.Table{Columns: []string{"event", "sector", "item", "n", "mean", "change"}, Rows: [][]any{
			{"e1", "pol", "i0", pol1, 3.0, nil}, {"e2", "pol", "i0", int64(17), 3.5, 0.5},
			{"e1", "verw", "i0", int64(50), 3.0, nil}, {"e2", "verw", "i0", int64(50), 3.2, 0.2},
		}}
		in := &report.Input{Sheets: []report.Sheet{
			{Query: builtin("trend_needs_by_sector"), Table: tab, Marks: [][]string{nil, {"", "", "", "", "▲", ""}}},
			{Query: builtin("trend_needs"), Table: byItem},
		}}
		in.Summary.Responses = 67
		if err := protectFake(in, labels{}, "e2", 5); err != nil {
			t.Fatal(err)
		}
		return &in.Sheets[0]
	}
	got := run(12)
	hid := func(r int, col string) bool {
		c := got.Table.Col(col)
		return r < len(got.Hidden) && c < len(got.Hidden[r]) && got.Hidden[r][c]
	}
	for r := range got.Table.Rows {
		for _, c := range got.Table.Columns {
			if hid(r, c) {
				t.Errorf("nothing small, but row %d col %s hidden", r, c)
			}
		}
	}
	// e1's politics small: 4. It is hidden, and with it e1/verw, else
	// the item's total minus verw gives it; e2's rows stay, but not
	// their changes.
	got = run(4)
	if !hid(0, "n") || !hid(0, "mean") || !hid(2, "n") {
		t.Errorf("e1's rows not hidden: %v", got.Hidden)
	}
	if hid(1, "n") || hid(1, "mean") || !hid(1, "change") || !hid(3, "change") {
		t.Errorf("e2's rows: want n and mean shown, change hidden: %v", got.Hidden)
	}
	if got.Marks[1] != nil {
		t.Errorf("the mark of a change from a hidden row stays: %v", got.Marks[1])
	}
}

// A user's query is suppressed on its own, as a count table.
func TestReportSuppressionUserSheet(t *testing.T) {
	f := &fakeSurvey{states: []string{"SN"}, sectors: []string{"pol", "verw"}, items: []string{"i0"},
		people: breakdown{{"SN", "pol"}: 10, {"SN", "verw"}: 10}}
	f.answers = map[string]breakdown{"i0": f.people}
	in := f.input()
	user := &query.Table{Columns: []string{"state", "n"}, Rows: [][]any{{"SN", int64(40)}, {"TH", int64(3)}, {"ST", int64(12)}}}
	in.Sheets = append(in.Sheets, report.Sheet{Query: &query.Query{Name: "mine", Source: "/q/mine.sql"}, Table: user, Hidden: primaryHidden(user, 5)})
	if err := protectFake(in, f.labels(), fakeEvent, 5); err != nil {
		t.Fatal(err)
	}
	_, hidden := sheetRows(t, in, "mine")
	if want := []bool{false, true, true}; !slices.Equal(hidden, want) {
		t.Errorf("hidden %v, want %v (3 and its complement 12)", hidden, want)
	}
}

// An item nobody answered (asked last year only) has a Likert row with
// n = 0 and no counts: nothing to hide, no error. A row with people but no
// counts is an error.
func TestReportSuppressionUnansweredItem(t *testing.T) {
	f := &fakeSurvey{states: []string{"SN"}, sectors: []string{"pol", "verw"}, items: []string{"i0"},
		people: breakdown{{"SN", "pol"}: 10, {"SN", "verw"}: 10}}
	f.answers = map[string]breakdown{"i0": f.people}
	in := f.input()
	likert := in.Sheets[4].Table
	likert.Rows = append(likert.Rows, []any{"ki", "KI", int64(0), nil, nil})
	if err := protectFake(in, f.labels(), fakeEvent, 5); err != nil {
		t.Fatal(err)
	}
	if _, hidden := sheetRows(t, in, "likert_need"); hidden[1] {
		t.Errorf("an item nobody answered is hidden: %v", hidden)
	}
	// Three people: an item of its own, its n and every figure hidden.
	in = f.input()
	in.Sheets[4].Table.Rows = append(in.Sheets[4].Table.Rows, []any{"ki", "KI", int64(3), nil, nil})
	if err := protectFake(in, f.labels(), fakeEvent, 5); err != nil {
		t.Fatal(err)
	}
	if h := in.Sheets[4].Hidden; len(h) < 2 || len(h[1]) < 5 || !h[1][2] || !h[1][3] || !h[1][4] {
		t.Errorf("the row of 3 answers: hidden %v, want n and every figure, NULL ones too", h)
	}
}
