package survey

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/model"
)

// cellsOf turns rows of cells into raw cell records as a reader hands them
// on; an empty row is a row without cells.
func cellsOf(rows [][]string) array.RecordReader {
	b := array.NewRecordBuilder(memory.DefaultAllocator, ingest.CellSchema)
	defer b.Release()
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			b.Field(0).(*array.Int32Builder).Append(int32(r + 1))
			b.Field(1).(*array.Int32Builder).Append(int32(c + 1))
			b.Field(2).(*array.StringBuilder).Append(v)
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rr, err := array.NewRecordReader(ingest.CellSchema, []arrow.RecordBatch{rec})
	if err != nil {
		panic(err)
	}
	return rr
}

// checkSink checks that every batch has its table's schema and counts rows.
type checkSink struct {
	t    *testing.T
	rows map[string]int
}

func (s *checkSink) Write(table string, rec arrow.RecordBatch) error {
	want := model.Schema(table)
	if want == nil {
		s.t.Fatalf("write to unknown table %q", table)
	}
	if !rec.Schema().Equal(want) {
		s.t.Fatalf("%s: schema %v, want %v", table, rec.Schema(), want)
	}
	s.rows[table] += int(rec.NumRows())
	return nil
}

func parseRows(data string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(data, "\n") {
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// FuzzDetect feeds random sheets to header detection, the normaliser and
// the draft writer: no panic; the only error is "no questions"; the counts
// add up; and a draft always parses as a survey definition.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"ID\tStartzeit\tE-Mail\tBundesland\tBereich\tHandlungsbedarf Datenschutz\tThemen\n1\t2025-11-13T10:00:00\tx@y.de\tLSA\tkv\tsehr hoch\tKI;Datenschutz;\n1\t\t\tTH\tWI\t7\t",
		"Titel\n\nNr.\tBundesland\tZufriedenheit\n1\tSachsen\t4,0\n\n2\tThür.\tn/a",
		"Respondent ID\tIn welchem Bundesland?\tWie hoch ist der Handlungsbedarf?\t\n\tResponse\tDatenschutz\tSmart City\n5\tSachsen\tsehr hoch\thoch",
		"ResponseId\tQ1\tQ3_1\nResponse ID\tBundesland\tHandlungsbedarf - Datenschutz\n{\"ImportId\":\"r\"}\t{\"ImportId\":\"QID1\"}\t{\"ImportId\":\"QID3_1\"}\nR_1\tST\t3",
		"id\tsubmitdate\tlastpage\tG01Q01\tG02Q03[SQ001]\tG03Q04[SQ001]\n4\t2025-11-13 15:25:21\t4\tA2\tA5\tY",
		"[\t]\t[x]\t.\t - \t]\n\t\t\t\t",
		"a;b;c\n1;2;3",
	} {
		f.Add(s)
	}
	defs := []*Definition{Builtin()}
	if d, err := Load("../../testdata/layouts/limesurvey-codes.survey.yaml"); err == nil {
		defs = append(defs, d)
	} else {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data string) {
		rows := parseRows(data)
		for _, d := range defs {
			head, err := HeadRows(cellsOf(rows), HeaderScan)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := d.Detect("Sheet1", head)
			draft, notes := d.Draft(m, head)
			y, err := draft.YAML("fuzz", notes)
			if err != nil {
				t.Fatal(err)
			}
			if len(draft.Questions) > 0 {
				if _, err := Parse(y, "draft.yaml"); err != nil {
					t.Fatalf("draft does not parse: %v\n%s", err, y)
				}
			}
			sink := &checkSink{t: t, rows: map[string]int{}}
			sum, err := Normalize(cellsOf(rows), d, Options{Event: "e", File: "f.xlsx", Sheet: "Sheet1"}, sink)
			if err != nil {
				if !errors.Is(err, ErrNoQuestions) {
					t.Fatalf("unexpected error: %v", err)
				}
				continue
			}
			if sum.Imported != sink.rows[model.Responses] {
				t.Fatalf("imported %d, responses written %d", sum.Imported, sink.rows[model.Responses])
			}
			if sum.RowsRead != sum.Imported+sum.RowsRejected {
				t.Fatalf("read %d ≠ imported %d + rejected %d", sum.RowsRead, sum.Imported, sum.RowsRejected)
			}
			if sum.Rejected() != sink.rows[model.Rejects] {
				t.Fatalf("rejected %d, rejects written %d", sum.Rejected(), sink.rows[model.Rejects])
			}
		}
	})
}

