package survey

import (
	"fmt"
	"iter"
	"strings"
)

// IDs is a set of respondent ids, each with the sheet row it was first
// seen in. Pseudonyms (16 lower-case hex digits, see disclosure.Pseudonym) are
// kept as the 64-bit number they spell, in an open-addressing table of a
// fraction of the memory and time of a map of strings; other ids as
// strings. Both are exact.
type IDs struct {
	keys []uint64 // pseudonyms as numbers, 0 for a free slot
	rows []int32
	n    int // pseudonyms in keys
	// the pseudonym 0, which cannot be marked in keys
	zero    bool
	zeroRow int32
	other   map[string]int32
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{other: map[string]int32{}} }

// slot returns where h is or would go in keys (a power of two long).
// Pseudonyms are uniform already, but other hex ids need not be, so the
// number is mixed first (Fibonacci hashing).
func (s *IDs) slot(h uint64) int {
	mask := len(s.keys) - 1
	i := int((h*0x9e3779b97f4a7c15)>>32) & mask
	for s.keys[i] != 0 && s.keys[i] != h {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles keys when it is three quarters full.
func (s *IDs) grow() {
	if 4*(s.n+1) <= 3*len(s.keys) {
		return
	}
	keys, rows := s.keys, s.rows
	size := max(1024, 2*len(keys))
	s.keys, s.rows = make([]uint64, size), make([]int32, size)
	for i, k := range keys {
		if k != 0 {
			j := s.slot(k)
			s.keys[j], s.rows[j] = k, rows[i]
		}
	}
}

// Add records id as first seen in row, unless it is there already; it
// returns the row id was first seen in and whether it was there.
func (s *IDs) Add(id string, row int) (first int, dup bool) {
	h, ok := hex64(id)
	switch {
	case ok && h == 0:
		if s.zero {
			return int(s.zeroRow), true
		}
		s.zero, s.zeroRow = true, int32(row)
		return row, false
	case ok:
		s.grow()
		i := s.slot(h)
		if s.keys[i] == h {
			return int(s.rows[i]), true
		}
		s.keys[i], s.rows[i] = h, int32(row)
		s.n++
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
	h, ok := hex64(id)
	switch {
	case ok && h == 0:
		return int(s.zeroRow), s.zero
	case ok:
		if len(s.keys) == 0 {
			return 0, false
		}
		i := s.slot(h)
		return int(s.rows[i]), s.keys[i] == h
	}
	r, ok := s.other[id]
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
		if s.zero && !yield(fmt.Sprintf("%016x", 0)) {
			return
		}
		for _, h := range s.keys {
			if h != 0 && !yield(fmt.Sprintf("%016x", h)) {
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
func (s *IDs) Len() int {
	n := s.n + len(s.other)
	if s.zero {
		n++
	}
	return n
}

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
