package report

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
)

// Input is everything a report shows.
type Input struct {
	Lang  string // "de" (default) or "en"
	MinN  int    // the primary suppression threshold, for the notes
	Event Event
	// Compare, when set, is the two events the comparison sheets compare,
	// the earlier first (report --compare A,B); the title and the cover
	// name them.
	Compare []Event
	Summary Summary
	Sheets  []Sheet // one per report query plus the Likert and heatmap sheets, in order
	// Questions are what was asked, with the number of respondents.
	Questions []Question
	Methods   []string // paragraphs on how figures are computed (stats.Methods)
	// Codebook rows: question, item, question_text, item_label, type, codes.
	Codebook *query.Table
	Imports  *query.Table
	Rejects  *query.Table
	Now      time.Time
}

// Event names what the report is about.
type Event struct {
	ID, Title, Date string // Date as YYYY-MM-DD
}

// Label is the event's title, or its id when it has none.
func (e Event) Label() string {
	if e.Title != "" {
		return e.Title
	}
	return e.ID
}

// Title is the report's title: with the event's title, and the compared
// events when the report compares a chosen pair.
func (in *Input) Title() string {
	t := i18n.T(in.Lang, "report_title")
	switch {
	case len(in.Compare) == 2:
		t += ": " + fmt.Sprintf(i18n.T(in.Lang, "compared_title"), in.Compare[1].Label(), in.Compare[0].Label())
	case in.Event.Title != "":
		t += ": " + in.Event.Title
	}
	return t
}

// compared says which events the report compares ("15. MDK (mdk15) →
// 17. MDK (mdk17)"), "" for the usual report.
func (in *Input) compared() string {
	if len(in.Compare) != 2 {
		return ""
	}
	name := func(e Event) string {
		if e.Title != "" {
			return e.Title + " (" + e.ID + ")"
		}
		return e.ID
	}
	return name(in.Compare[0]) + " → " + name(in.Compare[1])
}

// Sheet is one table of the report: a query's result, or a table the
// pipeline built (Likert overview, heatmap).
type Sheet struct {
	Query *query.Query // name, titles and chart settings (Meta)
	Table *query.Table
	Err   error // the query failed: the sheet says so instead of a table

	// Hidden marks cells shown as "." ([row][col] of Table; nil or short
	// rows hide nothing). The workbook, the web page and the charts all
	// honour it: a chart leaves out a point whose value cell is hidden.
	Hidden [][]bool
	// Marks are short signs shown after a cell's value, e.g. "▲" or "▼"
	// ([row][col] of Table; "" for none). The workbook keeps the cell a
	// number and shows the mark through its number format.
	Marks [][]string

	// Wide lists the columns that are the chart's series when the table is
	// already in chart shape: one row per category (Query.Meta.X), one
	// column per series. Empty: the chart pivots a long table by Meta.X,
	// Meta.Y and Meta.Series, in a "chart data" block beside the table.
	Wide []string
	// Headings name columns for readers where the built-in names do not
	// (column name → heading), e.g. the answer levels of the Likert sheet.
	Headings map[string]string
	// SheetName is the worksheet's name; "" derives one from the title.
	SheetName string
	// Notes are extra lines under the description.
	Notes []string
}

// hidden reports whether cell (r, c) is suppressed.
func (s *Sheet) hidden(r, c int) bool {
	return r < len(s.Hidden) && c < len(s.Hidden[r]) && s.Hidden[r][c]
}

// mark returns the mark of cell (r, c).
func (s *Sheet) mark(r, c int) string {
	if r < len(s.Marks) && c < len(s.Marks[r]) {
		return s.Marks[r][c]
	}
	return ""
}

// Summary holds the key figures of the cover sheet.
type Summary struct {
	Responses    int
	ByState      []Count
	BySector     []Count
	TopNeeds     []Figure
	Satisfaction Figure
	NPS          Figure
}

// Count is a labelled number of respondents.
type Count struct {
	Label  string
	N      int
	Hidden bool // shown as "."
}

// Figure is a key figure with its base and interval.
type Figure struct {
	Label  string
	Value  float64
	N      int
	Lo, Hi float64 // NaN when not given
	Hidden bool    // value and n shown as "."
}

// Question is one question of the survey as the methods sheet lists it.
type Question struct {
	ID, Text, Type string
	N              int  // respondents who answered it
	Hidden         bool // N shown as "."
}

// Options say where and how Write writes.
type Options struct {
	Out      string           // folder for report.xlsx, report.html and charts/
	Progress progress.Tracker // nil: no progress shown
}

// Written says what Write produced.
type Written struct {
	Workbook string
	HTML     string
	Sheets   map[string]string // query name → sheet name
	Charts   []string          // image files, PNG and SVG per chart
	// Warnings are problems that did not stop the report, such as a chart
	// that could not be drawn; the sheet says so too.
	Warnings []string
}

// Write writes OUT/report.xlsx, OUT/report.html and OUT/charts/<name>.png
// and .svg for every sheet with a chart.
func Write(in Input, opt Options) (*Written, error) {
	lang, err := i18n.Parse(in.Lang)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	in.Lang = lang
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if err := os.MkdirAll(filepath.Join(opt.Out, "charts"), 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	written := &Written{Sheets: map[string]string{}}
	models := make([]*sheetModel, len(in.Sheets))
	for i := range in.Sheets {
		models[i] = newSheetModel(&in, &in.Sheets[i])
	}
	bar := progress.Or(opt.Progress).Start(i18n.T(in.Lang, "progress_write"), len(models)+2)
	defer bar.Finish()
	for _, m := range models {
		if err := m.render(&in, opt.Out); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		if m.chartErr != "" {
			written.Warnings = append(written.Warnings, fmt.Sprintf("%s: %s: %s", m.name, i18n.T(in.Lang, "chart_failed"), m.chartErr))
		}
		if m.png != "" {
			written.Charts = append(written.Charts, m.png, m.svg)
		}
		bar.Add(1)
	}
	book, sheets, err := writeWorkbook(&in, models, opt.Out)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	written.Workbook, written.Sheets = book, sheets
	bar.Add(1)
	page, err := writeHTML(&in, models, sheets, opt.Out)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	written.HTML = page
	bar.Add(1)
	return written, nil
}

// writeFile writes a file via a temporary name in the same folder, so a
// reader never sees half a report.
func writeFile(path string, write func(f *os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
