package ingest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/array"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLen is how much text Open looks at to choose the encoding and the
// delimiter.
const sniffLen = 64 << 10

// csvBook is a CSV file: one sheet named "", read from the start again by
// each Cells call, so nothing of the file is held between calls.
type csvBook struct {
	path, name string
	enc        encoding
	bom        int64 // length of the byte order mark to skip
	delim      byte
	sepLine    bool        // the first line is Excel's "sep=;" hint, not data
	last       *textReader // of the latest Cells, for Repairs
}

func openCSV(path, name string, opt Options) (Book, error) {
	b := &csvBook{path: path, name: name}
	named := encAuto
	if opt.Encoding != "" {
		e, ok := encodingNames[strings.ToLower(strings.TrimSpace(opt.Encoding))]
		if !ok {
			return nil, fmt.Errorf("%s: unknown encoding %q (use utf-8, windows-1252, latin1 or utf-16)", name, opt.Encoding)
		}
		named = e
	}
	if opt.Delimiter != 0 && !validDelimiter(opt.Delimiter) {
		return nil, fmt.Errorf("%s: delimiter %q: use a single ASCII character other than a quote or a line break", name, opt.Delimiter)
	}

	f, err := OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return nil, fmt.Errorf("%s: %w: this is a zip archive, likely an xlsx workbook: rename it to .xlsx", name, ErrUnsupported)
	}
	b.enc, b.bom = chooseEncoding(head[:n], named)

	text, err := b.text(f)
	if err != nil {
		return nil, err
	}
	prefix := make([]byte, sniffLen)
	n, err = io.ReadFull(text, prefix)
	whole := err == io.EOF || err == io.ErrUnexpectedEOF
	if err != nil && !whole {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	prefix = prefix[:n]

	if d, rest, ok := sepLine(prefix); ok {
		b.delim, b.sepLine, prefix = d, true, rest
	}
	switch {
	case opt.Delimiter != 0:
		b.delim = byte(opt.Delimiter)
	case !b.sepLine:
		sample := prefix
		if !whole {
			// Leave out the line the prefix cuts through.
			if i := bytes.LastIndexAny(sample, "\r\n"); i >= 0 {
				sample = sample[:i+1]
			}
		}
		b.delim = sniffDelimiter(sample)
	}
	if whole && !hasCells(prefix, b.delim) {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	return b, nil
}

func (b *csvBook) Name() string     { return b.name }
func (b *csvBook) Format() string   { return "csv" }
func (b *csvBook) Sheets() []string { return []string{""} }
func (b *csvBook) Close() error     { return nil }

// Cells streams the file's cells; the reader closes the file when it is
// released or reaches the end.
func (b *csvBook) Cells(sheet string) (array.RecordReader, error) {
	if sheet != "" {
		return nil, fmt.Errorf("%s: %w %q (a CSV file has one unnamed sheet)", b.name, ErrNoSheet, sheet)
	}
	f, err := OpenFile(b.path)
	if err != nil {
		return nil, err
	}
	text, err := b.text(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	b.last = text
	return newCellReader(newScanner(b.name, text, b.delim, scanBufSize), b.sepLine, f), nil
}

// Repairs says what reading the cells mended: the NUL bytes dropped.
func (b *csvBook) Repairs() []Repair {
	if b.last == nil {
		return nil
	}
	if n, line, col := b.last.NULs(); n > 0 {
		return []Repair{{Kind: RepairNUL, Count: int(n), Line: line, Column: col}}
	}
	return nil
}

// text positions f after the byte order mark and decodes it.
func (b *csvBook) text(f *os.File) (*textReader, error) {
	if _, err := f.Seek(b.bom, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: %w", b.name, err)
	}
	return newTextReader(f, b.enc), nil
}

type encoding int

const (
	// encAuto decides between UTF-8 and Windows-1252 at the first byte
	// that is not ASCII, see textReader.Read.
	encAuto encoding = iota
	encUTF8
	encCP1252
	// encLatin1 is ISO-8859-1, where every byte is a character: the way
	// out for a file that Windows-1252 rejects.
	encLatin1
	encUTF16LE
	encUTF16BE
)

var encodingNames = map[string]encoding{
	"utf-8": encUTF8, "utf8": encUTF8,
	"windows-1252": encCP1252, "cp1252": encCP1252,
	"latin1": encLatin1, "latin-1": encLatin1, "iso-8859-1": encLatin1,
	// Without a byte order mark "utf-16" is little-endian, as Windows
	// writes it.
	"utf-16": encUTF16LE, "utf-16le": encUTF16LE, "utf-16be": encUTF16BE,
}

// chooseEncoding returns the encoding of a file starting with head and the
// length of its byte order mark. A named encoding wins, except that a byte
// order mark settles UTF-16's byte order.
func chooseEncoding(head []byte, named encoding) (encoding, int64) {
	bom, n := encAuto, int64(0)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		bom, n = encUTF8, 3
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		bom, n = encUTF16LE, 2
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		bom, n = encUTF16BE, 2
	}
	isUTF16 := func(e encoding) bool { return e == encUTF16LE || e == encUTF16BE }
	switch {
	case named == encAuto && bom != encAuto:
		return bom, n
	case named == encAuto:
		return sniffUTF16(head), 0
	case named == bom || isUTF16(named) && isUTF16(bom):
		return bom, n
	}
	return named, 0
}

// sniffUTF16 recognises UTF-16 without a byte order mark by its zero high
// bytes: text in a Latin script is mostly ASCII, which UTF-16 writes as the
// character and a zero byte.
func sniffUTF16(head []byte) encoding {
	var even, odd int
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(head) / 2
	switch {
	case pairs < 2:
	case odd*2 >= pairs && even == 0:
		return encUTF16LE
	case even*2 >= pairs && odd == 0:
		return encUTF16BE
	}
	return encAuto
}

// textReader decodes a file to UTF-8 as it is read.
type textReader struct {
	raw io.Reader
	r   io.Reader // raw decoded; nil while encAuto has seen only ASCII
	// cp1252 tells that r decodes Windows-1252, whose decoder writes U+FFFD
	// for the five bytes the code page leaves undefined.
	cp1252 bool
	nul    nulCount
}

// nulCount follows the NUL bytes Read drops from the decoded text: real
// exports have a few (a download's padding, a tool's bug), and a cell
// cannot hold one. Mostly NULs is no text at all: an error.
type nulCount struct {
	read, dropped int64 // decoded bytes, NULs among them
	lines         int   // line breaks before the first NUL
	lineAt        int64 // offset where the line of the next byte starts
	line, col     int   // the first NUL, 1-based; 0 while there is none
}

func newTextReader(raw io.Reader, enc encoding) *textReader {
	t := &textReader{raw: raw}
	switch enc {
	case encUTF8:
		t.r = raw
	case encCP1252:
		t.decode(raw, charmap.Windows1252.NewDecoder())
		t.cp1252 = true
	case encLatin1:
		t.decode(raw, charmap.ISO8859_1.NewDecoder())
	case encUTF16LE:
		t.decode(raw, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case encUTF16BE:
		t.decode(raw, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	}
	return t
}

// decode sets r to decode src; bufio keeps the transformer's small reads
// from becoming system calls.
func (t *textReader) decode(src io.Reader, d transform.Transformer) {
	t.r = transform.NewReader(bufio.NewReaderSize(src, 64<<10), d)
}

// Read reads decoded text without its NUL bytes.
func (t *textReader) Read(p []byte) (int, error) {
	n, err := t.read(p)
	b, c := p[:n], &t.nul
	i := bytes.IndexByte(b, 0)
	if c.line == 0 {
		before := b
		if i >= 0 {
			before = b[:i]
		}
		c.lines += bytes.Count(before, []byte{'\n'})
		if k := bytes.LastIndexByte(before, '\n'); k >= 0 {
			c.lineAt = c.read + int64(k) + 1
		}
		if i >= 0 {
			c.line, c.col = c.lines+1, int(c.read+int64(i)-c.lineAt)+1
		}
	}
	c.read += int64(n)
	if i < 0 {
		return n, err
	}
	w := i
	for _, x := range b[i:] {
		if x != 0 {
			b[w] = x
			w++
		}
	}
	c.dropped += int64(n - w)
	// Many NULs, one byte in eight or more: binary, or UTF-16 that the
	// sniffing missed.
	if c.dropped >= 64 && c.dropped*8 > c.read {
		return w, errNUL
	}
	return w, err
}

// NULs says how many NUL bytes Read dropped and where the first was.
func (t *textReader) NULs() (n int64, line, col int) {
	return t.nul.dropped, t.nul.line, t.nul.col
}

func (t *textReader) read(p []byte) (int, error) {
	if t.r != nil {
		return t.r.Read(p)
	}
	n, err := t.raw.Read(p)
	i := firstNonASCII(p[:n])
	if i == n {
		return n, err
	}
	// Up to p[i] UTF-8 and Windows-1252 agree. Decide on a window of text
	// from there.
	win := make([]byte, n-i, max(n-i, sniffLen))
	copy(win, p[i:n])
	for len(win) < cap(win) && err == nil {
		var m int
		m, err = t.raw.Read(win[len(win):cap(win)])
		win = win[:len(win)+m]
	}
	var rest io.Reader
	switch err {
	case nil:
		rest = io.MultiReader(bytes.NewReader(win), t.raw)
	case io.EOF:
		rest = bytes.NewReader(win)
	default:
		rest = io.MultiReader(bytes.NewReader(win), errReader{err})
	}
	if looksUTF8(win[:min(len(win), sniffLen)], err == nil || len(win) > sniffLen) {
		t.r = rest
	} else {
		t.decode(rest, charmap.Windows1252.NewDecoder())
		t.cp1252 = true
	}
	if i > 0 {
		return i, nil
	}
	return t.r.Read(p)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// firstNonASCII returns the index of the first byte of b at or above 0x80,
// or len(b).
func firstNonASCII(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			break
		}
	}
	return i
}

// looksUTF8 reports whether b reads better as UTF-8 than as Windows-1252:
// it holds more UTF-8 sequences of several bytes than bytes that are no
// UTF-8. Windows-1252 text with umlauts has far more of the latter, even
// where a letter and a following symbol happen to form UTF-8 ("ß…").
// UTF-8 spoiled by a few such bytes is taken as UTF-8, so that the reader
// reports where it is spoiled instead of turning all of it into mojibake.
// When more follows, a character cut off at b's end does not count.
func looksUTF8(b []byte, more bool) bool {
	multi, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || n > 1:
			multi++
		case more && !utf8.FullRune(b[i:]):
			return multi > bad
		default:
			bad++
		}
		i += n
	}
	return multi > bad
}

