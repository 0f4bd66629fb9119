package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// The XML scanner works on a window of the inflated stream. An element the
// reader needs whole (a cell, a shared string item) must lie in the window:
// a parse that runs off its end returns errMore, the window takes in the
// next chunk, and the parse starts again at the element. Everything else
// (text between tags, other elements) streams through.

// errMore says the window ended inside an element.
var errMore = errors.New("xlsx: need more input")

// maxElement bounds one element the reader holds whole. A cell of 32767
// characters with a formatted run per character stays below 8 MiB.
const maxElement = 16 << 20

func errXML(format string, args ...any) error {
	return fmt.Errorf("malformed XML: "+format+": %w", append(args, ErrCorrupt)...)
}

var errDoctype = errXML("DOCTYPE or ENTITY declarations are not allowed")

type scanner struct {
	src *chunkSource
	buf []byte // the window; the unparsed part is buf[pos:]
	pos int
	eof bool
	cur []byte // the chunk buf lies in, if it does
	big []byte // holds the window when an element outgrows the headroom
}

// more takes the next chunk into the window, keeping buf[pos:]. The kept
// tail goes into the chunk's headroom, so the chunk itself is not copied.
// It reports false at the end of the stream.
func (s *scanner) more() (bool, error) {
	if s.eof {
		return false, nil
	}
	chunk := s.src.next()
	if chunk == nil {
		s.eof = true
		return false, s.src.err
	}
	keep := len(s.buf) - s.pos
	if keep <= headroom {
		start := headroom - keep
		copy(chunk[start:], s.buf[s.pos:])
		s.release()
		s.cur, s.buf, s.pos = chunk, chunk[start:], 0
		return true, nil
	}
	data := chunk[headroom:]
	need := keep + len(data)
	if need > maxElement+chunkSize {
		return false, fmt.Errorf("an XML element is larger than %d MiB: %w", maxElement>>20, ErrTooLarge)
	}
	if cap(s.big) < need {
		nb := make([]byte, need, max(2*cap(s.big), need))
		copy(nb, s.buf[s.pos:])
		s.big = nb
	} else {
		s.big = s.big[:need]
		copy(s.big, s.buf[s.pos:]) // may overlap: copy moves correctly
	}
	copy(s.big[keep:], data)
	s.src.recycle(chunk)
	s.release()
	s.buf, s.pos = s.big, 0
	return true, nil
}

// release hands the window's chunk back to the inflating goroutine.
func (s *scanner) release() {
	if s.cur != nil {
		s.src.recycle(s.cur)
		s.cur = nil
	}
}

// drain reads the rest of the stream, so the entry's CRC gets checked.
func (s *scanner) drain() error {
	for !s.eof {
		s.pos = len(s.buf)
		if _, err := s.more(); err != nil {
			return err
		}
	}
	return nil
}

// has reports whether n bytes from i are in the window, or no more come.
func (s *scanner) has(i, n int) bool {
	return len(s.buf)-i >= n || s.eof
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// name reads the XML name at i and returns its local part (prefix dropped,
// as excelize matches on local names) and the index after it.
func (s *scanner) name(i int) ([]byte, int, error) {
	b := s.buf
	start := i
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case ' ', '\n', '\t', '\r', '/', '>':
			return b[start:i], i, nil
		case ':':
			start = i + 1
		}
	}
	return nil, 0, errMore
}

// Tag ends, as attr reports them.
const (
	inTag = iota
	tagOpen
	tagEmpty // <x/>
)

// attr reads the attribute at i, or the end of the start tag.
func (s *scanner) attr(i int) (name, val []byte, next, end int, err error) {
	b := s.buf
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i+1 >= len(b) {
		return nil, nil, 0, 0, errMore
	}
	switch b[i] {
	case '>':
		return nil, nil, i + 1, tagOpen, nil
	case '/':
		if b[i+1] != '>' {
			return nil, nil, 0, 0, errXML("stray / in a tag")
		}
		return nil, nil, i + 2, tagEmpty, nil
	}
	start := i
	for ; i < len(b) && b[i] != '=' && !isSpace(b[i]); i++ {
		if b[i] == ':' {
			start = i + 1
		} else if b[i] == '>' || b[i] == '/' || b[i] == '<' {
			return nil, nil, 0, 0, errXML("attribute without value")
		}
	}
	name = b[start:i]
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i < len(b) && b[i] != '=' {
		return nil, nil, 0, 0, errXML("attribute without value")
	}
	for i++; i < len(b) && isSpace(b[i]); i++ {
	}
	if i >= len(b) {
		return nil, nil, 0, 0, errMore
	}
	q := b[i]
	if q != '"' && q != '\'' {
		return nil, nil, 0, 0, errXML("attribute value without quotes")
	}
	k := bytes.IndexByte(b[i+1:], q)
	if k < 0 {
		return nil, nil, 0, 0, errMore
	}
	return name, b[i+1 : i+1+k], i + k + 2, inTag, nil
}

