package query

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Table is a query result materialised for writers that need random
// access (report sheets, aligned terminal output). Values are nil, string,
// int64, float64, bool or time.Time.
type Table struct {
	Columns []string
	Types   []arrow.DataType
	Rows    [][]any
}

// Col returns the index of a column, or -1.
func (t *Table) Col(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Figure reports whether column c holds numbers (by its type, or without
// one by its values): a hidden row shows every figure as ".", a NULL one
// too, since an empty cell where others show "." tells why it is empty
// (no interval: n = 1).
func (t *Table) Figure(c int) bool {
	if c < len(t.Types) && t.Types[c] != nil {
		return arrow.IsInteger(t.Types[c].ID()) || arrow.IsFloating(t.Types[c].ID()) || arrow.IsDecimal(t.Types[c].ID())
	}
	for _, row := range t.Rows {
		switch row[c].(type) {
		case int64, float64:
			return true
		case nil:
			continue
		}
		return false
	}
	return false
}

// Collect drains a reader into a Table and releases it.
func Collect(rr array.RecordReader) (*Table, error) {
	return CollectMax(rr, 0)
}

// CollectMax is Collect with a cap: more than max rows (when max > 0) is
// an error wrapping ErrTooLarge.
func CollectMax(rr array.RecordReader, max int) (*Table, error) {
	s := Stream(rr, max)
	defer s.Close()
	return CollectRows(s)
}

// CollectRows holds the rest of a result's rows in a Table.
func CollectRows(r Cursor) (*Table, error) {
	t := &Table{Columns: r.Columns(), Types: r.Types()}
	for row := r.Next(); row != nil; row = r.Next() {
		t.Rows = append(t.Rows, slices.Clone(row))
	}
	return t, r.Err()
}

// ErrTooLarge means a result with more rows than its output takes.
var ErrTooLarge = errors.New("result too large")

// Cursor is a result read row by row: a Table's rows (Table.Scan) or a
// streamed reader's (Stream). Writers take a Cursor, so a result need not
// be held in memory to be written.
type Cursor interface {
	Columns() []string
	Types() []arrow.DataType
	// Next returns the next row, or nil at the end; then Err says whether
	// the end is an error. The row is valid until the next call.
	Next() []any
	Err() error
}

// Scan returns the table's rows to write.
func (t *Table) Scan() Cursor { return &tableRows{t: t} }

type tableRows struct {
	t *Table
	i int
}

func (r *tableRows) Columns() []string       { return r.t.Columns }
func (r *tableRows) Types() []arrow.DataType { return r.t.Types }
func (r *tableRows) Err() error              { return nil }
func (r *tableRows) Next() []any {
	if r.i >= len(r.t.Rows) {
		return nil
	}
	r.i++
	return r.t.Rows[r.i-1]
}

// Stream reads a reader's rows one at a time, releasing each batch when
// it moves on; more than max rows (when max > 0) ends it with an error
// wrapping ErrTooLarge. Close releases the reader.
func Stream(rr array.RecordReader, max int) *Streamed {
	s := &Streamed{rr: rr, max: max}
	for _, f := range rr.Schema().Fields() {
		s.cols = append(s.cols, f.Name)
		s.types = append(s.types, f.Type)
	}
	return s
}

// Streamed is the Cursor of Stream.
type Streamed struct {
	rr    array.RecordReader
	cols  []string
	types []arrow.DataType
	max   int
	rec   arrow.RecordBatch
	i     int
	n     int // rows returned
	row   []any
	err   error
	done  bool
}

func (s *Streamed) Columns() []string       { return s.cols }
func (s *Streamed) Types() []arrow.DataType { return s.types }
func (s *Streamed) Err() error              { return s.err }

// Rows is how many rows Next returned.
func (s *Streamed) Rows() int { return s.n }

func (s *Streamed) Next() []any {
	for !s.done && (s.rec == nil || s.i >= int(s.rec.NumRows())) {
		if !s.rr.Next() {
			s.done, s.rec = true, nil
			s.err = s.rr.Err()
			return nil
		}
		s.rec, s.i = s.rr.RecordBatch(), 0
	}
	if s.done {
		return nil
	}
	if s.max > 0 && s.n >= s.max {
		s.done, s.rec = true, nil
		s.err = fmt.Errorf("%w: more than %d rows", ErrTooLarge, s.max)
		return nil
	}
	if s.row == nil {
		s.row = make([]any, len(s.cols))
	}
	for j := range s.row {
		v, err := Value(s.rec.Column(j), s.i)
		if err != nil {
			s.done, s.rec = true, nil
			s.err = fmt.Errorf("column %s: %w", s.cols[j], err)
			return nil
		}
		s.row[j] = v
	}
	s.i++
	s.n++
	return s.row
}

// Close releases the reader.
func (s *Streamed) Close() {
	if s.rr != nil {
		s.rr.Release()
		s.rr = nil
	}
}

// Value reads one value of an Arrow array as a plain Go value.
func Value(a arrow.Array, i int) (any, error) {
	if a.IsNull(i) {
		return nil, nil
	}
	switch a := a.(type) {
	// Strings are copied: they alias the batch's buffer, which DuckDB frees
	// when the reader moves on.
	case *array.String:
		return strings.Clone(a.Value(i)), nil
	case *array.LargeString:
		return strings.Clone(a.Value(i)), nil
	case *array.StringView:
		return strings.Clone(a.Value(i)), nil
	case *array.Int8:
		return int64(a.Value(i)), nil
	case *array.Int16:
		return int64(a.Value(i)), nil
	case *array.Int32:
		return int64(a.Value(i)), nil
	case *array.Int64:
		return a.Value(i), nil
	case *array.Uint8:
		return int64(a.Value(i)), nil
	case *array.Uint16:
		return int64(a.Value(i)), nil
	case *array.Uint32:
		return int64(a.Value(i)), nil
	case *array.Uint64:
		return int64(a.Value(i)), nil
	case *array.Float32:
		return float64(a.Value(i)), nil
	case *array.Float64:
		return a.Value(i), nil
	case *array.Decimal128:
		dt := a.DataType().(*arrow.Decimal128Type)
		v := a.Value(i)
		if v.Sign() < 0 && v.Negate().Sign() < 0 {
			// -2^127 (HUGEINT's least): ToFloat64 negates it into itself.
			return -math.Ldexp(1, 127) * math.Pow10(-int(dt.Scale)), nil
		}
		return v.ToFloat64(dt.Scale), nil
	case *array.Boolean:
		return a.Value(i), nil
	case *array.Timestamp:
		dt := a.DataType().(*arrow.TimestampType)
		return a.Value(i).ToTime(dt.Unit).UTC(), nil
	case *array.Date32:
		return a.Value(i).ToTime().UTC(), nil
	case *array.Date64:
		return a.Value(i).ToTime().UTC(), nil
	case *array.Time64:
		return a.Value(i).ToTime(a.DataType().(*arrow.Time64Type).Unit).Format("15:04:05"), nil
	default:
		return strings.Clone(a.ValueStr(i)), nil
	}
}
