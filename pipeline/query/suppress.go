package query

import (
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/resonanz/resonanz/pipeline/disclosure"
)

// Suppression says which rows of a result SmallRows hides, and why.
type Suppression struct {
	Hide  []bool // rows whose numbers are not shown; nil: none
	Small int    // rows hidden for their own n
	// Dims are the label columns of each dimension when the result is a
	// count table (secondary suppression applied); nil otherwise.
	Dims [][]string
	// Unknown lists the totals the protection assumes a reader does not
	// know, as column=value, or "total" for the grand total: totals below
	// minN, and totals hidden as complements. Every other total of the
	// table is assumed known.
	Unknown []string
	// Why says why a result with an n column is not treated as a count
	// table; "" when it is, or has no n column.
	Why string
}

// SmallRows decides which rows of a result to hide so that no count of
// fewer than minN respondents is shown or can be worked out.
//
// Primary: every row whose column n is in (0, minN).
//
// Secondary, when the result is a count table: one row per group of one or
// two label dimensions, with its count n. Label columns are the text, date
// and boolean ones; columns that map one to one onto each other (state and
// state_name) are one dimension, and a column with a single value is none.
// The table's row, column and grand totals count as known (a reader adds
// them up, or knows them from elsewhere), except those disclosure.Suppress hides
// (listed in Unknown: below minN, or a complement where no cell would do);
// combinations without a row count as 0; and disclosure.Suppress picks
// complementary rows so that no hidden n is determined by the shown ones
// and the known totals.
//
// Numeric columns other than n are figures resting on n (mean, share, …)
// and are hidden with it; cast a numeric category to text (value::varchar)
// to make it a label.
func SmallRows(t *Table, minN int) Suppression {
	var s Suppression
	nc := t.Col("n")
	if nc < 0 || minN <= 1 {
		return s
	}
	s.Hide = make([]bool, len(t.Rows))
	counts := make([]int, len(t.Rows))
	for r, row := range t.Rows {
		n, ok := row[nc].(int64)
		switch {
		case !ok || n < 0:
			if s.Why == "" {
				s.Why = fmt.Sprintf("row %d: n is not a count", r+1)
			}
		case disclosure.Hide(int(n), minN):
			s.Hide[r] = true
			s.Small++
		}
		counts[r] = int(n)
	}
	if s.Why != "" {
		return s
	}
	var labels []int
	for c := range t.Columns {
		if c != nc && isLabel(t, c) {
			labels = append(labels, c)
		}
	}
	dims := dimensions(t, labels)
	switch {
	case len(dims) == 0:
		s.Why = "no label column"
		return s
	case len(dims) > 2:
		s.Why = fmt.Sprintf("%d label dimensions (at most 2)", len(dims))
		return s
	}
	// Each row's place: its index along each dimension.
	index := make([]map[string]int, len(dims))
	places := make([][2]int, len(t.Rows))
	seen := map[[2]int]int{}
	for d := range dims {
		index[d] = map[string]int{}
	}
	for r, row := range t.Rows {
		var p [2]int
		for d, cols := range dims {
			k := key(row[cols[0]])
			i, ok := index[d][k]
			if !ok {
				i = len(index[d])
				index[d][k] = i
			}
			p[d] = i
		}
		if first, dup := seen[p]; dup {
			s.Why = fmt.Sprintf("rows %d and %d are the same group", first+1, r+1)
			return s
		}
		seen[p] = r
		places[r] = p
	}
	rows, cols := len(index[0]), 1
	if len(dims) == 2 {
		cols = len(index[1])
	}
	var tab disclosure.Cross
	if len(dims) == 1 {
		// One list with its total: one row, whose columns are single
		// counts.
		rows, cols = 1, rows
		for r := range places {
			places[r] = [2]int{0, places[r][0]}
		}
		tab.NoColTotals, tab.NoGrand = true, true
	}
	tab.N = make([][]int, rows)
	for i := range tab.N {
		tab.N[i] = make([]int, cols)
	}
	for r, p := range places {
		tab.N[p[0]][p[1]] = counts[r]
	}
	m, ok := suppressChecked(tab, minN)
	if !ok {
		// Suppress checks itself; should that ever fail, show nothing.
		m.Cells = nil
		for i := range s.Hide {
			s.Hide[i] = true
		}
	}
	for r, p := range places {
		if m.Cells != nil && m.Cells[p[0]][p[1]] {
			s.Hide[r] = true
		}
	}
	for _, d := range dims {
		var names []string
		for _, c := range d {
			names = append(names, t.Columns[c])
		}
		s.Dims = append(s.Dims, names)
	}
	// The category of each place along each dimension, for Unknown.
	cats := make([][]string, len(dims))
	for d := range dims {
		cats[d] = make([]string, len(index[d]))
		for r, row := range t.Rows {
			p := places[r]
			i := p[0]
			if len(dims) == 1 || d == 1 {
				i = p[1]
			}
			cats[d][i] = t.Columns[dims[d][0]] + "=" + Text(row[dims[d][0]])
		}
	}
	if m.Cells != nil {
		if len(dims) == 2 {
			for i, h := range m.RowTotals {
				if h {
					s.Unknown = append(s.Unknown, cats[0][i])
				}
			}
			for j, h := range m.ColTotals {
				if h {
					s.Unknown = append(s.Unknown, cats[1][j])
				}
			}
			if m.Grand {
				s.Unknown = append(s.Unknown, "total")
			}
		} else if m.RowTotals[0] {
			s.Unknown = append(s.Unknown, "total")
		}
	}
	return s
}

