package ingest

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// Book is an opened input file: a workbook with sheets, or a CSV file, which
// has one sheet named "".
type Book interface {
	// Name is the file's base name, used in messages and the manifest.
	Name() string
	// Format is "xlsx" or "csv".
	Format() string
	// Sheets lists the sheet names in workbook order.
	Sheets() []string
	// Cells streams the non-empty cells of a sheet as CellSchema records.
	// The caller releases the reader.
	Cells(sheet string) (array.RecordReader, error)
	// Repairs says what the latest Cells mended instead of refusing the
	// file, once its reader reached the end; the importer says it.
	Repairs() []Repair
	Close() error
}

// Repair is something a reader mended in a file: Count times, first at
// Line and Column (of the text, 1-based).
type Repair struct {
	Kind         RepairKind
	Count        int
	Line, Column int
}

// RepairKind says what was mended.
type RepairKind string

// RepairNUL: NUL bytes dropped from a CSV file's text (a cell cannot
// hold one; real exports have a few).
const RepairNUL RepairKind = "nul"

// Options configure Open. The zero value sniffs everything.
type Options struct {
	// Encoding of a CSV file: "" sniffs (UTF-8, UTF-8 with BOM, UTF-16 with
	// BOM, else Windows-1252); or one of "utf-8", "windows-1252", "latin1".
	Encoding string
	// Delimiter of a CSV file: 0 sniffs among ';', ',', tab and '|'.
	Delimiter rune
	// Reference reads xlsx with excelize instead of the streaming reader; it
	// is the reference the fast reader is tested against.
	Reference bool
}

// Open opens an xlsx or csv file by its extension.
func Open(path string, opt Options) (Book, error) {
	name := filepath.Base(path)
	f, err := OpenFile(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.Size() == 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".xlsm":
		if opt.Reference {
			f.Close()
			return openExcelize(path, name)
		}
		return openWorkbook(f, name)
	case ".csv", ".tsv", ".txt":
		f.Close()
		return openCSV(path, name, opt)
	default:
		f.Close()
		return nil, fmt.Errorf("%s: %w %q: resonanz reads .xlsx and .csv (save .xls or .ods as .xlsx first)", name, ErrUnsupported, ext)
	}
}