func validDelimiter(r rune) bool {
	return r > 0 && r < utf8.RuneSelf && r != '"' && r != '\r' && r != '\n'
}

// sepLine recognises Excel's "sep=;" first line, which names the delimiter
// and is no data: Excel hides it. It returns the text after the line.
func sepLine(text []byte) (byte, []byte, bool) {
	if len(text) < 5 || !strings.EqualFold(string(text[:4]), "sep=") || !validDelimiter(rune(text[4])) {
		return 0, nil, false
	}
	rest := text[5:]
	switch {
	case len(rest) == 0:
	case bytes.HasPrefix(rest, []byte("\r\n")):
		rest = rest[2:]
	case rest[0] == '\n' || rest[0] == '\r':
		rest = rest[1:]
	default:
		return 0, nil, false
	}
	return text[4], rest, true
}

// delimiters are the candidates sniffDelimiter picks from, in the order
// that breaks ties: the rarer a character is in answers, the likelier it
// is the delimiter when both split the records alike (a comma is also a
// German decimal point).
var delimiters = []byte{'\t', ';', '|', ','}

// sniffDelimiter picks the delimiter that splits the first records into
// the same number of fields, more than one, most often; among equally
// consistent ones the one that gives more fields. When none splits a
// record into several fields the file has one column, and the delimiter
// that splits the fewest records keeps its values whole.
func sniffDelimiter(text []byte) byte {
	type score struct {
		columns    bool    // the usual record has several fields
		consistent float64 // share of records with the usual count
		fields     int     // the usual count
		whole      int     // records left in one piece
	}
	better := func(a, b score) bool {
		switch {
		case a.columns != b.columns:
			return a.columns
		case a.consistent != b.consistent:
			return a.consistent > b.consistent
		case a.fields != b.fields:
			return a.fields > b.fields
		}
		return a.whole > b.whole
	}
	best, bestScore := delimiters[0], score{}
	for i, d := range delimiters {
		counts := fieldCounts(text, d, 100)
		freq := map[int]int{}
		sc := score{}
		usual := 0
		for _, c := range counts {
			freq[c]++
			if c == 1 {
				sc.whole++
			}
		}
		for c, f := range freq {
			if f > freq[usual] || f == freq[usual] && c > usual {
				usual = c
			}
		}
		if len(counts) > 0 {
			sc.columns = usual > 1
			sc.consistent = float64(freq[usual]) / float64(len(counts))
			sc.fields = usual
		}
		if !sc.columns {
			sc.consistent, sc.fields = 0, 0
		}
		if i == 0 || better(sc, bestScore) {
			best, bestScore = d, sc
		}
	}
	return best
}

// fieldCounts returns the number of fields of up to max records of text
// split by d, leaving out blank lines. It stops at the first error, taking
// the field in error as the record's last: a quote left open by mistake
// must not disqualify the right delimiter.
func fieldCounts(text []byte, d byte, max int) []int {
	s := newScanner("", newTextReader(bytes.NewReader(text), encUTF8), d, len(text)+1)
	var counts []int
	fields, blank := 0, true
	for len(counts) < max {
		v, last, err := s.field()
		if err == io.EOF {
			break
		}
		if err != nil {
			counts = append(counts, fields+1)
			break
		}
		fields++
		blank = blank && fields == 1 && len(v) == 0
		if last {
			if !blank {
				counts = append(counts, fields)
			}
			fields, blank = 0, true
		}
	}
	return counts
}

// hasCells reports whether text split by d holds a non-empty field; a
// malformed text counts as having cells, for Cells to report the error.
func hasCells(text []byte, d byte) bool {
	s := newScanner("", newTextReader(bytes.NewReader(text), encUTF8), d, len(text)+1)
	for {
		v, _, err := s.field()
		switch {
		case err == io.EOF:
			return false
		case err != nil || len(v) > 0:
			return true
		}
	}
}
