package disclosure

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestHide(t *testing.T) {
	for _, c := range []struct {
		n    int
		want bool
	}{{0, false}, {1, true}, {4, true}, {5, false}, {150, false}} {
		if got := Hide(c.n, 5); got != c.want {
			t.Errorf("Hide(%d, 5) = %v, want %v", c.n, got, c.want)
		}
	}
}

func TestSuppressTable(t *testing.T) {
	// The 3 needs a cycle of hidden cells through its row and column. The
	// cheapest rectangle is 12, 8, 9 (29 people); 12, 15, 18 would be 45.
	//
	//	12  3 20 | 35
	//	15 18 25 | 58
	//	 8  9  0 | 17
	tab := Cross{N: [][]int{{12, 3, 20}, {15, 18, 25}, {8, 9, 0}}}
	m := Suppress(tab, 5)
	want := [][]bool{{true, true, false}, {false, false, false}, {true, true, false}}
	if !reflect.DeepEqual(m.Cells, want) || m.Grand || anyTrue(m.RowTotals) || anyTrue(m.ColTotals) {
		t.Errorf("Suppress = %+v, want cells %v and no totals", m, want)
	}
}

func anyTrue(b []bool) bool {
	for _, x := range b {
		if x {
			return true
		}
	}
	return false
}

