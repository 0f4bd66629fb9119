package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/richardlehane/mscfb"
)

// openZip checks the archive against the limits before anything is inflated
// and indexes its entries by name.
func openZip(r io.ReaderAt, size int64, name string, lim Limits) (map[string]*zip.File, error) {
	var head [8]byte
	if n, _ := r.ReadAt(head[:], 0); n < 4 {
		return nil, fmt.Errorf("%s: %w", name, ErrNotZip)
	}
	switch {
	case IsCompoundFile(head[:]):
		return nil, CompoundFileError(r, size, name)
	case string(head[:2]) != "PK":
		return nil, fmt.Errorf("%s: %w", name, ErrNotZip)
	}
	// zip.NewReader allocates for every directory entry: count them first.
	n, err := zipEntryCount(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", name, err, ErrCorrupt)
	}
	if n > uint64(lim.MaxEntries) {
		return nil, fmt.Errorf("%s: %d zip entries, at most %d allowed: %w", name, n, lim.MaxEntries, ErrTooLarge)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: %v: %w", name, err, ErrCorrupt)
	}
	files := make(map[string]*zip.File, len(zr.File))
	folded := make(map[string]string, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if err := checkEntry(f, lim); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, f.Name, err)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.MaxTotalSize) {
			return nil, fmt.Errorf("%s: more than %d bytes uncompressed: %w", name, lim.MaxTotalSize, ErrTooLarge)
		}
		// Some writers use backslashes; excelize reads them as slashes too.
		key := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		// Two entries of one name (part names match regardless of case):
		// readers disagree on which one counts, so which answers would be
		// imported depends on the program. Refused.
		fold := strings.ToLower(key)
		if prev, ok := folded[fold]; ok {
			return nil, fmt.Errorf("%s: two zip entries named %s (and %s): %w", name, prev, f.Name, ErrCorrupt)
		}
		folded[fold] = f.Name
		files[key] = f
	}
	return files, nil
}

// IsCompoundFile says whether a file starting with head is an OLE compound
// file: a workbook saved with a password, or a legacy .xls.
func IsCompoundFile(head []byte) bool {
	return bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// CompoundFileError tells an encrypted workbook (an OLE compound file
// holding an EncryptedPackage stream) from a legacy .xls file, which is a
// compound file too.
func CompoundFileError(r io.ReaderAt, size int64, name string) error {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return fmt.Errorf("%s: %w", name, ErrEncrypted)
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if e.Name == "EncryptedPackage" || e.Name == "EncryptionInfo" {
			return fmt.Errorf("%s: %w", name, ErrEncrypted)
		}
	}
	return fmt.Errorf("%s: an old binary .xls workbook: save it as .xlsx: %w", name, ErrNotZip)
}

// zipEntryCount reads the entry count from the end of central directory
// record (or its zip64 form).
func zipEntryCount(r io.ReaderAt, size int64) (uint64, error) {
	const eocdLen, maxComment = 22, 65535
	tail := min(size, eocdLen+maxComment)
	buf := make([]byte, tail)
	if _, err := r.ReadAt(buf, size-tail); err != nil && err != io.EOF {
		return 0, err
	}
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocdLen {
		return 0, errors.New("truncated zip archive (no central directory)")
	}
	n := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xFFFF {
		return n, nil
	}
	// zip64: a locator right before the record points at the zip64 record.
	if i < 20 || string(buf[i-20:i-16]) != "PK\x06\x07" {
		return n, nil
	}
	off := int64(binary.LittleEndian.Uint64(buf[i-12:]))
	var rec [40]byte
	if off < 0 || off > size-40 {
		return 0, errors.New("bad zip64 directory offset")
	}
	if _, err := r.ReadAt(rec[:], off); err != nil {
		return 0, err
	}
	if string(rec[:4]) != "PK\x06\x06" {
		return 0, errors.New("bad zip64 directory record")
	}
	return binary.LittleEndian.Uint64(rec[32:]), nil
}

// checkEntry applies the limits to an entry's declared sizes; entryReader
// holds the entry to them while inflating.
func checkEntry(f *zip.File, lim Limits) error {
	u, c := f.UncompressedSize64, f.CompressedSize64
	if f.Flags&1 != 0 {
		return ErrEncrypted
	}
	if u > uint64(lim.MaxEntrySize) {
		return fmt.Errorf("%d bytes uncompressed, at most %d allowed: %w", u, lim.MaxEntrySize, ErrTooLarge)
	}
	if u > ratioFloor && float64(u) > lim.MaxRatio*float64(c) {
		return fmt.Errorf("%d bytes compressed to %d: %w", u, c, ErrZipBomb)
	}
	return nil
}

