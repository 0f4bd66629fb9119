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
		// Issue #16, attack 9: the forms that got through.
		{"0341.123.4567", "[Telefon]", 1},
		{"+49 (341) 1234567", "[Telefon]", 1},
		{"Tel. ０３４１ １２３４５６７", "Tel. [Telefon]", 1},
		{"Tel: 0341 12 34 56 7", "Tel: [Telefon]", 1},
		{"max (at) example (dot) org", "[E-Mail]", 1},
		{"max [at] example [dot] org", "[E-Mail]", 1},
		{"erika @ example.com", "[E-Mail]", 1},
		{"erika%40example.com", "[E-Mail]", 1},
		{"erika＠example．com", "[E-Mail]", 1},
		{"Max.Mustermann AT example DOT org", "[E-Mail]", 1},
		{"Server 192.168.178.21 lief nicht", "Server [IP] lief nicht", 1},
		{"von 10.0.0.1.", "von [IP].", 1},
		{"IPv6 2001:db8:85a3::8a2e:370:7334 und fe80::1", "IPv6 [IP] und [IP]", 2},
		{"IBAN DE89 3704 0044 0532 0130 00", "IBAN [IBAN]", 1},
		{"IBAN: DE89370400440532013000.", "IBAN: [IBAN].", 1},
		{"AT61 1904 3002 3457 3201 bitte", "[IBAN] bitte", 1},

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
		{"DE89 3704 0044 0532 0130 01", "DE89 3704 0044 0532 0130 01", 0}, // check digits wrong
		{"Version 10.0.19045.2965", "Version 10.0.19045.2965", 0},
		{"Version 1.2.3", "Version 1.2.3", 0},
		{"um 12:30:45 Uhr", "um 12:30:45 Uhr", 0},
		{"Verhältnis 3:2 bis 4:1", "Verhältnis 3:2 bis 4:1", 0},
		{"wir sind at the event", "wir sind at the event", 0},
		{"Treffen @ Leipzig", "Treffen @ Leipzig", 0},
		{"Raum (at) 3. OG", "Raum (at) 3. OG", 0},
		{"am 01.02.2025", "am 01.02.2025", 0},
		{"Seite 12.3.4", "Seite 12.3.4", 0},
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
