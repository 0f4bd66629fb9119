// Package sanitize keeps respondents' text from becoming something a
// spreadsheet program runs.
//
// A cell that starts with =, +, -, @, a tab or a carriage return (also after
// leading spaces) is read by Excel, LibreOffice and Google Sheets as a
// formula when a CSV file is opened, or when an xlsx cell is edited. OWASP's
// guidance for CSV injection is to prefix such a value with a single quote:
//
//	CSV("=HYPERLINK(\"http://x\")") → "'=HYPERLINK(\"http://x\")"
//	CSV("-mehr Pausen")             → "'-mehr Pausen"
//	CSV("Datenschutz")              → "Datenschutz"
//
// xlsx cells keep the text unchanged and get Excel's quotePrefix style
// instead (Risky reports whether one is needed).
package sanitize

import "strings"

// Risky reports whether a text value would be taken as a formula.
func Risky(s string) bool {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return len(s) > 0 && (s[0] == '\t' || s[0] == '\r')
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// CSV returns the text to write into a CSV field.
func CSV(s string) string {
	if Risky(s) {
		return "'" + s
	}
	return s
}
