package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
)

// rawEntry is a zip entry written as given, sizes and CRC included, so a
// test can make them lie.
type rawEntry struct {
	name         string
	deflated     []byte
	crc          uint32
	uncompressed uint64
}

func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func entryOf(t testing.TB, name string, data []byte) rawEntry {
	return rawEntry{name, deflate(t, data), crc32.ChecksumIEEE(data), uint64(len(data))}
}

// zeros is a deflated run of n zero bytes, made without holding them.
func zeros(t testing.TB, n int) rawEntry {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	block := make([]byte, 1<<20)
	crc := uint32(0)
	for left := n; left > 0; left -= len(block) {
		b := block[:min(left, len(block))]
		w.Write(b)
		crc = crc32.Update(crc, crc32.IEEETable, b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return rawEntry{"", buf.Bytes(), crc, uint64(n)}
}

// bookWith is defaultParts with entries replaced by raw ones.
func bookWith(t testing.TB, raw ...rawEntry) []byte {
	t.Helper()
	parts := defaultParts()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	replaced := map[string]bool{}
	for _, e := range raw {
		replaced[e.name] = true
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc,
			CompressedSize64: uint64(len(e.deflated)), UncompressedSize64: e.uncompressed})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.deflated)
	}
	for name, p := range parts {
		if replaced[name] {
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(p))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll opens data and reads every sheet, returning the first error.
func readAll(data []byte, lim Limits) error {
	b, err := OpenReader(bytes.NewReader(data), int64(len(data)), "umfrage.xlsx", lim)
	if err != nil {
		return err
	}
	defer b.Close()
	for _, s := range b.Sheets() {
		rr, err := b.Cells(s)
		if err != nil {
			return err
		}
		_, err = collect(rr)
		rr.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// allocated returns the bytes allocated while f runs: an upper bound of
// how much the heap can have grown.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestHostile(t *testing.T) {
	bomb := zeros(t, 1<<30) // 1 GiB of zeros deflates to about 1 MB
	sheetBomb, sstBomb, liar := bomb, bomb, bomb
	sheetBomb.name, sstBomb.name = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
	liar.name, liar.uncompressed = "xl/worksheets/sheet1.xml", 4096 // claims 4 KiB
	valid := rawBook(t, nil)
	badCRC := entryOf(t, "xl/worksheets/sheet1.xml", []byte(sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)))
	badCRC.crc ^= 1
	badMetaCRC := entryOf(t, "xl/workbook.xml", []byte(defaultParts()["xl/workbook.xml"]))
	badMetaCRC.crc ^= 1
	badSSTCRC := entryOf(t, "xl/sharedStrings.xml", []byte(sst("<t>Sachsen</t>")))
	badSSTCRC.crc ^= 1
	short := entryOf(t, "xl/worksheets/sheet1.xml", []byte(sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)))
	short.uncompressed += 10
	// Random letters do not compress: a 20 MB cell passes the ratio check
	// and must be stopped by the element bound.
	rng := rand.New(rand.NewPCG(1, 1))
	huge := make([]byte, 20<<20)
	for i := range huge {
		huge[i] = 'a' + byte(rng.IntN(26))
	}
	hugeCell := entryOf(t, "xl/worksheets/sheet1.xml", []byte(sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>`+string(huge)+`</t></is></c></row>`)))
	var many bytes.Buffer
	zw := zip.NewWriter(&many)
	for i := range 100_000 {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store})
	}
	zw.Close()
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)

	tests := []struct {
		name     string
		data     []byte
		lim      Limits
		sentinel error
		msg      string
		maxAlloc uint64 // bytes the attempt may allocate; reading a sheet takes about 4 MB of buffers
	}{
		{"zip bomb in the sheet", bookWith(t, sheetBomb), Limits{}, ErrZipBomb, "xl/worksheets/sheet1.xml: 1073741824 bytes compressed to", 1 << 20},
		{"zip bomb in shared strings", bookWith(t, sstBomb), Limits{}, ErrZipBomb, "xl/sharedStrings.xml", 1 << 20},
		{"entry lying about its size", bookWith(t, liar), Limits{}, ErrZipBomb, "inflates beyond its declared 4096 bytes", 8 << 20},
		{"entry too large", valid, Limits{MaxEntrySize: 100}, ErrTooLarge, "bytes uncompressed, at most 100 allowed", 1 << 20},
		{"archive too large", valid, Limits{MaxTotalSize: 1000}, ErrTooLarge, "more than 1000 bytes uncompressed", 1 << 20},
		{"too many entries", many.Bytes(), Limits{}, ErrTooLarge, "100000 zip entries, at most 10000 allowed", 1 << 20},
		{"cell larger than an element may be", bookWith(t, hugeCell), Limits{}, ErrTooLarge, "an XML element is larger than 16 MiB", 80 << 20},
		{"CRC mismatch in a sheet", bookWith(t, badCRC), Limits{}, ErrCorrupt, "xl/worksheets/sheet1.xml: checksum mismatch", 8 << 20},
		{"CRC mismatch in workbook.xml", bookWith(t, badMetaCRC), Limits{}, ErrCorrupt, "xl/workbook.xml: checksum mismatch", 1 << 20},
		{"CRC mismatch in shared strings", bookWith(t, badSSTCRC), Limits{}, ErrCorrupt, "umfrage.xlsx: xl/sharedStrings.xml: checksum mismatch: file is damaged", 8 << 20},
		{"entry shorter than declared", bookWith(t, short), Limits{}, ErrCorrupt, "xl/worksheets/sheet1.xml", 8 << 20},
		{"truncated file", valid[:len(valid)/2], Limits{}, ErrCorrupt, "truncated zip archive", 1 << 20},
		{"truncated directory", valid[:len(valid)-10], Limits{}, ErrCorrupt, "umfrage.xlsx: ", 1 << 20},
		{"not a zip file", []byte("ID;Bundesland\n1;Sachsen\n"), Limits{}, ErrNotZip, "umfrage.xlsx: not an xlsx file", 1 << 20},
		{"empty file", nil, Limits{}, ErrNotZip, "umfrage.xlsx: not an xlsx file", 1 << 20},
		{"encrypted (OLE compound file)", cfb, Limits{}, ErrEncrypted, "umfrage.xlsx: workbook is encrypted", 1 << 20},
		{"DOCTYPE in workbook.xml", rawBook(t, map[string]string{"xl/workbook.xml": `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><workbook/>`}),
			Limits{}, ErrCorrupt, "xl/workbook.xml: malformed XML: DOCTYPE", 1 << 20},
		{"billion laughs in a sheet", rawBook(t, map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`}),
			Limits{}, ErrCorrupt, "DOCTYPE", 8 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { err = readAll(tt.data, tt.lim) })
			mustErr(t, err, tt.sentinel)
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "umfrage.xlsx: ") {
				t.Errorf("message %q, want it to contain %q", err, tt.msg)
			}
			if n > tt.maxAlloc {
				t.Errorf("allocated %d MB, want at most %d MB", n>>20, tt.maxAlloc>>20)
			}
		})
	}
}
