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
// the draft writer (checkSheet says what must hold).
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
	defs := fuzzDefinitions(f)
	f.Fuzz(func(t *testing.T, data string) {
		checkSheet(t, parseRows(data), defs)
	})
}

// Pools of headers and answers real exports mix: the template's words,
// tool meta and timing columns, personal columns, repeated headers, option
// and "other" columns; labels, N/A, numbers, NPS ends, marks, e-mail.
var (
	fuzzHeaders = []string{
		"ID", "Antwort ID", "Response ID", "Datum Abgeschickt", "Date submitted", "Letzte Seite", "Last page",
		"Start language", "Zufallsgeneratorstartwert", "Gesamtzeit", "Gruppenzeit: Allgemein", "Fragenzeit: G01Q01",
		"Bundesland", "In welchem Bundesland sind Sie tätig?", "Which statement describes you best?",
		"In welchem Bereich sind Sie tätig?", "Wie groß ist Ihre Organisation?",
		"Wie hoch ist der Handlungsbedarf? [Datenschutz]", "Wie hoch ist der Handlungsbedarf? [Smart City]",
		"Welche Themen wünschen Sie sich? [Datenschutz]", "Welche Themen wünschen Sie sich? [Sonstiges]",
		"Welche Themen wünschen Sie sich?", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
		"Empfehlungen von Freunden", "How satisfied are you about your phone?", "Wie zufrieden waren Sie insgesamt?",
		"Your full name", "E-Mail", "Referrer URL", "Twitter handle", "Q1", "Q1", "Anmerkungen", "",
	}
	fuzzValues = []string{
		"", "", "Sachsen", "Thüringen", "Sachsen-Anhalt", "Wissenschaft und Forschung", "Zivilgesellschaft / Verband",
		"Wirtschaft", "Kirche", "sehr hoch", "hoch", "gering", "1", "2", "3", "4", "5", "7", "10", "99", "N/A",
		"keine Angabe", "-oth-", "10 (äußerst wahrscheinlich)", "0 (überhaupt nicht wahrscheinlich)", "Ja", "Nein",
		"Y", "x", "Sonstiges", "Datenschutz;Smart City;", "KI;Green IT;", "Very satisfied", "Not at all satisfied",
		"a@b.de", "0171 2345678", "@handle", "https://example.org/x", "123456789012", "2025-11-13 10:00:00", "Nr",
	}
)

// FuzzDetectMix builds sheets from those pools, the bytes choosing the
// shape, headers and answers, and checks them as FuzzDetect does.
func FuzzDetectMix(f *testing.F) {
	for _, s := range []string{"\x05\x06\x00\x0c\x0d\x10\x12\x16\x1e\x1f", "\x03\x02\x1c\x1d\x01\x02\x03\x04", "\x08\x04\x1e\x1e\x11\x12\x13\x14\x15"} {
		f.Add([]byte(s))
	}
	defs := fuzzDefinitions(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 2 {
			return
		}
		cols, rows := 1+int(b[0])%12, 1+int(b[1])%15
		b = b[2:]
		next := func() int {
			if len(b) == 0 {
				return 0
			}
			v := int(b[0])
			b = b[1:]
			return v
		}
		sheet := make([][]string, rows+1)
		for c := 0; c < cols; c++ {
			sheet[0] = append(sheet[0], fuzzHeaders[next()%len(fuzzHeaders)])
		}
		for r := 1; r <= rows; r++ {
			for c := 0; c < cols; c++ {
				sheet[r] = append(sheet[r], fuzzValues[next()%len(fuzzValues)])
			}
		}
		checkSheet(t, sheet, defs)
	})
}

// fuzzDefinitions are the built-in template and a definition of the file's own.
func fuzzDefinitions(f *testing.F) []*Definition {
	d, err := Load("../../testdata/layouts/limesurvey-codes.survey.yaml")
	if err != nil {
		f.Fatal(err)
	}
	return []*Definition{Builtin(), d}
}