// skipTag skips the attributes of a start tag from i.
func (s *scanner) skipTag(i int) (next, end int, err error) {
	for {
		_, _, i, end, err = s.attr(i)
		if err != nil || end != inTag {
			return i, end, err
		}
	}
}

// special skips a comment, processing instruction or CDATA section at i
// (b[i] == '<', b[i+1] is '!' or '?'), returning the CDATA content if any.
// Declarations are refused: Excel never writes them and they are how XML
// entity attacks start.
func (s *scanner) special(i int) (cdata []byte, next int, err error) {
	b := s.buf
	if !s.has(i, 9) {
		return nil, 0, errMore
	}
	var end string
	switch {
	case b[i+1] == '?':
		end = "?>"
	case bytes.HasPrefix(b[i:], []byte("<!--")):
		end = "-->"
	case bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
		k := bytes.Index(b[i+9:], []byte("]]>"))
		if k < 0 {
			return nil, 0, errMore
		}
		return b[i+9 : i+9+k], i + 9 + k + 3, nil
	default:
		return nil, 0, errDoctype
	}
	k := bytes.Index(b[i+2:], []byte(end))
	if k < 0 {
		return nil, 0, errMore
	}
	return nil, i + 2 + k + len(end), nil
}

// text reads the character data of the element whose start tag ends at i,
// through its end tag. Child elements are skipped, as excelize's decoding
// into a string does. The result aliases the window when nothing needs
// decoding, else it is dst's storage.
func (s *scanner) text(i int, dst []byte) (txt, buf []byte, next int, err error) {
	b := s.buf
	if k := bytes.IndexByte(b[i:], '<'); k >= 0 && i+k+1 < len(b) && b[i+k+1] == '/' {
		seg := b[i : i+k]
		if bytes.IndexByte(seg, '&') < 0 && bytes.IndexByte(seg, '\r') < 0 {
			e := bytes.IndexByte(b[i+k:], '>')
			if e < 0 {
				return nil, dst, 0, errMore
			}
			return seg, dst, i + k + e + 1, nil
		}
	}
	dst = dst[:0]
	depth := 0
	for {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return nil, dst, 0, errMore
		}
		if depth == 0 {
			if dst, err = appendText(dst, b[i:i+k]); err != nil {
				return nil, dst, 0, err
			}
		}
		i += k
		if i+1 >= len(b) {
			return nil, dst, 0, errMore
		}
		switch b[i+1] {
		case '/':
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 {
				return nil, dst, 0, errMore
			}
			i += e + 1
			if depth == 0 {
				return dst, dst, i, nil
			}
			depth--
		case '!', '?':
			var cdata []byte
			if cdata, i, err = s.special(i); err != nil {
				return nil, dst, 0, err
			}
			if depth == 0 {
				dst = appendCRLF(dst, cdata)
			}
		default:
			_, j, err := s.name(i + 1)
			if err != nil {
				return nil, dst, 0, err
			}
			j, end, err := s.skipTag(j)
			if err != nil {
				return nil, dst, 0, err
			}
			i = j
			if end == tagOpen {
				depth++
			}
		}
	}
}

// skipElement skips an element whose start tag ended at i with tagOpen.
func (s *scanner) skipElement(i int) (int, error) {
	_, _, next, err := s.text(i, nil)
	return next, err
}

