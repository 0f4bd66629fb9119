package sheets

import (
	"math"
	"testing"
)

// TestLevels: a scale's levels are its whole range, labelled where the
// definition labels them; a real Google Forms export labels only the ends.
func TestLevels(t *testing.T) {
	nan := math.NaN()
	lab := func(v float64, s string) Label { return Label{Value: v, Text: s} }
	for _, tc := range []struct {
		name     string
		q        Question
		want     []string
		wantVals []float64
	}{
		{"ends labelled", Question{Min: 1, Max: 5, Labels: []Label{lab(1, "1 - It doesn't matter to me"), lab(5, "5 - It's extremely important")}},
			[]string{"1 - It doesn't matter to me", "2", "3", "4", "5 - It's extremely important"}, []float64{1, 2, 3, 4, 5}},
		{"one end labelled", Question{Min: 1, Max: 4, Labels: []Label{lab(1, "gar nicht")}},
			[]string{"gar nicht", "2", "3", "4"}, []float64{1, 2, 3, 4}},
		{"all labelled keep their order", Question{Min: 1, Max: 3, Labels: []Label{lab(3, "gut"), lab(2, "mittel"), lab(1, "schlecht")}},
			[]string{"gut", "mittel", "schlecht"}, []float64{3, 2, 1}},
		{"no labels", Question{Min: 0, Max: 2}, []string{"0", "1", "2"}, []float64{0, 1, 2}},
		{"labels, no range", Question{Min: nan, Max: nan, Labels: []Label{lab(1, "ja"), lab(2, "nein")}}, []string{"ja", "nein"}, []float64{1, 2}},
		{"too wide a range", Question{Min: 0, Max: 100}, nil, nil},
	} {
		got := levels(&tc.q)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d levels %v, want %v", tc.name, len(got), got, tc.want)
			continue
		}
		for i, l := range got {
			if l.text != tc.want[i] || l.value != tc.wantVals[i] {
				t.Errorf("%s: level %d is %v = %q, want %v = %q", tc.name, i, l.value, l.text, tc.wantVals[i], tc.want[i])
			}
		}
	}
}

// TestScaleWords: the ends of a scale say each number once, also when the
// label starts with it.
func TestScaleWords(t *testing.T) {
	lab := func(v float64, s string) Label { return Label{Value: v, Text: s} }
	for _, tc := range []struct {
		q    Question
		want string
	}{
		{Question{Min: 1, Max: 5, Labels: []Label{lab(1, "sehr gering"), lab(5, "sehr hoch")}}, "1 = sehr gering … 5 = sehr hoch"},
		{Question{Min: 1, Max: 5, Labels: []Label{lab(1, "1 - It doesn't matter to me"), lab(5, "5 - It's extremely important")}},
			"1 - It doesn't matter to me … 5 - It's extremely important"},
		{Question{Min: 0, Max: 10, Labels: []Label{lab(0, "0 (gar nicht wahrscheinlich)"), lab(10, "10 (äußerst wahrscheinlich)")}},
			"0 (gar nicht wahrscheinlich) … 10 (äußerst wahrscheinlich)"},
		// A label that only starts with the digit is not its number.
		{Question{Min: 1, Max: 2, Labels: []Label{lab(1, "1x pro Jahr"), lab(2, "2 = oft")}}, "1 = 1x pro Jahr … 2 = oft"},
		{Question{Min: 1, Max: 4}, "1–4"},
	} {
		if got := scaleWords(&tc.q); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.q.Labels, got, tc.want)
		}
	}
}
