package sheets_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/sheets"
)

// exampleQuery is a new report query: one .sql file. A built-in one is the
// same file in queries/ (the folder is embedded whole, no list names its
// files); a user's folder is read by the same loader, which is how the test
// adds it without touching queries/.
const exampleQuery = `-- title: Antwortende insgesamt (Beispiel)
-- title_en: Respondents in all (example)
-- chart: bar
-- x: gruppe
-- y: n
select 'alle' as gruppe, count(*) as n from responses
`

// TestExampleSheet: a sheet kind registered from one file
// (example_builder_test.go) and a query from one .sql file each reach
// report.xlsx and report.html, with nothing else in the tree changed.
func TestExampleSheet(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ms := generateMembers(60, 3)
	file := filepath.Join(dir, "mitglieder.csv")
	if err := writeMembers(file, ms); err != nil {
		t.Fatal(err)
	}
	qdir := filepath.Join(dir, "queries")
	if err := os.Mkdir(qdir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(qdir, "example_total.sql"), []byte(exampleQuery), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	res, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: sheets.ExampleEvent, Files: []string{file}, Survey: "testdata/verein.survey.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	imported := res[0].Summary.Imported
	w, err := pipeline.Report(ctx, pipeline.ReportOptions{DataDir: data, Event: sheets.ExampleEvent, Out: filepath.Join(dir, "out"), QueryDirs: []string{qdir}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := func(id string) [][]string {
		t.Helper()
		name, ok := w.Sheets[id]
		if !ok {
			t.Fatalf("no sheet %s in report.xlsx (sheets %v)", id, w.Sheets)
		}
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}

	// The sheet kind: every question of the definition, with its type.
	var def struct {
		Questions []struct{ ID, Type string }
	}
	b, err := os.ReadFile("testdata/verein.survey.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &def); err != nil {
		t.Fatal(err)
	}
	rows := cells("example_questions")
	for _, q := range def.Questions {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Contains(r, q.ID) }) {
			t.Errorf("example sheet: no row for question %s (%s)", q.ID, q.Type)
		}
	}
	if len(def.Questions) < 5 {
		t.Fatalf("definition has %d questions", len(def.Questions))
	}

	// The query: its sheet holds the number of responses imported.
	rows = cells("example_total")
	found := false
	for _, r := range rows {
		if i := slices.Index(r, "alle"); i >= 0 && i+1 < len(r) {
			n, err := strconv.Atoi(strings.TrimSpace(r[i+1]))
			found = err == nil && n == imported
			if !found {
				t.Errorf("example query: row %v, want n = %d", r, imported)
			}
		}
	}
	if !found || imported < 50 {
		t.Errorf("example query: no row 'alle' with n = %d in %v", imported, rows)
	}
	page, err := os.ReadFile(w.HTML)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{sheets.ExampleTitle, "Antwortende insgesamt (Beispiel)"} {
		if !strings.Contains(string(page), title) {
			t.Errorf("report.html lacks %q", title)
		}
	}
	if !slices.ContainsFunc(w.Charts, func(c string) bool { return strings.Contains(filepath.Base(c), "example_total") }) {
		t.Errorf("no chart file for the example query: %v", w.Charts)
	}
}
