package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/survey/layout"
)

// exampleTool is a survey tool resonanz has never seen, added the way
// every tool in pipeline/survey/layout is: one value registered from its
// own file. Nothing else in the tree names it; TestExampleLayout imports
// an export of it, so the one-file path of docs/architecture.md ("Where to
// add …") is proven end to end.
var exampleTool = layout.Register(&layout.Layout{
	Name:  "exampletool",
	Order: 1000,
	Title: "Example tool export", TitleDE: "Export des Beispielwerkzeugs",
	Match: func(s *layout.Sheet) int {
		if layout.Count(&s.Header, "EX Response", "EX Finished", "EX Channel") < 3 {
			return 0
		}
		return 10
	},
	Columns: layout.Names{Exact: map[string]layout.Kind{
		layout.Key("EX Response"): layout.ID,
		layout.Key("EX Finished"): layout.Submitted,
		layout.Key("EX Channel"):  layout.Meta,
		layout.Key("EX Contact"):  layout.Personal,
	}},
	Missing: []string{"(skipped)"},
	Skip: func(value func(header string) string) string {
		if value("EX Channel") == "preview" {
			return "a preview of the form"
		}
		return ""
	},
})

// exampleExport is the tool's export: its own four columns, two
// questions, a preview row and the tool's "not asked" marker.
const exampleExport = `EX Response;EX Finished;EX Channel;EX Contact;Wie zufrieden waren Sie mit dem Tag?;Welche Rolle haben Sie?
1;13.11.2025 10:01;web;eva@example.org;5;Verwaltung
2;13.11.2025 10:05;web;max@example.org;4;Wirtschaft
3;13.11.2025 10:07;preview;test@example.org;1;Verwaltung
4;13.11.2025 10:09;mail;(skipped);(skipped);Wissenschaft
5;13.11.2025 10:12;web;ida@example.org;4;Verwaltung
6;13.11.2025 10:15;web;ole@example.org;2;Wirtschaft
`

func TestExampleLayout(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "example-export.csv")
	if err := os.WriteFile(file, []byte(exampleExport), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	res, err := pipeline.Import(context.Background(), pipeline.ImportOptions{Key: testtool.Key(), DataDir: data, Event: "ex25", Files: []string{file}})
	if err != nil {
		t.Fatal(err)
	}
	s := res[0].Summary
	if got := s.Mapping.Layout; got != exampleTool.Name {
		t.Fatalf("layout %q, want %q", got, exampleTool.Name)
	}
	// Rows 1, 2, 4, 5, 6 are responses; 3 is the tool's preview.
	if s.Imported != 5 || s.Skipped != 1 {
		t.Errorf("imported %d, skipped %d; want 5 and 1", s.Imported, s.Skipped)
	}
	if got := query(t, data, "select layout from imports"); len(got) != 1 || got[0][0] != exampleTool.Name {
		t.Errorf("imports.layout = %v", got)
	}
	// The tool's own columns are no questions; the two questions are.
	qs := query(t, data, "select distinct question, text from questions order by text")
	if len(qs) != 2 {
		t.Fatalf("questions %v, want the two of the export", qs)
	}
	for _, q := range qs {
		if strings.HasPrefix(q[1], "EX ") {
			t.Errorf("the tool's column %q became a question", q[1])
		}
	}
	// "(skipped)" is no answer (no reject, no row); the satisfaction
	// answers of the five responses are 5, 4, 4, 2.
	if got := query(t, data, "select count(*) from rejects where reason not like '%preview%'"); got[0][0] != "0" {
		t.Errorf("%s rejects besides the preview", got[0][0])
	}
	sat := query(t, data, "select count(*), sum(value) from answers where question in (select question from questions where text like 'Wie zufrieden%')")
	if sat[0][0] != "4" || sat[0][1] != "15.0" && sat[0][1] != "15" {
		t.Errorf("satisfaction answers: %v, want 4 summing to 15", sat)
	}
	// The personal column is never stored, nor is the response id.
	for _, table := range []string{"responses", "answers", "comments", "rejects", "questions", "labels"} {
		for _, row := range query(t, data, "select * from "+table) {
			for _, v := range row {
				if strings.Contains(v, "@example.org") {
					t.Errorf("%s holds a contact address: %v", table, row)
				}
			}
		}
	}
}
