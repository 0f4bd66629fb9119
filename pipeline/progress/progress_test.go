package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEnabled(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tty := func(int) bool { return true }
	notTTY := func(int) bool { return false }
	cases := []struct {
		name string
		w    any
		opt  Options
		want bool
	}{
		{"terminal", f, Options{Getenv: env(), IsTerminal: tty}, true},
		{"pipe or file", f, Options{Getenv: env(), IsTerminal: notTTY}, false},
		{"buffer", &bytes.Buffer{}, Options{Getenv: env(), IsTerminal: tty}, false},
		{"quiet", f, Options{Quiet: true, Getenv: env(), IsTerminal: tty}, false},
		{"CI=true", f, Options{Getenv: env("CI", "true"), IsTerminal: tty}, false},
		{"CI=1", f, Options{Getenv: env("CI", "1"), IsTerminal: tty}, false},
		{"CI=false", f, Options{Getenv: env("CI", "false"), IsTerminal: tty}, true},
		{"dumb terminal", f, Options{Getenv: env("TERM", "dumb"), IsTerminal: tty}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got bool
			switch w := c.w.(type) {
			case *os.File:
				got = Enabled(w, c.opt)
			case *bytes.Buffer:
				got = Enabled(w, c.opt)
			}
			if got != c.want {
				t.Errorf("Enabled = %v, want %v", got, c.want)
			}
		})
	}
}

// fdBuffer is a buffer that claims to be a terminal, so the drawing path
// can be checked without a pty.
type fdBuffer struct{ bytes.Buffer }

func (*fdBuffer) Fd() uintptr { return 2 }

func TestBarDrawsOnlyWhenEnabled(t *testing.T) {
	tty := func(int) bool { return true }
	noCI := func(string) string { return "" }

	var on fdBuffer
	b := New(&on, Options{Getenv: noCI, IsTerminal: tty, Throttle: time.Nanosecond}).Start("Bericht", 4)
	for range 4 {
		b.Add(1)
	}
	b.Finish()
	if !strings.Contains(on.String(), "Bericht") || !strings.Contains(on.String(), "(3/4)") {
		t.Errorf("terminal output %q lacks the description or the count", on.String())
	}

	var off fdBuffer
	b = New(&off, Options{Quiet: true, Getenv: noCI, IsTerminal: tty}).Start("Bericht", 4)
	b.Add(4)
	b.Finish()
	if off.Len() != 0 {
		t.Errorf("quiet tracker wrote %q", off.String())
	}

	var spin fdBuffer
	b = New(&spin, Options{Getenv: noCI, IsTerminal: tty, Throttle: time.Nanosecond}).Start("Zeilen", -1)
	b.Add(1234)
	b.Finish()
	if !strings.Contains(spin.String(), "1234") {
		t.Errorf("spinner output %q lacks the count", spin.String())
	}
	if Or(nil) == nil {
		t.Error("Or(nil) is nil")
	}
}
