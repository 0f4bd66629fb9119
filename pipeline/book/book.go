package book

import (
	"time"

	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
)

// Book is a whole report: what the writers turn into report.xlsx,
// report.html and the chart images.
type Book struct {
	Lang  string // "de" or "en": every text below is already in it
	Title string // the report's title: the survey's, with the event
	// Subtitle names the event (and the compared events), for the page head.
	Subtitle string
	// ChartLine is the second line of every chart title: the event and
	// its number of respondents ("16. MDK, n = 150").
	ChartLine string
	// Event is the reported event's id, for the workbook's properties.
	Event  string
	Sheets []Sheet // in order: the cover first, the appendix last
	Now    time.Time
	// MinN is the small-number rule's threshold, for the writers' own
	// notes (a chart's omitted points).
	MinN int
}

// Role places a sheet; it never names one.
type Role int

const (
	Body     Role = iota // a section of the report
	Cover                // the first sheet: findings, key figures, contents
	Appendix             // methods, codebook, data quality: listed apart
)

// Sheet is one worksheet of the workbook and one section of the page.
type Sheet struct {
	// ID is unique and made of [a-z0-9_]: chart files (charts/<ID>.png,
	// charts/<ID>_<block>.png for a sheet's further charts), page anchors
	// and the targets of links.
	ID string
	// Name is the worksheet's name: at most 31 characters, none of
	// []:*?/\, unique in the book (builders make it so).
	Name        string
	Title       string
	Description string
	Role        Role
	Blocks      []Block
	Notes       []string // lines under the blocks
	// Source says where the sheet comes from: a query file's path
	// (queries/<name>.sql for a built-in), or "" for a sheet the report
	// builds itself.
	Source string
	// Err is a failed query: the sheet shows it instead of its blocks.
	Err error
}

// Block is one part of a sheet; one of Paras, Facts, Table and Contents
// is set.
type Block struct {
	Heading string
	Link    string // the ID of a sheet the heading points to; "" for none
	Paras   []Para
	Facts   []Fact
	Table   *Table
	Chart   *Chart // drawn from Table; nil: none
	// Contents lists every other sheet with a link to it.
	Contents bool
}

// Para is a paragraph: a finding, a methods text, a note.
type Para struct {
	Text string
	Link string // the ID of the sheet it points to; "" for none
	Note bool   // a small grey note (a data-quality warning, the "." rule)
}

// Fact is one "label: value" line (the event, field period, responses).
// Facts are public figures: counts of subgroups go into a Table, where
// disclosure sees them.
type Fact struct {
	Label  string
	Value  any // string, int64, float64, time.Time
	Format format.Kind
}

// Table is a table of a sheet. Rows hold string, int64, float64,
// time.Time, bool or nil.
type Table struct {
	Columns []Column
	Rows    [][]any
	// Hidden marks cells shown as "." whatever they hold ([row][col]; nil
	// or short rows hide nothing); charts leave such points out.
	Hidden [][]bool
	// Marks are signs after a value, ▲ or ▼ ([row][col]; "" none).
	Marks [][]string
	// Protect says what the table counts, for the disclosure stage; nil:
	// it shows no counts of people.
	Protect any
	// Limit caps the rows the page shows (the workbook has all); 0: all.
	Limit int
}

// Column is one column of a Table.
type Column struct {
	Key     string // the data's name (n, mean, share, item_text): what a Chart names
	Heading string
	Format  format.Kind // format.Auto: by the value and the column's name
	// Internal columns (codes kept for linking and disclosure) are not
	// shown.
	Internal bool
}

// Chart is how a Table is drawn.
type Chart struct {
	Kind chart.Kind
	// X names the categories' column, Y the values', Series (optional)
	// the column whose values are the series of a long table.
	X, Y, Series string
	// Wide, instead of Series, lists the columns that are the series of a
	// table already in chart shape: one row per category.
	Wide            []string
	ErrLow, ErrHigh string // interval columns drawn as error bars
	YMin, YMax      *float64
	Sort            string // "", "asc", "desc": order the categories by value
	XTitle, YTitle  string // "": the columns' headings
	Note            string // under the chart, e.g. a multiple choice's base
}

// Col returns the index of the column with key, or -1.
func (t *Table) Col(key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// IsHidden reports whether cell (r, c) is shown as ".".
func (t *Table) IsHidden(r, c int) bool {
	return r < len(t.Hidden) && c < len(t.Hidden[r]) && t.Hidden[r][c]
}

// Hide marks cell (r, c) hidden.
func (t *Table) Hide(r, c int) {
	for len(t.Hidden) <= r {
		t.Hidden = append(t.Hidden, nil)
	}
	for len(t.Hidden[r]) <= c {
		t.Hidden[r] = append(t.Hidden[r], false)
	}
	t.Hidden[r][c] = true
}

// Mark returns the mark of cell (r, c).
func (t *Table) Mark(r, c int) string {
	if r < len(t.Marks) && c < len(t.Marks[r]) {
		return t.Marks[r][c]
	}
	return ""
}

// SetMark sets the mark of cell (r, c).
func (t *Table) SetMark(r, c int, m string) {
	for len(t.Marks) <= r {
		t.Marks = append(t.Marks, nil)
	}
	for len(t.Marks[r]) <= c {
		t.Marks[r] = append(t.Marks[r], "")
	}
	t.Marks[r][c] = m
}
