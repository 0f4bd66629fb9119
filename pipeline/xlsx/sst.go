package xlsx

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// sharedStrings holds the decoded items in blocks that are filled, never
// grown: no doubling copy while loading, and 8 bytes an item on top of the
// text, where a []string costs 16 and a pointer for the collector each.
type sharedStrings struct {
	blocks [][]byte
	items  []uint64 // block<<44 | start<<24 | length
	tmp    []byte
}

const (
	sstBlock  = 1 << 20 // items of a quarter of this or more get their own block
	sstMaxLen = 1<<24 - 1
)

func (t *sharedStrings) len() int { return len(t.items) }

func (t *sharedStrings) get(i int) []byte {
	x := t.items[i]
	b, start, n := x>>44, x>>24&(sstBlock-1), x&sstMaxLen
	return t.blocks[b][start : start+n]
}

// readSST streams xl/sharedStrings.xml through the scanner.
func (b *Book) readSST() (*sharedStrings, error) {
	t := &sharedStrings{}
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
	limit := maxSharedStrings(b)
	for {
		err := t.step(s, &raw, &tmp)
		if err == nil && t.len() > limit {
			return nil, fmt.Errorf("%s: %s: more than %d shared strings for sheets of %d bytes, which cannot use them: %w",
				b.name, b.sstPath, limit, sheetBytes(b), ErrTooLarge)
		}
		if err == errMore {
			ok, merr := s.more()
			switch {
			case merr != nil:
				return nil, merr // names file and part already, or the limit
			case ok:
				continue
			case s.pos == len(s.buf):
				return t, nil
			}
			err = errXML("ends inside an element")
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: item %d: %w", b.name, b.sstPath, t.len()+1, err)
		}
	}
}

// maxSharedStrings bounds the shared strings table by the sheets that use
// it, so a small sheet with a table of millions of strings (52 MB of zip
// holding 20 million, for 6 rows) is refused before it is loaded: each
// string is there for a cell, and the smallest cell that uses one
// (<c t="s"><v>1</v></c>) takes 20 bytes of sheet XML. Excel and
// LibreOffice keep no unused strings; the bound allows four times as many,
// and 10,000 whatever the sheets.
func maxSharedStrings(b *Book) int {
	return 10_000 + int(min(sheetBytes(b)/20*4, 1<<40))
}

// sheetBytes is the uncompressed size of all the workbook's sheets.
func sheetBytes(b *Book) uint64 {
	var n uint64
	for _, s := range b.sheets {
		if f, ok := b.files[s.path]; ok {
			n += f.UncompressedSize64
		}
	}
	return n
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
	text := raw
	if bytes.Contains(raw, []byte("_x")) {
		t.tmp = unescapeBSTR(t.tmp[:0], raw)
		text = t.tmp
	}
	n := len(text)
	if n > sstMaxLen {
		return fmt.Errorf("shared string longer than %d bytes: %w", sstMaxLen, ErrTooLarge)
	}
	last := len(t.blocks) - 1
	switch {
	case n >= sstBlock/4:
		t.blocks = append(t.blocks, make([]byte, 0, n))
		last++
	case last < 0 || cap(t.blocks[last])-len(t.blocks[last]) < n:
		t.blocks = append(t.blocks, make([]byte, 0, sstBlock))
		last++
	}
	start := len(t.blocks[last])
	t.blocks[last] = append(t.blocks[last], text...)
	t.items = append(t.items, uint64(last)<<44|uint64(start)<<24|uint64(n))
	return nil
}
