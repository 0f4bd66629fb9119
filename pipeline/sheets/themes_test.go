package sheets

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestThemerMatchesKeywordAtWordStart holds match to its definition: a
// theme is mentioned when one of its folded keywords starts a word of the
// folded answer (the keyword's words in a row), checked by searching the
// answer for every keyword, on answers made of keywords, parts of them,
// umlauts and punctuation.
func TestThemerMatchesKeywordAtWordStart(t *testing.T) {
	th := newThemer(nil)
	want := func(answer string) []int {
		words := " " + fold(answer) + " "
		var out []int
		for i, ks := range th.keys {
			for _, k := range ks {
				if strings.Contains(words, " "+k) {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	pieces := []string{"Kaffeepause", "zu", "lang", "lange", "Räume", "RÄUME!", "wi-fi", "Wi Fi", "super", "Vortrag,", "aKaffee",
		"Essen.", "Mittagessen", "e", "", "  ", "Straße", "Online-Stream", "room", "Zeitplan", "n/a", "Technik?", "ueberzogen"}
	for _, c := range []struct {
		answer string
		themes []int
	}{
		{"Der Kaffee war kalt", []int{0}},
		{"aKaffee", nil},
		{"Die Vorträge waren zu lang, die Räume zu eng", []int{1, 2, 3}},
		{"WLAN!", []int{6}},
		{"", nil},
	} {
		if got := th.match(c.answer); !slices.Equal(got, c.themes) {
			t.Errorf("match(%q) = %v, want %v", c.answer, got, c.themes)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			if r.IntN(3) == 0 {
				ks := th.keys[r.IntN(len(th.keys))]
				k := ks[r.IntN(len(ks))]
				b.WriteString(k[:1+r.IntN(len(k))])
			} else {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			b.WriteString([]string{" ", "", "-", ", "}[r.IntN(4)])
		}
		a := b.String()
		if got, w := th.match(a), want(a); !slices.Equal(got, w) {
			t.Fatalf("match(%q) = %v, want %v", a, got, w)
		}
	}
}
