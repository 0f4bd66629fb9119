package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/sanitize"
)

// Cells streams the non-empty cells of a sheet as CellSchema records of up
// to BatchCells cells. The sheet XML is inflated on another goroutine while
// the caller's Next parses it. The caller releases the reader, and checks
// Err after Next returns false: a damaged entry shows only at its end.
func (b *Book) Cells(sheet string) (array.RecordReader, error) {
	ref, err := b.sheet(sheet)
	if err != nil {
		return nil, err
	}
	b.once.Do(b.loadShared)
	if b.shrErr != nil {
		return nil, b.shrErr
	}
	f, ok := b.files[ref.path]
	if !ok {
		return nil, fmt.Errorf("%s: %s: part %s is missing: %w", b.name, ref.name, ref.path, ErrCorrupt)
	}
	e, err := openEntry(b.name, f)
	if err != nil {
		return nil, err
	}
	r := &cellReader{book: b, sheet: ref.name, sc: scanner{src: startChunks(e)}}
	r.refs.Store(1)
	return r, nil
}

// cellReader parses a worksheet's XML into CellSchema records.
type cellReader struct {
	refs  atomic.Int64
	book  *Book
	sheet string
	sc    scanner
	cur   arrow.RecordBatch
	err   error
	done  bool

	inData   bool       // inside <sheetData>
	row      int        // current row
	col      int        // column of the last cell in the row
	rowStyle int        // s of the current <row>
	colStyle []colStyle // from <cols>

	// the batch being built
	rows, cols, offs []int32
	data             []byte

	vbuf, fbuf, ibuf, tmp []byte // decoding scratch
	clean                 []byte // a value without its control characters
}

type colStyle struct{ min, max, style int }

func (r *cellReader) Retain() { r.refs.Add(1) }

func (r *cellReader) Release() {
	if r.refs.Add(-1) == 0 {
		if r.cur != nil {
			r.cur.Release()
			r.cur = nil
		}
		r.sc.src.close()
	}
}

func (r *cellReader) Schema() *arrow.Schema { return CellSchema }

