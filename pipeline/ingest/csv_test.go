package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/sanitize"
)

type cell struct {
	Row, Col int
	Value    string
}

// rows turns records into the cells a reader yields: one per non-empty
// field, the record's index as its row.
func rows(records ...[]string) []cell {
	var cells []cell
	for r, rec := range records {
		for c, v := range rec {
			if v != "" {
				cells = append(cells, cell{r + 1, c + 1, v})
			}
		}
	}
	return cells
}

// drain reads all cells of rr and releases it.
func drain(rr array.RecordReader) ([]cell, error) {
	defer rr.Release()
	var cells []cell
	for rr.Next() {
		rec := rr.RecordBatch()
		row := rec.Column(0).(*array.Int32)
		col := rec.Column(1).(*array.Int32)
		val := rec.Column(2).(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			cells = append(cells, cell{int(row.Value(i)), int(col.Value(i)), val.Value(i)})
		}
	}
	return cells, rr.Err()
}

// mustCells reads all cells of a CSV book.
func mustCells(t testing.TB, b Book) []cell {
	t.Helper()
	rr, err := b.Cells("")
	if err != nil {
		t.Fatal(err)
	}
	got, err := drain(rr)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// readCSV writes data to a file called name and reads it with Open.
func readCSV(t testing.TB, name string, data []byte, opt Options) ([]cell, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	if b.Format() != "csv" || !reflect.DeepEqual(b.Sheets(), []string{""}) {
		t.Fatalf("Format %q, Sheets %q", b.Format(), b.Sheets())
	}
	rr, err := b.Cells("")
	if err != nil {
		return nil, err
	}
	return drain(rr)
}

var longField = strings.Repeat("x", maxCellChars)

func TestCSV(t *testing.T) {
	tests := []struct {
		Name   string
		Input  string
		Opt    Options
		Output []cell
		Error  string // the error's text starts with this
		Is     error
	}{
		{Name: "Comma", Input: "a,b,c\n1,2,3\n", Output: rows([]string{"a", "b", "c"}, []string{"1", "2", "3"})},
		{Name: "SemicolonDecimalComma", Input: "Name;Note\r\nAnna;1,5\r\nBen;2,3\r\n",
			Output: rows([]string{"Name", "Note"}, []string{"Anna", "1,5"}, []string{"Ben", "2,3"})},
		{Name: "CommaInHeaderTiesToSemicolon", Input: "Alter, ungefähr;Note\r\n42;1,5\r\n",
			Output: rows([]string{"Alter, ungefähr", "Note"}, []string{"42", "1,5"})},
		{Name: "CommaWithSemicolonAnswers", Input: "ID,Themen\n1,Datenschutz;Smart City;\n2,Verkehr;\n",
			Output: rows([]string{"ID", "Themen"}, []string{"1", "Datenschutz;Smart City;"}, []string{"2", "Verkehr;"})},
		{Name: "TabBeatsComma", Input: "a\tb,c\n1\t2,3\n", Output: rows([]string{"a", "b,c"}, []string{"1", "2,3"})},
		{Name: "Pipe", Input: "a|b\n1|2\n", Output: rows([]string{"a", "b"}, []string{"1", "2"})},
		{Name: "UTF8BOMTab", Input: "\xEF\xBB\xBFName\tOrt\r\nJürgen\tGörlitz\r\n",
			Output: rows([]string{"Name", "Ort"}, []string{"Jürgen", "Görlitz"})},
		{Name: "OneColumn", Input: "Kommentar\nJa, gerne\nNein; danke\nok\n",
			Output: rows([]string{"Kommentar"}, []string{"Ja, gerne"}, []string{"Nein; danke"}, []string{"ok"})},
		{Name: "SepLine", Input: "sep=;\r\na;b,c\r\n1;2\r\n", Output: rows([]string{"a", "b,c"}, []string{"1", "2"})},
		{Name: "SepLineComma", Input: "SEP=,\na;b,c\n", Output: rows([]string{"a;b", "c"})},
		{Name: "SepLineAfterBOM", Input: "\xEF\xBB\xBFsep=|\na|b\n", Output: rows([]string{"a", "b"})},
		{Name: "SepLineOverridden", Input: "sep=;\na;b,c\n", Opt: Options{Delimiter: ','}, Output: rows([]string{"a;b", "c"})},
		{Name: "DelimiterOption", Input: "a;b,c\n", Opt: Options{Delimiter: ','}, Output: rows([]string{"a;b", "c"})},
		{Name: "Quoted", Input: `"a ""b""";"c;d";""` + "\n" + `"";"""";x`,
			Output: rows([]string{`a "b"`, "c;d", ""}, []string{"", `"`, "x"})},
		{Name: "QuotedCRLF", Input: "\"Zeile 1\r\nZeile 2\";b\r\nc;\"x\ny\rz\"\r\nd;e\r\n",
			Output: rows([]string{"Zeile 1\r\nZeile 2", "b"}, []string{"c", "x\ny\rz"}, []string{"d", "e"})},
		{Name: "LimeSurvey", Input: "\xEF\xBB\xBF\"id\";\"G01Q01\";\"G02Q03[SQ001]\"\r\n\"1\";\"Ja\";\"Mehr \"\"Radwege\"\"\r\nbitte\"\r\n",
			Output: rows([]string{"id", "G01Q01", "G02Q03[SQ001]"}, []string{"1", "Ja", "Mehr \"Radwege\"\r\nbitte"})},
		{Name: "LF", Input: "a;b\nc;d", Output: rows([]string{"a", "b"}, []string{"c", "d"})},
		{Name: "CR", Input: "a;b\rc;d\r", Output: rows([]string{"a", "b"}, []string{"c", "d"})},
		{Name: "MixedLineEnds", Input: "a;b\r\nc;d\re;f\ng;h", Output: rows([]string{"a", "b"}, []string{"c", "d"}, []string{"e", "f"}, []string{"g", "h"})},
		{Name: "TrailingEmptyFields", Input: "a;b;;\nc;;;\n", Output: rows([]string{"a", "b"}, []string{"c"})},
		{Name: "EmptyFieldsInside", Input: "a;;c\n;b;\n", Output: rows([]string{"a", "", "c"}, []string{"", "b"})},
		{Name: "Ragged", Input: "a;b;c\nd\ne;f;g;h\n", Output: rows([]string{"a", "b", "c"}, []string{"d"}, []string{"e", "f", "g", "h"})},
		{Name: "BlankLinesAreRows", Input: "Umfrage 2025;;\n\n\nName;Alter;Ort\n\nAnna;42;Halle\n",
			Output: rows([]string{"Umfrage 2025"}, nil, nil, []string{"Name", "Alter", "Ort"}, nil, []string{"Anna", "42", "Halle"})},
		{Name: "RowCountsRecordsNotLines", Input: "\"a\nb\";c\nd;e\n", Output: rows([]string{"a\nb", "c"}, []string{"d", "e"})},
		{Name: "SpacesKept", Input: " a ; b \t;  \n", Output: rows([]string{" a ", " b \t", "  "})},
		{Name: "BareQuoteKept", Input: "ab\"c;5\" Zoll\n", Output: rows([]string{"ab\"c", "5\" Zoll"})},
		{Name: "TextAfterClosingQuote", Input: "\"ab\"c;\"x\" y;\"\"z\n", Output: rows([]string{"abc", "x y", "z"})},
		{Name: "SpaceBeforeQuote", Input: "a; \"b\";c\n", Output: rows([]string{"a", " \"b\"", "c"})},
		{Name: "Formula", Input: "a;=1+2\n", Output: rows([]string{"a", "=1+2"})},
		{Name: "Windows1252", Input: "Stra\xDFe;M\xFCller;\x80 5;B\xE4r\r\n\xC4;\xD6;\xDC\r\n",
			Output: rows([]string{"Straße", "Müller", "€ 5", "Bär"}, []string{"Ä", "Ö", "Ü"})},
		{Name: "Windows1252AccidentalUTF8", Input: "Spa\xDF\x85;Gr\xF6\xDFe;M\xFCller\n", Output: rows([]string{"Spaß…", "Größe", "Müller"})},
		{Name: "MostlyUTF8", Input: "x;y\nBär;M\xFCller;Jürgen\n", Error: "umfrage.csv:2:6: invalid character: byte 0xFC is not UTF-8", Is: ErrEncoding},
		{Name: "Windows1252Named", Input: "gr\xFC\xDF;\x93zitiert\x94\n", Opt: Options{Encoding: "Windows-1252"},
			Output: rows([]string{"grüß", "“zitiert”"})},
		{Name: "Windows1252Quoted", Input: "\"M\xFCller\r\nHalle\";\"\"\"\xE4\"\"\"\n",
			Output: rows([]string{"Müller\r\nHalle", "\"ä\""})},
		{Name: "Windows1252Undefined", Input: "a;b\nx;\x81\n", Error: "umfrage.csv:2:3: invalid character: a byte that Windows-1252 leaves undefined", Is: ErrEncoding},
		// Latin-1's 0x80–0x9F are C1 controls, which stored text does not keep.
		{Name: "Latin1", Input: "\x80;\x81;\xE4\n", Opt: Options{Encoding: "latin1"}, Output: []cell{{1, 3, "ä"}}},
		{Name: "ControlsDropped", Input: "a\x1b[31m;b\x07\x7f;\x1b\n\"x\ty\nz\"\n", Output: []cell{{1, 1, "a[31m"}, {1, 2, "b"}, {2, 1, "x\ty\nz"}}},
		{Name: "UTF8Named", Input: "ä;ö\n", Opt: Options{Encoding: "utf-8"}, Output: rows([]string{"ä", "ö"})},
		{Name: "UTF8NamedInvalid", Input: "ab;c\xE4d\n", Opt: Options{Encoding: "utf8"}, Error: "umfrage.csv:1:5: invalid character: byte 0xE4 is not UTF-8", Is: ErrEncoding},
		{Name: "UTF8NamedBOM", Input: "\xEF\xBB\xBFa;b\n", Opt: Options{Encoding: "utf-8"}, Output: rows([]string{"a", "b"})},
		{Name: "UTF16LEBOM", Input: utf16le("\uFEFFName\tStadt\r\nJürgen\t€\r\n"), Output: rows([]string{"Name", "Stadt"}, []string{"Jürgen", "€"})},
		{Name: "UTF16BEBOM", Input: utf16be("\uFEFFa;b\nö;😀\n"), Output: rows([]string{"a", "b"}, []string{"ö", "😀"})},
		{Name: "UTF16LENoBOM", Input: utf16le("Name;Ort\r\nÄnne;Zeitz\r\n"), Output: rows([]string{"Name", "Ort"}, []string{"Änne", "Zeitz"})},
		{Name: "UTF16Named", Input: utf16le("a;b\n"), Opt: Options{Encoding: "utf-16"}, Output: rows([]string{"a", "b"})},
		{Name: "UTF16NamedBOMDecides", Input: utf16be("\uFEFFa;b\n"), Opt: Options{Encoding: "utf-16"}, Output: rows([]string{"a", "b"})},
		{Name: "Unterminated", Input: "a;b\nc;\"d\n\ne;f\n", Error: "umfrage.csv:2:3: unterminated quoted field", Is: ErrQuote},
		{Name: "UnterminatedSameLine", Input: "a;b\nc;\"d", Error: "umfrage.csv:2:3: unterminated quoted field", Is: ErrQuote},
		{Name: "UnterminatedLaterLine", Input: "\"a\nb\";\"c\nd", Error: "umfrage.csv:2:4: unterminated quoted field (in the record starting on line 1)", Is: ErrQuote},
		{Name: "ColumnCountsCharacters", Input: "ä;ö;\"x", Error: "umfrage.csv:1:5: unterminated quoted field", Is: ErrQuote},
		{Name: "LongestField", Input: "a;" + longField + "\n", Output: rows([]string{"a", longField})},
		{Name: "LongestQuotedField", Input: "a;\"" + strings.Repeat(`""`, maxCellChars) + "\"\n", Output: rows([]string{"a", strings.Repeat(`"`, maxCellChars)})},
		{Name: "FieldTooLong", Input: "a;b\nc;" + longField + "x\n", Error: "umfrage.csv:2:3: field longer than 32,767 characters", Is: ErrFieldTooLong},
		{Name: "FieldTooLongUTF16Units", Input: "a;" + longField[1:] + "😀\n", Error: "umfrage.csv:1:3: field longer than 32,767 characters", Is: ErrFieldTooLong},
		{Name: "RunawayQuote", Input: "a;\"b\n" + strings.Repeat("x;y\n", 100000), Error: "umfrage.csv:1:3: field longer than 32,767 characters, the most an Excel cell holds (a quote that is never closed?)", Is: ErrFieldTooLong},
		{Name: "HugeUnquotedField", Input: "a;" + strings.Repeat("x", 1<<20), Error: "umfrage.csv:1:3: field longer", Is: ErrFieldTooLong},
		{Name: "NULDropped", Input: "a;b\x00c\n", Output: rows([]string{"a", "bc"})},
		{Name: "NULQuotedDropped", Input: "a;\"b\n\x00\"\n\x00\x00", Output: rows([]string{"a", "b\n"})},
		{Name: "NULMostly", Input: "a;b\n" + strings.Repeat("x\x00\x00;", 40), Error: "umfrage.csv: NUL byte: one byte in eight or more: the file is not text", Is: ErrNUL},
		{Name: "OnlyBOM", Input: "\xEF\xBB\xBF", Error: "umfrage.csv: file is empty", Is: ErrEmpty},
		{Name: "OnlySepLine", Input: "sep=;\r\n", Is: ErrEmpty},
		{Name: "OnlyLineEnds", Input: "\r\n\r\n\n", Is: ErrEmpty},
		{Name: "OnlyDelimiters", Input: ";;;\r\n;;\"\"\r\n", Is: ErrEmpty},
		{Name: "ZeroBytes", Input: "", Is: ErrEmpty},
		{Name: "RenamedXLSX", Input: "PK\x03\x04\x14\x00\x06\x00", Error: "umfrage.csv: unsupported file type: this is a zip archive", Is: ErrUnsupported},
		{Name: "UnknownEncoding", Input: "a", Opt: Options{Encoding: "ebcdic"}, Error: `umfrage.csv: unknown encoding "ebcdic"`},
		{Name: "BadDelimiter", Input: "a", Opt: Options{Delimiter: '"'}, Error: `umfrage.csv: delimiter '"'`},
		{Name: "NonASCIIDelimiter", Input: "a", Opt: Options{Delimiter: '§'}, Error: `umfrage.csv: delimiter '§'`},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			got, err := readCSV(t, "umfrage.csv", []byte(tt.Input), tt.Opt)
			if tt.Error == "" && tt.Is == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if !reflect.DeepEqual(got, tt.Output) {
					t.Fatalf("cells:\n got %s\nwant %s", short(got), short(tt.Output))
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q; cells %s", tt.Error, short(got))
			}
			if !strings.HasPrefix(err.Error(), tt.Error) {
				t.Errorf("error %q, want it to start with %q", err, tt.Error)
			}
			if tt.Is != nil && !errors.Is(err, tt.Is) {
				t.Errorf("error %q is not %v", err, tt.Is)
			}
		})
	}
}

