package query

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// ErrMemoryLimit means a query took the process past its memory limit and
// was stopped.
var ErrMemoryLimit = errors.New("stopped: the query needs more memory than --memory-limit allows")

// errStopped is what an engine says after it gave up on a runaway call.
var errStopped = errors.New("the engine stopped after a runaway query; start again")

// stopGrace is how long a call may take to end by itself once it is
// interrupted (a timeout, the memory limit) before the engine gives up on
// it. DuckDB checks for an interrupt between chunks of work, so nearly every
// query ends within milliseconds; one long call of a function
// (repeat('x', 4e9)) does not, and neither counts the memory it builds.
const stopGrace = 2 * time.Second

// rssPoll is how often the resident memory is read while a query runs.
const rssPoll = 10 * time.Millisecond

// ParseBytes reads a memory size as DuckDB writes it: 500MB, 2GB (powers
// of 1000), 512MiB, 2GiB (powers of 1024), or bytes.
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("memory limit %q: want a size like 500MB or 2GB", s)
	}
	mult := map[string]float64{
		"": 1, "b": 1, "bytes": 1,
		"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
	}[unit]
	if mult == 0 || f*mult > math.MaxInt64/2 {
		return 0, fmt.Errorf("memory limit %q: want a size like 500MB or 2GB", s)
	}
	return int64(f * mult), nil
}

// guard watches one query: its timeout and the process's resident memory.
// When the query passes either, the guard interrupts it (cancelling the
// context interrupts DuckDB); when it does not end within stopGrace, or the
// memory keeps growing, the guard gives up on the call: do returns the
// error while the call still runs, the engine refuses further use, and a
// command ends the process with the error.
type guard struct {
	e       *Engine
	ctx     context.Context
	cancel  context.CancelFunc
	verdict chan error // the watchdog's reason to give up, once
	done    chan struct{}
	ended   atomic.Bool
}

func (e *Engine) newGuard(ctx context.Context) *guard {
	ctx, cancel := context.WithTimeout(ctx, e.opt.Timeout)
	g := &guard{e: e, ctx: ctx, cancel: cancel, verdict: make(chan error, 1), done: make(chan struct{})}
	go g.watch()
	return g
}

// watch is the watchdog: it ends when the query does.
func (g *guard) watch() {
	tick := time.NewTicker(rssPoll)
	defer tick.Stop()
	var interrupted time.Time
	for {
		select {
		case <-g.done:
			return
		case <-tick.C:
		}
		if g.e.maxRSS > 0 {
			if rss, ok := residentBytes(); ok && rss > g.e.maxRSS {
				g.cancel()
				g.verdict <- fmt.Errorf("%w (%s): %.0f MB in use", ErrMemoryLimit, g.e.opt.MemoryLimit, float64(rss)/1e6)
				return
			}
		}
		if g.ctx.Err() == nil {
			continue
		}
		if interrupted.IsZero() {
			interrupted = time.Now()
		}
		if time.Since(interrupted) > stopGrace {
			g.verdict <- g.timeoutErr(g.ctx.Err())
			return
		}
	}
}

func (g *guard) timeoutErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("cancelled after %v (--timeout): %w", g.e.opt.Timeout, context.DeadlineExceeded)
	}
	return err
}

// do runs one DuckDB call under the guard.
func (g *guard) do(call func()) error {
	if g.e.stopped.Load() {
		return errStopped
	}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		call()
	}()
	select {
	case <-finished:
		// A verdict may have come while the call ended by itself.
		select {
		case err := <-g.verdict:
			if !errors.Is(err, ErrMemoryLimit) {
				return nil
			}
			g.verdict <- err
			return err
		default:
			return nil
		}
	case err := <-g.verdict:
		g.e.stopped.Store(true)
		g.verdict <- err
		return err
	}
}

// end stops the watchdog and the timeout.
func (g *guard) end() {
	if g.ended.CompareAndSwap(false, true) {
		close(g.done)
		g.cancel()
	}
}

// guardedReader reads a result under its query's guard.
type guardedReader struct {
	array.RecordReader
	g    *guard
	err  error
	wrap func(error) error
}

func (r *guardedReader) Next() bool {
	if r.err != nil {
		return false
	}
	var ok bool
	if err := r.g.do(func() { ok = r.RecordReader.Next() }); err != nil {
		r.err = err
		return false
	}
	return ok
}

func (r *guardedReader) Err() error {
	if r.err != nil {
		return r.wrap(r.err)
	}
	if err := r.RecordReader.Err(); err != nil {
		return r.wrap(err)
	}
	return nil
}

// Release releases the result, unless the engine gave up on a call that
// still holds it.
func (r *guardedReader) Release() {
	if !r.g.e.stopped.Load() {
		r.RecordReader.Release()
	}
}

// wrap wraps an error of the guarded query like the engine does, saying
// "cancelled after … (--timeout)" when the timeout ended it.
func (g *guard) wrap(q *Query, err error) error {
	if !errors.Is(err, ErrMemoryLimit) && errors.Is(g.ctx.Err(), context.DeadlineExceeded) {
		err = g.timeoutErr(g.ctx.Err())
	}
	return g.e.wrap(q, err)
}