var entities = map[string]byte{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// appendText appends XML character data decoded: entities, character
// references, and line ends normalised to \n as encoding/xml does.
func appendText(dst, seg []byte) ([]byte, error) {
	for len(seg) > 0 {
		k := bytes.IndexAny(seg, "&\r")
		if k < 0 {
			return append(dst, seg...), nil
		}
		dst = append(dst, seg[:k]...)
		seg = seg[k:]
		if seg[0] == '\r' {
			dst = append(dst, '\n')
			seg = seg[1:]
			if len(seg) > 0 && seg[0] == '\n' {
				seg = seg[1:]
			}
			continue
		}
		e := bytes.IndexByte(seg, ';')
		if e < 0 {
			return dst, errXML("& without ;")
		}
		ent := seg[1:e]
		seg = seg[e+1:]
		if len(ent) > 1 && ent[0] == '#' {
			r, ok := charRef(ent[1:])
			if !ok {
				return dst, errXML("bad character reference &%s;", ent)
			}
			dst = utf8.AppendRune(dst, r)
			continue
		}
		c, ok := entities[string(ent)]
		if !ok {
			return dst, errXML("unknown entity &%s;", ent)
		}
		dst = append(dst, c)
	}
	return dst, nil
}

// charRef decodes the digits of &#N; or &#xH;.
func charRef(d []byte) (rune, bool) {
	base := rune(10)
	if d[0] == 'x' {
		base, d = 16, d[1:]
	}
	if len(d) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range d {
		var v rune
		switch {
		case '0' <= c && c <= '9':
			v = rune(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			v = rune(c|0x20-'a') + 10
		default:
			return 0, false
		}
		r = r*base + v
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	return r, true
}

// appendCRLF appends CDATA content with line ends normalised.
func appendCRLF(dst, seg []byte) []byte {
	for {
		k := bytes.IndexByte(seg, '\r')
		if k < 0 {
			return append(dst, seg...)
		}
		dst = append(append(dst, seg[:k]...), '\n')
		seg = seg[k+1:]
		if len(seg) > 0 && seg[0] == '\n' {
			seg = seg[1:]
		}
	}
}

// item reads a string item (<si> or <is>) whose start tag ended at i: the
// text of its <t> and of its runs' <t>, not of phonetic runs (<rPh>).
func (s *scanner) item(i int, dst, tmp []byte) (txt, tmpOut []byte, next int, err error) {
	b := s.buf
	depth := 0 // 1 inside a run
	for {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return dst, tmp, 0, errMore
		}
		i += k
		if i+1 >= len(b) {
			return dst, tmp, 0, errMore
		}
		switch b[i+1] {
		case '/':
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 {
				return dst, tmp, 0, errMore
			}
			i += e + 1
			if depth == 0 {
				return dst, tmp, i, nil
			}
			depth--
			continue
		case '!', '?':
			if _, i, err = s.special(i); err != nil {
				return dst, tmp, 0, err
			}
			continue
		}
		name, j, err := s.name(i + 1)
		if err != nil {
			return dst, tmp, 0, err
		}
		j, end, err := s.skipTag(j)
		if err != nil {
			return dst, tmp, 0, err
		}
		i = j
		if end == tagEmpty {
			continue
		}
		switch {
		case len(name) == 1 && name[0] == 't':
			var t []byte
			if t, tmp, i, err = s.text(i, tmp); err != nil {
				return dst, tmp, 0, err
			}
			dst = append(dst, t...)
		case depth == 0 && len(name) == 1 && name[0] == 'r':
			depth = 1
		default:
			if i, err = s.skipElement(i); err != nil {
				return dst, tmp, 0, err
			}
		}
	}
}

// unescapeBSTR decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold, as excelize does: _x005F_ is a literal underscore, and an
// escaped surrogate half is dropped.
func unescapeBSTR(dst, s []byte) []byte {
	for {
		k := bytes.Index(s, []byte("_x"))
		if k < 0 || len(s)-k < 7 {
			return append(dst, s...)
		}
		r, ok := hex4(s[k+2 : k+6])
		if !ok || s[k+6] != '_' {
			dst = append(dst, s[:k+1]...)
			s = s[k+1:]
			continue
		}
		dst = append(dst, s[:k]...)
		if !utf8.ValidRune(r) { // a surrogate half
			s = s[k+7:]
			continue
		}
		dst = utf8.AppendRune(dst, r)
		s = s[k+7:]
	}
}

func hex4(h []byte) (rune, bool) {
	var r rune
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			r = r<<4 | rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// utf16Len counts UTF-16 units, the characters Excel's cell limit counts.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
