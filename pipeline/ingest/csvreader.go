package ingest

import (
	"fmt"
	"io"
	"math"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// cellReader streams a CSV file's cells as CellSchema records of up to
// BatchCells cells, parsing the next batch only when asked for it, so a
// file of any size takes the memory of one batch and the scanner's buffer.
type cellReader struct {
	refs atomic.Int64
	s    *scanner
	file io.Closer

	b        *array.RecordBuilder
	row, col *array.Int32Builder
	val      *array.StringBuilder
	rec      arrow.RecordBatch

	r, c     int  // row and column of the next field
	dataLen  int  // bytes of values in the last batch
	skipLine bool // the first line is Excel's "sep=" hint
	done     bool
	err      error
	clean    []byte // a value without its control characters
}

func newCellReader(s *scanner, skipLine bool, file io.Closer) *cellReader {
	b := array.NewRecordBuilder(memory.DefaultAllocator, CellSchema)
	r := &cellReader{
		s: s, file: file, b: b,
		row: b.Field(0).(*array.Int32Builder),
		col: b.Field(1).(*array.Int32Builder),
		val: b.Field(2).(*array.StringBuilder),
		r:   1, c: 1,
		skipLine: skipLine,
	}
	r.refs.Store(1)
	return r
}

func (r *cellReader) Retain() { r.refs.Add(1) }

func (r *cellReader) Release() {
	if r.refs.Add(-1) != 0 {
		return
	}
	if r.rec != nil {
		r.rec.Release()
		r.rec = nil
	}
	r.b.Release()
	r.stop()
}

func (r *cellReader) Schema() *arrow.Schema          { return CellSchema }
func (r *cellReader) RecordBatch() arrow.RecordBatch { return r.rec }
func (r *cellReader) Record() arrow.RecordBatch      { return r.rec }
func (r *cellReader) Err() error                     { return r.err }

// stop ends the stream and closes the file as soon as it is done with.
func (r *cellReader) stop() {
	r.done = true
	if r.file != nil {
		r.file.Close()
		r.file = nil
	}
}

func (r *cellReader) Next() bool {
	if r.rec != nil {
		r.rec.Release()
		r.rec = nil
	}
	if r.done {
		return false
	}
	for r.skipLine {
		_, last, err := r.s.field()
		if err != nil && err != io.EOF {
			return r.fail(err)
		}
		r.skipLine = !last && err == nil
	}
	r.row.Reserve(BatchCells)
	r.col.Reserve(BatchCells)
	r.val.Reserve(BatchCells)
	// Batches of one file are alike: reserving what the last one took
	// spares the builder growing its data buffer step by step.
	r.val.ReserveData(r.dataLen)
	n := 0
	for n < BatchCells {
		v, last, err := r.s.field()
		if err == io.EOF {
			r.stop()
			break
		}
		if err != nil {
			return r.fail(err)
		}
		if sanitize.ControlIndex(v) >= 0 {
			// Control characters are not kept (tab and newline are).
			r.clean = sanitize.StripControls(r.clean[:0], v)
			v = r.clean
		}
		if len(v) > 0 {
			if r.r > math.MaxInt32 || r.c > math.MaxInt32 {
				return r.fail(fmt.Errorf("%s: line %d: more than %d records or fields: %w", r.s.file, r.s.line, math.MaxInt32, ErrTooLarge))
			}
			r.row.UnsafeAppend(int32(r.r))
			r.col.UnsafeAppend(int32(r.c))
			r.val.BinaryBuilder.Append(v)
			n++
		}
		if last {
			r.r, r.c = r.r+1, 1
		} else {
			r.c++
		}
	}
	if n == 0 {
		return false
	}
	r.dataLen = r.val.DataLen()
	r.rec = r.b.NewRecordBatch()
	return true
}

func (r *cellReader) fail(err error) bool {
	r.err = err
	r.stop()
	return false
}
