package disclosure

import "fmt"

// Cross is a cross tabulation of respondent counts, N[row][col], as the
// report prints it: with each row's total, each column's total and the grand
// total, unless a No… flag says the report leaves that margin out. The zero
// flags assume every total is printed, which is the cautious reading: each
// printed total is one more equation an attacker can subtract with.
//
// Totals are the sums of the cells, so the cells must partition them: if a
// printed total also counts "keine Angabe", that must be a column of N.
//
// Unprinted marks single counts the report leaves out, in the shape of a
// Mask: say the respondents without a state, which count in every column
// total but have no row of their own. They are unknowns like hidden counts,
// but they are still groups of people: Suppress sees to it that a small one
// cannot be worked out either.
//
// KeepGrand says the grand total is public (the number of respondents,
// printed on every page): Suppress never hides it, even when other choices
// cost more.
type Cross struct {
	N           [][]int
	NoRowTotals bool
	NoColTotals bool
	NoGrand     bool
	Unprinted   Mask
	KeepGrand   bool
}

// Mask marks counts of a Cross: RowTotals[i] is row i's total, ColTotals[j]
// column j's, Grand the grand total; nil slices mark nothing. As Suppress's
// result it marks the counts nobody may learn: the printed ones to hide, and
// the small unprinted ones (nothing to hide there, but Recoverable checks
// them too).
type Mask struct {
	Cells     [][]bool
	RowTotals []bool
	ColTotals []bool
	Grand     bool
}

// Total in a Cell's Row or Col names a margin: {i, Total} is row i's total,
// {Total, j} column j's, {Total, Total} the grand total.
const Total = -1

// Cell addresses a count of a Cross or one of its totals.
type Cell struct{ Row, Col int }

// Hide is the primary rule for one figure resting on n respondents: hide it
// when 0 < n < minN. It applies to counts, and equally to the mean or share
// of such a cell, which would otherwise describe those few people. A cell
// hidden as a complement (see Suppress) needs its mean hidden too: a precise
// mean such as 3.4167 = 41/12 gives its count away.
//
// Zero is shown. It is not a person; an empty cell reveals that nobody in
// the row chose the column, and hiding it would not stop that being read off
// a printed total anyway (row total 7 = the one non-zero cell's 7).
func Hide(n, minN int) bool { return n > 0 && n < minN }

// Suppress decides which counts of t to hide so that no count of fewer than
// minN respondents is printed or can be worked out from what is printed.
//
// Primary: every printed cell or total with Hide(n, minN).
//
// Secondary: the printed totals are linear equations. Seen as a graph, with
// the rows and the total row as one set of nodes, the columns and the total
// column as the other, and every hidden or unprinted count as an edge, a
// hidden count can be recovered exactly when its edge lies on no cycle. The
// usual rule "every line with a hidden cell has at least two" is necessary
// but not enough: two hidden rectangles joined by one more hidden cell
// satisfy it, and that joining cell is still recoverable. So, until no hidden
// count is recoverable, take the first that is and hide the cheapest path
// of printed counts closing a cycle through it, cheapest meaning fewest
// respondents hidden, then fewest counts. Every count on the new cycle is
// safe, and hiding more never makes a safe count unsafe, so this ends.
//
// Remainder: a printed total minus the printed cells of its line is the sum
// of the line's hidden cells. If that rests on fewer than minN respondents
// (1 and 2 hidden beside 30 of 33 tell that 3 chose one of the two), the
// line's smallest printed positive cell is hidden too, and the cycle rule
// applied again.
//
// Zeros are never used as complements, and an unprinted zero does not count
// as cover: with a hidden 0 as partner, the attacker's range for a hidden 3
// is 0 ≤ x ≤ 3 + 0, ending at the true value, and zeros are often known from
// context anyway. Avoiding them costs nothing: a positive cell always has a
// cycle through its positive row, column and grand totals.
//
// An unprinted count with Hide(n, minN) gets the same treatment as a hidden
// one: it must lie on a cycle of unknowns, as the printed totals could
// otherwise give it away.
//
// The choice is greedy and not minimal in general (that problem is
// NP-hard). Recoverable checks every result independently.
func Suppress(t Cross, minN int) Mask {
	return SuppressFrom(t, minN, Mask{})
}

