package testfiles

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Rows reads the first sheet of a workbook as the text a user sees (dates
// as displayed), the header row first.
func Rows(path string) ([][]string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.GetRows(f.GetSheetList()[0])
}

// Scale returns the header and n data rows, cycling through the data rows
// of rows and numbering column idCol 1…n, so every row is a new response.
func Scale(rows [][]string, n, idCol int) [][]string {
	out := make([][]string, 0, n+1)
	out = append(out, rows[0])
	data := rows[1:]
	for i := range n {
		r := append([]string(nil), data[i%len(data)]...)
		for len(r) <= idCol {
			r = append(r, "")
		}
		r[idCol] = strconv.Itoa(i + 1)
		out = append(out, r)
	}
	return out
}

// WriteCSV writes rows as a ';'-separated UTF-8 CSV file, quoting where
// needed, with CRLF line ends as Excel writes them.
func WriteCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteXLSX writes rows into the sheet "Sheet1" of a new workbook with
// excelize's stream writer: whole numbers as numbers, everything else as
// text (never as a formula).
func WriteXLSX(path string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			if n, err := strconv.Atoi(v); err == nil && i > 0 && strconv.Itoa(n) == v {
				cells[j] = n
			} else if v != "" {
				cells[j] = v
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// Column returns the index of the header cell named name, or an error.
func Column(rows [][]string, name string) (int, error) {
	for i, h := range rows[0] {
		if h == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("no column %q", name)
}
