package disclosure

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Recoverable returns the counts marked in mask that the printed ones
// determine exactly, in row-major order with totals after the cells; nil
// means the mask is safe against subtraction. A marked count is a printed
// one hidden, or an unprinted one that must stay unknown (Suppress marks the
// small ones).
//
// It is the check of Suppress and deliberately shares none of its reasoning:
// every count hidden by mask, and every count t does not print, is an
// unknown; every row and column of the table with its margins is one linear
// equation, cells minus total = 0, with the printed values moved to the right
// side. An unknown is determined when every vector of the null space of that
// system has a zero there, computed with an SVD.
func Recoverable(t Cross, mask Mask) []Cell {
	r := len(t.N)
	c := 0
	if r > 0 {
		c = len(t.N[0])
	}
	if len(mask.Cells) != r || len(mask.RowTotals) != r || len(mask.ColTotals) != c {
		panic(fmt.Sprintf("disclosure.Recoverable: mask does not fit a %d×%d table", r, c))
	}
	// The unknowns, each with its place in the table with margins: a cell
	// (i, j), row total (i, c), column total (r, j), grand total (r, c).
	var unknowns []Cell
	var reported []bool
	add := func(i, j int, marked, printed bool) {
		if marked || !printed {
			unknowns = append(unknowns, Cell{i, j})
			reported = append(reported, marked)
		}
	}
	un := t.Unprinted
	for i := range r {
		if len(t.N[i]) != c || len(mask.Cells[i]) != c {
			panic(fmt.Sprintf("disclosure.Recoverable: row %d does not have %d cells", i, c))
		}
		for j := range c {
			add(i, j, mask.Cells[i][j], !un.at(i, j, r, c))
		}
	}
	for i := range r {
		add(i, c, mask.RowTotals[i], !t.NoRowTotals && !un.at(i, c, r, c))
	}
	for j := range c {
		add(r, j, mask.ColTotals[j], !t.NoColTotals && !un.at(r, j, r, c))
	}
	add(r, c, mask.Grand, t.KeepGrand || !t.NoGrand && !un.Grand)
	if len(unknowns) == 0 {
		return nil
	}

	// Lines 0..r are the rows, r+1..r+c+1 the columns; the margin entry of a
	// line enters with -1, its cells with +1.
	a := mat.NewDense(r+c+2, len(unknowns), nil)
	for k, u := range unknowns {
		rowSign, colSign := 1.0, 1.0
		if u.Col == c {
			rowSign = -1
		}
		if u.Row == r {
			colSign = -1
		}
		a.Set(u.Row, k, rowSign)
		a.Set(r+1+u.Col, k, colSign)
	}
	var svd mat.SVD
	if !svd.Factorize(a, mat.SVDFull) {
		panic("disclosure.Recoverable: SVD failed")
	}
	rank := svd.Rank(1e-9)
	var v mat.Dense
	svd.VTo(&v)

	var out []Cell
	for k, u := range unknowns {
		if !reported[k] {
			continue
		}
		free := false
		for col := rank; col < len(unknowns); col++ {
			if math.Abs(v.At(k, col)) > 1e-9 {
				free = true
				break
			}
		}
		if !free {
			out = append(out, toCell(u, r, c))
		}
	}
	return out
}

// toCell turns a place in the table with margins into a Cell with Total.
func toCell(u Cell, r, c int) Cell {
	if u.Row == r {
		u.Row = Total
	}
	if u.Col == c {
		u.Col = Total
	}
	return u
}