// SuppressFrom is Suppress starting with the printed positive counts marked
// in start hidden, whatever their size (zeros stay shown). Tables that show
// the same people, such as respondents and answers by state and sector,
// should hide the same places: otherwise a count hidden in one is read off
// the other, where it is nearly the same number. Feeding every table's
// result into the start of the others until nothing changes gives them one
// pattern.
func SuppressFrom(t Cross, minN int, start Mask) Mask {
	g := newGrid(t)
	for i := range g.v {
		for j := range g.v[i] {
			if g.shown[i][j] {
				g.hide[i][j] = Hide(g.v[i][j], minN)
				g.forced[i][j] = !g.hide[i][j] && g.v[i][j] > 0 && start.at(i, j, g.r, g.c)
				g.hide[i][j] = g.hide[i][j] || g.forced[i][j]
			} else {
				g.protect[i][j] = Hide(g.v[i][j], minN)
			}
		}
	}
	if g.keepGrand {
		g.hide[g.r][g.c] = false
	}
	for {
		if e, ok := g.bridge(); ok {
			path, ok := g.cheapestCycle(e)
			if !ok {
				if !g.forced[e.Row][e.Col] {
					// A hidden count is positive, so its row, column and
					// grand totals are too and close a cycle; only a public
					// grand total can be in the way, with one positive
					// cell in the whole table.
					panic(fmt.Sprintf("disclosure.Suppress: no complement for %v", e))
				}
				// Hidden only to follow start, and nothing can cover it
				// (say, the one column total of a table whose grand total
				// is public): it shows, as hiding it would hide nothing.
				g.hide[e.Row][e.Col], g.stuck[e.Row][e.Col] = false, true
				continue
			}
			for _, c := range path {
				g.hide[c.Row][c.Col] = true
			}
		} else if c, ok := g.smallRemainder(minN); ok {
			g.hide[c.Row][c.Col] = true
		} else {
			break
		}
	}
	m := g.mask()
	// The construction rules a leak out, and the methods sheet promises
	// every table is checked: printing a leaking table would be worse than
	// stopping.
	if leak := Recoverable(t, m); len(leak) > 0 {
		panic(fmt.Sprintf("disclosure.Suppress: bug: hidden counts %v are recoverable", leak))
	}
	return m
}

// grid is a Cross with its margins as one more row and column: entry
// (i, C) is row i's total, (R, j) column j's, (R, C) the grand total.
type grid struct {
	r, c      int // R and C, the number of rows and columns of cells
	v         [][]int
	shown     [][]bool // printed; unprinted counts are unknowns like hidden ones
	hide      [][]bool
	protect   [][]bool // unprinted and small: must stay unknown
	forced    [][]bool // hidden only because start says so
	stuck     [][]bool // forced, but nothing can cover it: shown
	keepGrand bool
}

// at reports whether m marks the grid entry (i, j) of an r×c table.
func (m Mask) at(i, j, r, c int) bool {
	get := func(b []bool, k int) bool { return k < len(b) && b[k] }
	switch {
	case i == r && j == c:
		return m.Grand
	case i == r:
		return get(m.ColTotals, j)
	case j == c:
		return get(m.RowTotals, i)
	case i < len(m.Cells):
		return get(m.Cells[i], j)
	}
	return false
}

func newGrid(t Cross) *grid {
	r := len(t.N)
	c := 0
	if r > 0 {
		c = len(t.N[0])
	}
	g := &grid{r: r, c: c, keepGrand: t.KeepGrand}
	for i := 0; i <= r; i++ {
		g.v = append(g.v, make([]int, c+1))
		g.shown = append(g.shown, make([]bool, c+1))
		g.hide = append(g.hide, make([]bool, c+1))
		g.protect = append(g.protect, make([]bool, c+1))
		g.forced = append(g.forced, make([]bool, c+1))
		g.stuck = append(g.stuck, make([]bool, c+1))
	}
	for i, row := range t.N {
		if len(row) != c {
			panic(fmt.Sprintf("disclosure.Suppress: row %d has %d cells, row 0 has %d", i, len(row), c))
		}
		for j, n := range row {
			if n < 0 {
				panic(fmt.Sprintf("disclosure.Suppress: negative count %d at row %d, col %d", n, i, j))
			}
			g.v[i][j] = n
			g.v[i][c] += n
			g.v[r][j] += n
			g.v[r][c] += n
			g.shown[i][j] = !t.Unprinted.at(i, j, r, c)
		}
		g.shown[i][c] = !t.NoRowTotals && !t.Unprinted.at(i, c, r, c)
	}
	for j := 0; j < c; j++ {
		g.shown[r][j] = !t.NoColTotals && !t.Unprinted.at(r, j, r, c)
	}
	g.shown[r][c] = !t.NoGrand && !t.Unprinted.Grand || t.KeepGrand
	return g
}

// unknown reports whether an attacker lacks entry (i, j).
func (g *grid) unknown(i, j int) bool { return g.hide[i][j] || !g.shown[i][j] }

// Nodes: rows 0..R are nodes 0..R, columns 0..C are nodes R+1..R+C+1.
func (g *grid) nodes() int { return g.r + g.c + 2 }

// entry returns the grid entry joining node a and node b, a row and a column.
func (g *grid) entry(a, b int) Cell {
	if a > b {
		a, b = b, a
	}
	return Cell{a, b - g.r - 1}
}

// bridge returns the first hidden or protected count lying on no cycle of
// unknowns.
func (g *grid) bridge() (Cell, bool) {
	for i := range g.v {
		for j := range g.v[i] {
			if (g.hide[i][j] || g.protect[i][j]) && !g.connected(i, g.r+1+j, Cell{i, j}) {
				return Cell{i, j}, true
			}
		}
	}
	return Cell{}, false
}

