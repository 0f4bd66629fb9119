package stats

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
		text := strings.Join(Methods(c.lang), "\n")
		for _, s := range c.must {
			if !strings.Contains(text, s) {
				t.Errorf("Methods(%q) lacks %q", c.lang, s)
			}
		}
		if strings.Contains(text, "%!") {
			t.Errorf("Methods(%q) has a formatting error: %s", c.lang, text)
		}
	}
}
