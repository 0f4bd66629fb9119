package query

import (
	"context"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// duckdb-go's Arrow API (duckdb.NewArrowFromConn) exists only with the
// duckdb_arrow build tag, which neither `go install …@latest` nor a plain
// `go build`, `go vet` or `go test` sets. So results become Arrow record
// batches here, from the driver's rows, with the types DuckDB's own Arrow
// export gives (VARCHAR → utf8, INTEGER → int32, DECIMAL(w,s) →
// decimal128(w,s), DATE → date32, TIMESTAMP → timestamp[us], lists and
// structs nested). ENUM becomes utf8 rather than a dictionary; MAP, UNION
// and other exotic types become their text. bench/README.md has the cost
// beside the tagged path.

// batchRows is the rows of one record batch: DuckDB's vector size, as its
// own Arrow export.
const batchRows = 2048

// arrowQuerier runs SQL and returns its result as Arrow record batches:
// rowConn, or in tests with the tag duckdb-go's own *duckdb.Arrow.
type arrowQuerier interface {
	QueryContext(ctx context.Context, text string, args ...any) (array.RecordReader, error)
}

// rowConn runs SQL on one DuckDB driver connection.
type rowConn struct{ conn driver.QueryerContext }

func newRowConn(dc any) (*rowConn, error) {
	q, ok := dc.(driver.QueryerContext)
	if !ok {
		return nil, fmt.Errorf("not a duckdb driver connection: %T", dc)
	}
	return &rowConn{conn: q}, nil
}

// QueryContext runs SQL (several statements: the result of the last) with
// positional arguments and returns its result as a RecordReader.
func (c *rowConn) QueryContext(ctx context.Context, text string, args ...any) (array.RecordReader, error) {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	rows, err := c.conn.QueryContext(ctx, text, named)
	if err != nil {
		return nil, err
	}
	rr, err := newRowReader(ctx, rows)
	if err != nil {
		rows.Close()
		return nil, err
	}
	return rr, nil
}

type rowReader struct {
	ctx    context.Context
	rows   driver.Rows
	schema *arrow.Schema
	b      *array.RecordBuilder
	dest   []driver.Value
	cur    arrow.RecordBatch
	err    error
	done   bool
	refs   int64
}

func newRowReader(ctx context.Context, rows driver.Rows) (*rowReader, error) {
	names := rows.Columns()
	typed, ok := rows.(driver.RowsColumnTypeDatabaseTypeName)
	if !ok {
		return nil, errors.New("duckdb rows without column types")
	}
	fields := make([]arrow.Field, len(names))
	for i, n := range names {
		fields[i] = arrow.Field{Name: n, Type: arrowType(typed.ColumnTypeDatabaseTypeName(i)), Nullable: true}
	}
	sc := arrow.NewSchema(fields, nil)
	return &rowReader{
		ctx: ctx, rows: rows, schema: sc,
		b:    array.NewRecordBuilder(memory.DefaultAllocator, sc),
		dest: make([]driver.Value, len(names)),
		refs: 1,
	}, nil
}

func (r *rowReader) Schema() *arrow.Schema { return r.schema }

func (r *rowReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	if r.done || r.err != nil {
		return false
	}
	if err := r.ctx.Err(); err != nil {
		r.err = err
		return false
	}
	n := 0
	for n < batchRows {
		err := r.rows.Next(r.dest)
		if err == io.EOF {
			r.done = true
			break
		}
		if err != nil {
			r.err = err
			return false
		}
		for i, v := range r.dest {
			if err := appendValue(r.b.Field(i), v); err != nil {
				r.err = fmt.Errorf("column %s: %w", r.schema.Field(i).Name, err)
				return false
			}
		}
		n++
	}
	if n == 0 {
		return false
	}
	r.cur = r.b.NewRecordBatch()
	return true
}

func (r *rowReader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record is RecordBatch under its old name, for array.RecordReader.
func (r *rowReader) Record() arrow.RecordBatch { return r.cur }

func (r *rowReader) Err() error { return r.err }

func (r *rowReader) Retain() { r.refs++ }

func (r *rowReader) Release() {
	if r.refs <= 0 {
		return
	}
	r.refs--
	if r.refs > 0 {
		return
	}
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	r.b.Release()
	if err := r.rows.Close(); err != nil && r.err == nil {
		r.err = err
	}
}

func timeOfDay(t time.Time) time.Duration {
	t = t.UTC()
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute +
		time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond())
}

// duckTypes are the Arrow types of DuckDB's plain type names, as DuckDB's
// own Arrow export gives them.
var duckTypes = map[string]arrow.DataType{
	"BOOLEAN":      arrow.FixedWidthTypes.Boolean,
	"TINYINT":      arrow.PrimitiveTypes.Int8,
	"SMALLINT":     arrow.PrimitiveTypes.Int16,
	"INTEGER":      arrow.PrimitiveTypes.Int32,
	"BIGINT":       arrow.PrimitiveTypes.Int64,
	"UTINYINT":     arrow.PrimitiveTypes.Uint8,
	"USMALLINT":    arrow.PrimitiveTypes.Uint16,
	"UINTEGER":     arrow.PrimitiveTypes.Uint32,
	"UBIGINT":      arrow.PrimitiveTypes.Uint64,
	"HUGEINT":      &arrow.Decimal128Type{Precision: 38, Scale: 0},
	"UHUGEINT":     &arrow.Decimal128Type{Precision: 38, Scale: 0},
	"FLOAT":        arrow.PrimitiveTypes.Float32,
	"DOUBLE":       arrow.PrimitiveTypes.Float64,
	"DATE":         arrow.FixedWidthTypes.Date32,
	"TIME":         arrow.FixedWidthTypes.Time64us,
	"TIMETZ":       arrow.FixedWidthTypes.Time64us,
	"TIMESTAMP":    &arrow.TimestampType{Unit: arrow.Microsecond},
	"TIMESTAMP_S":  &arrow.TimestampType{Unit: arrow.Second},
	"TIMESTAMP_MS": &arrow.TimestampType{Unit: arrow.Millisecond},
	"TIMESTAMP_NS": &arrow.TimestampType{Unit: arrow.Nanosecond},
	"TIMESTAMPTZ":  &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"},
	"INTERVAL":     arrow.FixedWidthTypes.MonthDayNanoInterval,
	"BLOB":         arrow.BinaryTypes.Binary,
	"SQLNULL":      arrow.Null,
}

// arrowType is the Arrow type of a DuckDB type name as the driver spells
// it: "INTEGER", "DECIMAL(18,3)", "VARCHAR[]", "STRUCT(\"a\" INTEGER)".
func arrowType(name string) arrow.DataType {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, "]") {
		if i := strings.LastIndexByte(name, '['); i > 0 {
			return arrow.ListOf(arrowType(name[:i]))
		}
	}
	if w, s, ok := decimalArgs(name); ok {
		return &arrow.Decimal128Type{Precision: w, Scale: s}
	}
	if inner, ok := strings.CutPrefix(name, "STRUCT("); ok && strings.HasSuffix(inner, ")") {
		if fields, ok := structFields(inner[:len(inner)-1]); ok {
			return arrow.StructOf(fields...)
		}
	}
	if t, ok := duckTypes[name]; ok {
		return t
	}
	return arrow.BinaryTypes.String
}

