package survey

import (
	"slices"
	"testing"
)

func TestNaturalCompare(t *testing.T) {
	for _, c := range []struct {
		in, want []string
	}{
		{[]string{"A10", "A2", "A1"}, []string{"A1", "A2", "A10"}},
		{[]string{"Q10", "P3", "Q9"}, []string{"P3", "Q9", "Q10"}},
		{[]string{"b", "a10", "a"}, []string{"a", "a10", "b"}},
		{[]string{"10", "9", "100"}, []string{"9", "10", "100"}},
	} {
		got := slices.Clone(c.in)
		slices.SortFunc(got, naturalCompare)
		if !slices.Equal(got, c.want) {
			t.Errorf("sorted %v = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestHeaderAnchors: the scale points a header ends with become the
// labels of its ends; anything else in a header is no anchor.
func TestHeaderAnchors(t *testing.T) {
	for _, tc := range []struct {
		h      string
		lo, hi float64
		want   map[float64]string
	}{
		{"How would you rank this resources difficulty? (Note: not sure how difficult this resource is? Take a guess! Your answer will be validated later.) 1 - Extremely simple 5 - Very difficult", 1, 5,
			map[float64]string{1: "1 - Extremely simple", 5: "5 - Very difficult"}},
		{"Wie bewerten Sie den Tag? (1 = sehr gut, 5 = mangelhaft)", 1, 5, map[float64]string{1: "1 = sehr gut", 5: "5 = mangelhaft"}},
		{"1 - if you think this was not useful to you at all, 5 - if it was", 1, 5, nil}, // a sentence, not a label
		{"On a scale 0 – not at all 10 – extremely", 0, 10, map[float64]string{0: "0 – not at all", 10: "10 – extremely"}},
		{"Rate the day from 1 - 5", 1, 5, nil},
		{"5 - best 1 - worst", 1, 5, nil}, // falling: not read
		{"1 - low 7 - high", 1, 5, nil},   // outside the range the answers have
		{"Sessions 2023 - 2024: how useful?", 1, 5, nil},
		{"How satisfied are you?", 1, 5, nil},
	} {
		got := headerAnchors(tc.h, tc.lo, tc.hi)
		if len(got) != len(tc.want) {
			t.Errorf("%q: %v, want %v", tc.h, got, tc.want)
			continue
		}
		for f, s := range tc.want {
			if got[f] != s {
				t.Errorf("%q: %v is %q, want %q", tc.h, f, got[f], s)
			}
		}
	}
}

// TestIDFor: a drafted id says what the question asks; under a
// KoboToolbox group path ("hierarchy in labels") it is the question's own.
func TestIDFor(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Wie wichtig sind dir die folgenden Kriterien bei der Wahl?", "wichtig_kriterien_wahl"},
		{"How many segments does your body have?", "segments_body_have"},
		{"External Characteristics/How many segments does your body have?", "segments_body_have"},
		{"External Characteristics/What kind of symmetry do you have?", "kind_symmetry_have"},
		// A slash in the question itself stays part of it.
		{"Nutzen Sie Bus/Bahn oder Rad?", "nutzen_bus_bahn_rad"},
		{"Fahren Sie und/oder gehen Sie zu Fuß zur Arbeit?", "fahren_gehen_fuss_arbeit"},
		{"Confluence Page/Website (dedicated space to propose and track projects)", "confluence_page_website"},
	} {
		if got := idFor(tc.text); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.text, got, tc.want)
		}
	}
}
