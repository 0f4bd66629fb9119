package sample

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// cell is one value as a layout wants it stored. In an xlsx file the kind
// decides the cell type; CSV layouts only use text.
type cell struct {
	kind  cellKind
	s     string
	n     float64
	t     time.Time
	style string // number format of a date cell
}

type cellKind uint8

const (
	empty cellKind = iota
	text
	number
	date
	formula // s holds the formula without "=", stored without a cached value
)

func txt(s string) cell {
	if s == "" {
		return cell{}
	}
	return cell{kind: text, s: s}
}

func num(v int) cell                    { return cell{kind: number, n: float64(v)} }
func when(t time.Time, fmt string) cell { return cell{kind: date, t: t, style: fmt} }

// optNum is a number, or empty when the question was not answered.
func optNum(v int, answered bool) cell {
	if !answered {
		return cell{}
	}
	return num(v)
}

// grid is a sheet's content from its first row: rows of cells, nil for a
// fully blank row.
type grid [][]cell

func textRow(ss ...string) []cell {
	out := make([]cell, len(ss))
	for i, s := range ss {
		out[i] = txt(s)
	}
	return out
}

// book builds a workbook whose bytes depend only on its content.
type book struct {
	f      *excelize.File
	styles map[string]int
	sheets int
	err    error
}

func newBook() *book {
	return &book{f: excelize.NewFile(), styles: map[string]int{}}
}

// sheet writes g into a new sheet from A1; the first call renames the
// default "Sheet1".
func (b *book) sheet(name string, g grid) {
	if b.err != nil {
		return
	}
	if b.sheets == 0 {
		if name != "Sheet1" {
			b.err = b.f.SetSheetName("Sheet1", name)
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		b.err = err
	}
	b.sheets++
	for r, row := range g {
		for c, v := range row {
			if b.err != nil {
				return
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			b.err = b.set(name, ref, v)
		}
	}
}

func (b *book) set(sheet, ref string, v cell) error {
	switch v.kind {
	case text:
		return b.f.SetCellStr(sheet, ref, v.s)
	case number:
		if v.n == float64(int64(v.n)) {
			return b.f.SetCellInt(sheet, ref, int64(v.n))
		}
		return b.f.SetCellFloat(sheet, ref, v.n, -1, 64)
	case date:
		// Store the serial ourselves: it is the wall-clock time as Excel
		// sees it, independent of excelize's time-zone handling.
		if err := b.f.SetCellFloat(sheet, ref, excelSerial(v.t), -1, 64); err != nil {
			return err
		}
		id, ok := b.styles[v.style]
		if !ok {
			s := v.style
			var err error
			if id, err = b.f.NewStyle(&excelize.Style{CustomNumFmt: &s}); err != nil {
				return err
			}
			b.styles[v.style] = id
		}
		return b.f.SetCellStyle(sheet, ref, ref, id)
	case formula:
		return b.f.SetCellFormula(sheet, ref, v.s)
	}
	return nil
}

// save writes the workbook with fixed document properties, so that two
// runs produce the same bytes.
func (b *book) save(path, creator string, created time.Time) error {
	if b.err != nil {
		return b.err
	}
	stamp := created.UTC().Format("2006-01-02T15:04:05Z")
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Creator: creator, LastModifiedBy: creator, Created: stamp, Modified: stamp,
	}); err != nil {
		return err
	}
	b.f.SetActiveSheet(0)
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is the Excel 1900-system serial of t's wall-clock time.
func excelSerial(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	d := wall.Sub(excelEpoch)
	days := d / (24 * time.Hour)
	secs := (d % (24 * time.Hour)) / time.Second
	return float64(days) + float64(secs)/86400
}

// csvOpts describe how a tool writes CSV.
type csvOpts struct {
	sep      byte
	crlf     bool
	quoteAll bool
	bom      bool
	cp1252   bool
}

// writeCSV writes string rows; nil rows are blank lines.
func writeCSV(path string, rows [][]string, o csvOpts) error {
	var b bytes.Buffer
	if o.bom {
		b.WriteString("\uFEFF")
	}
	eol := "\n"
	if o.crlf {
		eol = "\r\n"
	}
	for _, row := range rows {
		for i, f := range row {
			if i > 0 {
				b.WriteByte(o.sep)
			}
			if o.quoteAll || strings.ContainsAny(f, string(o.sep)+"\"\r\n") {
				b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
			} else {
				b.WriteString(f)
			}
		}
		b.WriteString(eol)
	}
	out := b.Bytes()
	if o.cp1252 {
		enc, err := charmap.Windows1252.NewEncoder().Bytes(out)
		if err != nil {
			return fmt.Errorf("%s: not representable in Windows-1252: %w", path, err)
		}
		out = enc
	}
	return os.WriteFile(path, out, 0o644)
}

// colName is the spreadsheet letter of a 1-based column.
func colName(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}
