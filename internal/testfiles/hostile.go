package testfiles

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Part is one entry of a zip archive. Data is deflated when written; a
// Raw entry is written as given, with the sizes and checksum it declares.
type Part struct {
	Name string
	Data []byte
	Raw  *Raw
}

// Raw is an entry written without compressing: its deflate stream and what
// the zip headers claim about it.
type Raw struct {
	Deflated []byte
	CRC32    uint32
	Size     uint64 // declared uncompressed size
}

// WriteZip writes parts into a zip file in the given order.
func WriteZip(path string, parts []Part) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.Raw == nil {
			w, err := zw.Create(p.Name)
			if err != nil {
				return err
			}
			if _, err := w.Write(p.Data); err != nil {
				return err
			}
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: p.Name, Method: zip.Deflate, CRC32: p.Raw.CRC32,
			CompressedSize64: uint64(len(p.Raw.Deflated)), UncompressedSize64: p.Raw.Size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.Raw.Deflated); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	rels   = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	// SheetPart is the worksheet's name inside the zip.
	SheetPart = "xl/worksheets/sheet1.xml"
)

// Workbook returns the parts of a minimal workbook whose one sheet,
// "Sheet1", has the given XML (no styles, no shared strings).
func Workbook(sheet []byte) []Part {
	return []Part{
		{Name: "[Content_Types].xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`</Types>`)},
		{Name: "_rels/.rels", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rels + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{Name: "xl/workbook.xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain +
			`><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{Name: "xl/_rels/workbook.xml.rels", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rels + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)},
		{Name: SheetPart, Data: sheet},
	}
}

// Sheet is a worksheet to render as XML: an optional prolog (e.g. a
// DOCTYPE) and dimension, the rows, and raw XML after them.
type Sheet struct {
	Prolog    string // between the XML declaration and <worksheet>, e.g. a DOCTYPE
	Dimension string // the dimension element's ref; "" for none
	Rows      [][]string
	Extra     string // raw XML appended inside <sheetData> after the rows
}

// XML renders the sheet: whole numbers as number cells, other values as
// inline strings, every cell with its reference.
func (s Sheet) XML() []byte {
	head, tail := s.split()
	return []byte(head + tail)
}

// split returns the XML up to and after the point where Bomb pads.
func (s Sheet) split() (string, string) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(s.Prolog)
	b.WriteString(`<worksheet ` + nsMain + `>`)
	if s.Dimension != "" {
		b.WriteString(`<dimension ref="` + s.Dimension + `"/>`)
	}
	b.WriteString(`<sheetData>`)
	for i, r := range s.Rows {
		b.WriteString(`<row r="` + strconv.Itoa(i+1) + `">`)
		for j, v := range r {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if n, err := strconv.Atoi(v); err == nil && strconv.Itoa(n) == v && i > 0 {
				b.WriteString(`<c r="` + ref + `"><v>` + v + `</v></c>`)
				continue
			}
			b.WriteString(`<c r="` + ref + `" t="inlineStr"><is><t xml:space="preserve">` + escape(v) + `</t></is></c>`)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(s.Extra)
	return b.String(), `</sheetData></worksheet>`
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\r", "&#13;", "\t", "&#9;")

func escape(s string) string { return escaper.Replace(s) }

// Bomb returns a workbook whose sheet holds s's rows followed by pad bytes
// of blanks, deflated about 1000:1, so it is cheap to write and huge to
// inflate. honest declares the real uncompressed size (a reader can refuse
// it before inflating); otherwise the entry claims only the size of the
// rows, as a lying archive would, and the data runs on past it.
func Bomb(s Sheet, pad int64, honest bool) ([]Part, error) {
	head, tail := s.split()
	const chunkLen = 1 << 20
	chunk := bytes.Repeat([]byte{' '}, chunkLen)
	seg := func(data []byte, final bool) ([]byte, error) {
		var b bytes.Buffer
		w, err := flate.NewWriter(&b, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		// A sync flush ends the segment on a byte boundary, and a segment
		// refers back only into itself, so copies can be concatenated.
		if final {
			err = w.Close()
		} else {
			err = w.Flush()
		}
		return b.Bytes(), err
	}
	h, err := seg([]byte(head), false)
	if err != nil {
		return nil, err
	}
	c, err := seg(chunk, false)
	if err != nil {
		return nil, err
	}
	t, err := seg([]byte(tail), true)
	if err != nil {
		return nil, err
	}
	n := pad / chunkLen
	var out bytes.Buffer
	out.Write(h)
	crc := crc32.ChecksumIEEE([]byte(head))
	for range n {
		out.Write(c)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	out.Write(t)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	size := uint64(len(head)) + uint64(n)*chunkLen + uint64(len(tail))
	if !honest {
		size = uint64(len(head) + len(tail))
	}
	parts := Workbook(nil)
	parts[len(parts)-1] = Part{Name: SheetPart, Raw: &Raw{Deflated: out.Bytes(), CRC32: crc, Size: size}}
	return parts, nil
}

// BadCRC returns parts whose entry name declares a wrong CRC-32: the data
// inflates fine, but does not match its checksum.
func BadCRC(parts []Part, name string) ([]Part, error) {
	out := append([]Part(nil), parts...)
	for i, p := range out {
		if p.Name != name {
			continue
		}
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.DefaultCompression)
		w.Write(p.Data)
		if err := w.Close(); err != nil {
			return nil, err
		}
		out[i] = Part{Name: name, Raw: &Raw{Deflated: b.Bytes(), CRC32: crc32.ChecksumIEEE(p.Data) ^ 0xdeadbeef, Size: uint64(len(p.Data))}}
	}
	return out, nil
}

// Truncate cuts a copy of src to keep bytes, as an interrupted download
// or mail attachment would.
func Truncate(src, dst string, keep int) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b[:min(keep, len(b))], 0o644)
}

// CFB writes an OLE compound file (D0 CF 11 E0 A1 B1 1A E1). encrypted:
// what Excel saves for a workbook with a password, the streams
// EncryptionInfo and EncryptedPackage instead of a zip archive; otherwise a
// legacy .xls workbook's Workbook and CompObjects streams.
func CFB(path string, encrypted bool) error {
	names := []string{"Root Entry", "EncryptionInfo", "EncryptedPackage"} // the tree orders names by length
	if !encrypted {
		names = []string{"Root Entry", "Workbook", "CompObjects"}
	}
	const sector = 512
	var b bytes.Buffer
	hdr := make([]byte, sector)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(hdr[0x18:], 0x3E)   // minor version
	le.PutUint16(hdr[0x1A:], 3)      // major version: 512-byte sectors
	le.PutUint16(hdr[0x1C:], 0xFFFE) // byte order
	le.PutUint16(hdr[0x1E:], 9)      // sector shift
	le.PutUint16(hdr[0x20:], 6)      // mini sector shift
	le.PutUint32(hdr[0x2C:], 1)      // FAT sectors
	le.PutUint32(hdr[0x30:], 1)      // first directory sector
	le.PutUint32(hdr[0x38:], 4096)   // mini stream cutoff
	le.PutUint32(hdr[0x3C:], 0xFFFFFFFE)
	le.PutUint32(hdr[0x44:], 0xFFFFFFFE)
	for i := 0x4C; i < sector; i += 4 {
		le.PutUint32(hdr[i:], 0xFFFFFFFF)
	}
	le.PutUint32(hdr[0x4C:], 0) // the FAT is sector 0
	b.Write(hdr)
	fat := make([]byte, sector)
	for i := 0; i < sector; i += 4 {
		le.PutUint32(fat[i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // sector 0: FAT
	le.PutUint32(fat[4:], 0xFFFFFFFE) // sector 1: directory, end of chain
	b.Write(fat)
	dir := make([]byte, sector)
	for i, name := range names {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*len(u)+2))
		e[0x42] = 2 // stream
		e[0x43] = 1 // black
		left, right, child := uint32(0xFFFFFFFF), uint32(0xFFFFFFFF), uint32(0xFFFFFFFF)
		switch i {
		case 0:
			e[0x42] = 5 // root storage
			child = 1
		case 1:
			right = 2
		}
		le.PutUint32(e[0x44:], left)
		le.PutUint32(e[0x48:], right)
		le.PutUint32(e[0x4C:], child)
		le.PutUint32(e[0x74:], 0xFFFFFFFE) // start sector: none (empty stream)
	}
	b.Write(dir)
	b.Write(bytes.Repeat([]byte{0x5A}, 4*sector)) // stands for the encrypted package
	return os.WriteFile(path, b.Bytes(), 0o644)
}
