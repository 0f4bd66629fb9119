package survey

import (
	"slices"
	"testing"
)

func TestIDs(t *testing.T) {
	s := NewIDs()
	for _, c := range []struct {
		id    string
		row   int
		first int
		dup   bool
	}{
		{"e205d5401dd6c45e", 2, 2, false}, // a pseudonym: kept as a number
		{"1", 3, 3, false},
		{"E205D5401DD6C45E", 4, 4, false}, // upper case is another id, kept as text
		{"e205d5401dd6c45", 5, 5, false},  // 15 digits: text
		{"e205d5401dd6c45g", 6, 6, false}, // not hex: text
		{"e205d5401dd6c45e", 7, 2, true},
		{"1", 8, 3, true},
		{"E205D5401DD6C45E", 9, 4, true},
		{"0000000000000000", 10, 10, false},
		{"", 11, 11, false},
	} {
		if first, dup := s.Add(c.id, c.row); first != c.first || dup != c.dup {
			t.Errorf("Add(%q, %d) = %d, %v, want %d, %v", c.id, c.row, first, dup, c.first, c.dup)
		}
		if row, ok := s.Row(c.id); !ok || row != c.first {
			t.Errorf("Row(%q) = %d, %v, want %d, true", c.id, row, ok, c.first)
		}
	}
	if s.Has("e205d5401dd6c45f") || s.Has("2") {
		t.Error("Has: ids never added are in the set")
	}
	want := []string{"", "0000000000000000", "1", "E205D5401DD6C45E", "e205d5401dd6c45", "e205d5401dd6c45e", "e205d5401dd6c45g"}
	if got := slices.Sorted(s.All()); !slices.Equal(got, want) || s.Len() != len(want) {
		t.Errorf("All() = %q (Len %d), want %q", got, s.Len(), want)
	}
	var none *IDs
	if none.Has("1") {
		t.Error("a nil set has an id")
	}
}
