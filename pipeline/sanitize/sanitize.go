package sanitize

import (
	"fmt"
	"strings"
)

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

// Terminal returns text safe to print on a terminal: control characters
// (but newline and tab), DEL, C1 controls and the bidirectional overrides
// become visible escapes (\x1b, \u202e), so a value cannot move the
// cursor, recolour the screen, retitle the window or reorder what follows.
func Terminal(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	case r == 0xfeff: // a byte-order mark in the middle of text
		return true
	}
	return false
}

// ControlIndex returns the index of the first byte of a control character
// that stored text must not hold — a C0 control but tab, newline and
// carriage return (line ends as the file has them), DEL, a C1 control — or
// -1. Such characters do nothing in a spreadsheet but can steer a terminal
// or a log viewer.
func ControlIndex(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			return i
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			return i
		}
	}
	return -1
}

// StripControls appends b to dst without the characters ControlIndex
// finds.
func StripControls(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			i++
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
