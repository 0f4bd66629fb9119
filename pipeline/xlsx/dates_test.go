package xlsx

import (
	"testing"
)

func TestFormatDateKind(t *testing.T) {
	tests := []struct {
		code string
		want DateKind
	}{
		{"General", NotDate},
		{"0.00", NotDate},
		{`#,##0 "Tage"`, NotDate},
		{`0.0E+00`, NotDate},
		{"@", NotDate},
		{"dd.mm.yyyy", Date},
		{"mmm yy", Date},
		{"dd.mm.yyyy hh:mm", DateTime},
		{`yyyy-mm-dd\Thh:mm:ss`, DateTime},
		{"h:mm", Time},
		{"mm:ss", Time},
		{"[h]:mm:ss", Time},
		{"h:mm AM/PM", Time},
		// Before the fix these counted the d of [Red] or of a locale tag, or
		// of a later section, as a day: DateTime.
		{"h:mm;[Red]-h:mm", Time},
		{"[$-de-DE]h:mm", Time},
		{`h:mm" d"`, Time},
		{`h:mm\d`, Time},
		{"0.00;dd.mm.yyyy", NotDate},
	}
	for _, tt := range tests {
		if got := FormatDateKind(tt.code); got != tt.want {
			t.Errorf("FormatDateKind(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestBuiltinDateKind(t *testing.T) {
	tests := []struct {
		id   int
		want DateKind
	}{
		{0, NotDate}, {2, NotDate}, {14, Date}, {17, Date}, {18, Time}, {21, Time}, {22, DateTime},
		{27, Date}, {45, Time}, {47, Time}, {49, NotDate}, {58, Date}, {59, NotDate},
		{71, Date}, {75, Time}, {77, DateTime}, {80, Time}, {81, Date}, {164, NotDate},
	}
	for _, tt := range tests {
		if got := BuiltinDateKind(tt.id); got != tt.want {
			t.Errorf("BuiltinDateKind(%d) = %d, want %d", tt.id, got, tt.want)
		}
	}
}

func TestSerialToISO(t *testing.T) {
	tests := []struct {
		serial   float64
		kind     DateKind
		date1904 bool
		want     string
		ok       bool
	}{
		{1, Date, false, "1900-01-01", true},
		{59, Date, false, "1900-02-28", true},
		{61, Date, false, "1900-03-01", true},
		{45292, Date, false, "2024-01-01", true},
		{45292.999999, DateTime, false, "2024-01-02T00:00:00", true}, // rounds to the second
		{45292.5, Date, false, "2024-01-01", true},
		{0.5, Time, false, "12:00:00", true},
		{1.25, Time, false, "1900-01-01T06:00:00", true},
		{0, Date, true, "1904-01-01", true},
		{43830, Date, true, "2024-01-01", true},
		{2958465, Date, false, "9999-12-31", true},
		{2958465.9999999, DateTime, false, "", false}, // rounds into year 10000
		{2958466, Date, false, "", false},
		{2957003, Date, true, "9999-12-31", true},
		{2957004, Date, true, "", false},
		{-1, Date, false, "", false},
	}
	for _, tt := range tests {
		got, ok := SerialToISO(tt.serial, tt.kind, tt.date1904)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SerialToISO(%v, %d, %v) = %q, %v; want %q, %v", tt.serial, tt.kind, tt.date1904, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSerialToISOLayouts checks the hand-written digits against time's
// layouts over the whole range of serials, in both date systems.
func TestSerialToISOLayouts(t *testing.T) {
	layouts := map[DateKind]string{Date: "2006-01-02", Time: "15:04:05", DateTime: "2006-01-02T15:04:05"}
	for i := range 20_000 {
		serial := float64(i) * 147.9231 // every day of the year and second of the day, in time
		if i%7 == 0 {
			serial = float64(i%1000) / 997 // times below one day
		}
		for _, kind := range []DateKind{Date, Time, DateTime} {
			for _, date1904 := range []bool{false, true} {
				got, ok := SerialToISO(serial, kind, date1904)
				if !ok {
					continue
				}
				// The moment as appendSerialISO computes it, formatted by time.
				at := serialTime(serial, date1904)
				layout := layouts[kind]
				if kind == Time && serial >= 1 {
					layout = layouts[DateTime]
				}
				if want := at.Format(layout); got != want {
					t.Fatalf("SerialToISO(%v, %d, %v) = %q, want %q", serial, kind, date1904, got, want)
				}
			}
		}
	}
}
