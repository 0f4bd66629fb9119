package progress

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Tracker starts progress bars for long steps.
type Tracker interface {
	// Start begins a bar for total units of work; total < 0 when unknown.
	Start(description string, total int) Bar
}

// Bar is the progress of one step.
type Bar interface {
	Add(n int)
	Describe(description string)
	Finish()
}

// Options decide whether bars are shown.
type Options struct {
	Quiet bool
	// Getenv and IsTerminal default to os.Getenv and term.IsTerminal; tests
	// replace them.
	Getenv     func(string) string
	IsTerminal func(fd int) bool
	// Throttle is the least time between redraws; default 80 ms.
	Throttle time.Duration
}

// Enabled says whether New would draw bars on w.
func Enabled(w io.Writer, opt Options) bool {
	if opt.Quiet || w == nil {
		return false
	}
	getenv, isTerm := opt.Getenv, opt.IsTerminal
	if getenv == nil {
		getenv = os.Getenv
	}
	if isTerm == nil {
		isTerm = term.IsTerminal
	}
	if ci := strings.ToLower(strings.TrimSpace(getenv("CI"))); ci != "" && ci != "false" && ci != "0" {
		return false
	}
	if getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(interface{ Fd() uintptr })
	return ok && isTerm(int(f.Fd()))
}

// New returns a Tracker drawing on w when Enabled, else Nop.
func New(w io.Writer, opt Options) Tracker {
	if !Enabled(w, opt) {
		return Nop()
	}
	if opt.Throttle == 0 {
		opt.Throttle = 80 * time.Millisecond
	}
	return &terminal{w: w, throttle: opt.Throttle}
}

// Nop returns a Tracker that shows nothing.
func Nop() Tracker { return nop{} }

// Or returns t, or Nop when t is nil.
func Or(t Tracker) Tracker {
	if t == nil {
		return nop{}
	}
	return t
}

type nop struct{}

func (nop) Start(string, int) Bar { return nop{} }
func (nop) Add(int)               {}
func (nop) Describe(string)       {}
func (nop) Finish()               {}

type terminal struct {
	w        io.Writer
	throttle time.Duration
}

func (t *terminal) Start(description string, total int) Bar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(t.w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(t.throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
	if total < 0 {
		opts = append(opts, progressbar.OptionSpinnerType(14))
	}
	return &bar{progressbar.NewOptions(total, opts...)}
}

type bar struct{ p *progressbar.ProgressBar }

// Errors writing to the terminal are ignored: progress is a courtesy, never
// a reason to fail the work.
func (b *bar) Add(n int)                   { _ = b.p.Add(n) }
func (b *bar) Describe(description string) { b.p.Describe(description) }
func (b *bar) Finish()                     { _ = b.p.Finish() }
