package xlsx

// Limits bound what a workbook may make the reader do, so a hostile file
// fails early with ErrTooLarge or ErrZipBomb instead of exhausting memory or
// time. A zero field takes its DefaultLimits value.
type Limits struct {
	MaxEntries   int   // zip entries in the archive
	MaxEntrySize int64 // uncompressed bytes of one entry
	MaxTotalSize int64 // uncompressed bytes of all entries
	// MaxRatio bounds uncompressed/compressed size of an entry larger than
	// 1 MiB; real sheet XML stays far below 100, zip bombs reach 1000.
	MaxRatio     float64
	MaxCellChars int // characters (UTF-16 units, as Excel counts) in a cell
	MaxRows      int
	MaxCols      int
}

// ratioFloor is the entry size from which MaxRatio applies: small parts
// compress well without being dangerous.
const ratioFloor = 1 << 20

// DefaultLimits are Excel's own sheet limits and sizes well above any real
// survey export (a full 1,048,576-row sheet has about 1 GB of XML).
func DefaultLimits() Limits {
	return Limits{
		MaxEntries:   10_000,
		MaxEntrySize: 4 << 30,
		MaxTotalSize: 8 << 30,
		MaxRatio:     100,
		MaxCellChars: 32767,
		MaxRows:      1_048_576,
		MaxCols:      16_384,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = d.MaxEntrySize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxCellChars <= 0 {
		l.MaxCellChars = d.MaxCellChars
	}
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxCols <= 0 {
		l.MaxCols = d.MaxCols
	}
	return l
}
