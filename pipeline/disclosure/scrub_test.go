package disclosure

import "testing"

func TestScrubPII(t *testing.T) {
	for _, c := range []struct {
		in, want string
		n        int
	}{
		// Replaced.
		{"Mail an max.mustermann@uni-leipzig.de.", "Mail an [E-Mail].", 1},
		{"(jörg.müller@öffentlich.de)", "([E-Mail])", 1},
		{"Tel. 0341 1234567", "Tel. [Telefon]", 1},
		{"+49 345 123456 anrufen", "[Telefon] anrufen", 1},
		{"mobil: 0176/12345678", "mobil: [Telefon]", 1},
		{"(0341) 123 45 67", "[Telefon]", 1},
		{"+49-30-1234567", "[Telefon]", 1},
		{"+49 (0)341 97-32000", "[Telefon]", 1},
		{"0049 361 5551234", "[Telefon]", 1},
		{"0341 / 123 45 67", "[Telefon]", 1},
		{"„0341 1234567“", "„[Telefon]“", 1},
		{"03411234567", "[Telefon]", 1},
		{"a@b.de oder 0341 1234567", "[E-Mail] oder [Telefon]", 2},
		// The year after a number is not part of it.
		{"0341 1234567 2025 war gut", "[Telefon] 2025 war gut", 1},

		// Left alone.
		{"am 20.11.2025 in Leipzig", "am 20.11.2025 in Leipzig", 0},
		{"04109 Leipzig", "04109 Leipzig", 0},
		{"PLZ 04109-04229", "PLZ 04109-04229", 0},
		{"04109 - 06108", "04109 - 06108", 0},
		{"seit 2019, 150 Teilnehmende", "seit 2019, 150 Teilnehmende", 0},
		{"Skala 0 1 2 3 4 5 6 7 8 9 10", "Skala 0 1 2 3 4 5 6 7 8 9 10", 0},
		{"Note 4 von 5, +2 Punkte", "Note 4 von 5, +2 Punkte", 0},
		{"04/2024 - 06/2025", "04/2024 - 06/2025", 0},
		{"offen 0800-1200 Uhr", "offen 0800-1200 Uhr", 0},
		{"09:30 bis 0,5 h", "09:30 bis 0,5 h", 0},
		{"IBAN DE89 3704 0044 0532 0130 00", "IBAN DE89 3704 0044 0532 0130 00", 0},
		{"Version v0.17.0", "Version v0.17.0", 0},
		{"Ticket A0341123456", "Ticket A0341123456", 0},
		{"kein @ hier", "kein @ hier", 0},
	} {
		got, n := ScrubPII(c.in)
		if got != c.want || n != c.n {
			t.Errorf("ScrubPII(%q) = %q, %d; want %q, %d", c.in, got, n, c.want, c.n)
		}
	}
}
