package survey

import (
	"fmt"
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

// TestIDsLikeAMap adds many ids, pseudonyms and others, some twice, and
// compares every answer with a map's.
func TestIDsLikeAMap(t *testing.T) {
	s, want := NewIDs(), map[string]int{}
	id := func(i int) string {
		switch i % 5 {
		case 0:
			return fmt.Sprint(i) // a plain response number
		case 1:
			return fmt.Sprintf("%016x", i) // hex, but not uniform
		default:
			return fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
		}
	}
	for i := range 20_000 {
		k := id(i)
		if i%7 == 3 {
			k = id(i / 2) // seen before
		}
		first, dup := s.Add(k, i)
		w, had := want[k]
		if !had {
			want[k], w = i, i
		}
		if first != w || dup != had {
			t.Fatalf("Add(%q, %d) = %d, %v, want %d, %v", k, i, first, dup, w, had)
		}
	}
	for k, w := range want {
		if row, ok := s.Row(k); !ok || row != w {
			t.Fatalf("Row(%q) = %d, %v, want %d, true", k, row, ok, w)
		}
	}
	if s.Len() != len(want) || len(slices.Collect(s.All())) != len(want) {
		t.Errorf("Len %d, All %d ids, want %d", s.Len(), len(slices.Collect(s.All())), len(want))
	}
	if _, ok := s.Row(id(30_001)); ok {
		t.Error("an id never added is in the set")
	}
}

func BenchmarkIDsAdd(b *testing.B) {
	ids := make([]string, 200_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
	}
	b.ResetTimer()
	for range b.N {
		s := NewIDs()
		for i, id := range ids {
			s.Add(id, i)
		}
	}
}
