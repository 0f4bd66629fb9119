package sanitize

import "testing"

func TestCSV(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+49 341 1", "'+49 341 1"},
		{"-mehr Pausen", "'-mehr Pausen"},
		{"@Orga", "'@Orga"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"  =SUM(A1)", "'  =SUM(A1)"},
		{"Datenschutz", "Datenschutz"},
		{"", ""},
		{"a=b", "a=b"},
		{"4,5", "4,5"},
	} {
		if got := CSV(tc.in); got != tc.want {
			t.Errorf("CSV(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Datenschutz", "Datenschutz"},
		{"a\tb\nc", "a\tb\nc"},
		{"\x1b[31mrot\x1b[0m", `\x1b[31mrot\x1b[0m`},
		{"\x1b]0;Titel\x07", `\x1b]0;Titel\x07`},
		{"zurück\r", `zurück\x0d`},
		{"\x00\x7f", `\x00\x7f`},
		{"\u009b31m", `\x9b31m`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"\u2066x\u2069", `\u2066x\u2069`},
		{"Grüße 😀", "Grüße 😀"},
	} {
		if got := Terminal(tc.in); got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStripControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Datenschutz", "Datenschutz"},
		{"a\tb\nc", "a\tb\nc"},
		{"\x1b[31mrot\x1b[0m", "[31mrot[0m"},
		{"zeile\r\nzwei", "zeile\r\nzwei"},
		{"a\x00b\x07c\x7fd", "abcd"},
		{"\u009b31m", "31m"},
		{"Grüße ©", "Grüße ©"}, // Ã¼ / ©: 0xC2 0xA9 is no control
	} {
		got := string(StripControls(nil, []byte(tc.in)))
		if got != tc.want {
			t.Errorf("StripControls(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if (ControlIndex([]byte(tc.in)) >= 0) != (tc.in != tc.want) {
			t.Errorf("ControlIndex(%q) = %d", tc.in, ControlIndex([]byte(tc.in)))
		}
	}
}