func decimalArgs(name string) (int32, int32, bool) {
	inner, ok := strings.CutPrefix(name, "DECIMAL(")
	if !ok || !strings.HasSuffix(inner, ")") {
		return 0, 0, false
	}
	ws, ss, ok := strings.Cut(inner[:len(inner)-1], ",")
	w, err1 := strconv.Atoi(strings.TrimSpace(ws))
	s, err2 := strconv.Atoi(strings.TrimSpace(ss))
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return int32(w), int32(s), true
}

// structFields parses `"a" INTEGER, "b" VARCHAR[]`: names in double quotes
// (a quote doubled inside), types up to the next comma outside brackets.
func structFields(s string) ([]arrow.Field, bool) {
	var fields []arrow.Field
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] != '"' {
			return nil, false
		}
		var name strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					name.WriteByte('"')
					i++
					continue
				}
				break
			}
			name.WriteByte(s[i])
		}
		if i >= len(s) {
			return nil, false
		}
		s = s[i+1:]
		depth, quoted, end := 0, false, len(s)
	scan:
		for j := 0; j < len(s); j++ {
			switch c := s[j]; {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == '(' || c == '[':
				depth++
			case c == ')' || c == ']':
				depth--
			case c == ',' && depth == 0:
				end = j
				break scan
			}
		}
		fields = append(fields, arrow.Field{Name: name.String(), Type: arrowType(s[:end]), Nullable: true})
		if end < len(s) {
			end++
		}
		s = s[end:]
	}
	return fields, len(fields) > 0
}

