package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Book is an opened workbook. Its methods may be called from several
// goroutines; each RecordReader from Cells belongs to one.
type Book struct {
	name     string
	lim      Limits
	file     *os.File // nil for OpenReader
	files    map[string]*zip.File
	sheets   []sheetRef
	date1904 bool
	sstPath  string
	stylPath string

	once   sync.Once // loads the parts all sheets share
	sst    *sharedStrings
	kinds  []DateKind // date kind of each cellXfs style
	shrErr error
}

type sheetRef struct {
	name, path string
}

// maxMetaSize bounds the parts read whole with encoding/xml (relationships,
// workbook.xml, styles.xml), which are kilobytes in real workbooks.
const maxMetaSize = 64 << 20

// Open opens an xlsx file. The caller closes the Book.
func Open(path string, lim Limits) (*Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return OpenFile(f, filepath.Base(path), lim)
}

// OpenFile reads a workbook from an opened file, which the Book then owns
// (closing the Book closes it, also on an error); name is used in messages.
func OpenFile(f *os.File, name string, lim Limits) (*Book, error) {
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b, err := OpenReader(f, st.Size(), name, lim)
	if err != nil {
		f.Close()
		return nil, err
	}
	b.file = f
	return b, nil
}

// OpenReader reads a workbook from r; name is used in messages.
func OpenReader(r io.ReaderAt, size int64, name string, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
	files, err := openZip(r, size, name, lim)
	if err != nil {
		return nil, err
	}
	b := &Book{name: name, lim: lim, files: files}
	if err := b.readWorkbook(); err != nil {
		return nil, err
	}
	return b, nil
}

// Close releases the file. Readers from Cells must not be used after it.
func (b *Book) Close() error {
	if b.file == nil {
		return nil
	}
	return b.file.Close()
}

// Sheets lists the sheet names in workbook order.
func (b *Book) Sheets() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

// readPart reads a small part whole, refusing DTDs (encoding/xml would
// ignore them, but no workbook has one).
func (b *Book) readPart(name string) ([]byte, error) {
	f, ok := b.files[name]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > maxMetaSize {
		return nil, fmt.Errorf("%s: %s: %d bytes: %w", b.name, name, f.UncompressedSize64, ErrTooLarge)
	}
	e, err := openEntry(b.name, f)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	data, err := io.ReadAll(e)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY")) {
		return nil, fmt.Errorf("%s: %s: %w", b.name, name, errDoctype)
	}
	return data, nil
}

func (b *Book) decodePart(name string, v any) (bool, error) {
	data, err := b.readPart(name)
	if err != nil || data == nil {
		return false, err
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("%s: %s: %v: %w", b.name, name, err, ErrCorrupt)
	}
	return true, nil
}

type xRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// rels reads the relationships of part and returns them by id, with
// targets resolved to entry names.
func (b *Book) rels(part string) (map[string]xRelTarget, error) {
	dir, file := path.Split(part)
	var rs xRels
	if _, err := b.decodePart(dir+"_rels/"+file+".rels", &rs); err != nil {
		return nil, err
	}
	m := make(map[string]xRelTarget, len(rs.Rels))
	for _, r := range rs.Rels {
		if r.Mode == "External" {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		m[r.ID] = xRelTarget{typ: r.Type[strings.LastIndexByte(r.Type, '/')+1:], path: t}
	}
	return m, nil
}

type xRelTarget struct{ typ, path string }

type xWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"id,attr"` // r:id, in the transitional or the strict namespace
	} `xml:"sheets>sheet"`
}

// readWorkbook finds the workbook through the package relationships and
// its sheets, shared strings and styles through its own.
func (b *Book) readWorkbook() error {
	root, err := b.rels("")
	if err != nil {
		return err
	}
	wbPath := "xl/workbook.xml"
	for _, r := range root {
		if r.typ == "officeDocument" {
			wbPath = r.path
		}
	}
	var wb xWorkbook
	ok, err := b.decodePart(wbPath, &wb)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s: no workbook part (%s): %w", b.name, wbPath, ErrCorrupt)
	}
	b.date1904, _ = strconv.ParseBool(strings.TrimSpace(wb.Pr.Date1904))
	rels, err := b.rels(wbPath)
	if err != nil {
		return err
	}
	for _, r := range rels {
		switch r.typ {
		case "sharedStrings":
			b.sstPath = r.path
		case "styles":
			b.stylPath = r.path
		}
	}
	for _, s := range wb.Sheets {
		r, ok := rels[s.RID]
		if !ok {
			return fmt.Errorf("%s: sheet %q has no part: %w", b.name, s.Name, ErrCorrupt)
		}
		b.sheets = append(b.sheets, sheetRef{name: s.Name, path: r.path})
	}
	return nil
}

// loadShared reads the shared strings and the date kinds of the styles,
// once for all sheets.
func (b *Book) loadShared() {
	b.sst, b.shrErr = b.readSST()
	if b.shrErr == nil {
		b.kinds, b.shrErr = b.readStyles()
	}
}

type xStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// readStyles returns the date kind of each cell style: a built-in number
// format by its id, any other by its code, as excelize decides.
func (b *Book) readStyles() ([]DateKind, error) {
	if b.stylPath == "" {
		return nil, nil
	}
	var st xStyles
	if _, err := b.decodePart(b.stylPath, &st); err != nil {
		return nil, err
	}
	codes := make(map[int]string, len(st.NumFmts))
	for _, f := range st.NumFmts {
		codes[f.ID] = f.Code
	}
	kinds := make([]DateKind, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		id := xf.NumFmtID
		if code, ok := codes[id]; ok && !builtinNumFmt(id) {
			kinds[i] = FormatDateKind(code)
		} else {
			kinds[i] = BuiltinDateKind(id)
		}
	}
	if len(kinds) > 0 {
		kinds[0] = NotDate // excelize never formats style 0
	}
	return kinds, nil
}

// builtinNumFmt reports the ids excelize takes as built-in formats even
// when styles.xml defines them again.
func builtinNumFmt(id int) bool {
	return id >= 0 && id <= 4 || id >= 9 && id <= 22 || id >= 27 && id <= 62 || id >= 67 && id <= 81
}

func (b *Book) sheet(name string) (sheetRef, error) {
	for _, s := range b.sheets {
		if s.name == name {
			return s, nil
		}
	}
	for _, s := range b.sheets {
		if strings.EqualFold(s.name, name) {
			return s, nil
		}
	}
	return sheetRef{}, fmt.Errorf("%s: %w %q (sheets: %s)", b.name, ErrNoSheet, name, strings.Join(b.Sheets(), ", "))
}
