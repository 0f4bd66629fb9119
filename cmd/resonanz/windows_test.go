package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/testtool"
)

// TestWindowsBinary runs the Windows build (make dist) under Wine on the
// bundled sample — in a folder, with a file, a dataset and a report folder
// whose names hold umlauts and spaces — and compares its report.xlsx with
// the one this Linux build writes from the same file: the cover figure by
// figure, and every other sheet cell by cell.
func TestWindowsBinary(t *testing.T) {
	exe := os.Getenv("RESONANZ_WINDOWS_EXE")
	if exe == "" {
		t.Skip("RESONANZ_WINDOWS_EXE is not set: .ci/run windows builds the binary (make dist) and runs this test")
	}
	wine := testtool.Need(t, "wine")
	gcc := testtool.Need(t, "mingw-gcc")
	exe, err := filepath.Abs(exe)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	sample, err := os.ReadFile("../../testdata/mdk16-msforms.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	const (
		file = "Umfrage Müller 2025.xlsx"
		data = "Daten Ä"
		out  = "Bericht Ü"
		key  = "Schlüssel.key"
	)
	args := []string{"run", file, "--event", "mdk16", "--event-title", "16. Mitteldeutsche Digitalisierungskonferenz",
		"--event-date", "13.11.2025", "--data", data, "--out", out, "--key", key, "-q"}
	dirs := map[string]string{}
	for _, side := range []string{"linux", "windows"} {
		d := filepath.Join(root, side, "Auswertung Größe")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, file), sample, 0o644); err != nil {
			t.Fatal(err)
		}
		dirs[side] = d
	}

	// The Linux run, in-process.
	wd, _ := os.Getwd()
	if err := os.Chdir(dirs["linux"]); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := run(args, strings.NewReader(""), io.Discard, &stderr)
	if err := os.Chdir(wd); err != nil {
		t.Fatal(err)
	}
	if code != 0 {
		t.Fatalf("linux run: exit %d: %s", code, stderr.String())
	}

	// A Wine prefix of its own, with the bcryptprimitives.dll Go needs and
	// Debian's Wine 8 lacks (testdata/wine).
	prefix := filepath.Join(root, "wine")
	start := time.Now()
	boot := exec.Command(wine, "wineboot", "--init")
	boot.Env = append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all")
	if out, err := boot.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	dll := filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	if out, err := exec.Command(gcc, "-O2", "-shared", "-o", dll, "testdata/wine/bcryptprimitives.c",
		"testdata/wine/bcryptprimitives.def", "-lbcrypt").CombinedOutput(); err != nil {
		t.Fatalf("bcryptprimitives.dll: %v\n%s", err, out)
	}
	t.Logf("Wine prefix ready in %s", time.Since(start).Round(time.Millisecond))
	winRun := func(want int, args ...string) string {
		t.Helper()
		cmd := exec.Command(wine, append([]string{exe}, args...)...)
		cmd.Dir = dirs["windows"]
		cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all", "RESONANZ_DATA=", "RESONANZ_KEY=")
		var so, se bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &se
		began := time.Now()
		err := cmd.Run()
		got := 0
		if ee, ok := err.(*exec.ExitError); ok {
			got = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("wine %s: %v", strings.Join(args, " "), err)
		}
		t.Logf("wine resonanz %s: exit %d in %s", strings.Join(args, " "), got, time.Since(began).Round(time.Millisecond))
		if got != want {
			t.Fatalf("wine resonanz %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, want, so.String(), se.String())
		}
		return strings.ReplaceAll(so.String(), "\r\n", "\n")
	}

	if v := winRun(0, "--version"); !strings.Contains(v, "windows/amd64") || !strings.Contains(v, "DuckDB v1.") {
		t.Errorf("--version under Wine: %q", v)
	}
	winRun(0, args...)
	// The same bytes again: a no-op, through the store's lock (LockFileEx).
	if o := winRun(0, "import", file, "--event", "mdk16", "--data", data, "--key", key); !strings.Contains(o, "already imported") {
		t.Errorf("second import under Wine: %q", o)
	}
	if o := winRun(0, "query", "select count(*) as n from responses", "--format", "csv", "--data", data); o != "n\n150\n" {
		t.Errorf("query under Wine: %q", o)
	}
	winRun(0, "check", "--data", data)
	winRun(exitUsage, "nosuch")
	winRun(exitInput, "import", "fehlt.xlsx", "--event", "mdk16", "--data", data, "--key", key)

	lin := readBook(t, filepath.Join(dirs["linux"], out, "report.xlsx"))
	win := readBook(t, filepath.Join(dirs["windows"], out, "report.xlsx"))
	if strings.Join(lin.sheets, "|") != strings.Join(win.sheets, "|") {
		t.Fatalf("sheets: linux %q, windows %q", lin.sheets, win.sheets)
	}
	cover := lin.sheets[0]
	if cover != "Übersicht" {
		t.Fatalf("first sheet %q, want the cover Übersicht", cover)
	}
	// The cover's figures, named: a wrong run would differ here first.
	for _, label := range []string{"Antworten", "Sachsen", "Thüringen", "Sachsen-Anhalt", "Politik"} {
		l, w := lin.row(cover, label), win.row(cover, label)
		if l == nil {
			t.Errorf("cover: no row %q in the Linux report", label)
			continue
		}
		if strings.Join(l, "\t") != strings.Join(w, "\t") {
			t.Errorf("cover %s: linux %q, windows %q", label, l, w)
		}
	}
	if got := lin.row(cover, "Antworten"); len(got) < 2 || got[1] != "150" {
		t.Errorf("cover Antworten: %q, want 150", got)
	}
	for _, s := range lin.sheets {
		l, w := lin.rows[s], win.rows[s]
		if len(l) != len(w) {
			t.Errorf("sheet %s: %d rows on linux, %d on windows", s, len(l), len(w))
			continue
		}
		if s != cover {
			// Rows that tie in a sheet's order (the same open answer from
			// two respondents) may come in either order.
			l, w = sortedRows(l), sortedRows(w)
		}
		for i := range l {
			if !sameRow(l[i], w[i]) {
				t.Errorf("sheet %s row %d:\nlinux   %q\nwindows %q", s, i+1, strings.Join(l[i], "\t"), strings.Join(w[i], "\t"))
			}
		}
	}
	for _, f := range []string{"report.html", "charts/headline_by_group_state.png"} {
		if _, err := os.Stat(filepath.Join(dirs["windows"], out, filepath.FromSlash(f))); err != nil {
			t.Errorf("windows run: %v", err)
		}
	}
}