func TestRecoverable(t *testing.T) {
	f, T := false, true
	four := Cross{N: [][]int{{10, 20, 30, 40}, {11, 21, 31, 41}, {12, 22, 32, 42}, {13, 23, 33, 43}}}
	none4 := []bool{f, f, f, f}
	for _, c := range []struct {
		name string
		t    Cross
		m    Mask
		want []Cell
	}{
		{
			"lone cell: row total minus the rest",
			Cross{N: [][]int{{10, 20}, {30, 40}}},
			Mask{Cells: [][]bool{{T, f}, {f, f}}, RowTotals: []bool{f, f}, ColTotals: []bool{f, f}},
			[]Cell{{0, 0}},
		},
		{
			"rectangle: one free parameter",
			Cross{N: [][]int{{10, 20}, {30, 40}}},
			Mask{Cells: [][]bool{{T, T}, {T, T}}, RowTotals: []bool{f, f}, ColTotals: []bool{f, f}},
			nil,
		},
		{
			// Every line with a hidden cell has two, yet (1,2) equals row 1's
			// total minus the block sum, which the columns give.
			"two rectangles and a link",
			four,
			Mask{Cells: [][]bool{{T, T, f, f}, {T, T, T, f}, {f, f, T, T}, {f, f, T, T}},
				RowTotals: none4, ColTotals: none4},
			[]Cell{{1, 2}},
		},
		{
			"hidden total, cells shown",
			Cross{N: [][]int{{10, 20}, {30, 40}}},
			Mask{Cells: [][]bool{{f, f}, {f, f}}, RowTotals: []bool{T, f}, ColTotals: []bool{f, f}},
			[]Cell{{0, Total}},
		},
		{
			"row totals not printed: the column still gives it away",
			Cross{N: [][]int{{10, 20}, {30, 40}}, NoRowTotals: true},
			Mask{Cells: [][]bool{{T, f}, {f, f}}, RowTotals: []bool{f, f}, ColTotals: []bool{f, f}},
			[]Cell{{0, 0}},
		},
		{
			"no totals printed at all",
			Cross{N: [][]int{{10, 20}, {30, 40}}, NoRowTotals: true, NoColTotals: true, NoGrand: true},
			Mask{Cells: [][]bool{{T, f}, {f, f}}, RowTotals: []bool{f, f}, ColTotals: []bool{f, f}},
			nil,
		},
		{
			"grand total from the printed row totals",
			Cross{N: [][]int{{10, 20}, {30, 40}}},
			Mask{Cells: [][]bool{{f, f}, {f, f}}, RowTotals: []bool{f, f}, ColTotals: []bool{f, f}, Grand: true},
			[]Cell{{Total, Total}},
		},
	} {
		if got := Recoverable(c.t, c.m); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Recoverable = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSuppressProperties checks Suppress on random tables against the
// independent Recoverable and the rules it promises.
func TestSuppressProperties(t *testing.T) {
	const minN = 5
	rng := rand.New(rand.NewPCG(2025, 11))
	masked := 0
	for k := range 3000 {
		tab := randomTable(rng)
		m := Suppress(tab, minN)
		if leak := Recoverable(tab, m); leak != nil {
			t.Fatalf("table %d %+v: mask %+v leaves %v recoverable", k, tab, m, leak)
		}
		checkRules(t, k, tab, m, minN)
		if t.Failed() {
			return
		}
		for _, row := range m.Cells {
			if anyTrue(row) {
				masked++
				break
			}
		}
	}
	if masked < 1000 {
		t.Errorf("only %d of 3000 random tables needed suppression: the generator tests too little", masked)
	}
}

// randomTable draws up to 6×6 counts, many of them small or zero as in a
// survey of 150 split by state and sector, and random printed margins.
func randomTable(rng *rand.Rand) Cross {
	r, c := 1+rng.IntN(6), 1+rng.IntN(6)
	tab := Cross{
		NoRowTotals: rng.IntN(4) == 0,
		NoColTotals: rng.IntN(4) == 0,
		NoGrand:     rng.IntN(3) == 0,
	}
	for range r {
		row := make([]int, c)
		for j := range row {
			switch rng.IntN(4) {
			case 0: // zero
			case 1:
				row[j] = 1 + rng.IntN(4)
			default:
				row[j] = rng.IntN(40)
			}
		}
		tab.N = append(tab.N, row)
	}
	return tab
}

// checkRules verifies, from the table alone: every printed count in
// (0, minN) is hidden, no zero is hidden, unprinted margins are marked
// exactly when small (to be kept unknown), and no printed total leaves its
// line's hidden counts a sum in (0, minN).
func checkRules(t *testing.T, k int, tab Cross, m Mask, minN int) {
	t.Helper()
	small := func(n int) bool { return n > 0 && n < minN }
	r, c := len(tab.N), len(tab.N[0])
	rowT, colT, grand := make([]int, r), make([]int, c), 0
	for i, row := range tab.N {
		for j, n := range row {
			rowT[i] += n
			colT[j] += n
			grand += n
			if small(n) && !m.Cells[i][j] {
				t.Errorf("table %d %v: cell (%d,%d) = %d shown", k, tab.N, i, j, n)
			}
			if n == 0 && m.Cells[i][j] {
				t.Errorf("table %d %v: zero cell (%d,%d) hidden", k, tab.N, i, j)
			}
		}
	}
	// A margin is known when printed and not hidden.
	rowKnown := func(i int) bool { return !tab.NoRowTotals && !m.RowTotals[i] }
	colKnown := func(j int) bool { return !tab.NoColTotals && !m.ColTotals[j] }
	grandKnown := !tab.NoGrand && !m.Grand
	for i := range r {
		if tab.NoRowTotals && m.RowTotals[i] != small(rowT[i]) || !tab.NoRowTotals && small(rowT[i]) && !m.RowTotals[i] {
			t.Errorf("table %d %v: row total %d wrongly marked %v", k, tab.N, i, m.RowTotals[i])
		}
		sum := 0
		for j := range c {
			if m.Cells[i][j] {
				sum += tab.N[i][j]
			}
		}
		if rowKnown(i) && small(sum) {
			t.Errorf("table %d %v: row %d hides a remainder of %d", k, tab.N, i, sum)
		}
	}
	for j := range c {
		if tab.NoColTotals && m.ColTotals[j] != small(colT[j]) || !tab.NoColTotals && small(colT[j]) && !m.ColTotals[j] {
			t.Errorf("table %d %v: column total %d wrongly marked %v", k, tab.N, j, m.ColTotals[j])
		}
		sum := 0
		for i := range r {
			if m.Cells[i][j] {
				sum += tab.N[i][j]
			}
		}
		if colKnown(j) && small(sum) {
			t.Errorf("table %d %v: column %d hides a remainder of %d", k, tab.N, j, sum)
		}
	}
	if tab.NoGrand && m.Grand != small(grand) || !tab.NoGrand && small(grand) && !m.Grand {
		t.Errorf("table %d %v: grand total wrongly marked %v", k, tab.N, m.Grand)
	}
	if grandKnown {
		rs, cs := 0, 0
		for i := range r {
			if !rowKnown(i) {
				rs += rowT[i]
			}
		}
		for j := range c {
			if !colKnown(j) {
				cs += colT[j]
			}
		}
		if small(rs) || small(cs) {
			t.Errorf("table %d %v: grand total leaves hidden totals summing to %d / %d", k, tab.N, rs, cs)
		}
	}
}

// A table without small numbers is printed whole.
func TestSuppressNothingToDo(t *testing.T) {
	tab := Cross{N: [][]int{{5, 0, 17}, {9, 30, 0}}}
	m := Suppress(tab, 5)
	if anyTrue(m.Cells[0]) || anyTrue(m.Cells[1]) || anyTrue(m.RowTotals) || anyTrue(m.ColTotals) || m.Grand {
		t.Errorf("Suppress hid something: %+v", m)
	}
}

// Respondents without a state count in the column totals but have no row
// of their own: the 2 of column A is 34 − 20 − 12 unless more is hidden.
//
//	        A  B | total
//	SN     20 15 | 35
//	TH     12 10 | 22
//	(none)  2  0 |  2    ← not printed
//	       34 25 | 59
func TestSuppressUnprinted(t *testing.T) {
	f, T := false, true
	tab := Cross{
		N:         [][]int{{20, 15}, {12, 10}, {2, 0}},
		Unprinted: Mask{Cells: [][]bool{nil, nil, {T, T}}, RowTotals: []bool{f, f, T}},
	}
	// Printing everything but the unprinted row gives the 2 away.
	none := Mask{Cells: [][]bool{{f, f}, {f, f}, {T, f}}, RowTotals: []bool{f, f, T}, ColTotals: []bool{f, f}}
	if got := Recoverable(tab, none); !reflect.DeepEqual(got, []Cell{{2, 0}, {2, Total}}) {
		t.Errorf("Recoverable(nothing hidden) = %v, want the unprinted 2 and its row total", got)
	}
	m := Suppress(tab, 5)
	if leak := Recoverable(tab, m); leak != nil {
		t.Fatalf("Suppress = %+v leaves %v recoverable", m, leak)
	}
	if !m.Cells[2][0] || !m.RowTotals[2] || m.Cells[2][1] {
		t.Errorf("Suppress = %+v: the unprinted 2 and its total must be marked, the unprinted 0 not", m)
	}
	hidden := 0
	for i := range 2 {
		for j := range 2 {
			if m.Cells[i][j] {
				hidden++
			}
		}
	}
	if hidden == 0 {
		t.Errorf("Suppress = %+v hides no printed cell", m)
	}
}

// A public grand total is never a complement; a 1×2 table then needs the
// other cell's column total instead.
func TestSuppressKeepGrand(t *testing.T) {
	tab := Cross{N: [][]int{{3, 40}}, KeepGrand: true}
	m := Suppress(tab, 5)
	if m.Grand {
		t.Errorf("Suppress hid the public grand total: %+v", m)
	}
	if leak := Recoverable(tab, m); leak != nil {
		t.Errorf("Suppress = %+v leaves %v recoverable", m, leak)
	}
	want := Mask{Cells: [][]bool{{true, true}}, RowTotals: []bool{false}, ColTotals: []bool{true, true}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Suppress = %+v, want %+v", m, want)
	}
}

// SuppressFrom hides what start marks (but not zeros) and protects it.
func TestSuppressFrom(t *testing.T) {
	tab := Cross{N: [][]int{{12, 30, 20}, {15, 18, 0}, {8, 9, 25}}}
	start := Mask{Cells: [][]bool{{false, true, false}, {false, false, true}}}
	m := SuppressFrom(tab, 5, start)
	if !m.Cells[0][1] || m.Cells[1][2] {
		t.Errorf("SuppressFrom = %+v: want the 30 hidden and the 0 shown", m)
	}
	if leak := Recoverable(tab, m); leak != nil {
		t.Errorf("SuppressFrom = %+v leaves %v recoverable", m, leak)
	}
	if plain := Suppress(tab, 5); anyTrue(plain.Cells[0]) || anyTrue(plain.Cells[1]) || anyTrue(plain.Cells[2]) {
		t.Errorf("Suppress without start hid %+v", plain)
	}
}

// TestSuppressFromProperties runs random tables with unprinted counts, a
// public grand total and a random start through SuppressFrom.
func TestSuppressFromProperties(t *testing.T) {
	const minN = 5
	rng := rand.New(rand.NewPCG(2026, 5))
	for k := range 2000 {
		tab := randomTable(rng)
		r, c := len(tab.N), len(tab.N[0])
		var start Mask
		tab.Unprinted.Cells = make([][]bool, r)
		start.Cells = make([][]bool, r)
		for i := range r {
			tab.Unprinted.Cells[i] = make([]bool, c)
			start.Cells[i] = make([]bool, c)
			for j := range c {
				tab.Unprinted.Cells[i][j] = rng.IntN(6) == 0
				start.Cells[i][j] = rng.IntN(8) == 0
			}
		}
		grand := 0
		for _, row := range tab.N {
			for _, n := range row {
				grand += n
			}
		}
		positive := 0
		for _, row := range tab.N {
			for _, n := range row {
				if n > 0 {
					positive++
				}
			}
		}
		// A public total needs somebody to hide behind.
		tab.KeepGrand = !tab.NoGrand && grand >= minN && positive > 2 && rng.IntN(2) == 0
		m := SuppressFrom(tab, minN, start)
		if leak := Recoverable(tab, m); leak != nil {
			t.Fatalf("table %d %+v: mask %+v leaves %v recoverable", k, tab, m, leak)
		}
		if tab.KeepGrand && m.Grand {
			t.Fatalf("table %d: public grand total hidden", k)
		}
		for i := range r {
			for j := range c {
				n := tab.N[i][j]
				switch {
				case tab.Unprinted.Cells[i][j] && m.Cells[i][j] != Hide(n, minN):
					t.Fatalf("table %d %v: unprinted cell (%d,%d) = %d marked %v", k, tab.N, i, j, n, m.Cells[i][j])
				case !tab.Unprinted.Cells[i][j] && n > 0 && start.Cells[i][j] && !m.Cells[i][j]:
					t.Fatalf("table %d %v: start cell (%d,%d) shown", k, tab.N, i, j)
				case !tab.Unprinted.Cells[i][j] && Hide(n, minN) && !m.Cells[i][j]:
					t.Fatalf("table %d %v: small cell (%d,%d) shown", k, tab.N, i, j)
				case n == 0 && m.Cells[i][j]:
					t.Fatalf("table %d %v: zero (%d,%d) marked", k, tab.N, i, j)
				}
			}
		}
	}
}