// appendValue appends one driver value to the builder of its column.
func appendValue(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		b.Append(text(v))
	case *array.Int64Builder:
		return appendAs[int64](b, v)
	case *array.Float64Builder:
		return appendAs[float64](b, v)
	case *array.Int32Builder:
		return appendAs[int32](b, v)
	case *array.BooleanBuilder:
		return appendAs[bool](b, v)
	case *array.Int8Builder:
		return appendAs[int8](b, v)
	case *array.Int16Builder:
		return appendAs[int16](b, v)
	case *array.Uint8Builder:
		return appendAs[uint8](b, v)
	case *array.Uint16Builder:
		return appendAs[uint16](b, v)
	case *array.Uint32Builder:
		return appendAs[uint32](b, v)
	case *array.Uint64Builder:
		return appendAs[uint64](b, v)
	case *array.Float32Builder:
		return appendAs[float32](b, v)
	case *array.Decimal128Builder:
		var x *big.Int
		switch d := v.(type) {
		case duckdb.Decimal:
			x = d.Value
		case *big.Int:
			x = d
		default:
			return mismatch(b, v)
		}
		n, err := toDecimal128(x)
		if err != nil {
			return err
		}
		b.Append(n)
	case *array.Date32Builder:
		t, ok := v.(time.Time)
		if !ok {
			return mismatch(b, v)
		}
		b.Append(arrow.Date32FromTime(t))
	case *array.TimestampBuilder:
		t, ok := v.(time.Time)
		if !ok {
			return mismatch(b, v)
		}
		ts, err := arrow.TimestampFromTime(t, b.Type().(*arrow.TimestampType).Unit)
		if err != nil {
			return err
		}
		b.Append(ts)
	case *array.Time64Builder:
		t, ok := v.(time.Time)
		if !ok {
			return mismatch(b, v)
		}
		b.Append(arrow.Time64(timeOfDay(t).Microseconds()))
	case *array.MonthDayNanoIntervalBuilder:
		x, ok := v.(duckdb.Interval)
		if !ok {
			return mismatch(b, v)
		}
		b.Append(arrow.MonthDayNanoInterval{Months: x.Months, Days: x.Days, Nanoseconds: x.Micros * 1000})
	case *array.BinaryBuilder:
		return appendAs[[]byte](b, v)
	case *array.ListBuilder:
		xs, ok := v.([]any)
		if !ok {
			return mismatch(b, v)
		}
		b.Append(true)
		for _, x := range xs {
			if err := appendValue(b.ValueBuilder(), x); err != nil {
				return err
			}
		}
	case *array.StructBuilder:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch(b, v)
		}
		b.Append(true)
		st := b.Type().(*arrow.StructType)
		for i, f := range st.Fields() {
			if err := appendValue(b.FieldBuilder(i), m[f.Name]); err != nil {
				return err
			}
		}
	case *array.NullBuilder:
		b.AppendNull()
	default:
		return mismatch(b, v)
	}
	return nil
}

// minInt128 is -2^127, HUGEINT's least value: its magnitude needs 128
// bits, so decimal128.FromBigInt (which panics past 127) cannot take it.
var minInt128 = new(big.Int).Lsh(big.NewInt(-1), 127)

// toDecimal128 is x as a signed 128-bit number, or an error for a value
// beyond it (a UHUGEINT above 2^127-1) instead of FromBigInt's panic.
func toDecimal128(x *big.Int) (decimal128.Num, error) {
	if x.BitLen() <= 127 {
		return decimal128.FromBigInt(x), nil
	}
	if x.Cmp(minInt128) == 0 {
		return decimal128.New(math.MinInt64, 0), nil
	}
	return decimal128.Num{}, fmt.Errorf("%s does not fit in 128 bits (cast it to varchar or double)", x)
}

// appendAs appends v to a builder of the values the driver gives as T.
func appendAs[T any](b interface {
	array.Builder
	Append(T)
}, v any) error {
	x, ok := v.(T)
	if !ok {
		return mismatch(b, v)
	}
	b.Append(x)
	return nil
}

func mismatch(b array.Builder, v any) error {
	return fmt.Errorf("cannot convert %T to %s", v, b.Type())
}

// text is the text of a value that has no Arrow type of its own here:
// strings and enums as they are, a UUID in its usual form, a JSON value
// as JSON, a map as DuckDB prints one ({k=v, …}).
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		if len(x) == 16 {
			h := hex.EncodeToString(x)
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}
		return string(x)
	case duckdb.OrderedMap:
		var sb strings.Builder
		sb.WriteByte('{')
		for i, k := range x.Keys() {
			if i > 0 {
				sb.WriteString(", ")
			}
			val, _ := x.Get(k)
			sb.WriteString(text(k) + "=" + text(val))
		}
		sb.WriteByte('}')
		return sb.String()
	case duckdb.Union:
		return text(x.Value)
	case []any, map[string]any:
		js, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(js)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
