package survey

import (
	"strings"

	"github.com/resonanz/resonanz/pipeline/survey/layout"
)

// HeaderScan is how many rows from the top are searched for the header.
const HeaderScan = 40

// blockRows is how many rows under a header candidate its structure is
// judged by.
const blockRows = 30

// headRows is how many rows are read to find the header: a candidate in the
// last scanned rows is judged by a block of rows under it too (with none, a
// data row at row 40 outscored the real header in row 1).
const headRows = HeaderScan + blockRows

// dense turns a sparse row into a layout.Row of its first width columns.
func dense(r *Row, width int) layout.Row {
	out := layout.Row{Num: r.Num, Cells: make([]string, width)}
	for i, c := range r.Cols {
		if c <= width {
			out.Cells[c-1] = r.Vals[i]
		}
	}
	return out
}

// findHeader finds the header among the first rows from the sheet's
// structure: a row of distinct texts that do not recur in the block of rows
// below it, which its columns cover; or a tool's header of several rows
// (SurveyMonkey, Qualtrics), whose signature then counts too. force, when
// not 0, is the header row the user named. It returns the header and the
// first rows as layout sees them.
func findHeader(head []*Row, force int, csv bool, sheet string) (layout.Header, []layout.Row) {
	width := 0
	for _, r := range head {
		width = max(width, r.Width)
	}
	rows := make([]layout.Row, len(head))
	for i, r := range head {
		rows[i] = dense(r, width)
	}
	var best layout.Header
	bestScore := -1.0
	consider := func(h layout.Header) {
		s := structureScore(h, rows)
		sh := &layout.Sheet{Header: h, Data: dataRows(h, rows, blockRows), CSV: csv, Name: sheet}
		s += float64(layout.Best(sh).Match(sh))
		if s > bestScore || s == bestScore && h.Rows+h.Skip > best.Rows+best.Skip && h.Row == best.Row {
			best, bestScore = h, s
		}
	}
	for i, r := range rows {
		if i >= HeaderScan && force == 0 {
			break
		}
		if force > 0 && r.Num != force {
			continue
		}
		if r.Filled() == 0 {
			continue
		}
		if !layout.IsImportIDs(r) {
			// Qualtrics' import ids are distinct where its codes and texts
			// repeat (Q44#2_red_pandas_4 twice): never the header alone.
			consider(layout.Header{Row: r.Num, Rows: 1, Cells: trimmed(r.Cells)})
		}
		for _, l := range layout.HeaderRules() {
			if h, ok := l.HeaderRule(rows, i); ok {
				consider(h)
			}
		}
	}
	if best.Row == 0 && force > 0 {
		best = layout.Header{Row: force, Rows: 1}
	}
	return best, rows
}

func trimmed(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.Join(strings.Fields(c), " ")
	}
	return out
}

// dataRows are up to n consecutive rows from the header's data row on.
func dataRows(h layout.Header, rows []layout.Row, n int) []layout.Row {
	var out []layout.Row
	for _, r := range rows {
		if r.Num >= h.DataRow() && len(out) < n {
			out = append(out, r)
		}
	}
	return out
}

// structureScore says how much a header candidate looks like the header of
// the rows below it: the number of its text cells whose text does not recur
// in its column below (a data row's answers do), times the share of the
// cells below that fall under a header cell, less its cells that are
// numbers or dates.
func structureScore(h layout.Header, rows []layout.Row) float64 {
	block := dataRows(h, rows, blockRows)
	below := make(map[int]map[string]bool)
	covered, cells := 0, 0
	for _, r := range block {
		for c, v := range r.Cells {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			cells++
			if c < len(h.Cells) && (h.Cells[c] != "" || c < len(h.Texts) && h.Texts[c] != "") {
				covered++
			}
			if below[c] == nil {
				below[c] = map[string]bool{}
			}
			below[c][key(v)] = true
		}
	}
	novel, numeric := 0.0, 0.0
	seen := map[string]int{}
	for c, v := range h.Cells {
		if v == "" {
			continue
		}
		if isNumber(v) || isDateText(v) {
			numeric++
			continue
		}
		k := key(v)
		if k == "" || below[c][k] {
			continue
		}
		seen[k]++
		if seen[k] == 1 {
			novel++
		} else {
			novel += 0.5 // a repeated header counts less
		}
	}
	cover := 1.0
	if cells > 0 {
		cover = float64(covered) / float64(cells)
	}
	return novel*cover - numeric
}

func isDateText(v string) bool {
	_, err := parseTime(v)
	return err == nil
}

// rowsAbove lists the rows above the header that look like responses:
// cells under at least a third of the header's columns (a title or a
// note has one or two).
func rowsAbove(h layout.Header, rows []layout.Row) []int {
	filled := 0
	for _, c := range h.Cells {
		if c != "" {
			filled++
		}
	}
	var out []int
	for _, r := range rows {
		if r.Num >= h.Row {
			break
		}
		if n := r.Filled(); n >= 3 && 3*n >= filled {
			out = append(out, r.Num)
		}
	}
	return out
}
