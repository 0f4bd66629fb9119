package survey

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStates(t *testing.T) {
	c := newCodec(Builtin().Role(RoleState))
	for _, tc := range []struct{ in, want string }{
		{"Sachsen-Anhalt", "DE-ST"}, {"Sachsen Anhalt", "DE-ST"}, {"LSA", "DE-ST"}, {"ST", "DE-ST"},
		{" sachsen-anhalt ", "DE-ST"}, {"SACHSEN–ANHALT", "DE-ST"}, {"Saxony-Anhalt", "DE-ST"}, {"DE-ST", "DE-ST"},
		{"Thüringen", "DE-TH"}, {"Thür.", "DE-TH"}, {"TH", "DE-TH"}, {"thueringen", "DE-TH"}, {"THÜ", "DE-TH"}, {"Thuringia", "DE-TH"},
		{"Sachsen", "DE-SN"}, {"sachsen ", "DE-SN"}, {"SN", "DE-SN"}, {"SAX", "DE-SN"}, {"Freistaat Sachsen", "DE-SN"}, {"de-sn", "DE-SN"},
		{"Berlin", "DE-BE"}, {"NRW", "DE-NW"}, {"Bayern", "DE-BY"}, {"Mecklenburg-Vorpommern", "DE-MV"},
		{"Anderes Bundesland", OtherState}, {"other state", OtherState},
	} {
		l, _, err := c.label(tc.in)
		if err != nil || l.Code != tc.want {
			t.Errorf("state %q: got %v %v, want %s", tc.in, l, err, tc.want)
		}
	}
	for _, in := range []string{"Kirche", "Sachsen und Thüringen", "X"} {
		if _, _, err := c.label(in); !errors.Is(err, ErrUnknownLabel) {
			t.Errorf("state %q: got %v, want %v", in, err, ErrUnknownLabel)
		}
	}
}

func TestSectors(t *testing.T) {
	c := newCodec(Builtin().Role(RoleSector))
	for _, tc := range []struct{ in, want string }{
		{"Landesverwaltung", "landesverwaltung"}, {"LV", "landesverwaltung"}, {"landesverwaltung ", "landesverwaltung"},
		{"Kommunalverwaltung", "kommunalverwaltung"}, {"KV", "kommunalverwaltung"}, {"Kommune", "kommunalverwaltung"},
		{"Wirtschaft", "wirtschaft"}, {"WI", "wirtschaft"}, {"Business", "wirtschaft"},
		{"wissenschaft", "wissenschaft"}, {"WS", "wissenschaft"}, {"Hochschule", "wissenschaft"},
		{"Politik", "politik"}, {"Pol.", "politik"},
		{"Zivilgesellschaft", "zivilgesellschaft"}, {"ZG", "zivilgesellschaft"}, {"Civil society", "zivilgesellschaft"},
	} {
		l, _, err := c.label(tc.in)
		if err != nil || l.Code != tc.want {
			t.Errorf("sector %q: got %v %v, want %s", tc.in, l, err, tc.want)
		}
	}
	if _, _, err := c.label("Kirche"); !errors.Is(err, ErrUnknownLabel) {
		t.Errorf("sector Kirche: got %v, want %v", err, ErrUnknownLabel)
	}
}

