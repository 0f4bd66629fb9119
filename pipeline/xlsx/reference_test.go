package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeBook runs build on a new excelize workbook and returns its bytes.
func excelizeBook(t testing.TB, build func(f *excelize.File) error) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := build(f); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set is a SetCellValue that collects the first error.
type setter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (s *setter) set(ref string, v any) {
	if s.err == nil {
		s.err = s.f.SetCellValue(s.sheet, ref, v)
	}
}

func (s *setter) style(ref string, st *excelize.Style) {
	if s.err != nil {
		return
	}
	var id int
	if id, s.err = s.f.NewStyle(st); s.err == nil {
		s.err = s.f.SetCellStyle(s.sheet, ref, ref, id)
	}
}

func customFmt(code string) *excelize.Style { return &excelize.Style{CustomNumFmt: &code} }

func TestMatchesExcelize(t *testing.T) {
	day := time.Date(2024, 5, 17, 13, 45, 30, 0, time.UTC)
	tests := []struct {
		name  string
		build func(s *setter)
	}{{
		name: "shared strings",
		build: func(s *setter) {
			for i, v := range []string{"ID", "Bundesland", "Sachsen", "Grüße <&> \"zitiert\" 'x'", "  Leerzeichen  ",
				"Zeile 1\nZeile 2", "mit\r\nCRLF", "\tTab", "_x0041_ wörtlich", "😀 Emoji", "漢字", "=keine Formel", "]]>", "Sachsen"} {
				s.set(fmt.Sprintf("A%d", i+1), v)
				s.set(fmt.Sprintf("C%d", i+1), v)
			}
		},
	}, {
		name: "numbers",
		build: func(s *setter) {
			for i, v := range []any{1, -42, 0, 3.14159, 0.1, 1e-20, 1.5e20, math.MaxInt64, float32(2.5), uint8(7), -0.0} {
				s.set(fmt.Sprintf("B%d", i+1), v)
			}
			s.set("D1", 1234.5)
			s.style("D1", &excelize.Style{NumFmt: 4})
			s.set("D2", 0.25)
			s.style("D2", &excelize.Style{NumFmt: 10})
		},
	}, {
		name: "dates",
		build: func(s *setter) {
			s.set("A1", day) // excelize styles it m/d/yy h:mm
			for i, st := range []*excelize.Style{{NumFmt: 14}, {NumFmt: 22}, {NumFmt: 21}, {NumFmt: 47},
				customFmt("dd.mm.yyyy"), customFmt("dd.mm.yyyy hh:mm"), customFmt("[h]:mm:ss"), customFmt("mm:ss"),
				customFmt(`[$-de-DE]h:mm;[Red]-h:mm`), customFmt(`#,##0 "Tage"`), customFmt("yyyy-mm-dd\\Thh:mm")} {
				ref := fmt.Sprintf("B%d", i+1)
				s.set(ref, 45429.573264+float64(i))
				s.style(ref, st)
				ref = fmt.Sprintf("C%d", i+1)
				s.set(ref, 0.75)
				s.style(ref, st)
			}
			s.set("D1", -5)
			s.style("D1", &excelize.Style{NumFmt: 14})
		},
	}, {
		name: "1904 date system",
		build: func(s *setter) {
			yes := true
			if s.err = s.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); s.err != nil {
				return
			}
			s.set("A1", day)
			s.set("A2", 100.5)
			s.style("A2", &excelize.Style{NumFmt: 22})
		},
	}, {
		name: "sparse",
		build: func(s *setter) {
			s.set("A1", "oben links")
			s.set("Z100", 7)
			s.set("XFD5", "letzte Spalte")
			s.set("C70000", "weit unten")
			s.set("B3", "")
		},
	}, {
		name: "booleans, formulas, rich text",
		build: func(s *setter) {
			s.set("A1", true)
			s.set("A2", false)
			if s.err == nil {
				s.err = s.f.SetCellFormula(s.sheet, "B1", `IF(A1,"ja","nein")&"<"`)
			}
			if s.err == nil {
				s.err = s.f.SetCellRichText(s.sheet, "C1", []excelize.RichTextRun{
					{Text: "fett ", Font: &excelize.Font{Bold: true}}, {Text: "und & kursiv", Font: &excelize.Font{Italic: true}}})
			}
		},
	}, {
		name: "stream writer: inline strings",
		build: func(s *setter) {
			sw, err := s.f.NewStreamWriter(s.sheet)
			if err != nil {
				s.err = err
				return
			}
			date, _ := s.f.NewStyle(customFmt("dd.mm.yyyy hh:mm"))
			for r := 1; r <= 50; r++ {
				row := []any{r, "Stimme <eher> zu & mehr", excelize.Cell{StyleID: date, Value: 45000.5 + float64(r)}, nil, r%2 == 0,
					[]excelize.RichTextRun{{Text: "reich"}, {Text: " text", Font: &excelize.Font{Bold: true}}}}
				if s.err = sw.SetRow(fmt.Sprintf("A%d", r), row); s.err != nil {
					return
				}
			}
			s.err = sw.Flush()
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := excelizeBook(t, func(f *excelize.File) error {
				s := &setter{f: f, sheet: "Sheet1"}
				tt.build(s)
				return s.err
			})
			sameCells(t, data)
		})
	}
}

