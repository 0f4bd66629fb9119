package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/internal/sample"
)

// The generated survey: a German Microsoft Forms export of the conference's
// questionnaire with 20 columns, as in testdata/mdk16-msforms.xlsx, so that
// the built-in survey definition maps every column.
const sheetName = "Formular1"

var (
	header = func() []string {
		q := sample.QuestionsDE
		h := []string{"ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name", "Zeitpunkt der letzten Änderung", q.State, q.Sector}
		for _, it := range sample.Items {
			h = append(h, q.Need+"."+it.DE)
		}
		return append(h, q.Topics, q.Sat, q.NPS, q.Improve)
	}()
	phrases = []string{"Mehr Zeit für Fragen aus dem Publikum.", "Die Pausen waren zu kurz.",
		"Bitte die Präsentationen vorab bereitstellen.", "Mehr Praxisbeispiele aus Kommunen.",
		"Der Hörsaal war zu warm & die Akustik schwierig.", "Gerne mehr Workshops statt Frontalvorträge.",
		"WLAN war überlastet.", "Kürzere Grußworte, dafür mehr Inhalt.", "Gute Veranstaltung, weiter so!",
		"Weniger Buzzwords, mehr Zahlen <3", "Vorträge aufzeichnen; nachträglich verfügbar machen.",
		"Mehr zu \"KI\" in der Sachbearbeitung."}
)

// answer is one generated cell: a string, an int, or a date (seconds since
// the Excel epoch, so the workbook's serial and the CSV's text agree).
type answer struct {
	s    string
	n    int
	secs int64
	kind byte // 's', 'n', 'd', 0 for empty
}

