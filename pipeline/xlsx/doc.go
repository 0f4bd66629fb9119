// Package xlsx reads the cells of xlsx workbooks fast and with bounded
// memory, as Arrow records of CellSchema.
//
//	b, err := xlsx.Open("umfrage.xlsx", xlsx.DefaultLimits())
//	...
//	defer b.Close()
//	rr, err := b.Cells(b.Sheets()[0])
//	...
//	defer rr.Release() // whoever receives a RecordReader releases it
//	for rr.Next() {
//		rec := rr.RecordBatch() // valid until the next Next
//	}
//	if err := rr.Err(); err != nil { ... } // a damaged entry shows only at its end
//
// # Contract
//
// Cells yields one row per non-empty cell, row-major, in batches of up to
// BatchCells cells; row and col are 1-based. A sheet with A1 "ID",
// B1 "Bundesland", A2 1 and B2 "Sachsen" gives
//
//	row col value
//	1   1   "ID"
//	1   2   "Bundesland"
//	2   1   "1"
//	2   2   "Sachsen"
//
// Values are what excelize returns with RawCellValue, plus the rules of
// CellSchema: strings (shared, inline, rich text runs joined, _xHHHH_
// escapes decoded, phonetic runs left out) as they are; numbers as stored
// ("1.50" stays "1.50"); a number whose style has a date format (built-in
// id or custom code, the 1904 system if the workbook says so) as ISO text;
// booleans TRUE/FALSE; errors as their code; a formula cell without a
// cached value as "=" + its formula text. A cell without a style takes the
// style of its row, then of its column, as excelize does. Cells and rows
// without an r attribute follow the one before.
//
// Where it departs from excelize: a shared-formula cell that holds neither
// a value nor formula text of its own is left out (excelize translates the
// master formula); the shared strings part is found through the workbook's
// relationships like every other part (excelize assumes
// xl/sharedStrings.xml); rows or cells out of order, a shared string index
// that does not exist, invalid UTF-8, XML with a DOCTYPE, and a damaged
// zip entry are errors, where excelize reads on or stops silently.
//
// # Speed and memory
//
// Each sheet is inflated on its own goroutine (klauspost/compress/flate) in
// chunks while the caller's Next scans the XML with a hand-written byte
// scanner, not encoding/xml, and fills the Arrow buffers directly. Memory
// is a few chunks, one batch and the shared strings, whatever the number of
// rows.
//
// # Hostile files
//
// Open checks the zip directory against Limits before inflating anything:
// entry count (read from the end record, before archive/zip allocates for
// each entry), declared sizes and compression ratio. While inflating, an
// entry may not grow past its declared size (ErrZipBomb) and its CRC is
// verified at its end (ErrCorrupt). An element read whole, such as a cell,
// is bounded at 16 MiB. Errors match ErrNotZip, ErrEncrypted, ErrZipBomb,
// ErrTooLarge, ErrCorrupt or ErrNoSheet with errors.Is, and begin with the
// file name; one about a cell is a *CellError:
//
//	umfrage.xlsx: Antworten!C7: cell text longer than 32767 characters
package xlsx