// short prints cells with long values cut.
func short(cells []cell) string {
	var b strings.Builder
	if len(cells) > 20 {
		fmt.Fprintf(&b, "(%d cells) ", len(cells))
		cells = cells[:20]
	}
	for _, c := range cells {
		v := c.Value
		if len(v) > 40 {
			v = fmt.Sprintf("%s…(%d bytes)", v[:40], len(v))
		}
		fmt.Fprintf(&b, "(%d,%d,%q) ", c.Row, c.Col, v)
	}
	return b.String()
}

func utf16le(s string) string {
	var b []byte
	for _, u := range utf16Units(s) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16be(s string) string {
	var b []byte
	for _, u := range utf16Units(s) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

func utf16Units(s string) []uint16 {
	var u []uint16
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			u = append(u, uint16(0xD800+r>>10), uint16(0xDC00+r&0x3FF))
			continue
		}
		u = append(u, uint16(r))
	}
	return u
}

// TestCSVFixtures reads files as the survey tools write them.
func TestCSVFixtures(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []cell
	}{
		{"excel-de.csv", rows( // Windows-1252, CRLF, as German Excel saves "CSV (Trennzeichen-getrennt)"
			[]string{"Zeitstempel", "Bundesland", "Zufriedenheit", "Anmerkung"},
			[]string{"20.11.2025 14:03", "Thüringen", "4,5", "Größere Räume, bitte"},
			[]string{"21.11.2025 09:12", "Sachsen-Anhalt", "3", "Preis: 5 €; zu teuer"},
			[]string{"21.11.2025 10:40", "LSA"})},
		{"limesurvey.csv", rows( // UTF-8 with BOM, every field quoted
			[]string{"id", "submitdate", "G01Q01", "G02Q03[SQ001]", "G02Q04"},
			[]string{"1", "2025-11-20 14:03:12", "A1", "Y", "Mehr \"Radwege\"\r\nund Bänke"},
			[]string{"2", "2025-11-20 15:10:00", "A2", "", "=1+1"})},
		{"google-forms.csv", rows(
			[]string{"Zeitstempel", "E-Mail-Adresse", "Welche Themen?", "Bundesland"},
			[]string{"20.11.2025 14:03:12", "anna@example.org", "Datenschutz, Smart City", "Sachsen"},
			[]string{"20.11.2025 14:05:40", "", "Verkehr", "Thüringen"})},
	} {
		t.Run(tt.file, func(t *testing.T) {
			b, err := Open(filepath.Join("testdata", "csv", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if b.Name() != tt.file {
				t.Errorf("Name %q", b.Name())
			}
			got := mustCells(t, b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("cells:\n got %s\nwant %s", short(got), short(tt.want))
			}
		})
	}
}

// TestCSVEncodingDecidedLate covers files whose first non-ASCII byte comes
// after any fixed-size prefix: the encoding is decided there.
func TestCSVEncodingDecidedLate(t *testing.T) {
	ascii := strings.Repeat("Anna;42;Halle\r\n", 10000) // 150 KB
	t.Run("Windows1252", func(t *testing.T) {
		got, err := readCSV(t, "umfrage.csv", []byte(ascii+"J\xFCrgen;M\xFCller\r\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if last := got[len(got)-2:]; !reflect.DeepEqual(last, []cell{{10001, 1, "Jürgen"}, {10001, 2, "Müller"}}) {
			t.Fatalf("last cells %v", last)
		}
	})
	t.Run("UTF8", func(t *testing.T) {
		got, err := readCSV(t, "umfrage.csv", []byte(ascii+"Jürgen;Müller\r\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if last := got[len(got)-1]; last != (cell{10001, 2, "Müller"}) {
			t.Fatalf("last cell %v", last)
		}
	})
	t.Run("UTF8ThenInvalid", func(t *testing.T) {
		// Valid UTF-8 past the sniffed window, then a Windows-1252 byte: an
		// error naming the line, not mangled text.
		in := "Jürgen;1\r\n" + ascii + "B\xE4r;2\r\n"
		_, err := readCSV(t, "umfrage.csv", []byte(in), Options{})
		want := "umfrage.csv:10002:2: invalid character: byte 0xE4 is not UTF-8"
		if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, ErrEncoding) {
			t.Fatalf("error %v, want %q", err, want)
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.File != "umfrage.csv" || pe.Line != 10002 || pe.StartLine != 10002 || pe.Column != 2 {
			t.Fatalf("ParseError %+v", pe)
		}
	})
}

// TestScannerBufferBoundaries parses with buffers so small that every
// field, quote and line break falls on a refill somewhere, and expects
// the fields and error positions of one read of the whole text.
func TestScannerBufferBoundaries(t *testing.T) {
	inputs := []string{
		"a;b\r\nc;\"d\r\ne\";f\r\n\"g\"\"h\";i\rj;k\n",
		"\"abc\"def;ghi\r\n;;\r\n\"\";\"\"\"\"\r",
		"ä;ö;ü\r\n\"ß\r\nx\";y\n\n\r\r\n;",
		"abc;def\r\nghi;\"jk\r\nlm",
		"abcdef;ghij\nklm\x00",
		"äöü;x\r\n\"a\nb\";ab;c\xE4",
		"a\r\r\nb\r",
	}
	scanAll := func(in string, size int) (string, error) {
		s := newScanner("t.csv", newTextReader(strings.NewReader(in), encUTF8), ';', size)
		var out strings.Builder
		for {
			v, last, err := s.field()
			if err == io.EOF {
				return out.String(), nil
			}
			if err != nil {
				return out.String(), err
			}
			fmt.Fprintf(&out, "%q/%v@%d ", v, last, s.line)
		}
	}
	for _, in := range inputs {
		want, wantErr := scanAll(in, len(in)+1)
		for size := 4; size <= len(in); size++ {
			got, err := scanAll(in, size)
			if errors.Is(err, io.ErrNoProgress) {
				continue // a field longer than the buffer
			}
			if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("%q with a buffer of %d:\n got %s %v\nwant %s %v", in, size, got, err, want, wantErr)
			}
		}
	}
}

func TestCSVNoSuchSheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.csv")
	if err := os.WriteFile(path, []byte("a;b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Cells("Tabelle1"); !errors.Is(err, ErrNoSheet) {
		t.Fatalf("error %v, want ErrNoSheet", err)
	}
}

// TestCSVRepairsNUL: a SurveyMonkey export with stray NUL bytes is read
// without them, and the book says how many there were and where the first
// stood, once its cells are read.
func TestCSVRepairsNUL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "monkey.csv")
	text := "Respondent ID,Q1\n1,ja\n2,ne\x00in\n3,vielleicht\x00\x00\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if r := b.Repairs(); r != nil {
		t.Errorf("before reading: repairs %v, want none", r)
	}
	got := mustCells(t, b)
	if want := rows([]string{"Respondent ID", "Q1"}, []string{"1", "ja"}, []string{"2", "nein"}, []string{"3", "vielleicht"}); !slices.Equal(got, want) {
		t.Errorf("cells %v, want %v", got, want)
	}
	want := []Repair{{Kind: RepairNUL, Count: 3, Line: 3, Column: 5}}
	if r := b.Repairs(); !slices.Equal(r, want) {
		t.Errorf("repairs %+v, want %+v", r, want)
	}
}

