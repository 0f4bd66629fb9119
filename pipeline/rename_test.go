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

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/queries"
)

// TestRenamedQueryKeepsProtection: a built-in query copied under another
// name (its protect: header with it) hides in its own sheet exactly what
// the built-in's sheet hides, and a built-in overridden by a file without
// protect: lines keeps the built-in's protection: the stage goes by what
// a table counts, not by its file's name.
func TestRenamedQueryKeepsProtection(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := Import(ctx, ImportOptions{DataDir: data, Event: "mdk16", EventDate: "2025-11-13", Files: []string{"../testdata/mdk16-msforms.xlsx"}, Scrub: disclosure.ScrubPII}); err != nil {
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
	cells := read("needs_state_sector.sql")
	renamed := strings.NewReplacer("-- sheet: "+sheetOf(part), "-- sheet: Meine Teilnahme", "-- sheet_en: ", "-- sheet_en: My ").Replace(part)
	override := regexp.MustCompile(`(?m)^-- protect:.*\n`).ReplaceAllString(cells, "")
	if override == cells || !strings.Contains(renamed, "-- protect:") {
		t.Fatal("the test's files are not what it means")
	}
	user := filepath.Join(dir, "queries")
	os.MkdirAll(user, 0o755)
	os.WriteFile(filepath.Join(user, "meine_teilnahme.sql"), []byte(renamed), 0o644)
	os.WriteFile(filepath.Join(user, "needs_state_sector.sql"), []byte(override), 0o644)

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
	built, copied := plain[sheetOf(part)], mine["Meine Teilnahme"]
	if dots(built) == 0 {
		t.Fatalf("%s hides nothing: the test checks nothing", sheetOf(part))
	}
	same(t, "the renamed copy", copied, built)
	name := sheetOf(cells)
	if dots(plain[name]) == 0 {
		t.Fatalf("%s hides nothing: the test checks nothing", name)
	}
	same(t, name+" overridden without protect: lines", mine[name], plain[name])
}

// same reports the first row where got and want differ.
func same(t *testing.T, what string, got, want [][]string) {
	t.Helper()
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