// TestDetect covers the header shapes the tools write, on small sheets.
func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sheet   string
		data    string
		ok      bool
		layout  string
		header  int
		dataRow int
		columns string // kind or question.item per column
	}{
		{"title rows above the header", "Erfassung",
			"Feedback 2025\n\nNr.\tBundesland\tHandlungsbedarf Datenschutz\tAnmerkungen\n1\tLSA\t4\t",
			true, LayoutHandTyped, 3, 4, "id state need.datenschutz improve"},
		{"surveymonkey two header rows", "Sheet",
			"Respondent ID\tIP Address\tIn welchem Bundesland?\tHandlungsbedarf\t\tThemen\t\n\t\tResponse\tDatenschutz\tSmart City\tDatenschutz\tSonstiges\n1\t1.2.3.4\tSN\t4\t5\tDatenschutz\t",
			true, LayoutSurveyMonkey, 1, 3, "id personal state need.datenschutz need.smart_city topics.datenschutz topics"},
		{"qualtrics ids over texts over import ids", "",
			"ResponseId\tIPAddress\tQ1\tQ3_1\nResponse ID\tIP Address\tBundesland\tHandlungsbedarf - Datenschutz\n{\"ImportId\":\"_recordId\"}\t{\"ImportId\":\"ipAddress\"}\t{\"ImportId\":\"QID1\"}\t{\"ImportId\":\"QID3_1\"}\nR_1\t1.2.3.4\tST\t3",
			true, LayoutQualtrics, 1, 4, "id personal state need.datenschutz"},
		{"code headers need a definition", "",
			"id\tsubmitdate\tlastpage\tG01Q01\tG02Q03[SQ001]\tG02Q03[SQ002]\tG03Q04[SQ001]\n4\t2025-11-13 15:25:21\t4\tA2\tA5\tA1\tY",
			false, LayoutLimeCodes, 1, 2, "id submitted system unknown unknown unknown unknown"},
		{"matrix row of an unknown item is not guessed", "Sheet1",
			"ID\tStartzeit\tFertigstellungszeit\tHandlungsbedarf [Raumfahrt]\tHandlungsbedarf [Datenschutz]\n1\t\t\t3\t4",
			true, LayoutMSForms, 1, 2, "id system submitted unknown need.datenschutz"},
		{"german csv", "",
			"Nr.\tDatum\tBundesland\tZufriedenheit\n1\t13.11.2025 14:03\tSachsen\t4,0",
			true, LayoutExcelCSV, 1, 2, "id submitted state satisfaction"},
		{"nothing of the survey", "",
			"a\tb\tc\n1\t2\t3", false, LayoutGeneric, 1, 2, "unknown unknown unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, err := HeadRows(cellsOf(parseRows(tc.data)), HeaderScan)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := Builtin().Detect(tc.sheet, head)
			var cols []string
			for _, c := range m.Columns {
				switch {
				case c.Kind == KindQuestion && c.Item != "":
					cols = append(cols, c.Question+"."+c.Item)
				case c.Kind == KindQuestion:
					cols = append(cols, c.Question)
				default:
					cols = append(cols, c.Kind)
				}
			}
			got := fmt.Sprintf("ok=%v layout=%s header=%d data=%d [%s]", ok, m.Layout, m.HeaderRow, m.DataRow(), strings.Join(cols, " "))
			want := fmt.Sprintf("ok=%v layout=%s header=%d data=%d [%s]", tc.ok, tc.layout, tc.header, tc.dataRow, tc.columns)
			if got != want {
				t.Errorf("\n got  %s\n want %s", got, want)
			}
		})
	}
}
