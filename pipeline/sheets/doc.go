// Package sheets builds the report's content: from the dataset of one
// event (a query.Engine) it makes a book.Book, one sheet model per
// question by its type and per breakdown, query, heatmap, trend, weighted
// table, open-answers and appendix sheet, with the cover's findings last.
// Every table declares how it is protected, and Build hands the book to
// the disclosure stage before the findings read it, so no sentence quotes
// a hidden figure. The writers (package report) know no sheet by name.
//
// A kind of sheet is one file: its build func and
// `var _ = register(builder{name, order, build})`; a builder that has
// nothing to show (a survey without breakdowns) returns no sheet, never
// an empty one. The SQL the builders read is in sql/*.sql, scanned into
// typed rows (scan[T]).
//
// # Example
//
//	e, _ := query.Open(ctx, query.Options{DataDir: "daten", Events: []string{"mdk16"}})
//	b, _ := sheets.Build(ctx, e, sheets.Options{Lang: "de", Rule: disclosure.Default, Event: sheets.Event{ID: "mdk16"}})
//	// b.Sheets: "Übersicht" (cover with findings), "Bundesland", "Branche",
//	// "Handlungsbedarf" (Likert), …, "Offene Antworten", "Methodik"
//	report.Write(b, report.Options{Out: "out"})
package sheets
