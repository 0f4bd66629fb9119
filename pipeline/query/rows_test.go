package query

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"
)

// rawConn is a bare in-memory DuckDB connection for the row converter.
func rawConn(t testing.TB) *sql.Conn {
	t.Helper()
	c, err := duckdb.NewConnector("", nil)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(); db.Close() })
	return conn
}

func rowConnOf(t testing.TB, conn *sql.Conn) *rowConn {
	t.Helper()
	var rc *rowConn
	if err := conn.Raw(func(dc any) (err error) { rc, err = newRowConn(dc); return err }); err != nil {
		t.Fatal(err)
	}
	return rc
}

func TestRowTypes(t *testing.T) {
	rc := rowConnOf(t, rawConn(t))
	day := time.Date(2025, 11, 13, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		sql  string
		typ  string // arrow type as printed
		want any    // Value() of the first row
	}{
		{"select 'Thüringen'::varchar", "utf8", "Thüringen"},
		{"select 42::tinyint", "int8", int64(42)},
		{"select 42::smallint", "int16", int64(42)},
		{"select 42::integer", "int32", int64(42)},
		{"select 42::bigint", "int64", int64(42)},
		{"select 42::ubigint", "uint64", int64(42)},
		{"select 42::uinteger", "uint32", int64(42)},
		{"select 12345678901234567890::hugeint", "decimal(38, 0)", 12345678901234567890.0},
		{"select 170141183460469231731687303715884105727::hugeint", "decimal(38, 0)", 170141183460469231731687303715884105727.0},
		{"select -170141183460469231731687303715884105727::hugeint - 1", "decimal(38, 0)", -170141183460469231731687303715884105728.0},
		{"select 170141183460469231731687303715884105727::uhugeint", "decimal(38, 0)", 170141183460469231731687303715884105727.0},
		{"select 1.5::float", "float32", 1.5},
		{"select 1.25::double", "float64", 1.25},
		{"select 12.345::decimal(18,3)", "decimal(18, 3)", 12.345},
		{"select 3.5::decimal(4,1)", "decimal(4, 1)", 3.5},
		{"select true", "bool", true},
		{"select date '2025-11-13'", "date32", day},
		{"select timestamp '2025-11-13 09:30:00'", "timestamp[us]", day.Add(9*time.Hour + 30*time.Minute)},
		{"select timestamp_ms '2025-11-13 09:30:00'", "timestamp[ms]", day.Add(9*time.Hour + 30*time.Minute)},
		{"select time '09:30:05'", "time64[us]", "09:30:05"},
		{"select 'a'::enum ('a', 'b')", "utf8", "a"},
		{"select '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::uuid", "utf8", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
		{"select 'x'::blob", "binary", "eA=="},
		{"select null", "int32", nil}, // DuckDB types a bare NULL as INTEGER
		{"select null::integer", "int32", nil},
		{"select ['a', 'b']", "list<item: utf8, nullable>", `["a","b"]`},
		{"select {'n': 3, 'label': 'x'}", "struct<n: int32 nullable, label: utf8 nullable>", `{"label":"x","n":3}`},
		{`select {'a "b"': [1, 2]}`, `struct<a "b": list<item: int32, nullable> nullable>`, `{"a \"b\"":[1,2]}`},
		{"select map {'k': 1}", "utf8", "{k=1}"},
	} {
		t.Run(c.sql, func(t *testing.T) {
			tab := collect(t, rc, c.sql)
			if got := tab.Types[0].String(); got != c.typ {
				t.Errorf("type %s, want %s", got, c.typ)
			}
			if len(tab.Rows) != 1 {
				t.Fatalf("%d rows, want 1", len(tab.Rows))
			}
			got := tab.Rows[0][0]
			if tm, ok := c.want.(time.Time); ok {
				if g, ok := got.(time.Time); !ok || !g.Equal(tm) {
					t.Errorf("value %#v, want %v", got, tm)
				}
				return
			}
			if f, ok := c.want.(float64); ok {
				if g, ok := got.(float64); !ok || math.Abs(g-f) > 1e-9*math.Abs(f) {
					t.Errorf("value %#v, want %v", got, f)
				}
				return
			}
			if got != c.want {
				t.Errorf("value %#v, want %#v", got, c.want)
			}
		})
	}
}

func collect(t *testing.T, rc *rowConn, sql string) *Table {
	t.Helper()
	rr, err := rc.QueryContext(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Collect(rr)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// A result longer than one batch comes in batches of batchRows, all rows
// in order, nulls where they were.
func TestRowBatches(t *testing.T) {
	rc := rowConnOf(t, rawConn(t))
	rr, err := rc.QueryContext(context.Background(),
		"select i, case when i % 7 = 0 then null else 'v' || i end as s from range(5000) t(i) order by i")
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	var sizes []int64
	next := int64(0)
	for rr.Next() {
		rec := rr.RecordBatch()
		sizes = append(sizes, rec.NumRows())
		for i := 0; i < int(rec.NumRows()); i++ {
			v, _ := Value(rec.Column(0), i)
			if v != next {
				t.Fatalf("row %d: i = %v", next, v)
			}
			s, _ := Value(rec.Column(1), i)
			if (next%7 == 0) != (s == nil) {
				t.Fatalf("row %d: s = %v", next, s)
			}
			next++
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	if next != 5000 || len(sizes) != 3 || sizes[0] != batchRows || sizes[2] != 5000-2*batchRows {
		t.Errorf("%d rows in batches %v", next, sizes)
	}
}

// Parameters bind in order; a failing statement is the driver's error.
func TestRowParamsAndErrors(t *testing.T) {
	rc := rowConnOf(t, rawConn(t))
	rr, err := rc.QueryContext(context.Background(), "select $1::varchar || $2::varchar as s", "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Collect(rr)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0][0] != "ab" {
		t.Errorf("got %v", tab.Rows[0][0])
	}
	_, err = rc.QueryContext(context.Background(), "select nosuch from range(1)")
	var de *duckdb.Error
	if err == nil || !errors.As(err, &de) {
		t.Errorf("err = %v, want a duckdb error", err)
	}
	// A UHUGEINT beyond 2^127-1 is an error of the query, not a panic.
	rr, err = rc.QueryContext(context.Background(), "select 340282366920938463463374607431768211455::uhugeint as u")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Collect(rr); err == nil || !strings.Contains(err.Error(), "340282366920938463463374607431768211455 does not fit in 128 bits") {
		t.Errorf("err = %v, want the value named as too large", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rr, err = rc.QueryContext(ctx, "select * from range(10000)")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if rr.Next() || rr.Err() == nil {
		t.Error("a cancelled context still gave a batch")
	}
	rr.Release()
}

func TestArrowTypeNames(t *testing.T) {
	for name, want := range map[string]arrow.DataType{
		"DECIMAL(18,3)":                     &arrow.Decimal128Type{Precision: 18, Scale: 3},
		"VARCHAR[][]":                       arrow.ListOf(arrow.ListOf(arrow.BinaryTypes.String)),
		"INTEGER[3]":                        arrow.ListOf(arrow.PrimitiveTypes.Int32),
		`STRUCT("a,b" INTEGER, "c" DOUBLE)`: arrow.StructOf(arrow.Field{Name: "a,b", Type: arrow.PrimitiveTypes.Int32, Nullable: true}, arrow.Field{Name: "c", Type: arrow.PrimitiveTypes.Float64, Nullable: true}),
		"MAP(VARCHAR, INTEGER)":             arrow.BinaryTypes.String,
		"GEOMETRY":                          arrow.BinaryTypes.String,
		" BIGINT ":                          arrow.PrimitiveTypes.Int64,
		"UHUGEINT":                          &arrow.Decimal128Type{Precision: 38, Scale: 0},
		"TIMETZ":                            arrow.FixedWidthTypes.Time64us,
		"TIMESTAMPTZ":                       &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"},
		"SQLNULL":                           arrow.Null,
	} {
		if got := arrowType(name); !arrow.TypeEqual(got, want) {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}