// FuzzReader builds random small workbooks with excelize and compares this
// reader with the excelize reference.
func FuzzReader(f *testing.F) {
	f.Add(uint64(1), "Grüße")
	f.Add(uint64(2), "<&>\"'")
	f.Add(uint64(3), "😀_x0041_\r\n\t ")
	f.Add(uint64(4), "]]>&amp;")
	f.Fuzz(func(t *testing.T, seed uint64, text string) {
		if len(text) > 200 {
			return
		}
		data := excelizeBook(t, func(f *excelize.File) error { return randomBook(f, seed, text) })
		sameCells(t, data)
	})
}

var pieces = []string{"<", ">", "&", "\"", "'", "]]>", "&amp;", "ü", "ß", "😀", "漢", "_x0041_", "_x005F_", "_xD83D_",
	" ", "\n", "\r\n", "\r", "\t", "Sachsen", "Stimme voll zu", "=1+1", "1.5", "0", "TRUE", "\x01", "\uFFFD"}

var randomStyles = []*excelize.Style{{NumFmt: 0}, {NumFmt: 14}, {NumFmt: 22}, {NumFmt: 21}, {NumFmt: 47}, {NumFmt: 2},
	{NumFmt: 49}, customFmt("dd.mm.yyyy hh:mm"), customFmt("[h]:mm"), customFmt("mm:ss"), customFmt("0.00"),
	customFmt(`#,##0 "Std"`), customFmt("yyyy"), customFmt(`h:mm;[Red]h:mm`)}

// randomBook fills one or two sheets with random cells of every kind.
func randomBook(f *excelize.File, seed uint64, text string) error {
	rng := rand.New(rand.NewPCG(seed, 42))
	if rng.IntN(4) == 0 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			return err
		}
	}
	styles := make([]int, len(randomStyles))
	for i, st := range randomStyles {
		id, err := f.NewStyle(st)
		if err != nil {
			return err
		}
		styles[i] = id
	}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			if rng.IntN(3) == 0 && text != "" {
				b.WriteString(text)
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		return b.String()
	}
	const sheet = "Sheet1"
	for range 1 + rng.IntN(40) {
		ref, _ := excelize.CoordinatesToCellName(1+rng.IntN(12), 1+rng.IntN(50))
		var err error
		switch rng.IntN(9) {
		case 0, 1:
			err = f.SetCellValue(sheet, ref, str())
		case 2:
			err = f.SetCellValue(sheet, ref, rng.Int64N(2e9)-1e9)
		case 3:
			err = f.SetCellValue(sheet, ref, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(30)-15)))
		case 4:
			err = f.SetCellValue(sheet, ref, time.Date(1900+rng.IntN(200), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
				rng.IntN(24), rng.IntN(60), rng.IntN(60), 0, time.UTC))
		case 5:
			if err = f.SetCellValue(sheet, ref, rng.Float64()*60000-100); err == nil {
				err = f.SetCellStyle(sheet, ref, ref, styles[rng.IntN(len(styles))])
			}
		case 6:
			err = f.SetCellValue(sheet, ref, rng.IntN(2) == 0)
		case 7:
			err = f.SetCellFormula(sheet, ref, `CONCAT("`+strings.ReplaceAll(str(), `"`, `""`)+`",A1)`)
		case 8:
			err = f.SetCellRichText(sheet, ref, []excelize.RichTextRun{{Text: str()}, {Text: str(), Font: &excelize.Font{Bold: true}}})
		}
		if err != nil {
			return err
		}
	}
	if rng.IntN(3) > 0 {
		return nil
	}
	// A second sheet through the stream writer: inline strings.
	if _, err := f.NewSheet("Strom"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Strom")
	if err != nil {
		return err
	}
	for r := 1; r <= 1+rng.IntN(20); r += 1 + rng.IntN(3) {
		row := make([]any, rng.IntN(8))
		for i := range row {
			switch rng.IntN(4) {
			case 0:
				row[i] = str()
			case 1:
				row[i] = rng.IntN(1000)
			case 2:
				row[i] = excelize.Cell{StyleID: styles[rng.IntN(len(styles))], Value: rng.Float64() * 50000}
			}
		}
		if err := sw.SetRow(fmt.Sprintf("%s%d", ColName(1+rng.IntN(3)), r), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// FuzzOpenReader feeds arbitrary bytes to the reader: it may only fail with
// an error.
func FuzzOpenReader(f *testing.F) {
	f.Add(rawBook(f, nil))
	f.Add(rawBook(f, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row><c t="inlineStr"><is><t>x</t></is></c><c s="1"><v>45000</v></c></row>`),
		"xl/sharedStrings.xml": sst("<r><t>a</t></r>")}))
	f.Add(excelizeBook(f, func(f *excelize.File) error { return randomBook(f, 7, "Grüße") }))
	f.Add([]byte("PK\x03\x04"))
	lim := Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20, MaxRows: 1000, MaxCols: 100, MaxCellChars: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx", lim)
		if err != nil {
			return
		}
		defer b.Close()
		for _, sheet := range b.Sheets() {
			rr, err := b.Cells(sheet)
			if err != nil {
				continue
			}
			_, _ = collect(rr)
			rr.Release()
		}
	})
}
