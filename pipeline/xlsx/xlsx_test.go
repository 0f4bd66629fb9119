package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestCells(t *testing.T) {
	tests := []struct {
		name  string
		parts map[string]string // over defaultParts
		want  []cell
		// why excelize reads the case differently; else it must agree
		refDiffers string
	}{{
		name: "doc example",
		parts: map[string]string{
			"xl/sharedStrings.xml":     sst("<t>ID</t>", "<t>Bundesland</t>", "<t>Sachsen</t>"),
			"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>`),
		},
		want: []cell{{1, 1, "ID"}, {1, 2, "Bundesland"}, {2, 1, "1"}, {2, 2, "Sachsen"}},
	}, {
		name: "rich text, phonetic runs, xml:space, escapes",
		parts: map[string]string{
			"xl/sharedStrings.xml": sst(
				`<r><rPr><b/><sz val="11"/></rPr><t>Stimme </t></r><r><t xml:space="preserve"> voll zu </t></r>`,
				`<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>`,
				`<t xml:space="preserve">  Leerzeichen  </t>`,
				`<t>Zeile_x000D_&#10;zwei_x005F_x0041_ _x0041__xD800_x</t>`,
				`<t></t>`, `<t/>`),
			"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>`),
		},
		want: []cell{{1, 1, "Stimme  voll zu "}, {1, 2, "漢字"}, {1, 3, "  Leerzeichen  "}, {1, 4, "Zeile\r\nzwei_x0041_ Ax"}},
	}, {
		name: "inline strings",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="1"><c r="A1" t="inlineStr"><is><t>Grüße &amp; &lt;Tschüss&gt;</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><r><t>fett</t></r><r><rPr><i/></rPr><t xml:space="preserve"> kursiv</t></r></is></c>` +
				`<c r="C1" t="inlineStr"><is><t>_x0009_Tab</t></is></c><c r="D1" t="inlineStr"><v>ohne is</v></c></row>`)},
		want: []cell{{1, 1, "Grüße & <Tschüss>"}, {1, 2, "fett kursiv"}, {1, 3, "\tTab"}, {1, 4, "ohne is"}},
	}, {
		name: "cells and rows without r follow the previous one",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>` +
				`<row><c><v>7</v></c></row><row r="5"><c r="C5"/><c><v>9</v></c></row><row><c><v>10</v></c></row>`)},
		want: []cell{{1, 1, "1"}, {1, 2, "2"}, {1, 5, "5"}, {1, 6, "6"}, {2, 1, "7"}, {5, 4, "9"}, {6, 1, "10"}},
	}, {
		name: "sparse, empty and self-closing cells",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="3" spans="1:3"><c r="B3" s="1"/><c r="C3"><v></v></c></row><row r="1000"/><row r="70000"><c r="XFD70000"><v>1</v></c></row>`)},
		want: []cell{{70000, 16384, "1"}},
	}, {
		name: "numbers stay as stored, styled or not",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="1"><c r="A1"><v>1.50</v></c><c r="B1" t="n"><v>1E-3</v></c><c r="C1" s="5"><v>3.14159</v></c><c r="D1"><v>-0</v></c><c r="E1"><v> 42 </v></c></row>`)},
		want: []cell{{1, 1, "1.50"}, {1, 2, "1E-3"}, {1, 3, "3.14159"}, {1, 4, "-0"}, {1, 5, " 42 "}},
	}, {
		name: "booleans and errors",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>`)},
		want: []cell{{1, 1, "TRUE"}, {1, 2, "FALSE"}, {1, 3, "#N/A"}, {1, 4, "#DIV/0!"}},
	}, {
		name: "formulas: cached value wins, else the formula text",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>` +
				`<c r="C1"><f>IF(A1&lt;2,"klein","groß")</f></c><c r="D1" t="str"><f>B1</f><v></v></c>` +
				`<c r="E1"><f t="shared" ref="E1:E2" si="0">A1*2</f></c></row>`)},
		want: []cell{{1, 1, "3"}, {1, 2, "ab"}, {1, 3, `=IF(A1<2,"klein","groß")`}, {1, 4, "=B1"}, {1, 5, "=A1*2"}},
	}, {
		name: "shared formula: a child without value has no text of its own",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(
			`<row r="1"><c r="E1"><f t="shared" ref="E1:E2" si="0">A1*2</f></c></row><row r="2"><c r="E2"><f t="shared" si="0"/></c></row>`)},
		want:       []cell{{1, 5, "=A1*2"}},
		refDiffers: "excelize translates the master's formula to E2 (=A2*2)",
	}, {
		name: "dates by style: built-in, custom, duration",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1">` +
			`<c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c><c r="C1" s="3"><v>45292.75</v></c>` +
			`<c r="D1" s="4"><v>1.5</v></c><c r="E1" s="4"><v>0.25</v></c><c r="F1" s="1"><v>-1</v></c><c r="G1" s="1" t="s"><v>0</v></c>` +
			`<c r="H1" s="1"><v>abc</v></c><c r="I1" s="99"><v>45292</v></c></row>`),
			"xl/sharedStrings.xml": sst("<t>45292</t>")},
		want: []cell{{1, 1, "2024-01-01"}, {1, 2, "2024-01-01T12:00:00"}, {1, 3, "2024-01-01T18:00:00"},
			{1, 4, "1900-01-01T12:00:00"}, {1, 5, "06:00:00"}, {1, 6, "-1"}, {1, 7, "45292"}, {1, 8, "abc"}, {1, 9, "45292"}},
	}, {
		name: "1904 date system",
		parts: map[string]string{
			"xl/workbook.xml":          `<workbook ` + nsMain + `><workbookPr date1904="1"/><sheets><sheet name="Antworten" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" s="1"><v>43830</v></c><c r="B1" s="2"><v>0</v></c></row>`)},
		want: []cell{{1, 1, "2024-01-01"}, {1, 2, "1904-01-01T00:00:00"}},
	}, {
		name: "date style from the row, then the column, as excelize",
		parts: map[string]string{"xl/worksheets/sheet1.xml": `<worksheet ` + nsMain + `><cols><col min="2" max="3" style="1"/></cols><sheetData>` +
			`<row r="1" s="2" customFormat="1"><c r="A1"><v>45292</v></c></row><row r="2"><c r="A2"><v>45292</v></c><c r="B2"><v>45292</v></c></row></sheetData></worksheet>`},
		want: []cell{{1, 1, "2024-01-01T00:00:00"}, {2, 1, "45292"}, {2, 2, "2024-01-01"}},
	}, {
		name: "entities, character references, CDATA, line ends",
		parts: map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1">` +
			`<c r="A1" t="inlineStr"><is><t>a&#10;b&#x1F600;&quot;&apos;</t></is></c>` +
			"<c r=\"B1\" t=\"inlineStr\"><is><t>x\r\ny\rz</t></is></c>" +
			`<c r="C1" t="str"><v><![CDATA[<roh> & ]]>frei</v></c><!-- Kommentar --><?pi x?></row>`)},
		want: []cell{{1, 1, "a\nb😀\"'"}, {1, 2, "x\ny\nz"}, {1, 3, "<roh> & frei"}},
	}, {
		name: "namespace prefixes, single quotes, unknown children",
		parts: map[string]string{"xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t>präfix</x:t></x:is></x:c><x:c r="B1"><x:extLst><x:ext><x:v>9</x:v></x:ext></x:extLst><x:v>2</x:v></x:c></x:row>` +
			`</x:sheetData></x:worksheet>`},
		want: []cell{{1, 1, "präfix"}, {1, 2, "2"}},
	}, {
		name: "worksheet found through relationships",
		parts: map[string]string{
			"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/wb/book.xml"/></Relationships>`,
			"wb/book.xml": `<workbook ` + nsMain + `><sheets><sheet name="Antworten" sheetId="1" r:id="rIdX"/></sheets></workbook>`,
			"wb/_rels/book.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="data/daten.xml"/>` +
				`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/shared/strings.xml"/></Relationships>`,
			"wb/data/daten.xml":          sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
			"shared/strings.xml":         sst("<t>gefunden</t>"),
			"xl/workbook.xml":            "",
			"xl/_rels/workbook.xml.rels": "",
		},
		want:       []cell{{1, 1, "gefunden"}},
		refDiffers: "excelize looks for shared strings only at xl/sharedStrings.xml",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readCells(rawBook(t, tt.parts), "Antworten", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if d := diffCells(got, tt.want); d != "" {
				t.Fatal(d)
			}
			if tt.refDiffers != "" {
				return
			}
			ref, err := refCells(rawBook(t, tt.parts), "Antworten")
			if err != nil {
				t.Fatal(err)
			}
			if d := diffCells(got, ref); d != "" {
				t.Errorf("differs from excelize:\n%s", d)
			}
		})
	}
}