// survey yields the answers of a row deterministically.
type survey struct {
	rng   *rand.Rand
	start int64
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func newSurvey() *survey {
	return &survey{rng: rand.New(rand.NewPCG(2025, 7)), start: int64(time.Date(2025, 11, 13, 15, 0, 0, 0, time.UTC).Sub(excelEpoch) / time.Second)}
}

// row fills out with the answers of response id: labels as Microsoft Forms
// writes them, some "keine Angabe" and blank need cells, topics as "A;B;",
// now and then an e-mail address in the free text for the scrubber.
func (g *survey) row(id int, out []answer) {
	r := g.rng
	pick := func(ls []sample.Label) answer { return answer{s: ls[r.IntN(len(ls))].DE, kind: 's'} }
	begin := g.start + int64(id)*3 + int64(r.IntN(30))
	out[0] = answer{n: id, kind: 'n'}
	out[1] = answer{secs: begin, kind: 'd'}
	out[2] = answer{secs: begin + 90 + int64(r.IntN(900)), kind: 'd'}
	out[3], out[4] = answer{s: "anonymous", kind: 's'}, answer{}
	if r.IntN(10) == 0 {
		out[3] = answer{s: "person" + strconv.Itoa(id) + "@beispiel.de", kind: 's'}
		out[4] = answer{s: "Person " + strconv.Itoa(id), kind: 's'}
	}
	out[5] = answer{} // last modified: empty in Forms exports
	out[6], out[7] = pick(sample.States), pick(sample.Sectors)
	var topics strings.Builder
	for i, it := range sample.Items {
		switch u := r.IntN(100); {
		case u < 5:
			out[8+i] = answer{s: sample.NoAnswerDE, kind: 's'}
		case u < 8:
			out[8+i] = answer{}
		default:
			out[8+i] = answer{s: sample.ScaleDE[r.IntN(5)], kind: 's'}
		}
		if r.IntN(4) == 0 {
			topics.WriteString(it.DE + ";") // Forms ends every chosen option with ";"
		}
	}
	out[16] = answer{s: topics.String(), kind: 's'}
	if topics.Len() == 0 {
		out[16] = answer{}
	}
	out[17], out[18] = answer{n: 1 + r.IntN(5), kind: 'n'}, answer{n: r.IntN(11), kind: 'n'}
	if r.IntN(50) == 0 {
		out[17] = answer{}
	}
	if r.IntN(50) == 0 {
		out[18] = answer{}
	}
	out[19] = answer{}
	switch u := r.IntN(100); {
	case u < 2:
		out[19] = answer{s: phrases[r.IntN(len(phrases))] + " Rückfragen an orga" + strconv.Itoa(id) + "@beispiel.de", kind: 's'}
	case u < 40:
		out[19] = answer{s: phrases[r.IntN(len(phrases))] + " " + phrases[r.IntN(len(phrases))], kind: 's'}
	}
}

// serial is the Excel serial number of a time in seconds since the epoch.
func serial(secs int64) float64 { return float64(secs) / 86400 }

// germanTime is what German Excel writes into a CSV for a cell formatted
// dd.mm.yyyy hh:mm:ss.
func germanTime(secs int64) string {
	return excelEpoch.Add(time.Duration(secs) * time.Second).Format("02.01.2006 15:04:05")
}

// filePath names a generated file by its parameters; bump v2 when
// the generator changes.
func filePath(dir, variant string, rows int) string {
	return filepath.Join(dir, fmt.Sprintf("msforms-v2-%s-%d.%s", variant, rows, ext(variant)))
}

// ext is the file extension of a variant.
func ext(variant string) string {
	if variant == "csv" {
		return "csv"
	}
	return "xlsx"
}

// generated returns the cached file of a variant and row count, generating
// it on first use.
func generated(dir, variant string, rows int) (string, error) {
	path := filePath(dir, variant, rows)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp := strings.TrimSuffix(path, filepath.Ext(path)) + ".tmp" + filepath.Ext(path) // excelize saves by extension
	var err error
	switch variant {
	case "shared":
		err = writeShared(tmp, rows)
	case "inline":
		err = writeInline(tmp, rows)
	case "csv":
		err = writeCSV(tmp, rows)
	default:
		err = fmt.Errorf("unknown variant %q (shared, inline, csv)", variant)
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// writeInline writes the survey with excelize's StreamWriter, which stores
// strings inline.
func writeInline(path string, rows int) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	custom := "dd.mm.yyyy hh:mm:ss"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	vals := make([]any, len(header))
	for i, h := range header {
		vals[i] = h
	}
	if err := sw.SetRow("A1", vals); err != nil {
		return err
	}
	g := newSurvey()
	ans := make([]answer, len(header))
	for id := 1; id <= rows; id++ {
		g.row(id, ans)
		for i, a := range ans {
			switch a.kind {
			case 's':
				vals[i] = a.s
			case 'n':
				vals[i] = a.n
			case 'd':
				vals[i] = excelize.Cell{StyleID: dateStyle, Value: serial(a.secs)}
			default:
				vals[i] = nil
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, id+1)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// writeShared writes the survey the way Excel saves it, every string in
// the shared strings table. excelize's StreamWriter writes strings inline
// only, so this variant is written directly.
func writeShared(path string, rows int) (err error) {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.DefaultCompression)
	})
	for _, p := range [][2]string{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/styles.xml", stylesXML},
	} {
		w, err := zw.Create(p[0])
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			return err
		}
	}
	zf, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(zf, 1<<20)
	index := map[string]int{}
	var strs []string
	sid := func(s string) int {
		i, ok := index[s]
		if !ok {
			i = len(strs)
			index[s] = i
			strs = append(strs, s)
		}
		return i
	}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">`)
	fmt.Fprintf(w, `<dimension ref="A1:T%d"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>`, rows+1)
	g := newSurvey()
	ans := make([]answer, len(header))
	var num []byte
	for r := 1; r <= rows+1; r++ {
		if r == 1 {
			for i, h := range header {
				ans[i] = answer{s: h, kind: 's'}
			}
		} else {
			g.row(r-1, ans)
		}
		fmt.Fprintf(w, `<row r="%d" spans="1:20" x14ac:dyDescent="0.25">`, r)
		for i, a := range ans {
			ref := string(rune('A'+i)) + strconv.Itoa(r)
			switch a.kind {
			case 's':
				fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, sid(a.s))
			case 'n':
				fmt.Fprintf(w, `<c r="%s"><v>%d</v></c>`, ref, a.n)
			case 'd':
				num = strconv.AppendFloat(num[:0], serial(a.secs), 'f', -1, 64)
				fmt.Fprintf(w, `<c r="%s" s="1"><v>%s</v></c>`, ref, num)
			}
		}
		w.WriteString(`</row>`)
	}
	w.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.78740157499999996" bottom="0.78740157499999996" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	zf, err = zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	w = bufio.NewWriterSize(zf, 1<<20)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\r\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
	for _, s := range strs {
		w.WriteString("<si><t>")
		escape(w, s)
		w.WriteString("</t></si>")
	}
	w.WriteString("</sst>")
	if err := w.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// writeCSV writes the survey as German Excel saves it as "CSV UTF-8":
// a byte order mark, ';' between fields, CRLF, dates as the cells show them.
func writeCSV(path string, rows int) (err error) {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(out, 1<<20)
	w.WriteString("\ufeff")
	field := func(i int, s string) {
		if i > 0 {
			w.WriteByte(';')
		}
		if strings.ContainsAny(s, ";\"\r\n") {
			s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		w.WriteString(s)
	}
	for i, h := range header {
		field(i, h)
	}
	w.WriteString("\r\n")
	g := newSurvey()
	ans := make([]answer, len(header))
	for id := 1; id <= rows; id++ {
		g.row(id, ans)
		for i, a := range ans {
			switch a.kind {
			case 's':
				field(i, a.s)
			case 'n':
				field(i, strconv.Itoa(a.n))
			case 'd':
				field(i, germanTime(a.secs))
			default:
				field(i, "")
			}
		}
		w.WriteString("\r\n")
	}
	return w.Flush()
}

func escape(w *bufio.Writer, s string) {
	strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").WriteString(w, s)
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="166925"/><sheets><sheet name="` + sheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
	stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
)
