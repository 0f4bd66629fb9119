//go:build duckdb_arrow

package query_test

// With the duckdb_arrow tag (make test-arrow, .ci/run): the row converter
// of rows.go against duckdb-go's own Arrow export, for equal results and
// for speed.

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/query"
)

// pair opens the same engine twice: rows.go's converter and DuckDB's Arrow.
func pair(t testing.TB, dir string, events []string) (rows, duck *query.Engine) {
	t.Helper()
	var es [2]*query.Engine
	for i := range es {
		e, err := query.Open(context.Background(), query.Options{DataDir: dir, Events: events, Timeout: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		es[i] = e
	}
	if err := query.UseRows(es[0]); err != nil {
		t.Fatal(err)
	}
	if err := query.UseDuckDBArrow(es[1]); err != nil {
		t.Fatal(err)
	}
	return es[0], es[1]
}

var extraSQL = []string{
	"select * from responses",
	"select * from answers",
	"select * from questions",
	"select * from all_events.events",
	"select 1::tinyint a, 2::smallint b, 3::integer c, 4::bigint d, 5::ubigint e, 1.5::float f, 2.5::double g, " +
		"12.345::decimal(18,3) h, 12345678901234567890::hugeint i, true j, date '2025-11-13' k, " +
		"timestamp '2025-11-13 09:30:00.123456' l, time '09:30:05' m, 'ä' n, null::varchar o, ['x', null] p, " +
		"{'q': 1, 'r': 'ü'} s, range(3) t",
}

func runAll(t testing.TB, e *query.Engine, event string, each func(name string, tab *query.Table)) {
	ctx := context.Background()
	params := map[string]string{"event": event}
	for _, q := range e.Queries() {
		rr, done, err := e.Run(ctx, q, params)
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		tab, err := query.Collect(rr)
		done()
		if err != nil {
			t.Fatalf("%s: %v", q.Name, err)
		}
		each(q.Name, tab)
	}
	for _, s := range extraSQL {
		rr, done, err := e.Query(ctx, s, nil)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		tab, err := query.Collect(rr)
		done()
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		each(s, tab)
	}
}

// TestRowsMatchDuckDBArrow: every built-in query and every table gives the
// same columns, types and values through both paths. DuckDB's export makes
// ENUM a dictionary where rows.go makes it utf8, and names the session's
// time zone where rows.go says UTC.
func TestRowsMatchDuckDBArrow(t *testing.T) {
	rows, duck := pair(t, dataDir(t), []string{"mdk16"})
	got := map[string]*query.Table{}
	runAll(t, rows, "mdk16", func(name string, tab *query.Table) { got[name] = tab })
	n := 0
	runAll(t, duck, "mdk16", func(name string, want *query.Table) {
		g := got[name]
		if !reflect.DeepEqual(g.Columns, want.Columns) {
			t.Errorf("%s: columns %v, want %v", name, g.Columns, want.Columns)
			return
		}
		for i, w := range want.Types {
			if d, ok := w.(*arrow.DictionaryType); ok {
				w = d.ValueType
			}
			// DuckDB names its session's time zone; rows.go says UTC.
			if ts, ok := w.(*arrow.TimestampType); ok && ts.TimeZone != "" {
				w = &arrow.TimestampType{Unit: ts.Unit, TimeZone: "UTC"}
			}
			if !arrow.TypeEqual(g.Types[i], w) {
				t.Errorf("%s: column %s is %s, want %s", name, g.Columns[i], g.Types[i], w)
			}
		}
		if len(g.Rows) != len(want.Rows) {
			t.Errorf("%s: %d rows, want %d", name, len(g.Rows), len(want.Rows))
			return
		}
		for r := range want.Rows {
			for c := range want.Rows[r] {
				gv, wv := g.Rows[r][c], want.Rows[r][c]
				if gt, ok := gv.(time.Time); ok {
					if wt, ok := wv.(time.Time); ok && gt.Equal(wt) {
						continue
					}
				}
				if !reflect.DeepEqual(gv, wv) {
					t.Errorf("%s: row %d, %s = %#v, want %#v", name, r, g.Columns[c], gv, wv)
					return
				}
			}
			n++
		}
	})
	if n < 1000 {
		t.Errorf("only %d rows compared", n)
	}
}

// BenchmarkRowsVsArrow runs every built-in query (as the report does) and
// `select * from answers` (to a table, and to Parquet as export does)
// through both paths, one after the other in each iteration, on the sample
// and, when RESONANZ_BENCH_FILE names a survey file (go run ./bench/xlsx
// -gen shared -rows 200000 makes one), on that. It reports each path's ms/op and
// their ratio, measured side by side.
func BenchmarkRowsVsArrow(b *testing.B) {
	sets := []struct{ name, dir, event string }{{"sample", dataDir(b), "mdk16"}}
	if f := os.Getenv("RESONANZ_BENCH_FILE"); f != "" {
		dir := filepath.Join(b.TempDir(), "data")
		_, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(),
			DataDir: dir, Event: "bench", EventDate: "2025-11-13", Files: []string{f},
		})
		if err != nil {
			b.Fatal(err)
		}
		sets = append(sets, struct{ name, dir, event string }{"200k", dir, "bench"})
	}
	ctx := context.Background()
	answers := func(b *testing.B, e *query.Engine, sink func(rr array.RecordReader) error) {
		rr, done, err := e.Query(ctx, "select * from answers", nil)
		if err != nil {
			b.Fatal(err)
		}
		defer done()
		if err := sink(rr); err != nil {
			b.Fatal(err)
		}
	}
	for _, s := range sets {
		rows, duck := pair(b, s.dir, []string{s.event})
		for _, w := range []struct {
			name string
			run  func(b *testing.B, e *query.Engine)
		}{
			{"builtin", func(b *testing.B, e *query.Engine) { runQueries(b, e, s.event) }},
			{"answers-table", func(b *testing.B, e *query.Engine) {
				answers(b, e, func(rr array.RecordReader) error { _, err := query.Collect(rr); return err })
			}},
			{"answers-parquet", func(b *testing.B, e *query.Engine) {
				answers(b, e, func(rr array.RecordReader) error { return query.WriteParquet(io.Discard, rr, 0) })
			}},
		} {
			b.Run(s.name+"/"+w.name, func(b *testing.B) {
				var tr, ta time.Duration
				for b.Loop() {
					t0 := time.Now()
					w.run(b, rows)
					t1 := time.Now()
					w.run(b, duck)
					tr += t1.Sub(t0)
					ta += time.Since(t1)
				}
				b.ReportMetric(float64(tr.Milliseconds())/float64(b.N), "rows-ms/op")
				b.ReportMetric(float64(ta.Milliseconds())/float64(b.N), "arrow-ms/op")
				b.ReportMetric(float64(tr)/float64(ta), "rows/arrow")
			})
		}
	}
}

func runQueries(b *testing.B, e *query.Engine, event string) {
	ctx := context.Background()
	for _, q := range e.Queries() {
		rr, done, err := e.Run(ctx, q, map[string]string{"event": event})
		if err != nil {
			b.Fatalf("%s: %v", q.Name, err)
		}
		if _, err := query.Collect(rr); err != nil {
			b.Fatal(err)
		}
		done()
	}
}
