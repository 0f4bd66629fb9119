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
)

// The generated survey: a German MS Forms export with 20 columns.
const sheetName = "Formular1"

var (
	header = []string{"ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name",
		"Bundesland", "Branche", "Die Arbeit ist abwechslungsreich", "Ich fühle mich informiert",
		"Die Führung ist fair", "Ich kann mitentscheiden", "Das Team hält zusammen",
		"Die Ausstattung ist gut", "Ich würde bleiben", "Die Bezahlung ist angemessen",
		"Alter", "Anzahl Mitarbeitende", "Zufriedenheit (0–10)", "Weiterempfehlung", "Anmerkungen"}
	states = []string{"Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg",
		"Hessen", "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz",
		"Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"}
	sectors = []string{"Öffentliche Verwaltung", "Gesundheit & Soziales", "Handel", "Industrie",
		"Handwerk", "IT & Kommunikation", "Bildung", "Finanzen", "Logistik", "Gastgewerbe", "Bau", "Sonstiges"}
	likert = []string{"Stimme voll zu", "Stimme eher zu", "Teils/teils", "Stimme eher nicht zu", "Stimme überhaupt nicht zu"}
	recom  = []string{"Ja", "Nein", "Vielleicht"}
	first  = []string{"Anna", "Jürgen", "Mehmet", "Sophie", "Lukas", "Özlem", "Thomas", "Marie", "Jan", "Käthe",
		"Paul", "Leonie", "Stefan", "Aylin", "Michael", "Laura", "Björn", "Fatma", "Felix", "Sabine"}
	last = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
		"Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Yılmaz"}
	phrases = []string{"Mehr Homeoffice wäre schön.", "Die Kantine ist zu teuer.", "Danke für die Umfrage!",
		"Bitte mehr Fortbildungen anbieten.", "Kommunikation zwischen Abteilungen verbessern.",
		"Die Software ist veraltet & langsam.", "Gute Stimmung im Team.", "Parkplätze fehlen.",
		"Überstunden werden nicht ausgeglichen.", "Flexible Arbeitszeiten <3"}
)

// answer is one generated cell: a string, an int, or a date (serial days).
type answer struct {
	s    string
	n    int
	date float64
	kind byte // 's', 'n', 'd', 0 for empty
}

// survey yields the answers of a row deterministically.
type survey struct {
	rng   *rand.Rand
	start time.Time
}

func newSurvey() *survey {
	return &survey{rng: rand.New(rand.NewPCG(2024, 7)), start: time.Date(2024, 3, 4, 8, 0, 0, 0, time.UTC)}
}

func (g *survey) row(id int, out []answer) {
	r := g.rng
	pick := func(xs []string) answer { return answer{s: xs[r.IntN(len(xs))], kind: 's'} }
	begin := g.start.Add(time.Duration(id)*37*time.Second + time.Duration(r.IntN(30))*time.Second)
	end := begin.Add(time.Duration(90+r.IntN(900)) * time.Second)
	fn, ln := first[r.IntN(len(first))], last[r.IntN(len(last))]
	out[0] = answer{n: id, kind: 'n'}
	out[1] = answer{date: serial(begin), kind: 'd'}
	out[2] = answer{date: serial(end), kind: 'd'}
	out[3] = answer{s: strings.ToLower(asciiFold(fn)+"."+asciiFold(ln)) + strconv.Itoa(id) + "@beispiel.de", kind: 's'}
	out[4] = answer{s: fn + " " + ln, kind: 's'}
	out[5], out[6] = pick(states), pick(sectors)
	for i := 7; i < 15; i++ {
		out[i] = pick(likert)
	}
	out[15] = answer{n: 18 + r.IntN(50), kind: 'n'}
	out[16] = answer{n: 1 + r.IntN(5000), kind: 'n'}
	out[17] = answer{n: r.IntN(11), kind: 'n'}
	out[18] = pick(recom)
	out[19] = answer{}
	if r.IntN(10) < 4 {
		out[19] = answer{s: phrases[r.IntN(len(phrases))] + " " + phrases[r.IntN(len(phrases))], kind: 's'}
	}
}

func asciiFold(s string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss", "ı", "i").Replace(s)
}

func serial(t time.Time) float64 {
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))) / float64(24*time.Hour)
}

// workbookPath names a generated workbook by its parameters; bump v1 when
// the generator changes.
func workbookPath(dir, variant string, rows int) string {
	return filepath.Join(dir, fmt.Sprintf("msforms-v1-%s-%d.xlsx", variant, rows))
}

// workbook returns the cached workbook for a variant and row count,
// generating it on first use.
func workbook(dir, variant string, rows int) (string, error) {
	path := workbookPath(dir, variant, rows)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp := strings.TrimSuffix(path, ".xlsx") + ".tmp.xlsx" // excelize saves by extension
	var err error
	switch variant {
	case "shared":
		err = writeShared(tmp, rows)
	case "inline":
		err = writeInline(tmp, rows)
	default:
		err = fmt.Errorf("unknown variant %q (shared, inline)", variant)
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
				vals[i] = excelize.Cell{StyleID: dateStyle, Value: a.date}
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
				num = strconv.AppendFloat(num[:0], a.date, 'f', -1, 64)
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