func TestCellErrors(t *testing.T) {
	tests := []struct {
		name     string
		parts    map[string]string
		lim      Limits
		sentinel error
		msg      string
	}{{
		name:     "cell too long",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="7"><c r="C7" t="inlineStr"><is><t>` + strings.Repeat("ä", 11) + `</t></is></c></row>`)},
		lim:      Limits{MaxCellChars: 10},
		sentinel: ErrTooLarge,
		msg:      "umfrage.xlsx: Antworten!C7: cell text longer than 10 characters",
	}, {
		name:     "too many rows",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="11"><c r="A11"><v>1</v></c></row>`)},
		lim:      Limits{MaxRows: 10},
		sentinel: ErrTooLarge,
		msg:      "umfrage.xlsx: Antworten: row 11: more than 10 rows",
	}, {
		name:     "too many columns",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="K1"><v>1</v></c></row>`)},
		lim:      Limits{MaxCols: 10},
		sentinel: ErrTooLarge,
		msg:      "umfrage.xlsx: Antworten!K1: more than 10 columns",
	}, {
		name:     "invalid UTF-8 in a cell",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>M\xfcller</t></is></c></row>")},
		sentinel: ErrCorrupt,
		msg:      "umfrage.xlsx: Antworten!B2: invalid UTF-8",
	}, {
		name:     "invalid UTF-8 in shared strings",
		parts:    map[string]string{"xl/sharedStrings.xml": sst("<t>ok</t>", "<t>M\xfcller</t>")},
		sentinel: ErrCorrupt,
		msg:      "umfrage.xlsx: xl/sharedStrings.xml: item 2: invalid UTF-8",
	}, {
		name:     "missing shared string",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>3</v></c></row>`)},
		sentinel: ErrCorrupt,
		msg:      `umfrage.xlsx: Antworten!A1: shared string "3" does not exist`,
	}, {
		name:     "rows out of order",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="5"/><row r="3"/>`)},
		sentinel: ErrCorrupt,
		msg:      "row 3 comes after row 5",
	}, {
		name:     "cells out of order",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>1</v></c></row>`)},
		sentinel: ErrCorrupt,
		msg:      "umfrage.xlsx: Antworten!B1: cell comes after column C",
	}, {
		name:     "DOCTYPE in a sheet",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet><sheetData/></worksheet>`},
		sentinel: ErrCorrupt,
		msg:      "DOCTYPE or ENTITY declarations are not allowed",
	}, {
		name:     "DOCTYPE in shared strings",
		parts:    map[string]string{"xl/sharedStrings.xml": `<!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>`},
		sentinel: ErrCorrupt,
		msg:      "DOCTYPE",
	}, {
		name:     "unknown entity",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`)},
		sentinel: ErrCorrupt,
		msg:      "unknown entity &nbsp;",
	}, {
		name:     "sheet XML cut off",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`},
		sentinel: ErrCorrupt,
		msg:      "ends inside <sheetData>",
	}, {
		name:     "shared strings cut off",
		parts:    map[string]string{"xl/sharedStrings.xml": `<sst><si><t>Sachsen</t></si><si><t>Bay`},
		sentinel: ErrCorrupt,
		msg:      "umfrage.xlsx: xl/sharedStrings.xml: item 2: malformed XML: ends inside an element",
	}, {
		name:     "bad cell reference",
		parts:    map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="1A"><v>1</v></c></row>`)},
		sentinel: ErrCorrupt,
		msg:      `bad cell reference "1A"`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCells(rawBook(t, tt.parts), "Antworten", tt.lim)
			mustErr(t, err, tt.sentinel)
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "umfrage.xlsx: ") {
				t.Fatalf("message %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func TestSheets(t *testing.T) {
	data := rawBook(t, map[string]string{
		"xl/workbook.xml": `<workbook ` + nsMain + `><sheets><sheet name="Zweite" sheetId="2" r:id="rId5"/><sheet name="Antworten" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
		"xl/worksheets/sheet2.xml": sheetXML(`<row r="2"><c r="B2" t="inlineStr"><is><t>zwei</t></is></c></row>`),
	})
	b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "umfrage.xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := b.Sheets(); !slices.Equal(got, []string{"Zweite", "Antworten"}) {
		t.Fatalf("Sheets() = %q", got)
	}
	got, err := readCells(data, "zweite", Limits{}) // excelize matches names ignoring case
	if err != nil || len(got) != 1 || got[0] != (cell{2, 2, "zwei"}) {
		t.Fatalf("zweite: %v %v", got, err)
	}
	_, err = b.Cells("Dritte")
	mustErr(t, err, ErrNoSheet)
	if want := `umfrage.xlsx: no such sheet "Dritte" (sheets: Zweite, Antworten)`; err.Error() != want {
		t.Fatalf("got %q, want %q", err, want)
	}
}

// TestBatches checks batching and that a reader released early stops its
// goroutine without trouble.
func TestBatches(t *testing.T) {
	var rows strings.Builder
	const n = BatchCells + 100
	for i := 1; i <= n/2; i++ {
		rows.WriteString(`<row><c t="inlineStr"><is><t>Antwort ` + strings.Repeat("x", i%50) + `</t></is></c><c><v>` + ColName(i%16384+1) + `</v></c></row>`)
	}
	data := rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(rows.String())})
	b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "umfrage.xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rr, err := b.Cells("Antworten")
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for rr.Next() {
		sizes = append(sizes, rr.RecordBatch().NumRows())
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	rr.Release()
	if !slices.Equal(sizes, []int64{BatchCells, n - BatchCells}) {
		t.Fatalf("batch sizes %v", sizes)
	}
	rr, _ = b.Cells("Antworten")
	rr.Next()
	rr.Release() // stops inflating half way
}