// suppressChecked is disclosure.Suppress with its result checked again, and
// its panic on a leak turned into false.
func suppressChecked(t disclosure.Cross, minN int) (m disclosure.Mask, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	m = disclosure.Suppress(t, minN)
	return m, disclosure.Recoverable(t, m) == nil
}

// Suppress blanks the numbers of the rows SmallRows hides: they read "."
// and the label columns stay, so the row says the group exists but not
// what it holds.
func Suppress(t *Table, minN int) Suppression {
	s := SmallRows(t, minN)
	figure := make([]bool, len(t.Columns))
	for c := range figure {
		figure[c] = t.Figure(c)
	}
	for r, h := range s.Hide {
		if !h {
			continue
		}
		for i := range t.Rows[r] {
			if figure[i] {
				t.Rows[r][i] = "."
			}
		}
	}
	return s
}

// Describe says in a line what SmallRows did, for the analyst.
func (s Suppression) Describe(minN int) string {
	hidden := 0
	for _, h := range s.Hide {
		if h {
			hidden++
		}
	}
	switch {
	case s.Hide == nil:
		return fmt.Sprintf("--min-n %d: no column n, nothing hidden", minN)
	case s.Dims != nil:
		var dims []string
		for _, d := range s.Dims {
			dims = append(dims, strings.Join(d, "/"))
		}
		line := fmt.Sprintf("--min-n %d: count table by %s: %d rows hidden, %d of them below %d, %d to protect those",
			minN, strings.Join(dims, " × "), hidden, s.Small, minN, hidden-s.Small)
		if len(s.Unknown) > 0 {
			line += "; assumes these totals are not known from elsewhere: " + strings.Join(s.Unknown, ", ")
		}
		return line
	}
	return fmt.Sprintf("--min-n %d: %d rows below %d hidden; no secondary suppression (not a count table: %s)", minN, hidden, minN, s.Why)
}

// isLabel reports whether column c holds categories: text, dates, booleans.
func isLabel(t *Table, c int) bool {
	if c < len(t.Types) && t.Types[c] != nil {
		switch t.Types[c].ID() {
		case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW, arrow.BOOL,
			arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP, arrow.TIME32, arrow.TIME64:
			return true
		}
		return false
	}
	for _, row := range t.Rows {
		switch row[c].(type) {
		case string, bool, time.Time:
			return true
		case nil:
			continue
		}
		return false
	}
	return false
}

// key is a label value as a map key; NULL is a category of its own.
func key(v any) string {
	if v == nil {
		return "\x00null"
	}
	return Text(v)
}

// dimensions groups the label columns that map one to one onto each other
// and drops those with a single value.
func dimensions(t *Table, labels []int) [][]int {
	var dims [][]int
	for _, c := range labels {
		values := map[string]bool{}
		for _, row := range t.Rows {
			values[key(row[c])] = true
		}
		if len(values) < 2 {
			continue
		}
		joined := false
		for d := range dims {
			if oneToOne(t, dims[d][0], c) {
				dims[d] = append(dims[d], c)
				joined = true
				break
			}
		}
		if !joined {
			dims = append(dims, []int{c})
		}
	}
	return dims
}

func oneToOne(t *Table, a, b int) bool {
	ab, ba := map[string]string{}, map[string]string{}
	for _, row := range t.Rows {
		ka, kb := key(row[a]), key(row[b])
		if x, ok := ab[ka]; ok && x != kb {
			return false
		}
		if x, ok := ba[kb]; ok && x != ka {
			return false
		}
		ab[ka], ba[kb] = kb, ka
	}
	return true
}