func TestNumbers(t *testing.T) {
	d := Builtin()
	for _, tc := range []struct {
		question, in string
		want         float64
		missing      bool
		err          error
	}{
		// Scale answers as labels, German and English, or numbers, also typed as text.
		{"need", "sehr hoch", 5, false, nil},
		{"need", "Sehr hoch", 5, false, nil},
		{"need", "stimme voll zu", 5, false, nil},
		{"need", "stimme eher nicht zu", 2, false, nil},
		{"need", "mittel", 3, false, nil},
		{"need", "very low", 1, false, nil},
		{"need", "strongly agree", 5, false, nil},
		{"need", "3", 3, false, nil},
		{"need", " 4 ", 4, false, nil},
		{"need", "4,0", 4, false, nil},
		{"need", "4.0", 4, false, nil},
		{"need", "keine Angabe", 0, true, nil},
		{"need", "k. A.", 0, true, nil},
		{"need", "99", 0, true, nil},
		{"need", "7", 0, false, ErrOutOfRange},
		{"need", "0", 0, false, ErrOutOfRange},
		{"need", "4,5", 0, false, ErrOutOfRange},
		{"need", "n/a", 0, true, nil}, // not shown: no answer, never a level
		{"need", "N/A", 0, true, nil},
		{"nps", "10 (äußerst wahrscheinlich)", 10, false, nil},
		{"nps", "0 – überhaupt nicht wahrscheinlich", 0, false, nil},
		{"satisfaction", "5 = sehr zufrieden", 5, false, nil},
		{"need", "ziemlich", 0, false, ErrNotNumber},
		{"satisfaction", "4,0", 4, false, nil},
		{"satisfaction", "sehr zufrieden", 5, false, nil},
		{"satisfaction", "very dissatisfied", 1, false, nil},
		{"satisfaction", "6", 0, false, ErrOutOfRange},
		{"nps", "10", 10, false, nil},
		{"nps", "0", 0, false, nil},
		{"nps", "11", 0, false, ErrOutOfRange},
		{"nps", "-1", 0, false, ErrOutOfRange},
		{"nps", "zehn", 0, false, ErrNotNumber},
	} {
		c := newCodec(d.Question(tc.question))
		if c.isMissing(tc.in) != tc.missing {
			t.Errorf("%s %q: missing = %v, want %v", tc.question, tc.in, !tc.missing, tc.missing)
			continue
		}
		if tc.missing {
			continue
		}
		got, _, err := c.number(tc.in)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %q: got %v, %v; want error %v", tc.question, tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %q: got %v, %v; want %v", tc.question, tc.in, got, err, tc.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2025-11-13T14:03:12", at("2025-11-13 14:03:12")}, // what the xlsx readers make of date cells
		{"2025-11-13 14:03:12", at("2025-11-13 14:03:12")}, // LimeSurvey, Qualtrics
		{"2025-11-13T14:03:12+01:00", at("2025-11-13 14:03:12")},
		{"2025-11-13", at("2025-11-13 00:00:00")},
		{"13.11.2025 14:03:12", at("2025-11-13 14:03:12")}, // Google Sheets, German locale
		{"13.11.2025 14:03", at("2025-11-13 14:03:00")},    // German Excel CSV
		{"13.11.2025", at("2025-11-13 00:00:00")},
		{"3.1.2025 9:05", at("2025-01-03 09:05:00")},
		{"11/13/2025 14:03:12", at("2025-11-13 14:03:12")}, // Google Sheets, US locale
		{"11/13/2025 2:03:12 PM", at("2025-11-13 14:03:12")},
		{"7/27/26 19:06:23", at("2026-07-27 19:06:23")}, // Microsoft Forms as CSV from a US Excel
		{"9/9/26 18:01", at("2026-09-09 18:01:00")},
		{"27/7/26 19:06", at("2026-07-27 19:06:00")},
		{"13/11/2025 14:03:12", at("2025-11-13 14:03:12")}, // Google Sheets, British locale: only day first
		{"13/11/2025 2:03 PM", at("2025-11-13 14:03:00")},
		{"2022/06/22 11:07:29 AM AST", at("2022-06-22 11:07:29")}, // Google Sheets, a real export's zone
		{"2022/06/22 1:07:29 PM GMT+1", at("2022-06-22 13:07:29")},
		{"13.11.2025 14:03:12 MEZ", at("2025-11-13 14:03:12")},
		{"2025-11-13 14:03:12 UTC-05:00", at("2025-11-13 14:03:12")},
		{"45974", at("2025-11-13 00:00:00")}, // Excel serial day numbers
		{"45974.5", at("2025-11-13 12:00:00")},
		{"45974,5", at("2025-11-13 12:00:00")},
	} {
		got, err := parseTime(tc.in)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%q: got %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"gestern", "31.02.2025", "13.13.2025", "5", "", "AST", "13.11.2025 14:03 Uhr", "13.11.2025 AST AST", "13.11.2025 14:03 GMT+abc", "13/13/2025", "31/02/2025 10:00"} {
		if _, err := parseTime(in); !errors.Is(err, ErrNotDate) {
			t.Errorf("%q: got %v, want %v", in, err, ErrNotDate)
		}
	}
}

