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

func (r *Row) add(col int, v string) {
	r.Cols = append(r.Cols, col)
	r.Vals = append(r.Vals, v)
	r.Width = max(r.Width, col)
}

// rowReader groups cell records (xlsx.CellSchema) into rows.
//
// Its values alias the records' buffers, which the next record may
// replace, so by default Next returns one reused Row, valid until the next
// call: at a record boundary the values of the row being read are copied.
// With keep set, every row is new and owns its values.
type rowReader struct {
	rr   array.RecordReader
	row  *array.Int32
	col  *array.Int32
	val  *array.String
	i, n int
	cur  *Row
	keep bool
	// the first cell of the next row, read ahead
	pending          bool
	pendRow, pendCol int
	pendVal          string
	err              error
}

func newRowReader(rr array.RecordReader) *rowReader { return &rowReader{rr: rr, cur: &Row{}} }

func (r *rowReader) cell(building *Row) (row, col int, v string, ok bool) {
	for r.i >= r.n {
		// The values read so far alias the record about to be released.
		for i, v := range building.Vals {
			building.Vals[i] = strings.Clone(v)
		}
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
	v = r.val.Value(i)
	if r.keep {
		v = strings.Clone(v)
	}
	return int(r.row.Value(i)), int(r.col.Value(i)), v, true
}

// Next returns the next row that has cells; nil at the end (check Err).
func (r *rowReader) Next() *Row {
	cur := r.cur
	if r.keep {
		cur = &Row{}
	}
	cur.Num, cur.Cols, cur.Vals, cur.Width = 0, cur.Cols[:0], cur.Vals[:0], 0
	if r.pending {
		r.pending = false
		cur.Num = r.pendRow
		cur.add(r.pendCol, r.pendVal)
	}
	for {
		row, col, v, ok := r.cell(cur)
		if !ok {
			if cur.Num == 0 {
				return nil
			}
			return cur
		}
		if cur.Num == 0 {
			cur.Num = row
		}
		if row != cur.Num {
			r.pending, r.pendRow, r.pendCol, r.pendVal = true, row, col, v
			return cur
		}
		cur.add(col, v)
	}
}

func (r *rowReader) Err() error { return r.err }

// HeadRows reads up to n rows that have cells from the top of a sheet.
func HeadRows(cells array.RecordReader, n int) ([]*Row, error) {
	rr := newRowReader(cells)
	rr.keep = true
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
