// Package report writes what stakeholders open: an Excel workbook, one web
// page and chart images, in German (default) or English.
//
// Write(b, Options{Out: dir}) takes a book.Book the sheet builders
// (package sheets) made — already protected and marked — and writes
//
//	dir/report.xlsx      one worksheet per book.Sheet, in order (the first
//	                     is the cover): title, description, each Block in
//	                     turn (paragraphs with links, facts, tables with a
//	                     styled header, number formats, frozen header,
//	                     autofilter, widths, a native editable chart beside
//	                     the table, or a colour scale for heatmaps), notes;
//	                     document properties from the book
//	dir/report.html      the same on one self-contained page, a section per
//	                     sheet (id = Sheet.ID): inline CSS and SVG, a
//	                     Content-Security-Policy that forbids any request,
//	                     responsive, printable on A4
//	dir/charts/<id>.png and .svg for every block with a Chart (a sheet's
//	                     further charts: <id>_<block number>)
//
// dir is written whole: into a fresh folder that then takes dir's place,
// so a failed or killed run leaves the earlier report as it was, and a dir
// holding other files is refused (atomicfile.ErrNotOurs).
//
// The writers know no sheet by name: a new sheet is a new builder.
//
// Contract:
//
//   - The writers show what the Book says and compute nothing
//     statistical: a cell a Table hides is "." everywhere (workbook, page,
//     chart), a Table's mark follows the value (in the workbook through
//     the number format, so the cell stays a number). Every number is
//     shown by its Column's (or Fact's) format.Kind through one
//     formatting path (Text).
//   - A long table (one row per category and series) gets a "chart data"
//     block beside it that the native chart points at; a Chart listing its
//     series columns in Wide is already in chart shape, and the chart
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
//	w, err := report.Write(book.Book{Lang: "de", Title: "Mitgliederbefragung 2025",
//		Sheets: []book.Sheet{{ID: "q_age", Name: "Alter", Title: "Wie alt sind Sie?",
//			Blocks: []book.Block{{Table: &book.Table{…}, Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "share"}}}}},
//	}, report.Options{Out: "bericht"})
//	// w.Workbook = "bericht/report.xlsx", w.HTML = "bericht/report.html",
//	// w.Sheets["q_age"] = "Alter", w.Charts = ["bericht/charts/q_age.png", "….svg"]
package report
