package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Errors of CSV parsing, inside a *ParseError; match them with errors.Is.
var (
	ErrQuote        = errors.New("unterminated quoted field")
	ErrFieldTooLong = errors.New("field longer than 32,767 characters, the most an Excel cell holds")
	ErrNUL          = errors.New("NUL byte")
	ErrEncoding     = errors.New("invalid character")
)

// ParseError points at a position in a CSV file. It prints as
//
//	umfrage.csv:17:5: unterminated quoted field
//
// Line is the line in the file, counted as a text editor does; a quoted
// field may span lines, so the record may start on an earlier line. Column
// counts characters from 1.
type ParseError struct {
	File      string
	StartLine int
	Line      int
	Column    int
	Err       error
}

func (e *ParseError) Error() string {
	if e.StartLine != e.Line {
		return fmt.Sprintf("%s:%d:%d: %v (in the record starting on line %d)", e.File, e.Line, e.Column, e.Err, e.StartLine)
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// errNUL: the text reader drops stray NULs, but not one byte in eight.
var errNUL = fmt.Errorf("%w: one byte in eight or more: the file is not text, or is UTF-16 without a byte order mark (set the encoding to utf-16)", ErrNUL)

const (
	maxCellChars = 32767
	// maxRawField is the length of a field's bytes in the file beyond which
	// its value exceeds maxCellChars whatever its quoting and characters: a
	// character takes at most 3 bytes per UTF-16 unit, and "" escapes
	// double that. Past it the scanner stops buffering the field.
	maxRawField = 6*maxCellChars + 2
	// scanBufSize holds the longest field the scanner buffers whole, plus
	// the byte after it.
	scanBufSize = 256 << 10
)

// scanner splits UTF-8 text into fields, as Excel reads a CSV file:
// RFC 4180 quoting, any of CRLF, LF or CR ending a line, and leniency
// where Excel is lenient (a quote inside an unquoted field is a character;
// text after a closing quote is kept up to the delimiter).
type scanner struct {
	file string
	src  *textReader
	buf  []byte
	pos  int // start of the field being read; unread bytes are buf[pos:n]
	n    int
	rerr error // sticky error of src, io.EOF at its end

	plain  [256]bool // bytes that end an unquoted field
	quoted [256]bool // bytes a quoted field's scan stops at

	recStart bool // the next field starts a record

	// The position of buf[pos], for messages.
	line, recLine int
	ls            int // index in buf where the current line starts; ls <= pos
	lcol          int // characters of the current line already shifted out of buf
}

// newScanner returns a scanner with a buffer of size bytes: scanBufSize
// for a file, or more than the whole text.
func newScanner(file string, src *textReader, delim byte, size int) *scanner {
	s := &scanner{file: file, src: src, buf: make([]byte, size), recStart: true, line: 1}
	for _, c := range []byte{delim, '\n', '\r'} {
		s.plain[c] = true
	}
	for _, c := range []byte{'"', '\n', '\r'} {
		s.quoted[c] = true
	}
	return s
}

// field returns the next field and whether it is the last of its record.
// The value is only valid until the next call. After the last record field
// returns io.EOF.
func (s *scanner) field() (v []byte, last bool, err error) {
	if s.pos == s.n && !s.more() {
		if err := s.failed(); err != nil {
			return nil, false, err
		}
		if s.recStart {
			return nil, false, io.EOF
		}
		// The text ends after a delimiter: an empty last field.
		s.recStart = true
		return nil, true, nil
	}
	if s.recStart {
		s.recLine, s.recStart = s.line, false
	}
	if s.buf[s.pos] == '"' {
		return s.quotedField()
	}
	i, hi, err := s.scanPlain(0, 0, false)
	if err != nil {
		return nil, false, err
	}
	adv, last, nl, err := s.terminate(i)
	if err != nil {
		return nil, false, err
	}
	v = s.buf[s.pos : s.pos+i]
	if err := s.check(v, hi); err != nil {
		return nil, false, err
	}
	if len(v) > maxCellChars && cellLen(v) > maxCellChars {
		return nil, false, s.errAt(0, ErrFieldTooLong)
	}
	s.advance(i+adv, nl, last)
	return v, last, nil
}

// quotedField reads a field that starts with a quote.
func (s *scanner) quotedField() ([]byte, bool, error) {
	var hi byte
	i, esc := 1, false
	nl, lineAt := 0, 0 // line breaks inside the quotes, and where the last one ends
	for {
		b := s.buf[:s.n]
		p := s.pos + i
		for p < len(b) && !s.quoted[b[p]] {
			hi |= b[p]
			p++
		}
		i = p - s.pos
		// A quote may be doubled and CR may precede LF: look one byte on.
		if p+1 >= len(b) {
			if i > maxRawField {
				return nil, false, s.errAt(0, fmt.Errorf("%w (a quote that is never closed?)", ErrFieldTooLong))
			}
			if s.more() {
				continue
			}
			if err := s.failed(); err != nil {
				return nil, false, err
			}
			// more may have moved the bytes to the buffer's front.
			b, p = s.buf[:s.n], s.pos+i
			if p == len(b) {
				return nil, false, s.errAt(0, ErrQuote)
			}
		}
		c := b[p]
		if c == '"' {
			if p+1 < len(b) && b[p+1] == '"' {
				esc = true
				i += 2
				continue
			}
			break
		}
		switch c {
		case '\n':
			nl, lineAt = nl+1, i+1
		case '\r':
			if p+1 == len(b) || b[p+1] != '\n' {
				nl, lineAt = nl+1, i+1
			}
		}
		i++
	}
	q := i
	i, hi, err := s.scanPlain(q+1, hi, true)
	if err != nil {
		return nil, false, err
	}
	adv, last, endNL, err := s.terminate(i)
	if err != nil {
		return nil, false, err
	}
	if err := s.check(s.buf[s.pos:s.pos+i], hi); err != nil {
		return nil, false, err
	}
	v := s.buf[s.pos+1 : s.pos+q]
	if esc {
		v = unescape(v)
	}
	if tail := s.buf[s.pos+q+1 : s.pos+i]; len(tail) > 0 {
		k := copy(s.buf[s.pos+1+len(v):], tail)
		v = s.buf[s.pos+1 : s.pos+1+len(v)+k]
	}
	if len(v) > maxCellChars && cellLen(v) > maxCellChars {
		return nil, false, s.errAt(0, ErrFieldTooLong)
	}
	if nl > 0 {
		s.line += nl
		s.ls, s.lcol = s.pos+lineAt, 0
	}
	s.advance(i+adv, endNL, last)
	return v, last, nil
}

// scanPlain scans unquoted text from buf[pos+i] to the next delimiter,
// line break or NUL, or the end of the text, and returns its index and
// the OR of the bytes passed, whose high bit tells of non-ASCII text.
func (s *scanner) scanPlain(i int, hi byte, quoted bool) (int, byte, error) {
	for {
		b := s.buf[:s.n]
		p := s.pos + i
		for p < len(b) && !s.plain[b[p]] {
			hi |= b[p]
			p++
		}
		i = p - s.pos
		if i > maxRawField {
			err := ErrFieldTooLong
			if quoted {
				err = fmt.Errorf("%w (a quote that is never closed?)", ErrFieldTooLong)
			}
			return 0, 0, s.errAt(0, err)
		}
		if p < len(b) {
			return i, hi, nil
		}
		if !s.more() {
			return i, hi, s.failed()
		}
	}
}

// terminate reads what ends the field at buf[pos+i]: it returns its length
// and whether it ends the record and a line.
func (s *scanner) terminate(i int) (adv int, last, nl bool, err error) {
	if s.pos+i == s.n {
		return 0, true, false, nil // end of text
	}
	switch s.buf[s.pos+i] {
	case '\n':
		return 1, true, true, nil
	case '\r':
		if s.pos+i+1 == s.n && !s.more() {
			if err := s.failed(); err != nil {
				return 0, false, false, err
			}
		}
		if s.pos+i+1 < s.n && s.buf[s.pos+i+1] == '\n' {
			return 2, true, true, nil
		}
		return 1, true, true, nil
	}
	return 1, false, false, nil // the delimiter
}

// advance moves pos past a field of k bytes with its terminator.
func (s *scanner) advance(k int, nl, last bool) {
	s.pos += k
	if nl {
		s.line++
		s.ls, s.lcol = s.pos, 0
	}
	s.recStart = last
}

// check reports bytes of raw, the field's text in the file, that are no
// characters: invalid UTF-8, or what the Windows-1252 decoder could not
// read. hi is the OR of raw's bytes.
func (s *scanner) check(raw []byte, hi byte) error {
	if hi < utf8.RuneSelf {
		return nil
	}
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			return s.errAt(i, fmt.Errorf("%w: byte 0x%02X is not UTF-8; if the file is Windows-1252 (Excel's \"CSV (Trennzeichen-getrennt)\"), set the encoding to windows-1252", ErrEncoding, raw[i]))
		}
		i += n
	}
	if s.src.cp1252 {
		if i := bytes.Index(raw, []byte("\uFFFD")); i >= 0 {
			return s.errAt(i, fmt.Errorf("%w: a byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90 or 0x9D); set the encoding to latin1 to take every byte as a character", ErrEncoding))
		}
	}
	return nil
}

