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