// connected reports whether nodes a and b are joined through positive
// unknown entries other than skip: an unprinted zero is no cover (see
// Suppress on zeros).
func (g *grid) connected(a, b int, skip Cell) bool {
	seen := make([]bool, g.nodes())
	seen[a] = true
	queue := []int{a}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if x == b {
			return true
		}
		for y := range g.nodes() {
			if seen[y] || (x <= g.r) == (y <= g.r) {
				continue
			}
			if e := g.entry(x, y); e != skip && g.unknown(e.Row, e.Col) && g.v[e.Row][e.Col] > 0 {
				seen[y] = true
				queue = append(queue, y)
			}
		}
	}
	return false
}

// cheapestCycle returns the printed entries to hide so that e lies on a
// cycle of unknowns: the cheapest path between e's row and column avoiding
// e, by Dijkstra; false when there is none. Unknown entries cost nothing, a printed count n costs n
// respondents plus a tie-break per entry, zeros are not usable, printed or
// not.
func (g *grid) cheapestCycle(e Cell) ([]Cell, bool) {
	const perEntry = 1 // tie-break: fewer hidden counts at equal respondents
	const perPerson = 1 << 20
	src, dst := e.Row, g.r+1+e.Col
	n := g.nodes()
	dist := make([]int64, n)
	prev := make([]int, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = -1
		prev[i] = -1
	}
	dist[src] = 0
	for {
		x := -1
		for i := range n {
			if !done[i] && dist[i] >= 0 && (x < 0 || dist[i] < dist[x]) {
				x = i
			}
		}
		if x < 0 || x == dst {
			break
		}
		done[x] = true
		for y := range n {
			if done[y] || (x <= g.r) == (y <= g.r) {
				continue
			}
			c := g.entry(x, y)
			if c == e {
				continue
			}
			var w int64
			switch {
			case g.v[c.Row][c.Col] == 0:
				continue
			case g.unknown(c.Row, c.Col):
			case g.keepGrand && c.Row == g.r && c.Col == g.c:
				continue
			default:
				w = int64(g.v[c.Row][c.Col])*perPerson + perEntry
			}
			if d := dist[x] + w; dist[y] < 0 || d < dist[y] {
				dist[y] = d
				prev[y] = x
			}
		}
	}
	if dist[dst] < 0 {
		return nil, false
	}
	var path []Cell
	for y := dst; y != src; y = prev[y] {
		if c := g.entry(prev[y], y); !g.unknown(c.Row, c.Col) {
			path = append(path, c)
		}
	}
	return path, true
}

// smallRemainder returns the smallest printed positive entry of the first
// line whose printed margin leaves its unknown entries a sum in (0, minN).
func (g *grid) smallRemainder(minN int) (Cell, bool) {
	for i := 0; i <= g.r; i++ {
		if c, ok := g.remainder(line(g.c+1, func(j int) Cell { return Cell{i, j} }), minN); ok {
			return c, true
		}
	}
	for j := 0; j <= g.c; j++ {
		if c, ok := g.remainder(line(g.r+1, func(i int) Cell { return Cell{i, j} }), minN); ok {
			return c, true
		}
	}
	return Cell{}, false
}

// line lists the entries of a grid line, its margin last.
func line(n int, at func(int) Cell) []Cell {
	l := make([]Cell, n)
	for k := range l {
		l[k] = at(k)
	}
	return l
}

func (g *grid) remainder(l []Cell, minN int) (Cell, bool) {
	margin := l[len(l)-1]
	if g.unknown(margin.Row, margin.Col) {
		return Cell{}, false
	}
	sum, best := 0, Cell{-1, -1}
	for _, c := range l[:len(l)-1] {
		v := g.v[c.Row][c.Col]
		switch {
		case g.unknown(c.Row, c.Col):
			sum += v
		case v > 0 && !g.stuck[c.Row][c.Col] && (best.Row < 0 || v < g.v[best.Row][best.Col]):
			best = c
		}
	}
	// Were every positive entry unknown, sum would be the printed margin,
	// which is 0 or at least minN; so best exists unless the line's other
	// entries are stuck, and then there is nothing left to hide.
	return best, Hide(sum, minN) && best.Row >= 0
}

func (g *grid) mask() Mask {
	m := Mask{
		Cells:     make([][]bool, g.r),
		RowTotals: make([]bool, g.r),
		ColTotals: make([]bool, g.c),
		Grand:     g.hide[g.r][g.c],
	}
	for i := range g.r {
		m.Cells[i] = make([]bool, g.c)
		for j := range g.c {
			m.Cells[i][j] = g.hide[i][j] || g.protect[i][j]
		}
		m.RowTotals[i] = g.hide[i][g.c] || g.protect[i][g.c]
	}
	for j := range g.c {
		m.ColTotals[j] = g.hide[g.r][j] || g.protect[g.r][j]
	}
	m.Grand = m.Grand || g.protect[g.r][g.c]
	return m
}
