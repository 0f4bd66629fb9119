package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// tailTable is a sheet's last table: excelize holds its header, and its
// rows are written into the worksheet's XML as the file is saved. At a
// million responses the open answers are 400,000 rows, which took
// excelize 1.2 GB; written here they cost nothing beyond the table.
type tailTable struct {
	headRow int
	m       *sheetModel
	widths  []float64
}

// write saves the workbook: excelize writes it without the tail tables'
// rows, then each part is copied as it is compressed, and a worksheet with
// a tail table gets its rows at the end of its sheetData (the rows
// excelize holds are all above the table's first).
func (b *workbook) write(w io.Writer) error {
	if len(b.tails) == 0 {
		return b.f.Write(w)
	}
	var buf bytes.Buffer
	if err := b.f.Write(&buf); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return err
	}
	byPart := map[string]*tailTable{}
	for sh, t := range b.tails {
		p, ok := parts[sh]
		if !ok {
			return fmt.Errorf("report: sheet %q has no part in the workbook", sh)
		}
		byPart[p] = t
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		t := byPart[f.Name]
		if t == nil {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		if err := b.writeTail(zw, f, t); err != nil {
			return fmt.Errorf("report: %s: %w", f.Name, err)
		}
	}
	return zw.Close()
}

// sheetParts maps each worksheet's name to its part in the package, as
// xl/workbook.xml and its relationships say.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXML(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXML(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if !strings.HasPrefix(t, "/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = strings.TrimPrefix(t, "/")
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}

func readXML(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}

// writeTail copies worksheet f with t's rows added at the end of its
// sheetData.
func (b *workbook) writeTail(zw *zip.Writer, f *zip.File, t *tailTable) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	var before, after []byte
	if i := bytes.LastIndex(data, []byte("</sheetData>")); i >= 0 {
		before, after = data[:i], data[i:]
	} else if i := bytes.Index(data, []byte("<sheetData/>")); i >= 0 {
		before = append(data[:i:i], "<sheetData>"...)
		after = append([]byte("</sheetData>"), data[i+len("<sheetData/>"):]...)
	} else {
		return fmt.Errorf("no sheetData")
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	bw.Write(before)
	var cells []xcell
	var height float64
	num := make([]byte, 0, 32)
	for r := range t.m.s.Table.Rows {
		cells, height = b.tableRow(cells[:0], t.m, r, t.widths)
		rn := strconv.Itoa(t.headRow + 1 + r)
		bw.WriteString(`<row r="`)
		bw.WriteString(rn)
		bw.WriteByte('"')
		if height > 0 {
			bw.WriteString(` ht="`)
			bw.Write(strconv.AppendFloat(num[:0], height, 'f', -1, 64))
			bw.WriteString(`" customHeight="1"`)
		}
		bw.WriteByte('>')
		for j, x := range cells {
			writeCell(bw, colLetter(j+1)+rn, x, num)
		}
		bw.WriteString("</row>")
	}
	bw.Write(after)
	if b.err != nil {
		return b.err
	}
	return bw.Flush()
}

// writeCell writes one <c> as excelize would write the same cell, except
// that text is an inline string, not one of the shared strings.
func writeCell(w *bufio.Writer, ref string, x xcell, num []byte) {
	if x.kind == 0 || x.kind == 's' && x.s == "" && x.style == 0 {
		return
	}
	w.WriteString(`<c r="`)
	w.WriteString(ref)
	w.WriteByte('"')
	if x.style != 0 {
		w.WriteString(` s="`)
		w.Write(strconv.AppendInt(num[:0], int64(x.style), 10))
		w.WriteByte('"')
	}
	switch x.kind {
	case 's':
		w.WriteString(` t="inlineStr"><is><t xml:space="preserve">`)
		xml.EscapeText(w, []byte(xstring(x.s)))
		w.WriteString(`</t></is></c>`)
	case 'b':
		w.WriteString(` t="b"><v>`)
		w.WriteString(strconv.Itoa(int(x.f)))
		w.WriteString(`</v></c>`)
	case 'n', 't':
		f := x.f
		if x.kind == 't' {
			var ok bool
			if f, ok = excelTime(x.t); !ok {
				// excelize writes a time before 1900 as its text.
				w.WriteString(` t="inlineStr"><is><t>`)
				w.WriteString(x.t.Format(time.RFC3339Nano))
				w.WriteString(`</t></is></c>`)
				return
			}
		}
		w.WriteString(`><v>`)
		w.WriteString(cellFloat(f))
		w.WriteString(`</v></c>`)
	}
}

// cellFloat is a number as excelize writes it: at most 15 significant
// digits, as Excel keeps.
func cellFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	digits, point := 0, strings.IndexByte(s, '.')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' || digits == 0 && c == '0' {
			continue
		}
		if digits++; digits <= 15 {
			continue
		}
		if point >= 0 && i > point {
			return strings.TrimSuffix(s[:i], ".")
		}
		if point < 0 {
			point = len(s)
		}
		b := []byte(s[:point])
		for ; i < len(b); i++ {
			b[i] = '0'
		}
		return string(b)
	}
	return s
}

// excelTime is t as an Excel serial of the 1900 date system, its wall
// clock as it shows (excelize's conversion, which it does not export).
func excelTime(t time.Time) (float64, bool) {
	const day = 24 * time.Hour
	const maxDuration = 290 * 364 * day
	epoch := time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	buggy := time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	_, offset := t.Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if t.Before(epoch) {
		return 0, false
	}
	tt, diff, result := t, t.Sub(epoch), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(epoch)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(buggy) {
		result++ // Excel's 29 February 1900
	}
	return result, result > 0
}

// xstring is text as a cell holds it: at most excelize.TotalCellChars
// UTF-16 units, and every "_x0041_" kept as typed (Excel reads
// _xHHHH_ as the character HHHH; "_x005F_" is its escaped underscore).
func xstring(s string) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > excelize.TotalCellChars {
			s = s[:i]
			break
		}
	}
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && escapeLike(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeLike reports whether s starts with _xHHHH_.
func escapeLike(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
