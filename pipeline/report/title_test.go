package report

import "testing"

func TestTitle(t *testing.T) {
	a, b := Event{ID: "mdk15", Title: "15. MDK"}, Event{ID: "mdk17"}
	for _, tc := range []struct {
		in              Input
		title, compared string
	}{
		{Input{Lang: "de", Event: Event{ID: "mdk16", Title: "16. MDK"}}, "Auswertung der Teilnehmendenbefragung: 16. MDK", ""},
		{Input{Lang: "de", Event: Event{ID: "mdk16"}}, "Auswertung der Teilnehmendenbefragung", ""},
		{Input{Lang: "de", Event: b, Compare: []Event{a, b}}, "Auswertung der Teilnehmendenbefragung: Vergleich mdk17 mit 15. MDK", "15. MDK (mdk15) → mdk17"},
		{Input{Lang: "en", Event: b, Compare: []Event{a, b}}, "Participant survey results: mdk17 compared with 15. MDK", "15. MDK (mdk15) → mdk17"},
	} {
		if got := tc.in.Title(); got != tc.title {
			t.Errorf("title %q, want %q", got, tc.title)
		}
		if got := tc.in.compared(); got != tc.compared {
			t.Errorf("compared %q, want %q", got, tc.compared)
		}
	}
}