func (r *cellReader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record is RecordBatch under its deprecated name.
func (r *cellReader) Record() arrow.RecordBatch { return r.cur }

func (r *cellReader) Err() error { return r.err }

func (r *cellReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	if r.done {
		return false
	}
	r.rows = make([]int32, 0, BatchCells)
	r.cols = make([]int32, 0, BatchCells)
	r.offs = append(make([]int32, 0, BatchCells+1), 0)
	r.data = make([]byte, 0, max(len(r.data)+len(r.data)/8, 64<<10)) // like the last batch
	err := r.fill()
	if err != nil {
		r.done = true
		r.sc.src.close()
		if err != io.EOF {
			r.err = err
			return false
		}
	}
	if len(r.rows) == 0 {
		return false
	}
	r.cur = r.build()
	return true
}

// build hands the batch's slices to Arrow without copying them.
func (r *cellReader) build() arrow.RecordBatch {
	n := len(r.rows)
	i32 := func(v []int32) arrow.Array {
		d := array.NewData(arrow.PrimitiveTypes.Int32, n,
			[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(v))}, nil, 0, 0)
		defer d.Release()
		return array.MakeFromData(d)
	}
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{nil,
		memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(r.offs)),
		memory.NewBufferBytes(r.data)}, nil, 0, 0)
	cols := []arrow.Array{i32(r.rows), i32(r.cols), array.MakeFromData(d)}
	d.Release()
	rec := array.NewRecordBatch(CellSchema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// fill parses until the batch is full; io.EOF when the sheet ends.
func (r *cellReader) fill() error {
	s := &r.sc
	for len(r.rows) < BatchCells {
		err := r.step()
		if err == errMore {
			var ok bool
			if ok, err = s.more(); ok {
				continue
			}
			if err == nil {
				if r.inData {
					err = fmt.Errorf("the sheet XML ends inside <sheetData>: %w", ErrCorrupt)
				} else {
					return io.EOF
				}
			}
		}
		if err == io.EOF {
			if err = s.drain(); err == nil {
				return io.EOF
			}
		}
		if err != nil {
			return r.wrap(err)
		}
	}
	return nil
}

// wrap names file and sheet in a scanner error; zip errors name them
// already, and cell errors carry their own position.
func (r *cellReader) wrap(err error) error {
	switch err.(type) {
	case *CellError:
		return err
	}
	if r.sc.eof && r.sc.src.err == err {
		return err
	}
	return fmt.Errorf("%s: %s: %w", r.book.name, r.sheet, err)
}

func (r *cellReader) cellErr(col int, sentinel error, format string, args ...any) error {
	return &CellError{File: r.book.name, Sheet: r.sheet, Row: r.row, Col: col, Msg: fmt.Sprintf(format, args...), Err: sentinel}
}

// step parses the next tag from sc.pos: a cell, a row, or anything to skip.
// It returns io.EOF after </sheetData>, errMore when the window runs out.
func (r *cellReader) step() error {
	s := &r.sc
	b := s.buf
	i := s.pos
	k := 0
	if i >= len(b) || b[i] != '<' { // most tags follow the last directly
		if k = bytes.IndexByte(b[i:], '<'); k < 0 {
			s.pos = len(b)
			return errMore
		}
	}
	i += k
	s.pos = i
	if i+1 >= len(b) {
		return errMore
	}
	switch b[i+1] {
	case '/':
		name, j, err := s.name(i + 2)
		if err != nil {
			return err
		}
		e := bytes.IndexByte(b[j:], '>')
		if e < 0 {
			return errMore
		}
		s.pos = j + e + 1
		if r.inData && string(name) == "sheetData" {
			return io.EOF
		}
		return nil
	case '!', '?':
		_, next, err := s.special(i)
		if err != nil {
			return err
		}
		s.pos = next
		return nil
	}
	name, j, err := s.name(i + 1)
	if err != nil {
		return err
	}
	switch {
	case r.inData && len(name) == 1 && name[0] == 'c':
		return r.cell(j)
	case r.inData && string(name) == "row":
		return r.rowTag(j)
	case !r.inData && string(name) == "col":
		return r.colTag(j)
	}
	j, end, err := s.skipTag(j)
	if err != nil {
		return err
	}
	s.pos = j
	if string(name) == "sheetData" {
		if end == tagEmpty {
			return io.EOF
		}
		r.inData = true
	}
	return nil
}

func (r *cellReader) rowTag(i int) error {
	s := &r.sc
	row, style := r.row+1, 0
	for {
		name, val, next, end, err := s.attr(i)
		if err != nil {
			return err
		}
		i = next
		if end != inTag {
			break
		}
		switch string(name) {
		case "r":
			n, ok := atoi(val)
			if !ok {
				return fmt.Errorf("row number %q: %w", val, ErrCorrupt)
			}
			row = n
		case "s":
			style, _ = atoi(val)
		}
	}
	if row <= r.row {
		return fmt.Errorf("row %d comes after row %d: %w", row, r.row, ErrCorrupt)
	}
	if row > r.book.lim.MaxRows {
		return fmt.Errorf("row %d: more than %d rows: %w", row, r.book.lim.MaxRows, ErrTooLarge)
	}
	r.row, r.col, r.rowStyle = row, 0, style
	s.pos = i
	return nil
}

func (r *cellReader) colTag(i int) error {
	s := &r.sc
	var c colStyle
	for {
		name, val, next, end, err := s.attr(i)
		if err != nil {
			return err
		}
		i = next
		if end != inTag {
			break
		}
		switch string(name) {
		case "min":
			c.min, _ = atoi(val)
		case "max":
			c.max, _ = atoi(val)
		case "style":
			c.style, _ = atoi(val)
		}
	}
	if c.style != 0 {
		r.colStyle = append(r.colStyle, c)
	}
	s.pos = i
	return nil
}

// cell parses a <c> element whose name ends at i and appends its value.
func (r *cellReader) cell(i int) error {
	s := &r.sc
	col, style := r.col+1, 0
	var typ []byte
	end := inTag
	for end == inTag {
		var name, val []byte
		var err error
		if name, val, i, end, err = s.attr(i); err != nil {
			return err
		}
		if len(name) != 1 {
			continue
		}
		switch name[0] {
		case 'r':
			n, ok := colOf(val)
			if !ok {
				return r.cellErr(r.col+1, ErrCorrupt, "bad cell reference %q", val)
			}
			col = n
		case 's':
			style, _ = atoi(val)
		case 't':
			typ = val
		}
	}
	var v, f, is []byte
	var hasIS bool
	if end == tagOpen {
		v, is, hasIS, i, end = r.plainCell(i)
	}
	for end == tagOpen {
		b := s.buf
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return errMore
		}
		i += k
		if i+1 >= len(b) {
			return errMore
		}
		switch b[i+1] {
		case '/':
			e := bytes.IndexByte(b[i:], '>')
			if e < 0 {
				return errMore
			}
			i += e + 1
			end = tagEmpty
			continue
		case '!', '?':
			var err error
			if _, i, err = s.special(i); err != nil {
				return err
			}
			continue
		}
		name, j, err := s.name(i + 1)
		if err != nil {
			return err
		}
		j, tend, err := s.skipTag(j)
		if err != nil {
			return err
		}
		i = j
		if tend == tagEmpty {
			continue
		}
		switch string(name) {
		case "v":
			v, r.vbuf, i, err = s.text(i, r.vbuf)
		case "f":
			f, r.fbuf, i, err = s.text(i, r.fbuf)
		case "is":
			r.ibuf, r.tmp, i, err = s.item(i, r.ibuf[:0], r.tmp)
			is, hasIS = r.ibuf, true
		default:
			i, err = s.skipElement(i)
		}
		if err != nil {
			return err
		}
	}
	// The whole cell is in the window: from here on no errMore.
	s.pos = i
	if col <= r.col {
		return r.cellErr(col, ErrCorrupt, "cell comes after column %s", ColName(r.col))
	}
	if col > r.book.lim.MaxCols {
		return r.cellErr(col, ErrTooLarge, "more than %d columns", r.book.lim.MaxCols)
	}
	if r.row == 0 {
		return r.cellErr(col, ErrCorrupt, "cell outside a row")
	}
	r.col = col
	return r.emit(col, style, typ, v, f, is, hasIS)
}

