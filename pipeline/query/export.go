package query

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"

	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// WriteParquet streams a result into a zstd Parquet file and releases the
// reader; more than max rows (when max > 0) is an error wrapping
// ErrTooLarge.
func WriteParquet(w io.Writer, rr array.RecordReader, max int) error {
	defer rr.Release()
	pw, err := pqarrow.NewFileWriter(rr.Schema(), w,
		parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return err
	}
	n := int64(0)
	for rr.Next() {
		rec := rr.RecordBatch()
		if n += rec.NumRows(); max > 0 && n > int64(max) {
			pw.Close()
			return fmt.Errorf("%w: more than %d rows", ErrTooLarge, max)
		}
		if err := pw.Write(rec); err != nil {
			pw.Close()
			return err
		}
	}
	if err := rr.Err(); err != nil {
		pw.Close()
		return err
	}
	return pw.Close()
}

// Sheet is a result to write as a worksheet.
type Sheet struct {
	Name string // at most 31 characters, none of []:*?/\
	Rows Cursor
}

// WriteXLSX writes tables as worksheets: numbers as numbers, dates as
// dates, text as text. Text that looks like a formula is written as a
// string cell (never a formula) with the Text number format "@", so it
// stays text even when a user edits the cell.
func WriteXLSX(w io.Writer, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	quoted, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return err
		}
		if err := writeSheet(f, s.Name, s.Rows, quoted, dateStyle); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, sheet string, t Cursor, quoted, dateStyle int) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cell := func(s string) excelize.Cell {
		c := excelize.Cell{Value: s}
		if sanitize.Risky(s) {
			c.StyleID = quoted
		}
		return c
	}
	cols := t.Columns()
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = cell(c)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	r := 0
	for row := t.Next(); row != nil; row = t.Next() {
		cells := make([]any, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case string:
				cells[i] = cell(x)
			case time.Time:
				cells[i] = excelize.Cell{Value: x, StyleID: dateStyle}
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					cells[i] = nil // Excel has no NaN; an empty cell
					continue
				}
				cells[i] = excelize.Cell{Value: x}
			default:
				cells[i] = excelize.Cell{Value: v}
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
		r++
	}
	if err := t.Err(); err != nil {
		return err
	}
	return sw.Flush()
}
