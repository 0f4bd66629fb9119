package pipeline

import (
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/survey"
)

// An import runs in three stages on goroutines of their own, connected by
// channels of a few record batches: reading the file (prefetch; the xlsx
// reader inflates on a fourth), normalising it (the caller's), and writing
// Parquet (asyncSink). Memory stays a few batches per stage.

// prefetchDepth is how many batches a stage may run ahead of the next.
const prefetchDepth = 1

// prefetchReader reads the batches of a RecordReader ahead on a goroutine.
type prefetchReader struct {
	rr   array.RecordReader
	ch   chan arrow.RecordBatch
	quit chan struct{}
	done chan struct{}
	cur  arrow.RecordBatch
	err  error // rr's error, set before done closes
	refs atomic.Int64
}

// prefetch returns a reader of rr's batches that reads them on a goroutine
// of its own. It takes rr over: releasing it releases rr.
func prefetch(rr array.RecordReader) array.RecordReader {
	p := &prefetchReader{rr: rr, ch: make(chan arrow.RecordBatch, prefetchDepth),
		quit: make(chan struct{}), done: make(chan struct{})}
	p.refs.Store(1)
	go func() {
		defer close(p.done)
		defer close(p.ch)
		for rr.Next() {
			rec := rr.RecordBatch()
			rec.Retain()
			select {
			case p.ch <- rec:
			case <-p.quit:
				rec.Release()
				return
			}
		}
		p.err = rr.Err()
	}()
	return p
}

func (p *prefetchReader) Retain()                        { p.refs.Add(1) }
func (p *prefetchReader) Schema() *arrow.Schema          { return p.rr.Schema() }
func (p *prefetchReader) RecordBatch() arrow.RecordBatch { return p.cur }
func (p *prefetchReader) Record() arrow.RecordBatch      { return p.cur }

func (p *prefetchReader) Next() bool {
	if p.cur != nil {
		p.cur.Release()
		p.cur = nil
	}
	rec, ok := <-p.ch
	if !ok {
		<-p.done // so that Err sees the error
		return false
	}
	p.cur = rec
	return true
}

// Err is the reader's error once Next has returned false.
func (p *prefetchReader) Err() error {
	select {
	case <-p.done:
		return p.err
	default:
		return nil
	}
}

func (p *prefetchReader) Release() {
	if p.refs.Add(-1) != 0 {
		return
	}
	close(p.quit)
	for rec := range p.ch { // until the goroutine has stopped
		rec.Release()
	}
	<-p.done
	if p.cur != nil {
		p.cur.Release()
		p.cur = nil
	}
	p.rr.Release()
}

// asyncSink hands batches to a goroutine that writes them on, so that
// encoding Parquet runs beside reading and normalising. Close waits for it
// and returns its first error; a Write after an error returns that error.
type asyncSink struct {
	to     survey.Sink
	ch     chan tableBatch
	done   chan struct{}
	failed atomic.Bool
	err    error // written by the goroutine, read after done
	close  sync.Once
}

type tableBatch struct {
	table string
	rec   arrow.RecordBatch
}

func newAsyncSink(to survey.Sink) *asyncSink {
	a := &asyncSink{to: to, ch: make(chan tableBatch, prefetchDepth), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for b := range a.ch {
			if a.err == nil {
				if a.err = a.to.Write(b.table, b.rec); a.err != nil {
					a.failed.Store(true)
				}
			}
			b.rec.Release()
		}
	}()
	return a
}

func (a *asyncSink) Write(table string, rec arrow.RecordBatch) error {
	if a.failed.Load() {
		return a.Close()
	}
	rec.Retain()
	a.ch <- tableBatch{table, rec}
	return nil
}

func (a *asyncSink) Close() error {
	a.close.Do(func() { close(a.ch) })
	<-a.done
	return a.err
}
