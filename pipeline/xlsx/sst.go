package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"unicode/utf8"
)

// sharedStrings holds the decoded items in one buffer: item i is
// data[offs[i]:offs[i+1]]. That is a few bytes per item on top of the text,
// where a []string would cost 16 and a pointer for the collector each.
type sharedStrings struct {
	data []byte
	offs []uint32
}

func (t *sharedStrings) len() int { return len(t.offs) - 1 }

func (t *sharedStrings) get(i int) []byte { return t.data[t.offs[i]:t.offs[i+1]] }

// readSST streams xl/sharedStrings.xml through the scanner.
func (b *Book) readSST() (*sharedStrings, error) {
	t := &sharedStrings{offs: []uint32{0}}
	f, ok := b.files[b.sstPath]
	if b.sstPath == "" || !ok {
		return t, nil
	}
	e, err := openEntry(b.name, f)
	if err != nil {
		return nil, err
	}
	src := startChunks(e)
	defer src.close()
	s := &scanner{src: src}
	var raw, tmp []byte
	for {
		err := t.step(s, &raw, &tmp)
		if err == errMore {
			var ok bool
			if ok, err = s.more(); ok {
				continue
			}
			if err == nil && s.pos == len(s.buf) {
				return t, nil
			}
			if err == nil {
				err = errXML("ends inside an element")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: item %d: %w", b.name, b.sstPath, t.len()+1, err)
		}
	}
}

// step parses from s.pos up to and including the next <si> item.
func (t *sharedStrings) step(s *scanner, raw, tmp *[]byte) error {
	b := s.buf
	for {
		i := s.pos
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			s.pos = len(b)
			return errMore
		}
		i += k
		s.pos = i
		if i+1 >= len(b) {
			return errMore
		}
		if c := b[i+1]; c == '!' || c == '?' {
			_, next, err := s.special(i)
			if err != nil {
				return err
			}
			s.pos = next
			continue
		}
		if b[i+1] == '/' {
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 {
				return errMore
			}
			s.pos = i + e + 1
			continue
		}
		name, j, err := s.name(i + 1)
		if err != nil {
			return err
		}
		j, end, err := s.skipTag(j)
		if err != nil {
			return err
		}
		if string(name) != "si" {
			s.pos = j
			continue
		}
		*raw = (*raw)[:0]
		if end == tagOpen {
			if *raw, *tmp, j, err = s.item(j, *raw, *tmp); err != nil {
				return err
			}
		}
		s.pos = j
		return t.add(*raw)
	}
}

func (t *sharedStrings) add(raw []byte) error {
	if !utf8.Valid(raw) {
		return fmt.Errorf("invalid UTF-8: %w", ErrCorrupt)
	}
	if bytes.Contains(raw, []byte("_x")) {
		t.data = unescapeBSTR(t.data, raw)
	} else {
		t.data = append(t.data, raw...)
	}
	if len(t.data) > math.MaxUint32 {
		return fmt.Errorf("shared strings over 4 GiB: %w", ErrTooLarge)
	}
	t.offs = append(t.offs, uint32(len(t.data)))
	return nil
}
