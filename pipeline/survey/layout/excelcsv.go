package layout

import (
	"regexp"
	"strings"
)

// germanRE are German spreadsheet values: 13.11.2025 (14:03) dates, 4,5.
var germanRE = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$|^-?\d+,\d+$`)

// ExcelCSV is a sheet a German spreadsheet program saved as "CSV
// (Trennzeichen-getrennt)": nothing of a survey tool, but German dates and
// decimal commas in the data (the encoding and separator are the CSV
// reader's).
var ExcelCSV = Register(&Layout{
	Name:  "excel-csv",
	Order: 80,
	Title: "spreadsheet saved as CSV", TitleDE: "als CSV gespeicherte Tabelle",
	Match: func(s *Sheet) int {
		if !s.CSV {
			return 0
		}
		for _, r := range s.Data {
			for _, v := range r.Cells {
				if germanRE.MatchString(strings.TrimSpace(v)) {
					return 1
				}
			}
		}
		return 0
	},
})
