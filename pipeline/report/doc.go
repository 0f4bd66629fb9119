// Package report writes what stakeholders open: an Excel workbook, one web
// page and chart images, in German (default) or English.
//
// Write(in, Options{Out: dir}) takes query results already suppressed and
// marked (Input, Sheet) and writes
//
//	dir/report.xlsx      cover sheet with key figures and a linked contents
//	                     list; one sheet per Sheet (title, description, notes,
//	                     styled header, number formats, frozen header,
//	                     autofilter, widths, a native editable chart beside
//	                     the table, or a colour scale for heatmaps); methods,
//	                     codebook and data quality; document properties
//	dir/report.html      the same on one self-contained page: inline CSS and
//	                     SVG, a Content-Security-Policy that forbids any
//	                     request, responsive, printable on A4
//	dir/charts/<name>.png and .svg for every sheet with a chart
//
// Contract:
//
//   - The writers show what Input says and compute nothing statistical: a
//     cell in Sheet.Hidden is "." everywhere (workbook, page, chart), a
//     Sheet.Marks entry follows the value (in the workbook through the
//     number format, so the cell stays a number). Counts, Figures and
//     Questions carry their own Hidden flag; a hidden Figure shows no n
//     either, as its base may be the very number hidden.
//   - A long table (one row per category and series) gets a "chart data"
//     block beside it that the native chart points at; a table listing its
//     series columns in Sheet.Wide is already in chart shape, and the chart
//     points at the table itself. Diverging (Likert) charts are stacked
//     bars centred by an invisible offset series, as Excel has no
//     diverging bar chart.
//   - Text is never a formula: label and respondent text goes into string
//     cells, formula-like text in Text format; on the page html/template
//     escapes every text and inline SVG is rebuilt from an allow-list.
//   - Numbers keep full precision in cells; formats show one decimal for
//     means, percent for shares, and follow the language (Excel adds the
//     decimal comma in German by itself; the page prints it).
//   - A chart the data cannot make is a warning (Written.Warnings), shown on
//     the sheet and the page; the rest of the report is still written.
//   - Files are written under temporary names and renamed.
//
// Example:
//
//	w, err := report.Write(report.Input{
//		Lang: "de", MinN: 5,
//		Event: report.Event{ID: "mdk16", Title: "16. MDK", Date: "2025-11-13"},
//		Sheets: []report.Sheet{{Query: q, Table: t, Hidden: hidden}},
//	}, report.Options{Out: "bericht"})
//	// w.Workbook = "bericht/report.xlsx", w.HTML = "bericht/report.html",
//	// w.Charts = ["bericht/charts/needs_by_state.png", "….svg"]
package report