// checkSheet detects and normalises one sheet with each definition: no
// panic; the only errors are "never merged" and "no questions"; every
// column of the sheet is one column of the mapping, feeding at most one
// item, and no two columns feed one item; a draft parses as a definition;
// the counts add up.
func checkSheet(t *testing.T, rows [][]string, defs []*Definition) {
	for _, d := range defs {
		head, err := HeadRows(cellsOf(rows), HeaderScan)
		if err != nil {
			t.Fatal(err)
		}
		det, err := d.Detect(RowsOf(head), DetectOptions{Sheet: "Sheet1", File: "f.xlsx", Own: d != defs[0]})
		if err != nil {
			if !strings.Contains(err.Error(), "never merged") {
				t.Fatalf("unexpected error: %v", err)
			}
			continue
		}
		m := det.Mapping
		index := map[int]bool{}
		for _, c := range m.Columns {
			if index[c.Index] {
				t.Fatalf("column %d is mapped twice: %+v", c.Index, m.Columns)
			}
			index[c.Index] = true
		}
		fed := map[string]int{}
		for _, c := range m.Columns {
			if c.Kind != KindQuestion {
				continue
			}
			k := c.Question + "." + c.Item
			if c.Other {
				k += ".other"
			}
			if c.Rank > 0 {
				k += fmt.Sprintf(".rank%d", c.Rank)
			}
			if q := det.Survey.Question(c.Question); q == nil {
				t.Fatalf("column %d maps onto %s, which the definition lacks", c.Index, c.Question)
			} else if q.Type == Multi && c.Item == "" && !c.Other {
				for _, it := range q.Items {
					fed[q.ID+"."+it.Code]++
				}
				continue
			}
			if fed[k]++; fed[k] > 1 {
				t.Fatalf("two columns feed %s: %+v", k, m.Columns)
			}
		}
		y, err := det.Draft.YAML("fuzz", det.Notes)
		if err != nil {
			t.Fatal(err)
		}
		if len(det.Draft.Questions) > 0 {
			if _, err := Parse(y, "draft.yaml"); err != nil {
				t.Fatalf("draft does not parse: %v\n%s", err, y)
			}
		}
		sink := &checkSink{t: t, rows: map[string]int{}}
		opt := Options{Event: "e", File: "f.xlsx", Sheet: "Sheet1"}
		if len(m.Mapped()) > 0 {
			opt.Mapping = &m
		}
		sum, err := Normalize(cellsOf(rows), det.Survey, opt, sink)
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
			true, LayoutSurveyMonkey, 1, 3, "id personal state need.datenschutz need.smart_city topics.datenschutz topics.other_option"},
		{"qualtrics ids over texts over import ids", "",
			"ResponseId\tIPAddress\tQ1\tQ3_1\nResponse ID\tIP Address\tBundesland\tHandlungsbedarf - Datenschutz\n{\"ImportId\":\"_recordId\"}\t{\"ImportId\":\"ipAddress\"}\t{\"ImportId\":\"QID1\"}\t{\"ImportId\":\"QID3_1\"}\nR_1\t1.2.3.4\tST\t3",
			true, LayoutQualtrics, 1, 4, "id personal state need.datenschutz"},
		{"code headers are drafted by their codes; answer codes have no known order", "",
			"id\tsubmitdate\tlastpage\tG01Q01\tG02Q03[SQ001]\tG02Q03[SQ002]\tG03Q04[SQ001]\n4\t2025-11-13 15:25:21\t4\tA2\tA5\tA1\tY",
			true, LayoutLimeCodes, 1, 2, "id submitted system g01q01 g02q03_sq001 g02q03_sq002 g03q04.sq001"},
		{"matrix row of an unknown item becomes a new item", "Sheet1",
			"ID\tStartzeit\tFertigstellungszeit\tHandlungsbedarf [Raumfahrt]\tHandlungsbedarf [Datenschutz]\n1\t\t\t3\t4",
			true, LayoutMSForms, 1, 2, "id system submitted need.raumfahrt need.datenschutz"},
		{"german csv", "",
			"Nr.\tDatum\tBundesland\tZufriedenheit\n1\t13.11.2025 14:03\tSachsen\t4,0",
			true, LayoutExcelCSV, 1, 2, "id submitted state satisfaction"},
		{"nothing of the survey: its own questions", "",
			"a\tb\tc\n1\t2\t3", true, LayoutGeneric, 1, 2, "a b c"},
		{"a data row with template words is no header", "",
			"Nr\tFrage A\tFrage B\tFrage C\n1\tbranche\tunzufrieden\t3\n2\tja\tzufrieden\t4\n3\tja\tunzufrieden\t2",
			true, LayoutGeneric, 1, 2, "id frage frage_b frage_c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, err := HeadRows(cellsOf(parseRows(tc.data)), HeaderScan)
			if err != nil {
				t.Fatal(err)
			}
			det, err := Builtin().Detect(RowsOf(head), DetectOptions{Sheet: tc.sheet, CSV: tc.sheet == ""})
			if err != nil {
				t.Fatal(err)
			}
			m := det.Mapping
			ok := len(m.Mapped()) > 0
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
