package pipeline

import (
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestHiddenRowsShowOnlyDots reads every table of the sample's report.xlsx
// back: in a row whose n is ".", every column that holds a number in some
// row holds "." too — never an empty cell. An interval is NULL exactly when
// n = 1, so an empty interval beside a hidden n would say "n = 1" (that let
// an integer programme recover 8 of the 15 hidden participation counts).
func TestHiddenRowsShowOnlyDots(t *testing.T) {
	w := sampleReport(t, "de")
	f, err := excelize.OpenFile(w.Workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hiddenRows, checked := 0, 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(rows); i++ {
			nc := -1
			for j, h := range rows[i] {
				if h == "" {
					break
				}
				if h == "n" {
					nc = j
				}
			}
			if nc < 0 {
				continue
			}
			// The table: the rows below the header up to the first empty
			// one, its columns up to the first empty heading (the chart
			// data beside it repeats some).
			width := 0
			for width < len(rows[i]) && rows[i][width] != "" {
				width++
			}
			end := i + 1
			for end < len(rows) && len(rows[end]) > 0 && rows[end][0] != "" {
				end++
			}
			figure := make([]bool, width)
			for _, r := range rows[i+1 : end] {
				for j := 0; j < width && j < len(r); j++ {
					if _, err := strconv.ParseFloat(r[j], 64); err == nil {
						figure[j] = true
					}
				}
			}
			for k, r := range rows[i+1 : end] {
				if nc >= len(r) || r[nc] != "." {
					continue
				}
				hiddenRows++
				for j := 0; j < width; j++ {
					if !figure[j] || j == nc {
						continue
					}
					checked++
					if j >= len(r) || r[j] != "." {
						v := ""
						if j < len(r) {
							v = r[j]
						}
						t.Errorf("%s row %d: n is hidden but %q shows %q", sheet, i+2+k, rows[i][j], v)
					}
				}
			}
			i = end
		}
	}
	if hiddenRows == 0 || checked == 0 {
		t.Fatalf("no hidden rows found (%d rows, %d cells): the test read nothing", hiddenRows, checked)
	}
	t.Logf("%d hidden rows, %d hidden figures beside their n", hiddenRows, checked)
}