// TestParseTimeLayoutSkip checks that skipping layouts by their separator
// changes nothing: parseTime agrees with trying every layout in order, on
// every layout's rendering of some times and on near misses.
func TestParseTimeLayoutSkip(t *testing.T) {
	every := func(s string) (time.Time, bool) {
		for _, l := range timeLayouts {
			if v, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
				return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), time.UTC), true
			}
		}
		return time.Time{}, false
	}
	var ins []string
	for _, v := range []time.Time{
		time.Date(2025, 11, 13, 14, 3, 12, 0, time.UTC),
		time.Date(2024, 1, 2, 3, 4, 5, 600_000_000, time.FixedZone("", 3600)),
		time.Date(2009, 12, 31, 23, 59, 59, 0, time.UTC),
	} {
		for _, l := range timeLayouts {
			s := v.Format(l)
			ins = append(ins, s, " "+s+" ", s+"x", "1"+s, s[1:], strings.Replace(s, ":", ".", 1))
		}
	}
	ins = append(ins, "", "-", "2025", "2025-", "13.", "1/", "2025/13/01", "13.11.25 14:03", "45974.5",
		// the shapes fastTime reads, at and past their limits
		"31.02.2025 10:00:00", "29.02.2024 23:59:59", "29.02.2025 10:00:00", "13.11.2025 24:00:00",
		"13.11.2025 23:60:00", "13.11.2025 23:59:60", "1a.11.2025 10:00:00", "13.00.2025 10:00:00",
		"00.11.2025 10:00:00", "13.11.0000 10:00:00", "2025-02-29T10:00:00", "2024-02-29T10:00:00",
		"2025-13-01T10:00:00", "2025-11-13T10:00:0x", "2025-11-13 10:00:00", "2025-11-13t10:00:00",
		"2025-11-13T10.00.00", "9999-12-31T23:59:59", "+025-11-13T10:00:00")
	for _, in := range ins {
		want, ok := every(in)
		got, err := parseTime(in)
		if ok && (err != nil || !got.Equal(want)) {
			t.Errorf("%q: got %v, %v; every layout in order gives %v", in, got, err, want)
		}
		if !ok && (err == nil) != isSerial(in) {
			t.Errorf("%q: got %v, %v; no layout parses it, and it is a serial number: %v", in, got, err, isSerial(in))
		}
	}
}

// isSerial says parseTime may read s as an Excel serial number.
func isSerial(s string) bool {
	f, ok := parseNumber(s)
	return ok && f > 20000 && f < 80000
}

func TestSplitMulti(t *testing.T) {
	q := Builtin().Question("topics")
	for _, tc := range []struct {
		in           string
		items, other []string
	}{
		{"Datenschutz;Smart City;", []string{"datenschutz", "smart_city"}, nil}, // MS Forms
		{"Datenschutz, Smart City", []string{"datenschutz", "smart_city"}, nil}, // Google Forms
		{"Datenschutz,IT-Sicherheit", []string{"datenschutz", "it_sicherheit"}, nil},
		{"Open Data, Open Government, Datenschutz", []string{"open_data_open_government", "datenschutz"}, nil},
		{"Datenschutz, Green IT", []string{"datenschutz"}, []string{"Green IT"}},
		{"KI; Data protection", []string{"kuenstliche_intelligenz", "datenschutz"}, nil},
		{"Datenschutz;Datenschutz;", []string{"datenschutz"}, nil},
		{"", nil, nil},
	} {
		items, other := splitMulti(tc.in, q)
		if !slices.Equal(items, tc.items) || !slices.Equal(other, tc.other) {
			t.Errorf("%q: got %v %v, want %v %v", tc.in, items, other, tc.items, tc.other)
		}
	}
}

func TestChosen(t *testing.T) {
	it := &Item{Code: "datenschutz", Text: "Datenschutz"}
	for _, tc := range []struct {
		in, want string
		chosen   bool
		err      error
	}{
		{"Y", "Y", true, nil}, {"", "Y", false, nil},
		{"Ja", "", true, nil}, {"Nein", "", false, nil}, {"x", "", true, nil}, {"1", "", true, nil}, {"0", "", false, nil},
		{"Datenschutz", "", true, nil}, // SurveyMonkey writes the option's label
		{"vielleicht", "", false, ErrNotChosen},
	} {
		got, err := chosen(tc.in, tc.want, it)
		if !errors.Is(err, tc.err) || got != tc.chosen {
			t.Errorf("%q: got %v, %v; want %v, %v", tc.in, got, err, tc.chosen, tc.err)
		}
	}
}
