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

// TestDraftRoundTrip writes a draft definition for every fixture, reads it
// back with Parse and detects again with it: every column maps as before,
// and the code-header export, which the built-in survey cannot read, is
// fully mapped by its draft.
func TestDraftRoundTrip(t *testing.T) {
	d := Builtin()
	for _, f := range layoutFixtures {
		t.Run(filepath.Base(f), func(t *testing.T) {
			truth, rows := headOf(t, f, 200)
			m, ok := d.Detect(truth.Sheet, rows)
			codes := strings.Contains(f, "codes")
			if ok == codes {
				t.Fatalf("detect ok = %v", ok)
			}
			draft, notes := d.Draft(m, rows)
			y, err := draft.YAML("draft for "+f, notes)
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
			m2, ok := back.Detect(truth.Sheet, rows)
			if !ok {
				t.Fatalf("draft does not detect the sheet:\n%s", y)
			}
			if m2.HeaderRow != m.HeaderRow || m2.DataRow() != m.DataRow() {
				t.Errorf("header rows %d–%d, want %d–%d", m2.HeaderRow, m2.DataRow(), m.HeaderRow, m.DataRow())
			}
			if len(m2.Columns) != len(m.Columns) {
				t.Fatalf("%d columns, want %d", len(m2.Columns), len(m.Columns))
			}
			for i, c := range m2.Columns {
				was := m.Columns[i]
				switch {
				case was.Kind == KindQuestion && (c.Kind != KindQuestion || c.Question != was.Question || c.Item != was.Item):
					t.Errorf("column %s %q: %s %s.%s, want %s.%s", colLetters(c.Index), c.Header, c.Kind, c.Question, c.Item, was.Question, was.Item)
				case was.Kind == KindUnknown && c.Kind != KindQuestion:
					t.Errorf("column %s %q: still %s", colLetters(c.Index), c.Header, c.Kind)
				case was.Kind != KindQuestion && was.Kind != KindUnknown && c.Kind != was.Kind:
					t.Errorf("column %s %q: %s, want %s", colLetters(c.Index), c.Header, c.Kind, was.Kind)
				}
			}
		})
	}
}
