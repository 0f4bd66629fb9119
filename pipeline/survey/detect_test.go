package survey

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/pipeline/ingest"
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
					t.Errorf("column %s %q: %s %s.%s by %s, want %s.%s by rule", colLetters(c.Index), c.Header, c.Kind, c.Question, c.Item, c.By, was.Question, was.Item)
				case was.Kind != KindQuestion && c.Kind != was.Kind:
					t.Errorf("column %s %q: %s, want %s", colLetters(c.Index), c.Header, c.Kind, was.Kind)
				}
			}
		})
	}
}
