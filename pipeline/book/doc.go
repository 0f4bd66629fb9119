// Package book is the report's content as the writers receive it: a Book
// of Sheets, each a list of Blocks (paragraphs, facts, tables with their
// charts). The sheet builders (package sheets) make it; the writers
// (package report) turn it into report.xlsx, report.html and chart images
// and know no sheet by name: a new sheet is a new builder, never a change
// to a writer.
//
// Every text in a Book is already in the report's language; every number
// says how it is shown (Format), so the workbook, the page and the chart
// labels format it the same way.
//
// # Example
//
//	b := book.Book{Lang: "de", Title: "Mitgliederbefragung 2025", Sheets: []book.Sheet{{
//		ID: "q_age", Name: "Alter", Title: "Wie alt sind Sie?",
//		Blocks: []book.Block{{
//			Table: &book.Table{
//				Columns: []book.Column{{Key: "label", Heading: "Antwort"}, {Key: "n", Heading: "n", Format: format.Int}, {Key: "share", Heading: "Anteil", Format: format.Pct}},
//				Rows:    [][]any{{"unter 30", int64(12), 0.24}, {"30 bis 59", int64(38), 0.76}},
//			},
//			Chart: &book.Chart{Kind: chart.Bar, X: "label", Y: "share"},
//		}},
//	}}}
//	report.Write(b, report.Options{Out: "out"}) // one sheet "Alter", one chart charts/q_age.png
package book
