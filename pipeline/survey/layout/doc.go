// Package layout is the registry of survey export layouts: how each tool
// (Microsoft Forms, Google Forms, LimeSurvey, SurveyMonkey, Qualtrics,
// KoboToolbox, a German spreadsheet's CSV, a hand-typed sheet) lays out
// its exports. Each tool is one file with one Layout: its signature (Match),
// its own columns in every language it writes them (Columns), a rule for
// headers of more than one row (HeaderRule), the answers it writes for "not
// asked" (Missing) and the rows that are no responses (Skip). Each file
// adds its Layout with Register (`var Kobo = Register(&Layout{…})`), All
// lists them by Order; detection asks each. A new tool is one new file and
// a fixture (see example_test.go in package pipeline).
//
// The package knows nothing of questions: survey finds the header, asks
// Best which tool it is, classifies the tool's own columns with the
// layout's Columns (and Common), and maps the rest onto questions.
//
//	s := &layout.Sheet{Header: layout.Header{Row: 1, Cells: []string{"id", "submitdate", "lastpage", "startlanguage", "G01Q01"}}}
//	l := layout.Best(s)                 // layout.LimeCodes
//	l.Columns.Kind("submitdate")        // layout.Submitted
//	layout.LimeSurvey.Columns.Kind("Gruppenzeit: Allgemeines") // layout.Meta
package layout
