package survey

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// Row is one sheet row: its 1-based number and its non-empty cells.
type Row struct {
	Num   int
	Cols  []int // 1-based column numbers, ascending
	Vals  []string
	Width int // highest column number
}

// Get returns the value of a column, or "".
func (r *Row) Get(col int) string {
	for i, c := range r.Cols {
		if c == col {
			return r.Vals[i]
		}
		if c > col {
			break
		}
	}
	return ""
}

// rowReader groups cell records (xlsx.CellSchema) into rows.
type rowReader struct {
	rr   array.RecordReader
	row  *array.Int32
	col  *array.Int32
	val  *array.String
	i, n int
	next *Row // first row read ahead
	err  error
}

func newRowReader(rr array.RecordReader) *rowReader { return &rowReader{rr: rr} }

func (r *rowReader) cell() (row, col int, v string, ok bool) {
	for r.i >= r.n {
		if !r.rr.Next() {
			r.err = r.rr.Err()
			return 0, 0, "", false
		}
		rec := r.rr.RecordBatch()
		r.row = rec.Column(0).(*array.Int32)
		r.col = rec.Column(1).(*array.Int32)
		r.val = rec.Column(2).(*array.String)
		r.i, r.n = 0, int(rec.NumRows())
	}
	i := r.i
	r.i++
	// Clone: the value aliases the record's buffer, which the next batch may reuse.
	return int(r.row.Value(i)), int(r.col.Value(i)), strings.Clone(r.val.Value(i)), true
}

// Next returns the next row that has cells; nil at the end (check Err).
func (r *rowReader) Next() *Row {
	cur := r.next
	r.next = nil
	for {
		row, col, v, ok := r.cell()
		if !ok {
			return cur
		}
		if cur == nil {
			cur = &Row{Num: row}
		}
		if row != cur.Num {
			r.next = &Row{Num: row, Cols: []int{col}, Vals: []string{v}, Width: col}
			return cur
		}
		cur.Cols = append(cur.Cols, col)
		cur.Vals = append(cur.Vals, v)
		if col > cur.Width {
			cur.Width = col
		}
	}
}

func (r *rowReader) Err() error { return r.err }

// HeadRows reads up to n rows that have cells from the top of a sheet.
func HeadRows(cells array.RecordReader, n int) ([]*Row, error) {
	rr := newRowReader(cells)
	var rows []*Row
	for len(rows) < n {
		r := rr.Next()
		if r == nil {
			break
		}
		rows = append(rows, r)
	}
	return rows, rr.Err()
}
