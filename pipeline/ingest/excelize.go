package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// excelBook reads a workbook with excelize. It holds whole sheets in memory:
// it is the reference for the streaming reader and the fallback for what
// that one cannot read.
type excelBook struct {
	name     string
	f        *excelize.File
	date1904 bool
	kinds    map[int]xlsx.DateKind
}

func openExcelize(path, name string) (Book, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, openError(path, name, err)
	}
	b := &excelBook{name: name, f: f, kinds: map[int]xlsx.DateKind{}}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		b.date1904 = *p.Date1904
	}
	return b, nil
}

func (b *excelBook) Name() string     { return b.name }
func (b *excelBook) Format() string   { return "xlsx" }
func (b *excelBook) Sheets() []string { return b.f.GetSheetList() }
func (b *excelBook) Close() error     { return b.f.Close() }

// Repairs is none: a workbook cell cannot hold a NUL.
func (b *excelBook) Repairs() []Repair { return nil }

func (b *excelBook) Cells(sheet string) (array.RecordReader, error) {
	if idx, _ := b.f.GetSheetIndex(sheet); idx < 0 {
		return nil, fmt.Errorf("%s: %w %q (sheets: %s)", b.name, ErrNoSheet, sheet, strings.Join(b.Sheets(), ", "))
	}
	rows, err := b.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		// excelize fails here only on XML it cannot parse.
		return nil, fmt.Errorf("%s: %s: %v: %w", b.name, sheet, err, ErrCorrupt)
	}
	cb := newCellBuilder()
	for r, cells := range rows {
		for c, v := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v == "" {
				// A formula without a cached value: keep what was typed.
				if fx, _ := b.f.GetCellFormula(sheet, ref); fx != "" {
					cb.add(r+1, c+1, "="+fx)
				}
				continue
			}
			if t, _ := b.f.GetCellType(sheet, ref); t == excelize.CellTypeNumber || t == excelize.CellTypeUnset || t == excelize.CellTypeDate {
				if iso, ok := b.dateText(sheet, ref, v); ok {
					v = iso
				}
			} else if t == excelize.CellTypeBool {
				v = map[string]string{"1": "TRUE", "0": "FALSE"}[v]
			}
			cb.add(r+1, c+1, v)
		}
	}
	return cb.reader(), nil
}

// dateText returns the ISO text of a number cell whose format is a date.
func (b *excelBook) dateText(sheet, ref, v string) (string, bool) {
	style, err := b.f.GetCellStyle(sheet, ref)
	if err != nil || style == 0 {
		return "", false
	}
	kind, ok := b.kinds[style]
	if !ok {
		if st, err := b.f.GetStyle(style); err == nil {
			kind = xlsx.BuiltinDateKind(st.NumFmt)
			if st.CustomNumFmt != nil {
				kind = xlsx.FormatDateKind(*st.CustomNumFmt)
			}
		}
		b.kinds[style] = kind
	}
	if kind == xlsx.NotDate {
		return "", false
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", false
	}
	return xlsx.SerialToISO(f, kind, b.date1904)
}

// openError says why excelize could not open a file, in the streaming
// reader's terms: excelize reports a file that is no zip, a truncated zip
// and an encrypted workbook alike as "not a valid zip file".
func openError(path, name string, err error) error {
	if strings.Contains(err.Error(), "password") || strings.Contains(err.Error(), "encrypt") {
		return fmt.Errorf("%s: %w", name, ErrEncrypted)
	}
	var head [8]byte
	if f, oerr := os.Open(path); oerr == nil {
		defer f.Close()
		_, _ = io.ReadFull(f, head[:])
		if st, serr := f.Stat(); serr == nil && xlsx.IsCompoundFile(head[:]) {
			return xlsx.CompoundFileError(f, st.Size(), name)
		}
	}
	switch {
	case string(head[:2]) == "PK":
		return fmt.Errorf("%s: %v (an incomplete download or a damaged file?): %w", name, err, ErrCorrupt)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fmt.Errorf("%s: %w", name, ErrNotZip)
	}
	return fmt.Errorf("%s: cannot read workbook: %w", name, err)
}
