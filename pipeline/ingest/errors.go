package ingest

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// Sentinel errors; match them with errors.Is. Those the xlsx reader also
// returns are its own values, so a check holds whichever reader read the
// file.
var (
	ErrNotFound    = errors.New("file not found")
	ErrUnsupported = errors.New("unsupported file type")
	ErrEmpty       = errors.New("file is empty")
	ErrNoSheet     = xlsx.ErrNoSheet
	ErrEncrypted   = xlsx.ErrEncrypted
	ErrNotZip      = xlsx.ErrNotZip
	ErrTooLarge    = xlsx.ErrTooLarge
	ErrZipBomb     = xlsx.ErrZipBomb
	ErrCorrupt     = xlsx.ErrCorrupt
)

// IsInput reports whether err means an input file cannot be used as it is
// (as opposed to an I/O or internal failure): a cell, a CSV position, a
// damaged, encrypted, oversized or empty file.
func IsInput(err error) bool {
	var ce *CellError
	var xe *xlsx.CellError
	var pe *ParseError
	if errors.As(err, &ce) || errors.As(err, &xe) || errors.As(err, &pe) {
		return true
	}
	for _, s := range []error{ErrNotFound, ErrNotRegular, ErrUnsupported, ErrEmpty, ErrNoSheet, ErrEncrypted, ErrNotZip,
		ErrTooLarge, ErrZipBomb, ErrCorrupt, ErrQuote, ErrFieldTooLong, ErrNUL, ErrEncoding} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// CellError points at one cell of an input file. It prints as
//
//	umfrage.xlsx: Antworten!C7: not a number: "n/a"
//
// Row and Col are 1-based; a zero Col names the whole row.
type CellError struct {
	File  string
	Sheet string
	Row   int
	Col   int
	Err   error
}

func (e *CellError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.File, CellRef(e.Sheet, e.Row, e.Col), e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// CellRef formats a position the way Excel users read it: Antworten!C7, or C7
// for a CSV file, or "row 7" when no column applies.
func CellRef(sheet string, row, col int) string {
	var ref string
	if col > 0 {
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			name = fmt.Sprintf("col%d", col)
		}
		ref = fmt.Sprintf("%s%d", name, row)
	} else {
		ref = fmt.Sprintf("row %d", row)
	}
	if sheet != "" {
		ref = sheet + "!" + ref
	}
	return ref
}

// ColName returns the letters of a 1-based column number (3 → "C").
func ColName(col int) string {
	if col < 1 || col > excelize.MaxColumns {
		return fmt.Sprintf("col%d", col)
	}
	return xlsx.ColName(col)
}
