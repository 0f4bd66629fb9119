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
