package survey

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// headOf reads the first rows of a fixture's sheet (the truth names it).
func headOf(t *testing.T, file string, n int) (*sample.Truth, []*Row) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", filepath.FromSlash(file))
	truth, err := sample.ReadTruth(sample.TruthPath(path))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Open(path, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rr, err := b.Cells(truth.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	rows, err := HeadRows(rr, n)
	if err != nil {
		t.Fatal(err)
	}
	return truth, rows
}

var layoutFixtures = []string{
	"mdk16-msforms.xlsx", "mdk15-googleforms.xlsx", "layouts/msforms-en.xlsx", "layouts/googleforms.csv",
	"layouts/limesurvey-fulltext.xlsx", "layouts/limesurvey-codes.csv", "layouts/surveymonkey.xlsx",
	"layouts/qualtrics.csv", "layouts/excel-de-1252.csv", "layouts/excel-de-utf8bom.csv", "layouts/handtyped.xlsx",
}

// detectFile detects a fixture's sheet reading every row.
func detectFile(t *testing.T, d *Definition, file string, own bool) (*sample.Truth, *Detection, []*Row) {
	t.Helper()
	truth, rows := headOf(t, file, 1<<30)
	det, err := d.Detect(RowsOf(rows), DetectOptions{Sheet: truth.Sheet, File: filepath.Base(file), CSV: strings.HasSuffix(file, ".csv"), Own: own})
	if err != nil {
		t.Fatal(err)
	}
	return truth, det, rows
}

// TestDraftRoundTrip writes a draft definition for every fixture, reads it
// back with Parse and detects again with it as the user's definition:
// every column maps as before, by a columns rule.
func TestDraftRoundTrip(t *testing.T) {
	d := Builtin()
	for _, f := range layoutFixtures {
		t.Run(filepath.Base(f), func(t *testing.T) {
			truth, det, rows := detectFile(t, d, f, false)
			m := det.Mapping
			if len(m.Mapped()) == 0 {
				t.Fatalf("no column maps")
			}
			y, err := det.Draft.YAML("draft for "+f, det.Notes)
			if err != nil {
				t.Fatal(err)
			}
			if os.Getenv("SHOW_DRAFT") == filepath.Base(f) {
				t.Logf("%s", y)
			}
			back, err := Parse(y, "draft.yaml")
			if err != nil {
				t.Fatalf("%v\n%s", err, y)
			}
			det2, err := back.Detect(RowsOf(rows), DetectOptions{Sheet: truth.Sheet, File: filepath.Base(f), CSV: strings.HasSuffix(f, ".csv"), Own: true})
			if err != nil {
				t.Fatal(err)
			}
			m2 := det2.Mapping
			if m2.HeaderRow != m.HeaderRow || m2.DataRow() != m.DataRow() {
				t.Errorf("header rows %d–%d, want %d–%d", m2.HeaderRow, m2.DataRow(), m.HeaderRow, m.DataRow())
			}
			if len(m2.Columns) != len(m.Columns) {
				t.Fatalf("%d columns, want %d", len(m2.Columns), len(m.Columns))
			}
			for i, c := range m2.Columns {
				was := m.Columns[i]
				switch {
				case was.Kind == KindQuestion && (c.Kind != KindQuestion || c.Question != was.Question || c.Item != was.Item || c.By != "rule"):
					t.Errorf("column %s %q: %s %s.%s by %s, want %s.%s by rule", xlsx.ColName(c.Index), c.Header, c.Kind, c.Question, c.Item, c.By, was.Question, was.Item)
				case was.Kind != KindQuestion && c.Kind != was.Kind:
					t.Errorf("column %s %q: %s, want %s", xlsx.ColName(c.Index), c.Header, c.Kind, was.Kind)
				}
			}
		})
	}
}

// TestDraftOtherLabelOnce: LimeSurvey writes "Other" into a single-choice
// column and the text into its "[Other]" column (cpp-survey, a real
// export). The draft has one Other label: two of the same text matched
// every such answer twice, and a breakdown by the question counted its
// respondents twice.
func TestDraftOtherLabelOnce(t *testing.T) {
	vals := [][]string{
		{"id", "6 - Describe your participation in this project:", "6 - Describe your participation in this project: [Other]"},
		{"1", "It is a hobby", ""}, {"2", "It is part of my job", ""}, {"3", "Other", "Both, really"},
		{"4", "It is a hobby", ""}, {"5", "Other", "Student project"}, {"6", "It is part of my job", ""},
	}
	var rows []*Row
	for i, v := range vals {
		rows = append(rows, &Row{Num: i + 1, Cols: []int{1, 2, 3}, Vals: v, Width: 3})
	}
	det, err := Builtin().Detect(RowsOf(rows), DetectOptions{Sheet: "results", File: "results-survey1.csv", CSV: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, q := range det.Draft.Questions {
		if q.Type != Single {
			continue
		}
		found = true
		n := 0
		for _, l := range q.Labels {
			if strings.EqualFold(l.Text, "Other") {
				n++
				if !l.Other {
					t.Errorf("label %q is not marked other", l.Code)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d labels named Other, want 1: %+v", q.ID, n, q.Labels)
		}
	}
	if !found {
		t.Fatalf("no single-choice question drafted: %+v", det.Draft.Questions)
	}
}

// TestDraftNumericMatrix: a LimeSurvey "multiple numerical input" (days
// per week by mode of transport, a real German export) is numbers, no
// scale: every row of it is a number question, also a row whose few
// values (0–4) would pass for scale points alone.
func TestDraftNumericMatrix(t *testing.T) {
	q := "Wie häufig nutzt du die folgenden Verkehrsmittel pro Woche?"
	vals := [][]string{
		{"Antwort ID", q + " [Zu Fuss]", q + " [Mit dem Fahrrad]", q + " [Bus]"},
		{"1", "0", "2", "0"}, {"2", "20", "1", "4"}, {"3", "3", "2.5", "1"},
		{"4", "0", "7", "2"}, {"5", "2", "3", "0"}, {"6", "3", "0", "3"},
	}
	var rows []*Row
	for i, v := range vals {
		rows = append(rows, &Row{Num: i + 1, Cols: []int{1, 2, 3, 4}, Vals: v, Width: 4})
	}
	det, err := Builtin().Detect(RowsOf(rows), DetectOptions{Sheet: "results", File: "results-survey1.csv", CSV: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"Zu Fuss": {0, 20}, "Mit dem Fahrrad": {0, 7}, "Bus": {0, 4}}
	for _, dq := range det.Draft.Questions {
		for item, r := range want {
			if !strings.HasSuffix(dq.Text, "["+item+"]") {
				continue
			}
			delete(want, item)
			if dq.Type != Numeric || dq.Min == nil || dq.Max == nil || *dq.Min != r[0] || *dq.Max != r[1] {
				t.Errorf("%s: %s %s, want a number %v–%v", item, dq.Type, rangeText(dq.Min, dq.Max), r[0], r[1])
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("rows not drafted: %v (%+v)", want, det.Draft.Questions)
	}
}

func rangeText(lo, hi *float64) string {
	if lo == nil || hi == nil {
		return "without range"
	}
	return fmt.Sprintf("%v–%v", *lo, *hi)
}
