package pipeline

import (
	"fmt"
	"slices"
	"testing"

	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// The truth of a report's counts by state × sector, and what its
// workbook shows of them, for TestReportSecondarySuppression.

// breakdown holds counts by state × sector ("" = not given).
type breakdown map[place]int

// place is a cell of the state × sector breakdown.
type place struct{ state, sector string }

// all stands for a margin in lookups: every state, or every sector.
const all = "\x00all"

// builtin is a built-in query as loaded, with its protect: header.

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
