package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/queries"
)

// TestRenamedQueryKeepsProtection: a built-in query copied under another
// name (its protect: header with it) hides in its own sheet exactly what
// the built-in's sheet hides, and a built-in overridden by a file without
// protect: lines keeps the built-in's protection: the stage goes by what
// a table counts, not by its file's name.
func TestRenamedQueryKeepsProtection(t *testing.T) {
	testtool.Slow(t)
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: data, Event: "mdk16", EventDate: "2025-11-13", Files: []string{"../testdata/mdk16-msforms.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := queries.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	sheetOf := func(src string) string {
		m := regexp.MustCompile(`(?m)^-- sheet: (.*)$`).FindStringSubmatch(src)
		if m == nil {
			t.Fatal("no sheet: header")
		}
		return strings.TrimSpace(m[1])
	}
	part := read("participation.sql")
	group := read("headline_by_group.sql")
	prefix := strings.TrimSuffix(sheetOf(part), "{split}")
	renamed := strings.Replace(part, "-- sheet: "+prefix, "-- sheet: T2 ", 1)
	override := regexp.MustCompile(`(?m)^-- protect:.*\n`).ReplaceAllString(group, "")
	if override == group || renamed == part || !strings.Contains(renamed, "-- protect:") {
		t.Fatal("the test's files are not what it means")
	}
	user := filepath.Join(dir, "queries")
	os.MkdirAll(user, 0o755)
	os.WriteFile(filepath.Join(user, "meine_teilnahme.sql"), []byte(renamed), 0o644)
	os.WriteFile(filepath.Join(user, "headline_by_group.sql"), []byte(override), 0o644)

	sheets := func(opt ReportOptions) map[string][][]string {
		opt.DataDir, opt.Rule = data, disclosure.Default
		w, err := Report(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(w.Workbook)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out := map[string][][]string{}
		for _, s := range f.GetSheetList() {
			rows, err := f.GetRows(s)
			if err != nil {
				t.Fatal(err)
			}
			// The source line names the file, which differs.
			out[s] = slices.DeleteFunc(rows, func(r []string) bool {
				return len(r) > 0 && (strings.HasPrefix(r[0], "Quelle: ") || strings.HasPrefix(r[0], "Source: "))
			})
		}
		return out
	}
	plain := sheets(ReportOptions{Out: filepath.Join(dir, "plain")})
	mine := sheets(ReportOptions{Out: filepath.Join(dir, "mine"), QueryDirs: []string{user}})
	dots := func(rows [][]string) int {
		n := 0
		for _, r := range rows {
			n += len(slices.DeleteFunc(slices.Clone(r), func(c string) bool { return c != "." }))
		}
		return n
	}
	copies, hides := 0, 0
	for name, rows := range plain {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			copies++
			hides += dots(rows)
			same(t, "the renamed copy "+name, mine["T2 "+rest], rows)
		}
	}
	if copies == 0 || hides == 0 {
		t.Fatalf("%d sheets %q…, %d figures hidden: the test checks nothing", copies, prefix, hides)
	}
	// The override, and everything else, as without the user's files
	// (but the cover, which lists the extra sheets).
	hides = 0
	for name, rows := range plain {
		if name == "Übersicht" {
			continue
		}
		hides += dots(rows)
		same(t, name, mine[name], rows)
	}
	if hides == 0 {
		t.Fatal("the report hides nothing: the test checks nothing")
	}
}

// same reports the first row where got and want differ, in any order:
// rows that tie in the report's order (two people's same open answer)
// may come either way round.
func same(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	order := func(rows [][]string) [][]string {
		rows = slices.Clone(rows)
		slices.SortFunc(rows, func(a, b []string) int { return slices.Compare(a, b) })
		return rows
	}
	got, want = order(got), order(want)
	for r := range max(len(got), len(want)) {
		if r >= len(got) || r >= len(want) || !slices.Equal(got[r], want[r]) {
			g, w := "(none)", "(none)"
			if r < len(got) {
				g = strings.Join(got[r], " | ")
			}
			if r < len(want) {
				w = strings.Join(want[r], " | ")
			}
			t.Errorf("%s, row %d: %s; the built-in: %s", what, r+1, g, w)
			return
		}
	}
}
