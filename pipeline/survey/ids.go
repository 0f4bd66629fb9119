package survey

import (
	"fmt"
	"iter"
	"strings"
)

// IDs is a set of respondent ids, each with the sheet row it was first
// seen in. Pseudonyms (16 lower-case hex digits, see stats.Pseudonym) are
// kept as the 64-bit number they spell, which takes a fraction of the
// memory of a string key; other ids as strings. Both are exact.
type IDs struct {
	hex   map[uint64]int32
	other map[string]int32
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{hex: map[uint64]int32{}, other: map[string]int32{}} }

// Add records id as first seen in row, unless it is there already; it
// returns the row id was first seen in and whether it was there.
func (s *IDs) Add(id string, row int) (first int, dup bool) {
	if h, ok := hex64(id); ok {
		if r, ok := s.hex[h]; ok {
			return int(r), true
		}
		s.hex[h] = int32(row)
		return row, false
	}
	if r, ok := s.other[id]; ok {
		return int(r), true
	}
	s.other[strings.Clone(id)] = int32(row)
	return row, false
}

// Row returns the row id was first seen in, and whether it is in the set.
func (s *IDs) Row(id string) (int, bool) {
	if s == nil {
		return 0, false
	}
	var r int32
	var ok bool
	if h, isHex := hex64(id); isHex {
		r, ok = s.hex[h]
	} else {
		r, ok = s.other[id]
	}
	return int(r), ok
}

// Has says whether id is in the set; a nil set is empty.
func (s *IDs) Has(id string) bool {
	_, ok := s.Row(id)
	return ok
}

// All yields the ids, in no particular order.
func (s *IDs) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		for h := range s.hex {
			if !yield(fmt.Sprintf("%016x", h)) {
				return
			}
		}
		for id := range s.other {
			if !yield(id) {
				return
			}
		}
	}
}

// Len is the number of ids.
func (s *IDs) Len() int { return len(s.hex) + len(s.other) }

// hex64 reads exactly 16 lower-case hex digits: one spelling per number,
// so the mapping is one to one.
func hex64(s string) (uint64, bool) {
	if len(s) != 16 {
		return 0, false
	}
	var v uint64
	for i := 0; i < 16; i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uint64(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uint64(c-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
