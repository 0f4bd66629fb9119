package pipeline

import (
	"errors"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/ingest"
)

// batches makes n cell batches of one cell each, row i in batch i.
func batches(t *testing.T, mem memory.Allocator, n int) []arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(mem, ingest.CellSchema)
	defer b.Release()
	var recs []arrow.RecordBatch
	for i := range n {
		b.Field(0).(*array.Int32Builder).Append(int32(i + 1))
		b.Field(1).(*array.Int32Builder).Append(1)
		b.Field(2).(*array.StringBuilder).Append(fmt.Sprint("v", i))
		recs = append(recs, b.NewRecordBatch())
	}
	return recs
}

// failingReader yields its batches, then fails.
type failingReader struct {
	array.RecordReader
	err error
}

func (f *failingReader) Err() error { return f.err }

func TestPrefetch(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int // batches
		read   int // batches read before Release; -1 reads to the end
		err    error
		wantOK bool
	}{
		{"all", 5, -1, nil, true},
		{"none", 0, -1, nil, true},
		{"released early", 5, 2, nil, true},
		{"released before reading", 5, 0, nil, true},
		{"reader fails", 3, -1, errors.New("damaged"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
			defer mem.AssertSize(t, 0) // every batch released, also those read ahead
			recs := batches(t, mem, tc.n)
			rr, err := array.NewRecordReader(ingest.CellSchema, recs)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				r.Release()
			}
			p := prefetch(&failingReader{RecordReader: rr, err: tc.err})
			got := 0
			for (tc.read < 0 || got < tc.read) && p.Next() {
				if row := p.RecordBatch().Column(0).(*array.Int32).Value(0); int(row) != got+1 {
					t.Errorf("batch %d holds row %d", got, row)
				}
				got++
			}
			if tc.read < 0 {
				if got != tc.n {
					t.Errorf("read %d batches, want %d", got, tc.n)
				}
				if err := p.Err(); (err == nil) != tc.wantOK || (err != nil && !errors.Is(err, tc.err)) {
					t.Errorf("Err() = %v, want %v", err, tc.err)
				}
			}
			p.Release()
		})
	}
}

// listSink records the tables written to it and fails on a table.
type listSink struct {
	tables []string
	rows   []int32
	fail   string
}

func (s *listSink) Write(table string, rec arrow.RecordBatch) error {
	if table == s.fail {
		return errors.New("disk full")
	}
	s.tables = append(s.tables, table)
	s.rows = append(s.rows, rec.Column(0).(*array.Int32).Value(0))
	return nil
}

func TestAsyncSink(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	recs := batches(t, mem, 6)
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()

	to := &listSink{}
	a := newAsyncSink(to)
	for i, r := range recs {
		if err := a.Write([]string{"answers", "responses"}[i%2], r); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(to.tables, to.rows) != "[answers responses answers responses answers responses] [1 2 3 4 5 6]" {
		t.Errorf("written in order: got %v %v", to.tables, to.rows)
	}

	// A failed write is returned by Close, and by a later Write once the
	// writer has met it; nothing after it is written.
	to = &listSink{fail: "comments"}
	a = newAsyncSink(to)
	var errs []error
	for i, r := range recs {
		table := "answers"
		if i == 2 {
			table = "comments"
		}
		errs = append(errs, a.Write(table, r))
	}
	if err := a.Close(); err == nil || err.Error() != "disk full" {
		t.Errorf("Close() = %v, want disk full", err)
	}
	if err := a.Close(); err == nil {
		t.Error("a second Close forgot the error")
	}
	if fmt.Sprint(to.rows) != "[1 2]" {
		t.Errorf("written %v, want the two batches before the failed one", to.rows)
	}
	for i, err := range errs[:3] {
		if err != nil {
			t.Errorf("Write %d = %v before the writer failed", i, err)
		}
	}
}