// entryReader inflates one zip entry, holding it to its declared size and
// verifying its CRC at the end: archive/zip checks the CRC only when read to
// EOF, and it would not tell a zip bomb from a damaged file.
type entryReader struct {
	file   string
	f      *zip.File
	flate  io.ReadCloser
	src    io.Reader
	n      uint64
	crc    uint32
	closed bool
}

func openEntry(file string, f *zip.File) (*entryReader, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v: %w", file, f.Name, err, ErrCorrupt)
	}
	e := &entryReader{file: file, f: f, src: raw}
	switch f.Method {
	case zip.Store:
	case zip.Deflate:
		e.flate = flate.NewReader(bufio.NewReaderSize(raw, 64<<10))
		e.src = e.flate
	default:
		return nil, fmt.Errorf("%s: %s: compression method %d: %w", file, f.Name, f.Method, ErrCorrupt)
	}
	return e, nil
}

func (e *entryReader) Read(p []byte) (int, error) {
	// Ask for one byte more than declared can still be there, so a longer
	// stream shows up without inflating it.
	if left := e.f.UncompressedSize64 - e.n + 1; uint64(len(p)) > left {
		p = p[:left]
	}
	n, err := e.src.Read(p)
	e.n += uint64(n)
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p[:n])
	switch {
	case e.n > e.f.UncompressedSize64:
		return n, fmt.Errorf("%s: %s: inflates beyond its declared %d bytes: %w", e.file, e.f.Name, e.f.UncompressedSize64, ErrZipBomb)
	case err == io.EOF:
		if e.n != e.f.UncompressedSize64 {
			return n, fmt.Errorf("%s: %s: %d of %d bytes: %w", e.file, e.f.Name, e.n, e.f.UncompressedSize64, ErrCorrupt)
		}
		if e.crc != e.f.CRC32 {
			return n, fmt.Errorf("%s: %s: checksum mismatch: %w", e.file, e.f.Name, ErrCorrupt)
		}
	case err != nil:
		return n, fmt.Errorf("%s: %s: %v: %w", e.file, e.f.Name, err, ErrCorrupt)
	}
	return n, err
}

func (e *entryReader) Close() {
	if e.flate != nil && !e.closed {
		e.closed = true
		e.flate.Close()
	}
}

// chunkSize is what the inflating goroutine hands over at a time; a few of
// them in flight keep both cores busy with little memory. Each chunk has
// headroom before its data for the scanner to put an unfinished element in.
const (
	chunkSize   = 256 << 10
	headroom    = 64 << 10
	chunkBuffer = 4
)

// chunkSource inflates an entry in its own goroutine, so parsing on the
// caller's core overlaps with inflating on the other.
type chunkSource struct {
	full chan []byte
	free chan []byte
	stop chan struct{}
	once sync.Once
	err  error // set before full is closed
}

func startChunks(e *entryReader) *chunkSource {
	s := &chunkSource{
		full: make(chan []byte, chunkBuffer),
		free: make(chan []byte, chunkBuffer),
		stop: make(chan struct{}),
	}
	for range chunkBuffer {
		s.free <- make([]byte, headroom+chunkSize)
	}
	go s.run(e)
	return s
}

func (s *chunkSource) run(e *entryReader) {
	defer close(s.full)
	defer e.Close()
	for {
		var b []byte
		select {
		case b = <-s.free:
		case <-s.stop:
			return
		}
		n, err := io.ReadFull(e, b[headroom:])
		if n > 0 {
			select {
			case s.full <- b[:headroom+n]:
			case <-s.stop:
				return
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return
		}
		if err != nil {
			s.err = err
			return
		}
	}
}

// next returns the next chunk, its data after the headroom, nil at the end
// (then check s.err). The caller hands it back with recycle.
func (s *chunkSource) next() []byte {
	return <-s.full
}

func (s *chunkSource) recycle(b []byte) {
	s.free <- b[:cap(b)]
}

// close stops the goroutine; it may be called more than once.
func (s *chunkSource) close() {
	s.once.Do(func() { close(s.stop) })
}
