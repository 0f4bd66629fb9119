package ingest

import (
	"os"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/xlsx"
)

// workbook reads xlsx with the streaming reader: memory does not grow with
// the number of rows, and hostile files (zip bombs, bad CRCs, DOCTYPE) are
// refused before they cost anything.
type workbook struct {
	name string
	b    *xlsx.Book
}

func openWorkbook(f *os.File, name string) (Book, error) {
	b, err := xlsx.OpenFile(f, name, xlsx.DefaultLimits())
	if err != nil {
		return nil, err // xlsx names the file
	}
	return &workbook{name: name, b: b}, nil
}

func (w *workbook) Name() string     { return w.name }
func (w *workbook) Format() string   { return "xlsx" }
func (w *workbook) Sheets() []string { return w.b.Sheets() }
func (w *workbook) Close() error     { return w.b.Close() }

// Repairs is none: a workbook cell cannot hold a NUL.
func (w *workbook) Repairs() []Repair { return nil }

func (w *workbook) Cells(sheet string) (array.RecordReader, error) { return w.b.Cells(sheet) }