// TestCSVBatches checks the split into batches of BatchCells, and that the
// reader can be read twice from one book.
func TestCSVBatches(t *testing.T) {
	var in bytes.Buffer
	const records = BatchCells/3 + 10
	for i := range records {
		fmt.Fprintf(&in, "%d;x%d;\"y\n%d\"\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		rr, err := b.Cells("")
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int64
		for rr.Next() {
			sizes = append(sizes, rr.RecordBatch().NumRows())
		}
		if rr.Err() != nil {
			t.Fatal(rr.Err())
		}
		rr.Release()
		if want := []int64{BatchCells, 3*records - BatchCells}; !reflect.DeepEqual(sizes, want) {
			t.Fatalf("batch sizes %v, want %v", sizes, want)
		}
	}
	rr, _ := b.Cells("")
	cells, err := drain(rr)
	if err != nil {
		t.Fatal(err)
	}
	if last := cells[len(cells)-1]; last != (cell{records, 3, fmt.Sprintf("y\n%d", records-1)}) {
		t.Fatalf("last cell %v", last)
	}
}

type closeCounter struct{ n int }

func (c *closeCounter) Close() error { c.n++; return nil }

// TestCSVReaderRefs checks the RecordReader's reference counting: the file
// closes with the last Release, and a retained batch outlives the reader.
func TestCSVReaderRefs(t *testing.T) {
	var closer closeCounter
	rr := newCellReader(newScanner("r.csv", newTextReader(strings.NewReader("a;b\nc\n"), encUTF8), ';', scanBufSize), false, &closer)
	rr.Retain()
	rr.Release()
	if closer.n != 0 || !rr.Next() {
		t.Fatalf("reader unusable after Retain and Release (closed %d times)", closer.n)
	}
	rec := rr.RecordBatch()
	rec.Retain()
	defer rec.Release()
	rr.Release()
	if closer.n != 1 {
		t.Fatalf("file closed %d times", closer.n)
	}
	if got := rec.Column(2).(*array.String).Value(2); got != "c" || rec.NumRows() != 3 {
		t.Fatalf("retained batch: %d rows, third value %q", rec.NumRows(), got)
	}

	closer.n = 0
	rr = newCellReader(newScanner("r.csv", newTextReader(strings.NewReader("a;b\n"), encUTF8), ';', scanBufSize), false, &closer)
	rr.Release()
	if closer.n != 1 {
		t.Fatalf("unread file closed %d times on Release", closer.n)
	}
}

// genCSV writes survey-like records until size bytes are written.
func genCSV(w io.Writer, size int64) error {
	var line []byte
	for n, i := int64(0), 0; n < size; i++ {
		line = fmt.Appendf(line[:0], "%d;20.11.2025 14:03:%02d;Sachsen-Anhalt;\"Ja, gerne; \"\"sehr\"\"\";Müller;%d,5;;Datenschutz;Smart City;\r\n", i, i%60, i%7)
		m, err := w.Write(line)
		if err != nil {
			return err
		}
		n += int64(m)
	}
	return nil
}

// TestCSVStreaming reads 200 MB generated on the fly through a pipe and
// checks that the heap stays small: the reader holds a batch, not the file.
func TestCSVStreaming(t *testing.T) {
	size := int64(200 << 20)
	if testing.Short() {
		size = 20 << 20
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(genCSV(pw, size)) }()
	rr := newCellReader(newScanner("pipe.csv", newTextReader(pr, encAuto), ';', scanBufSize), false, pr)
	defer rr.Release()

	runtime.GC()
	var ms runtime.MemStats
	var peak uint64
	cells, batches := 0, 0
	for rr.Next() {
		cells += int(rr.RecordBatch().NumRows())
		if batches++; batches%20 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d MB, %d cells in %d batches, peak HeapInuse %.1f MB", size>>20, cells, batches, float64(peak)/(1<<20))
	if cells < int(size/100) {
		t.Fatalf("only %d cells", cells)
	}
	if peak > 50<<20 {
		t.Fatalf("HeapInuse reached %d MB reading %d MB", peak>>20, size>>20)
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a;b\r\nc;d", "\"a\"\"b\";c\n", "\xEF\xBB\xBFa\tb", "sep=;\na;b", "\"a\nb\",c", "\"abc", "a\x00b",
		"Stra\xDFe;\x80", "\xFF\xFEa\x00;\x00b\x00", "\x01a\x1fb\x1ec\x1f\"d\"\x1f\r\n", "\x00 a\x1f\x1e\x1fb",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Any bytes: cells in row-major order or an error, never a panic.
		cells, err := readCSV(t, "fuzz.csv", data, Options{})
		if err == nil {
			for i, c := range cells {
				if c.Row < 1 || c.Col < 1 || c.Value == "" || !utf8.ValidString(c.Value) {
					t.Fatalf("bad cell %+v", c)
				}
				if i > 0 && (c.Row < cells[i-1].Row || c.Row == cells[i-1].Row && c.Col <= cells[i-1].Col) {
					t.Fatalf("cells out of order: %+v after %+v", c, cells[i-1])
				}
			}
		}

		// The same bytes as records written by encoding/csv read back.
		if len(data) == 0 {
			return
		}
		comma := rune(delimiters[int(data[0])%len(delimiters)])
		crlf := data[0]&0x80 != 0
		var records [][]string
		for _, rec := range strings.Split(string(data[1:]), "\x1e") {
			fields := strings.Split(strings.ToValidUTF8(strings.ReplaceAll(rec, "\x00", ""), ""), "\x1f")
			records = append(records, fields)
		}
		records[0][0] = strings.TrimPrefix(records[0][0], "\uFEFF")
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma, w.UseCRLF = comma, crlf
		if err := w.WriteAll(records); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := sepLine(buf.Bytes()); ok {
			return // read as Excel's hint line, as it should be
		}
		if crlf {
			// The writer drops CR and writes LF as CRLF.
			for _, rec := range records {
				for i, v := range rec {
					rec[i] = strings.ReplaceAll(strings.ReplaceAll(v, "\r", ""), "\n", "\r\n")
				}
			}
		}
		// Control characters are not kept (sanitize.StripControls).
		for _, rec := range records {
			for i, v := range rec {
				rec[i] = string(sanitize.StripControls(nil, []byte(v)))
			}
		}
		want := rows(records...)
		got, err := readCSV(t, "fuzz.csv", buf.Bytes(), Options{Encoding: "utf-8", Delimiter: comma})
		if len(want) == 0 {
			// Nothing but control characters reads as no cells: empty
			// before they are dropped, or after.
			if len(got) > 0 || err != nil && !errors.Is(err, ErrEmpty) {
				t.Fatalf("no cells written, got %v, %v", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("reading %q: %v", buf.Bytes(), err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("reading %q:\n got %s\nwant %s", buf.Bytes(), short(got), short(want))
		}
	})
}

// BenchmarkCSV reads a survey-like file of 32 MB; MB/s counts the file's
// bytes.
func BenchmarkCSV(b *testing.B) {
	var utf8Data bytes.Buffer
	if err := genCSV(&utf8Data, 32<<20); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"UTF8", utf8Data.Bytes()},
		{"Windows1252", bytes.ReplaceAll(utf8Data.Bytes(), []byte("ü"), []byte("\xFC"))},
		{"AllQuoted", allQuoted(utf8Data.Bytes())},
	} {
		b.Run(bc.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench.csv")
			if err := os.WriteFile(path, bc.data, 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				book, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				rr, err := book.Cells("")
				if err != nil {
					b.Fatal(err)
				}
				for rr.Next() {
				}
				if err := rr.Err(); err != nil {
					b.Fatal(err)
				}
				rr.Release()
			}
		})
	}
}

// allQuoted rewrites ;-separated data with every field quoted, as
// LimeSurvey writes it.
func allQuoted(data []byte) []byte {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord = ';', -1
	var buf bytes.Buffer
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		for i, v := range rec {
			if i > 0 {
				buf.WriteByte(';')
			}
			buf.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		buf.WriteString("\r\n")
	}
	return buf.Bytes()
}
