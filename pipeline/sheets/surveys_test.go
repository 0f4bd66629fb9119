package sheets_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/report"
	"github.com/resonanz/resonanz/pipeline/sheets"
	"github.com/resonanz/resonanz/pipeline/store"
)

// TestGenericSurveys: exports of surveys we never defined — generated in
// the structure of real LimeSurvey, Microsoft Forms and Google Forms
// exports, imported with no survey definition (the draft decides) — get a
// report of their own questions: a section titled by each question of the
// file, no empty sheet, no conference wording, and every count of a
// section (answers per option, per level, per NPS value, ranked first,
// free texts), read from the book, report.xlsx and report.html, as the
// generator's truth file says.
func TestGenericSurveys(t *testing.T) {
	for _, file := range []string{"limesurvey-studie-de.csv", "msforms-produkt-de.xlsx", "googleforms-garten-de.xlsx"} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("..", "..", "testdata", "surveys", file)
			tr, err := sample.ReadTruth(sample.TruthPath(path))
			if err != nil {
				t.Fatal(err)
			}
			b, w := draftedBook(t, path)
			if strings.Contains(b.Title, "Konferenz") || b.Title == "" {
				t.Errorf("title %q", b.Title)
			}
			for _, s := range b.Sheets {
				if empty(s) {
					t.Errorf("sheet %q is empty", s.Name)
				}
			}
			text := bookText(b)
			for _, word := range conferenceWords {
				if strings.Contains(text, word) {
					t.Errorf("the report says %q", word)
				}
			}
			readers := map[string]func(s *book.Sheet) []readTable{
				"book": bookTables,
				"xlsx": xlsxTables(t, w.Workbook, w.Sheets),
				"html": htmlTables(t, w.HTML),
			}
			for _, from := range []string{"book", "xlsx", "html"} {
				compared := 0
				for _, q := range tr.Questions {
					s := sectionOf(b, q.Text)
					if s == nil {
						t.Errorf("no section titled %q", q.Text)
						continue
					}
					tabs := readers[from](s)
					check := func(what string, tab int, labelCol, label, col string, want int) {
						t.Helper()
						w := want2(tab, labelCol, label, col)
						got, ok := w.find(tabs)
						if !ok {
							t.Errorf("%s: %s: %s: no cell %s = %q / %s", from, q.Text, what, labelCol, label, col)
							return
						}
						if got != strconv.Itoa(want) {
							t.Errorf("%s: %s: %s %q: %s = %s, truth %d", from, q.Text, what, label, col, got, want)
						}
						compared++
					}
					switch q.Type {
					case "single":
						for label, n := range q.Counts[""] {
							check("answers", 0, "Antwort", label, "n", n)
						}
					case "multi":
						for option, c := range q.Counts {
							check("chosen", 0, "Option", option, "n", c["chosen"])
						}
					case "scale":
						for item, levels := range q.Counts {
							n := 0
							for _, k := range levels {
								n += k
							}
							check("answers", 1, "Item", item, "n", n)
						}
					case "nps":
						total := 0
						for v, n := range q.Counts[""] {
							check("value", 2, "Wert", v, "n", n)
							total += n
						}
						check("answers", 0, "n", "", "n", total)
					case "ranking":
						for item, ranks := range q.Counts {
							check("ranked first", 0, "Item", item, "An erster Stelle", ranks["1"])
						}
					case "text":
						if got := len(answersIn(tabs[len(tabs)-1])); got != q.Answered {
							t.Errorf("%s: %s: %d answers listed, truth %d", from, q.Text, got, q.Answered)
						}
						compared++
					}
				}
				if compared < 20 {
					t.Errorf("%s: only %d figures compared", from, compared)
				}
			}
		})
	}
}

func want2(block int, labelCol, label, col string) want {
	return want{block: block, labelCol: labelCol, label: label, col: col}
}

// sectionOf is the sheet titled by a question's text.
func sectionOf(b book.Book, text string) *book.Sheet {
	for i := range b.Sheets {
		if b.Sheets[i].Title == text {
			return &b.Sheets[i]
		}
	}
	return nil
}

// draftedBook imports a file with no survey definition and builds its
// report with min n 1 (every figure shown), as a book and as written by
// pipeline.Report.
func draftedBook(t *testing.T, path string) (book.Book, *report.Written) {
	t.Helper()
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	if _, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "e1", Files: []string{path}}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	man, err := st.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	ev := man.Events["e1"]
	e, err := query.Open(ctx, query.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	b, err := sheets.Build(ctx, e, sheets.Options{Lang: "de", Rule: disclosure.Rule{MinN: 1}, Event: sheets.Event{ID: "e1", Title: ev.Title, SurveyTitle: ev.SurveyTitle}, Themes: ev.Themes})
	if err != nil {
		t.Fatal(err)
	}
	w, err := pipeline.Report(ctx, pipeline.ReportOptions{DataDir: data, Out: filepath.Join(filepath.Dir(data), "out"), Lang: "de", Rule: disclosure.Rule{MinN: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return b, w
}
