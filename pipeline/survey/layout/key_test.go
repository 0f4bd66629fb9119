package layout

import "testing"

func TestKeyAndFold(t *testing.T) {
	for _, tc := range []struct{ in, key, fold string }{
		{"Sachsen-Anhalt", "sachsen anhalt", "sachsen-anhalt"},
		{"  SACHSEN\u2013ANHALT ", "sachsen anhalt", "sachsen-anhalt"},
		{"Thu\u0308ringen", "thueringen", "thueringen"}, // combining diaeresis, as macOS writes ü
		{"Größe:\u00a0Café crème", "groesse cafe creme", "groesse: cafe creme"},
		{"Start-Sprache", "start sprache", "start-sprache"},
		{"„Sehr gut“", "sehr gut", "\"sehr gut\""},
		{"", "", ""},
	} {
		if got := Key(tc.in); got != tc.key {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.key)
		}
		if got := Fold(tc.in); got != tc.fold {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.fold)
		}
	}
}