// stamp is when a report was made, as the cover shows it.
var stamp = regexp.MustCompile(`^\d\d\.\d\d\.\d{4} \d\d:\d\d$`)

// sameRow compares two rows cell by cell; times of the runs (the cover's
// "Erstellt", an import's time as an Excel serial date) may differ.
func sameRow(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] || stamp.MatchString(a[i]) && stamp.MatchString(b[i]) {
			continue
		}
		x, err1 := strconv.ParseFloat(a[i], 64)
		y, err2 := strconv.ParseFloat(b[i], 64)
		if err1 == nil && err2 == nil && x > 40000 && math.Abs(x-y) < 1 && x != math.Trunc(x) {
			continue
		}
		return false
	}
	return true
}

func sortedRows(rows [][]string) [][]string {
	out := slices.Clone(rows)
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, "\t"), strings.Join(b, "\t")) })
	return out
}

type book struct {
	sheets []string
	rows   map[string][][]string
}

func readBook(t *testing.T, path string) *book {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := &book{sheets: f.GetSheetList(), rows: map[string][][]string{}}
	for _, s := range b.sheets {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		b.rows[s] = rows
	}
	return b
}

// row is the first row of sheet whose first cell is label.
func (b *book) row(sheet, label string) []string {
	for _, r := range b.rows[sheet] {
		if len(r) > 0 && r[0] == label {
			return r
		}
	}
	return nil
}
