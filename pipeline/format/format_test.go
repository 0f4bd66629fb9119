package format

import (
	"math"
	"testing"
	"time"
)

func TestValue(t *testing.T) {
	cases := []struct {
		lang string
		k    Kind
		v    any
		want string
	}{
		{"de", Dec1, 4.25, "4,3"}, // a half rounds away from zero, as Excel shows it
		{"de", Dec1, 4.35, "4,4"}, // 4.35 is 4.3499999… in binary; Excel reads 15 digits
		{"de", Dec1, 2.65, "2,7"},
		{"en", Dec1, 4.25, "4.3"},
		{"de", Dec1, -4.25, "\u22124,3"},
		{"de", Dec1, -0.04, "0,0"}, // no "−0,0"
		{"de", Dec1, 3.0, "3,0"},
		{"de", Dec2, 2.675, "2,68"},
		{"de", Int, int64(1234), "1.234"},
		{"en", Int, int64(1234567), "1,234,567"},
		{"de", Int, 1234.5, "1.235"},
		{"de", Int, -2.5, "\u22123"},
		{"de", Int, int64(0), "0"},
		{"de", Pct, 0.8765, "87,7\u00a0%"},
		{"en", Pct, 0.8765, "87.7%"},
		{"de", Pct, 0.45333333333333, "45,3\u00a0%"},
		{"de", Pct, 1.0, "100,0\u00a0%"},
		{"de", Pct, 0.0, "0,0\u00a0%"},
		{"de", Pct, 0.00049, "0,0\u00a0%"},
		{"de", Pct, 0.00051, "0,1\u00a0%"},
		{"de", PctInt, 0.125, "13\u00a0%"},
		{"de", PctInt, 0.995, "100\u00a0%"},
		{"de", Signed, 12.0, "+12,0"},
		{"de", Signed, -3.0, "\u22123,0"},
		{"de", Signed, 0.04, "0,0"},
		{"de", Dec1, math.NaN(), ""},
		{"de", Dec1, nil, ""},
		{"de", Text, "Sachsen", "Sachsen"},
		{"de", Text, 0.1, "0,1"},
		{"de", Dec1, 1e6 + 0.05, "1.000.000,1"},
		{"de", Dec1, 0.95, "1,0"},
		{"de", Dec1, 9.96, "10,0"},
		{"de", Date, time.Date(2025, 11, 13, 0, 0, 0, 0, time.UTC), "13.11.2025"},
		{"en", DateTime, time.Date(2025, 11, 13, 14, 5, 0, 0, time.UTC), "2025-11-13 14:05"},
	}
	for _, c := range cases {
		if got := Value(c.lang, c.k, c.v); got != c.want {
			t.Errorf("Value(%q, %d, %v) = %q, want %q", c.lang, c.k, c.v, got, c.want)
		}
	}
}

func TestRound(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want float64
	}{{4.25, 1, 4.3}, {4.35, 1, 4.4}, {-4.25, 1, -4.3}, {0.125, 2, 0.13}, {123.456, 0, 123}, {0.0004, 2, 0}} {
		if got := Round(c.v, c.d); got != c.want {
			t.Errorf("Round(%v, %d) = %v, want %v", c.v, c.d, got, c.want)
		}
	}
}

func TestExcel(t *testing.T) {
	for _, c := range []struct {
		k          Kind
		lang, mark string
		want       string
	}{
		{Dec1, "de", "", "0.0;\"\u2212\"0.0"},
		{Pct, "de", "", "0.0\"\u00a0\"%;\"\u2212\"0.0\"\u00a0\"%"},
		{Pct, "en", "▲", "0.0%\" ▲\";\"\u2212\"0.0%\" ▲\""},
		{Int, "en", "", "#,##0;\"\u2212\"#,##0"},
		{Signed, "de", "", "+0.0;\"\u2212\"0.0;0.0"},
		{Date, "de", "", "dd.mm.yyyy"},
	} {
		if got := Excel(c.k, c.lang, c.mark); got != c.want {
			t.Errorf("Excel(%d, %q, %q) = %q, want %q", c.k, c.lang, c.mark, got, c.want)
		}
	}
}

func TestMiddle(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"kurz", 10, "kurz"},
		{"  zwei   Wörter ", 20, "zwei Wörter"},
		{"Wie hoch ist der Handlungsbedarf? [Datenschutz]", 21, "Wie hoch i…tenschutz]"},
		{"äöüäöüäöüä", 5, "äö…üä"},
	} {
		got := Middle(c.in, c.n)
		if got != c.want {
			t.Errorf("Middle(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if n := len([]rune(got)); n > c.n {
			t.Errorf("Middle(%q, %d) has %d characters", c.in, c.n, n)
		}
	}
}
