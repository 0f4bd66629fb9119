package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/resonanz/resonanz/pipeline/sanitize"
	"github.com/xuri/excelize/v2"
)

// cell is one row of CellSchema, for comparing.
type cell struct {
	Row, Col int
	Val      string
}

func (c cell) String() string { return fmt.Sprintf("%s%d=%q", ColName(c.Col), c.Row, c.Val) }

const nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Styles of defaultParts' styles.xml, by cellXfs index.
const (
	stDate     = 1 // built-in 14
	stDateTime = 2 // built-in 22
	stCustom   = 3 // dd.mm.yyyy hh:mm
	stDuration = 4 // [h]:mm:ss
	stNumber   = 5 // 0.00
)

// defaultParts is a minimal workbook with one sheet "Antworten" at
// xl/worksheets/sheet1.xml, shared strings and styles.
func defaultParts() map[string]string {
	return map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + `><sheets><sheet name="Antworten" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + nsMain + `>` +
			`<numFmts count="2"><numFmt numFmtId="164" formatCode="dd.mm.yyyy hh:mm"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts>` +
			`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
			`<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
		"xl/sharedStrings.xml":     sst(),
		"xl/worksheets/sheet1.xml": sheetXML(""),
	}
}

func sst(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + ` count="` + strconv.Itoa(len(items)) + `">` +
		joinItems(items) + "</sst>"
}

func joinItems(items []string) string {
	var b bytes.Buffer
	for _, it := range items {
		b.WriteString("<si>" + it + "</si>")
	}
	return b.String()
}

func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet ` + nsMain + `><dimension ref="A1"/><sheetData>` + rows + `</sheetData><pageMargins left="0.7"/></worksheet>`
}

// zipParts writes parts into a zip, in name order, deflated.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawBook is defaultParts with some parts replaced (an empty value drops
// the part).
func rawBook(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	all := defaultParts()
	for k, v := range parts {
		if v == "" {
			delete(all, k)
		} else {
			all[k] = v
		}
	}
	return zipParts(t, all)
}

// readCells reads a sheet of an in-memory workbook with this package.
func readCells(data []byte, sheet string, lim Limits) ([]cell, error) {
	b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "umfrage.xlsx", lim)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	rr, err := b.Cells(sheet)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	return collect(rr)
}

func collect(rr array.RecordReader) ([]cell, error) {
	var out []cell
	for rr.Next() {
		rec := rr.RecordBatch()
		rows := rec.Column(0).(*array.Int32)
		cols := rec.Column(1).(*array.Int32)
		vals := rec.Column(2).(*array.String)
		for i := range int(rec.NumRows()) {
			out = append(out, cell{int(rows.Value(i)), int(cols.Value(i)), vals.Value(i)})
		}
	}
	return out, rr.Err()
}

// refCells reads a sheet with excelize the way pipeline/ingest's reference
// reader does: RawCellValue, date-styled numbers as ISO text, booleans as
// TRUE/FALSE, a formula without value as "=" + formula.
func refCells(data []byte, sheet string) ([]cell, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	var out []cell
	for r, cells := range rows {
		for c, v := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v == "" {
				if fx, _ := f.GetCellFormula(sheet, ref); fx != "" {
					// Without control characters, as this reader keeps a formula.
					out = append(out, cell{r + 1, c + 1, "=" + string(sanitize.StripControls(nil, []byte(fx)))})
				}
				continue
			}
			switch typ, _ := f.GetCellType(sheet, ref); typ {
			case excelize.CellTypeNumber, excelize.CellTypeUnset, excelize.CellTypeDate:
				if iso, ok := refDate(f, sheet, ref, v, date1904); ok {
					v = iso
				}
			case excelize.CellTypeBool:
				v = map[string]string{"1": "TRUE", "0": "FALSE"}[v]
			}
			// This reader keeps no control characters (sheet.go); excelize
			// decodes a typed "_x0000_" into a NUL and keeps it.
			if v = string(sanitize.StripControls(nil, []byte(v))); v == "" {
				continue
			}
			out = append(out, cell{r + 1, c + 1, v})
		}
	}
	return out, nil
}

func refDate(f *excelize.File, sheet, ref, v string, date1904 bool) (string, bool) {
	style, err := f.GetCellStyle(sheet, ref)
	if err != nil || style == 0 {
		return "", false
	}
	st, err := f.GetStyle(style)
	if err != nil {
		return "", false
	}
	kind := BuiltinDateKind(st.NumFmt)
	if st.CustomNumFmt != nil {
		kind = FormatDateKind(*st.CustomNumFmt)
	}
	if kind == NotDate {
		return "", false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", false
	}
	return SerialToISO(x, kind, date1904)
}

// sameCells compares this reader with the reference on every sheet.
func sameCells(t *testing.T, data []byte) {
	t.Helper()
	b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "ref.xlsx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, sheet := range b.Sheets() {
		want, err := refCells(data, sheet)
		if err != nil {
			t.Fatalf("reference: %v", err)
		}
		got, err := readCells(data, sheet, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		if d := diffCells(got, want); d != "" {
			t.Fatalf("sheet %s differs from excelize:\n%s", sheet, d)
		}
	}
}

func diffCells(got, want []cell) string {
	var b bytes.Buffer
	n := max(len(got), len(want))
	for i := range n {
		var g, w cell
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			fmt.Fprintf(&b, "cell %d: got %v, want %v\n", i, g, w)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}

// mustErr asserts that err matches sentinel.
func mustErr(t *testing.T, err, sentinel error) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v, want %v", err, sentinel)
	}
}
