package disclosure

import (
	"strings"
	"testing"
)

func TestMethods(t *testing.T) {
	for _, c := range []struct {
		lang string
		must []string // the facts the sheet must state, in that language
	}{
		{"de", []string{"95 %", "97,5-%-Quantil", "Wilson", "Welch", "Holm", "unter 0,05", "weniger als 5 Antworten", "1 bis 4 Befragten", "Nullen werden gezeigt", "zusammen nie eine Zahl von 1 bis 4", "Raking", "Taylor-Linearisierung", "Kish"}},
		{"", []string{"Konfidenzintervalle"}},
		{"en", []string{"95 %", "97.5 % quantile", "Wilson", "Welch", "Holm", "below 0.05", "fewer than 5 answers", "1 to 4 respondents", "Zeros are shown", "add up to 1 to 4", "raking", "Taylor linearisation", "Kish"}},
		{"en-GB", []string{"Confidence intervals"}},
	} {
		text := strings.Join(Methods(Default, c.lang), "\n")
		for _, s := range c.must {
			if !strings.Contains(text, s) {
				t.Errorf("Methods(%q) lacks %q", c.lang, s)
			}
		}
		if strings.Contains(text, "%!") {
			t.Errorf("Methods(%q) has a formatting error: %s", c.lang, text)
		}
	}
	// --min-n 10 says 10 everywhere: "1 to 9", "fewer than 10", never 5 or 4.
	for _, lang := range []string{"de", "en"} {
		text := strings.Join(Methods(Rule{MinN: 10}.Or(), lang), "\n")
		for _, s := range map[string][]string{"de": {"1 bis 9 Befragten", "weniger als 10 Antworten", "von 1 bis 9"}, "en": {"1 to 9 respondents", "fewer than 10 answers", "add up to 1 to 9"}}[lang] {
			if !strings.Contains(text, s) {
				t.Errorf("Methods(MinN 10, %s) lacks %q", lang, s)
			}
		}
		for _, s := range []string{" 4 ", " 5 ", "1 bis 4", "1 to 4"} {
			if strings.Contains(text, s) {
				t.Errorf("Methods(MinN 10, %s) still says %q", lang, s)
			}
		}
	}
}

// TestAuditMethods: the audit's paragraph gives its figures and the
// rule's, in both languages.
func TestAuditMethods(t *testing.T) {
	a := Audit{Hidden: 189}
	for lang, want := range map[string][]string{
		"de": {"189 unterdrückten", "um mindestens 2", "von 1 bis 9", "10 oder mehr"},
		"en": {"189 suppressed", "at least 2", "from 1 to 9", "10 or more"},
	} {
		got := a.Methods(Rule{MinN: 10}, lang)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
	}
}
