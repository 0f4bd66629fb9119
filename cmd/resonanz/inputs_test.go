package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resonanz/resonanz/internal/testfiles"
)

// TestSpecialFilesRefused (issue #16, attack 7): a device, a link to one
// and a FIFO are refused before anything reads them, at once, with exit
// code 3 — `import /dev/zero` used to hash the endless file first, holding
// the lock for ever — and the lock is free afterwards.
func TestSpecialFilesRefused(t *testing.T) {
	t.Parallel()
	dir, data, old := withFixture(t)
	files := t.TempDir()
	link := filepath.Join(files, "antworten.csv")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(files, "umfrage.xlsx")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", link, fifo, "/dev/stdin"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			cmd := proc(t, dir, nil, "import", path, "--event", "mdk16", "--data", data)
			r := finish(t, cmd, launch(t, cmd), 1<<30, 30*time.Second)
			if r.watchdog != "" || r.code != exitInput || !strings.Contains(r.stderr, "not a regular file") {
				t.Fatalf("%s: %v; want exit %d, not a regular file", path, r, exitInput)
			}
			if r.elapsed > 10*time.Second {
				t.Errorf("%s: refused after %v", path, r.elapsed)
			}
		})
	}
	if got := readSnapshot(t, data); !got.Equal(old) {
		t.Errorf("dataset changed: %v", got)
	}
	// The lock is free: an import goes through.
	late := filepath.Join(files, "nachtrag.csv")
	lateFile(t, late, 10, 5001)
	mustRun(t, dir, "import", late, "--event", "mdk16", "--data", data, "-q")
}

// TestInterrupt (issue #16, attack 7): Ctrl-C ends a running import within
// the grace time — also when the shell started resonanz with SIGINT
// ignored, as the attack's harness did — leaves the dataset as it was and
// the next import works. An import waiting for the lock stops at once.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	dir, data, old := withFixture(t)
	big := filepath.Join(t.TempDir(), "gross.csv")
	lateFile(t, big, 60000, 100001)
	exe, err := exec.LookPath("resonanz")
	if err != nil {
		t.Fatal(err)
	}
	// interrupt sends Ctrl-C once busy says the command is under way (on
	// a quiet machine the import below takes about a second, so a fixed
	// delay could miss it).
	interrupt := func(t *testing.T, busy func() bool, args ...string) result {
		t.Helper()
		// SIGINT ignored by the shell, as for a background job.
		cmd := proc(t, dir, nil, args...)
		cmd.Path, cmd.Args = "/bin/sh", append([]string{"sh", "-c", `trap '' INT; exec "$0" "$@"`, exe}, args...)
		start := launch(t, cmd)
		for deadline := time.Now().Add(30 * time.Second); !busy(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("not under way after 30 s: %v", finish(t, cmd, start, 2<<30, time.Minute))
			}
		}
		sent := time.Now()
		cmd.Process.Signal(os.Interrupt)
		r := finish(t, cmd, start, 2<<30, time.Minute)
		if r.watchdog != "" || r.code != exitInterrupted {
			t.Fatalf("%v; want exit %d", r, exitInterrupted)
		}
		if took := time.Since(sent); took > interruptGrace+3*time.Second {
			t.Errorf("ended %v after Ctrl-C", took)
		}
		return r
	}
	t.Run("busy", func(t *testing.T) {
		// Staging is where the import writes, from its first rows on.
		staging := func() bool {
			es, _ := os.ReadDir(filepath.Join(data, ".staging"))
			return len(es) > 0
		}
		r := interrupt(t, staging, "import", big, "--event", "mdk16", "--data", data, "-q")
		if !strings.Contains(r.stderr, "interrupted") && !strings.Contains(r.stderr, "context canceled") {
			t.Errorf("stderr %q", r.stderr)
		}
		if got := readSnapshot(t, data); !got.Equal(old) {
			t.Errorf("dataset changed: %v", got)
		}
	})
	t.Run("waiting for the lock", func(t *testing.T) {
		f, err := os.OpenFile(filepath.Join(data, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			t.Fatal(err)
		}
		waited := time.Now()
		r := interrupt(t, func() bool { return time.Since(waited) > 1500*time.Millisecond }, "import", big, "--event", "mdk16", "--data", data)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		if !strings.Contains(r.stderr, "waiting for another import") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	mustRun(t, dir, "import", big, "--event", "mdk16", "--data", data, "-q")
	if l := leftovers(t, data); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// TestControlCharactersDropped (issue #16, attack 12): terminal escapes and
// other control characters typed into an export are not stored, so query
// cannot echo them to a terminal in any format; tab and line breaks stay.
func TestControlCharactersDropped(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	t.Setenv("RESONANZ_KEY", filepath.Join(dir, "key"))
	rows, err := testfiles.Rows(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	r := few(rows)
	r[1][19] = "mehr\x1b[2J\x1b]0:pwned\x07 Pausen\x7f\u0085\u009b\tund Kaffee"
	r[2][17] = "5\x1b[31m" // satisfaction: rejected, and printed
	file := writeFile(t, filepath.Join(dir, "escapes.csv"), []byte(csvText(r)))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", data, "import", file, "--event", "mdk16", "-v"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr.String())
	}
	bad := func(where, s string) {
		t.Helper()
		if i := strings.IndexFunc(s, func(c rune) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f }); i >= 0 {
			t.Errorf("%s: control character %q at %d: %q", where, s[i], i, s)
		}
	}
	bad("import stdout", stdout.String())
	bad("import stderr", stderr.String())
	for _, format := range []string{"table", "csv", "json"} {
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"--data", data, "query", "select text from comments union all select value from rejects", "--format", format}, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("query: exit %d: %s", code, stderr.String())
		}
		bad("query --format "+format, stdout.String())
		if format == "csv" && (!strings.Contains(stdout.String(), "mehr[2J]0:pwned Pausen\tund Kaffee") || !strings.Contains(stdout.String(), "5[31m")) {
			t.Errorf("query --format csv: the texts are not there without their control characters:\n%s", stdout.String())
		}
	}
}
