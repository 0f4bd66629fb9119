package query

import (
	"fmt"
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
	defer rr.Release()
	if d, ok := rr.(interface{ table() (*Table, bool, error) }); ok {
		// DuckDB's rows straight into the table (rows.go).
		if t, ok, err := d.table(); ok {
			return t, err
		}
	}
	sc := rr.Schema()
	t := &Table{}
	for _, f := range sc.Fields() {
		t.Columns = append(t.Columns, f.Name)
		t.Types = append(t.Types, f.Type)
	}
	for rr.Next() {
		rec := rr.RecordBatch()
		for i := 0; i < int(rec.NumRows()); i++ {
			row := make([]any, rec.NumCols())
			for j := range row {
				v, err := Value(rec.Column(j), i)
				if err != nil {
					return nil, fmt.Errorf("column %s: %w", t.Columns[j], err)
				}
				row[j] = v
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t, rr.Err()
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
		return a.Value(i).ToFloat64(dt.Scale), nil
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