// more moves the unread bytes to the front of buf and fills the rest; it
// reports whether bytes arrived.
func (s *scanner) more() bool {
	if s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		s.lcol += utf8.RuneCount(s.buf[s.ls:s.pos])
		s.ls = 0
		s.n = copy(s.buf, s.buf[s.pos:s.n])
		s.pos = 0
	}
	start := s.n
	for empty := 0; s.n < len(s.buf) && empty < 100; {
		m, err := s.src.Read(s.buf[s.n:])
		s.n += m
		if err != nil {
			s.rerr = err
			break
		}
		if m == 0 {
			empty++
		}
	}
	if s.n == start && s.rerr == nil {
		s.rerr = io.ErrNoProgress
	}
	return s.n > start
}

// failed returns the error that ended the text early, if one did.
func (s *scanner) failed() error {
	if s.rerr == nil || s.rerr == io.EOF {
		return nil
	}
	return fmt.Errorf("%s: line %d: %w", s.file, s.line, s.rerr)
}

// errAt returns err at buf[pos+i].
func (s *scanner) errAt(i int, err error) error {
	line, ls, lcol := s.line, s.ls, s.lcol
	for j := s.pos; j < s.pos+i; j++ {
		c := s.buf[j]
		if c == '\n' || c == '\r' && (j+1 == s.n || s.buf[j+1] != '\n') {
			line, ls, lcol = line+1, j+1, 0
		}
	}
	return &ParseError{
		File:      s.file,
		StartLine: s.recLine,
		Line:      line,
		Column:    lcol + utf8.RuneCount(s.buf[ls:s.pos+i]) + 1,
		Err:       err,
	}
}

// unescape turns the "" of a quoted field's inside into " in place.
func unescape(v []byte) []byte {
	w := 0
	for r := 0; r < len(v); r++ {
		v[w] = v[r]
		w++
		if v[r] == '"' {
			r++
		}
	}
	return v[:w]
}

// cellLen counts v's characters as Excel does, in UTF-16 units.
func cellLen(v []byte) int {
	n := 0
	for _, r := range string(v) {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}
