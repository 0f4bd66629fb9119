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
