package testtool

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("RESONANZ_CHROMIUM", "")
	if got := Find("chromium"); got != fake {
		t.Errorf("Find(chromium) = %q, want %q", got, fake)
	}
	if got := Find("soffice"); got != "" {
		t.Errorf("Find(soffice) = %q on a PATH without it", got)
	}
	t.Setenv("RESONANZ_SOFFICE", "/opt/lo/soffice")
	if got := Find("soffice"); got != "/opt/lo/soffice" {
		t.Errorf("Find(soffice) = %q, want the environment's", got)
	}

	// A tool installed off PATH (Debian's /usr/lib/wine/wine64) is found
	// at its place, and a file there that cannot run is not.
	loader := filepath.Join(dir, "lib", "wine64")
	if err := os.MkdirAll(filepath.Dir(loader), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(loader, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := Tools["wine"]
	t.Cleanup(func() { Tools["wine"] = old })
	Tools["wine"] = Tool{Names: []string{"wine64", "wine"}, Paths: []string{loader}, Env: "RESONANZ_WINE"}
	t.Setenv("RESONANZ_WINE", "")
	if got := Find("wine"); got != "" {
		t.Errorf("Find(wine) = %q for a file that cannot run", got)
	}
	if err := os.Chmod(loader, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find("wine"); got != loader {
		t.Errorf("Find(wine) = %q, want %q off PATH", got, loader)
	}
}

func TestCI(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "false": false, "FALSE": false, "true": true, "1": true, "yes": true} {
		t.Setenv("CI", v)
		if got := CI(); got != want {
			t.Errorf("CI=%q: %v, want %v", v, got, want)
		}
	}
}

// recorder is a testing.TB that notes whether it failed or skipped.
type recorder struct {
	testing.TB
	failed, skipped bool
}

func (r *recorder) Helper()           {}
func (r *recorder) Fatal(args ...any) { r.failed = true; panic(r) }
func (r *recorder) Skip(args ...any)  { r.skipped = true; panic(r) }

func run(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != r {
				panic(p)
			}
		}()
		f(r)
	}()
	return r
}

// A missing tool fails the test in CI and skips it elsewhere.
func TestNeedMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("RESONANZ_CHROMIUM", "")
	t.Setenv("CI", "")
	if r := run(t, func(tb testing.TB) { Need(tb, "chromium") }); !r.skipped || r.failed {
		t.Errorf("without CI: skipped %v, failed %v; want a skip", r.skipped, r.failed)
	}
	t.Setenv("CI", "true")
	if r := run(t, func(tb testing.TB) { Need(tb, "chromium") }); !r.failed || r.skipped {
		t.Errorf("with CI: skipped %v, failed %v; want a failure", r.skipped, r.failed)
	}
}

// RunR hands the script its arguments and reads back the CSV it writes.
func TestRunR(t *testing.T) {
	recs := RunR(t, `a <- commandArgs(trailingOnly = TRUE)
write.csv(data.frame(arg = a[1], sum = 1 + 2), a[2], row.names = FALSE)`, "x y")
	if len(recs) != 2 || recs[0][0] != "arg" || recs[1][0] != "x y" || recs[1][1] != "3" {
		t.Errorf("RunR read %q, want header arg,sum and the row \"x y\",3", recs)
	}
}
