package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	if err := WriteFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) || read(t, p) != "one" {
		t.Errorf("failed write: %v, file %q", err, read(t, p))
	}
	if err := WriteFile(p, []byte("two")); err != nil || read(t, p) != "two" {
		t.Errorf("second write: %v, %q", err, read(t, p))
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.csv"}) {
		t.Errorf("folder holds %v", got)
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", info.Mode())
	}
}

// TestWriteAll: a failure in any file changes none of them; success
// writes all and leaves no temporary file.
func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "c.png"), filepath.Join(dir, "sub", "c.svg")
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteAll(File{a, text("png1")}, File{b, text("svg1")}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, failing := range []int{0, 1} {
		files := []File{{a, text("png2")}, {b, text("svg2")}}
		files[failing].Write = func(w io.Writer) error { io.WriteString(w, "half"); return boom }
		if err := WriteAll(files...); !errors.Is(err, boom) {
			t.Errorf("file %d failing: err %v", failing, err)
		}
		if read(t, a) != "png1" || read(t, b) != "svg1" {
			t.Errorf("file %d failing: files now %q, %q", failing, read(t, a), read(t, b))
		}
	}
	if err := WriteAll(File{a, text("png3")}, File{b, text("svg3")}); err != nil || read(t, a) != "png3" || read(t, b) != "svg3" {
		t.Errorf("second write: %v, %q, %q", err, read(t, a), read(t, b))
	}
	if got := names(t, dir); !slices.Equal(got, []string{"c.png", "sub"}) {
		t.Errorf("folder holds %v", got)
	}
	if got := names(t, filepath.Join(dir, "sub")); !slices.Equal(got, []string{"c.svg"}) {
		t.Errorf("sub holds %v", got)
	}
}

// TestClean: temporary files of ended processes and of earlier versions
// go; a running process's, other names' and other files stay.
func TestClean(t *testing.T) {
	dir := t.TempDir()
	dead, live := deadPID(t), os.Getppid()
	files := map[string]bool{
		".wide.xlsx.tmp-" + strconv.Itoa(dead) + "-0123abcd":  false, // gone
		".wide.xlsx.tmp-" + strconv.Itoa(live) + "-0123abcd":  true,
		".wide.xlsx.84736251":                                 false, // an earlier version's, old
		".wide.xlsx.84736252.tmp":                             false,
		".other.xlsx.tmp-" + strconv.Itoa(dead) + "-0123abcd": true, // another name's
		"wide.xlsx":  true,
		".wide.xlsx": true,
	}
	old := time.Now().Add(-time.Hour)
	for f := range files {
		p := filepath.Join(dir, f)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, old, old)
	}
	fresh := filepath.Join(dir, ".wide.xlsx.99999999")
	os.WriteFile(fresh, []byte("x"), 0o644) // an earlier version may still be writing it
	files[".wide.xlsx.99999999"] = true
	Clean(dir, "wide.xlsx")
	for f, stays := range files {
		_, err := os.Stat(filepath.Join(dir, f))
		if stays != (err == nil) {
			t.Errorf("%s: stays %v, exists %v", f, stays, err == nil)
		}
	}
	// Write cleans its name first.
	stale := filepath.Join(dir, ".b.csv.tmp-"+strconv.Itoa(dead)+"-0123abcd")
	os.WriteFile(stale, []byte("x"), 0o644)
	if err := WriteFile(filepath.Join(dir, "b.csv"), []byte("b")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("Write left an ended process's temporary file")
	}
}

func report(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, text := range files {
			p := filepath.Join(tmp, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

func own(name string) bool { return name == "report.xlsx" || name == "report.html" || name == "charts" }

func TestReplaceDir(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "bericht")
	if err := ReplaceDir(out, own, report(map[string]string{"report.xlsx": "1", "report.html": "1", "charts/a.png": "1"})); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceDir(out, own, report(map[string]string{"report.xlsx": "2", "report.html": "2", "charts/b.png": "2"})); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "report.xlsx")) != "2" || read(t, filepath.Join(out, "charts", "b.png")) != "2" {
		t.Error("second run's files missing")
	}
	if _, err := os.Stat(filepath.Join(out, "charts", "a.png")); err == nil {
		t.Error("a chart of the first run is left beside the second's")
	}
	// A failing run leaves the whole earlier set.
	boom := errors.New("disk full")
	err := ReplaceDir(out, own, func(tmp string) error {
		report(map[string]string{"report.xlsx": "3", "charts/c.png": "3"})(tmp)
		return boom
	})
	if !errors.Is(err, boom) || read(t, filepath.Join(out, "report.xlsx")) != "2" || read(t, filepath.Join(out, "report.html")) != "2" {
		t.Errorf("failed run: %v; xlsx %q", err, read(t, filepath.Join(out, "report.xlsx")))
	}
	if got := names(t, parent); !slices.Equal(got, []string{"bericht"}) {
		t.Errorf("beside the folder: %v", got)
	}
	// A folder with someone else's files is not replaced.
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	err = ReplaceDir(out, own, report(map[string]string{"report.xlsx": "4"}))
	if !errors.Is(err, ErrNotOurs) || read(t, filepath.Join(out, "notes.txt")) != "mine" || read(t, filepath.Join(out, "report.xlsx")) != "2" {
		t.Errorf("foreign file: %v", err)
	}
}

// TestReplaceDirRepair: a crash between the two renames (no exchange)
// leaves the old folder under its temporary name and none under its own;
// the next run puts it back, and removes a crashed run's unfinished folder.
func TestReplaceDirRepair(t *testing.T) {
	parent := t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	old := filepath.Join(parent, ".bericht.old-"+dead+"-0123abcd")
	report(map[string]string{"report.xlsx": "old"})(old)
	half := filepath.Join(parent, ".bericht.tmp-"+dead+"-4567cdef")
	report(map[string]string{"report.xlsx": "half"})(half)
	Clean(parent, "bericht")
	if read(t, filepath.Join(parent, "bericht", "report.xlsx")) != "old" {
		t.Error("old folder not restored")
	}
	if got := names(t, parent); !slices.Equal(got, []string{"bericht"}) {
		t.Errorf("left: %v", got)
	}
}
