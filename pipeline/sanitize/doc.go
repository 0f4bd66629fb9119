// Package sanitize keeps respondents' text from becoming something a
// spreadsheet program runs, or a terminal obeys.
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
//
// Terminal makes text safe to print: control characters but newline and
// tab, C1 controls and bidirectional overrides become visible escapes:
//
//	Terminal("\x1b[31mrot") → `\x1b[31mrot`
package sanitize
