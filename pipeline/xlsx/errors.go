package xlsx

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors; match them with errors.Is. Every error this package
// returns starts with the file name.
var (
	ErrNotZip    = errors.New("not an xlsx file (not a zip archive)")
	ErrEncrypted = errors.New("workbook is encrypted: save it without a password and import again")
	ErrZipBomb   = errors.New("inflates far beyond what a workbook does (zip bomb?)")
	ErrTooLarge  = errors.New("exceeds the import limits")
	ErrCorrupt   = errors.New("file is damaged")
	ErrNoSheet   = errors.New("no such sheet")
)

// CellError points at one cell. It prints as
//
//	umfrage.xlsx: Antworten!C7: cell text longer than 32767 characters
//
// and matches its sentinel (Err) with errors.Is. A zero Col names the row.
type CellError struct {
	File  string
	Sheet string
	Row   int
	Col   int
	Msg   string
	Err   error
}

func (e *CellError) Error() string {
	ref := "row " + strconv.Itoa(e.Row)
	if e.Col > 0 {
		ref = ColName(e.Col) + strconv.Itoa(e.Row)
	}
	return fmt.Sprintf("%s: %s!%s: %s", e.File, e.Sheet, ref, e.Msg)
}

func (e *CellError) Unwrap() error { return e.Err }

// ColName returns the letters of a 1-based column number (3 → "C").
func ColName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}