// plainCell reads the content of the cells Excel writes most, <v>x</v></c>
// and <is><t>x</t></is></c> with nothing to decode, without the general
// element loop. Anything else it leaves to that loop (end stays tagOpen).
func (r *cellReader) plainCell(i int) (v, is []byte, hasIS bool, next, end int) {
	b := r.sc.buf[i:]
	var tail string
	switch {
	case len(b) > 3 && string(b[:3]) == "<v>":
		b, tail = b[3:], "</v></c>"
	case len(b) > 7 && string(b[:7]) == "<is><t>":
		b, tail = b[7:], "</t></is></c>"
	default:
		return nil, nil, false, i, tagOpen
	}
	k := 0
	for k < len(b) && b[k] != '<' && b[k] != '&' && b[k] != '\r' {
		k++
	}
	if len(b)-k < len(tail) || string(b[k:k+len(tail)]) != tail {
		return nil, nil, false, i, tagOpen
	}
	next = i + len(r.sc.buf[i:]) - len(b) + k + len(tail)
	if tail[2] == 'v' {
		return b[:k], nil, false, next, tagEmpty
	}
	return nil, b[:k], true, next, tagEmpty
}

// emit resolves a cell's value as excelize with RawCellValue does, plus the
// date, boolean and formula rules of CellSchema, and appends it.
func (r *cellReader) emit(col, style int, typ, v, f, is []byte, hasIS bool) error {
	start := len(r.data)
	checked := false // shared strings were checked when loaded
	switch string(typ) {
	case "s":
		if len(v) > 0 {
			n, ok := atoi(v)
			if !ok {
				n, ok = atoi(bytes.TrimSpace(v))
			}
			sst := r.book.sst
			if !ok || n >= sst.len() {
				return r.cellErr(col, ErrCorrupt, "shared string %q does not exist", v)
			}
			r.data = append(r.data, sst.get(n)...)
			checked = true
		}
	case "inlineStr":
		if hasIS {
			if bytes.Contains(is, []byte("_x")) {
				r.data = unescapeBSTR(r.data, is)
			} else {
				r.data = append(r.data, is...)
			}
		} else {
			r.data = append(r.data, v...)
		}
	case "b":
		switch string(v) {
		case "1":
			r.data = append(r.data, "TRUE"...)
		case "0":
			r.data = append(r.data, "FALSE"...)
		default:
			r.data = append(r.data, v...)
		}
	case "str", "e":
		r.data = append(r.data, v...)
	default:
		r.data = r.number(r.data, col, style, v)
	}
	if len(r.data) == start {
		if len(f) == 0 {
			return nil // empty: not a cell of CellSchema
		}
		// What a respondent typed, never something to evaluate.
		r.data = append(append(r.data, '='), f...)
		checked = false
	}
	val := r.data[start:]
	if !checked && !utf8.Valid(val) {
		return r.cellErr(col, ErrCorrupt, "invalid UTF-8 in cell text")
	}
	if sanitize.ControlIndex(val) >= 0 {
		// Control characters (_x001B_ and the like) are not kept.
		r.clean = sanitize.StripControls(r.clean[:0], val)
		r.data = append(r.data[:start], r.clean...)
		if val = r.data[start:]; len(val) == 0 {
			return nil
		}
	}
	if len(val) > r.book.lim.MaxCellChars && utf16Len(val) > r.book.lim.MaxCellChars {
		return r.cellErr(col, ErrTooLarge, "cell text longer than %d characters", r.book.lim.MaxCellChars)
	}
	r.rows = append(r.rows, int32(r.row))
	r.cols = append(r.cols, int32(col))
	r.offs = append(r.offs, int32(len(r.data)))
	return nil
}

// number appends a number cell's value, as ISO text when its style is a
// date format. A cell without a style takes its row's, then its column's,
// as excelize's GetCellStyle does.
func (r *cellReader) number(dst []byte, col, style int, v []byte) []byte {
	if len(v) == 0 {
		return dst
	}
	if style == 0 {
		style = r.rowStyle
	}
	if style == 0 {
		for _, c := range r.colStyle {
			if c.min <= col && col <= c.max {
				style = c.style
				break
			}
		}
	}
	kinds := r.book.kinds
	if style > 0 && style < len(kinds) && kinds[style] != NotDate {
		if x, err := strconv.ParseFloat(string(v), 64); err == nil {
			if out, ok := appendSerialISO(dst, x, kinds[style], r.book.date1904); ok {
				return out
			}
		}
	}
	return append(dst, v...)
}

// atoi parses a non-negative decimal number.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// colOf returns the column of a cell reference like "AB12" (excelize takes
// the row from the <row>, and so does this reader).
func colOf(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] &^ 0x20
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	_, ok := atoi(ref[i:])
	return col, ok
}
