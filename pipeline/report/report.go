package report

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/book"
	"github.com/resonanz/resonanz/pipeline/chart"
	"github.com/resonanz/resonanz/pipeline/format"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/query"
)

// page is what every part of a report shares.
type page struct {
	lang      string
	minN      int
	chartLine string   // under every chart title
	palette   *palette // the report's colours, once the charts are planned
}

// tableSheet is one table of a book prepared for the chart and table
// writers: its columns, the chart settings (Query.Meta) and which cells
// are hidden or marked.
type tableSheet struct {
	Query *query.Query // name (chart files), title and chart settings (Meta)
	Table *query.Table // the visible columns only
	// Hidden marks cells shown as "." ([row][col] of Table); charts leave
	// such points out.
	Hidden [][]bool
	// Marks are signs shown after a value, e.g. "▲" ([row][col] of Table).
	Marks [][]string
	// Wide lists the series columns of a table already in chart shape.
	Wide []string
	// Headings name the columns for readers (column name → heading).
	Headings map[string]string
	// Formats say how a column is shown; a column without one goes by its
	// name and type (kindOf).
	Formats map[string]format.Kind
	// XTitle and YTitle title the chart's axes ("": the columns'
	// headings); Note goes under the chart.
	XTitle, YTitle, Note string
}

// hidden reports whether cell (r, c) is suppressed.
func (s *tableSheet) hidden(r, c int) bool {
	return r < len(s.Hidden) && c < len(s.Hidden[r]) && s.Hidden[r][c]
}

// mark returns the mark of cell (r, c).
func (s *tableSheet) mark(r, c int) string {
	if r < len(s.Marks) && c < len(s.Marks[r]) {
		return s.Marks[r][c]
	}
	return ""
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
	Sheets   map[string]string // sheet id → worksheet name
	Charts   []string          // image files, PNG and SVG per chart
	// Warnings are problems that did not stop the report, such as a chart
	// that could not be drawn; the sheet says so too.
	Warnings []string
}

// blockModel is one block of a sheet with its table and chart prepared.
type blockModel struct {
	sheet *book.Sheet
	index int // of the block in the sheet
	m     *sheetModel
}

// files are the entries of a report folder, all written by one run.
var files = []string{"report.xlsx", "report.html", "charts"}

// Write writes OUT/report.xlsx, OUT/report.html and OUT/charts/<id>.png
// and .svg for every chart of the book: a sheet's first chart is named by
// its id, a further one by its id and its block's number (q_nps_3.png).
// It writes into a fresh folder that then takes OUT's place, so all of
// OUT comes from this run or, when it fails or is killed, the earlier
// report stays as it was. A folder holding anything else is not replaced
// (atomicfile.ErrNotOurs).
func Write(b book.Book, opt Options) (*Written, error) {
	var w *Written
	var werr error // writeInto's, with its own prefix
	err := atomicfile.ReplaceDir(opt.Out, func(name string) bool { return slices.Contains(files, name) }, func(tmp string) error {
		o := opt
		o.Out = tmp
		w, werr = writeInto(b, o)
		return werr
	})
	switch {
	case werr != nil:
		return nil, werr
	case err != nil:
		return nil, fmt.Errorf("report: %w", err)
	}
	// The paths name the files where they are now.
	tmp := filepath.Dir(w.Workbook)
	moved := func(p string) string { return filepath.Join(opt.Out, strings.TrimPrefix(p, tmp)) }
	w.Workbook, w.HTML = moved(w.Workbook), moved(w.HTML)
	for i, c := range w.Charts {
		w.Charts[i] = moved(c)
	}
	return w, nil
}

// writeInto writes the report's files into the folder opt.Out.
func writeInto(b book.Book, opt Options) (*Written, error) {
	if b.Lang == "" {
		b.Lang = i18n.DE
	}
	if b.Lang != i18n.DE && b.Lang != i18n.EN {
		return nil, fmt.Errorf("report: language %q: de or en", b.Lang)
	}
	if b.Now.IsZero() {
		b.Now = time.Now()
	}
	if err := os.MkdirAll(filepath.Join(opt.Out, "charts"), 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	p := &page{lang: b.Lang, minN: b.MinN, chartLine: b.ChartLine}
	written := &Written{Sheets: map[string]string{}}
	models := map[*book.Block]*blockModel{}
	var charted []*blockModel
	for i := range b.Sheets {
		s := &b.Sheets[i]
		first := true
		for j := range s.Blocks {
			blk := &s.Blocks[j]
			if blk.Table == nil {
				continue
			}
			name := s.ID
			if blk.Chart != nil && !first {
				name += "_" + strconv.Itoa(j+1)
			}
			if blk.Chart != nil {
				first = false
			}
			bm := &blockModel{sheet: s, index: j, m: newSheetModel(p, tableOf(s, blk, name))}
			models[blk] = bm
			if bm.m.grid != nil && bm.m.kind != chart.None {
				charted = append(charted, bm)
			}
		}
	}
	bar := progress.Or(opt.Progress).Start(i18n.T(b.Lang, "progress_write"), len(charted)+2)
	defer bar.Finish()
	// Colours and points are settled in report order, so a category's
	// colour does not depend on which chart is drawn first; the drawing
	// then runs on every core.
	p.palette = newPalette(b.Lang)
	for _, bm := range charted {
		bm.m.plan(p, p.palette)
	}
	if err := drawAll(p, charted, opt.Out, bar); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	for _, bm := range charted {
		if bm.m.chartErr != "" {
			written.Warnings = append(written.Warnings, fmt.Sprintf("%s: %s: %s", bm.m.name, i18n.T(b.Lang, "chart_failed"), bm.m.chartErr))
		}
		if bm.m.png != "" {
			written.Charts = append(written.Charts, bm.m.png, bm.m.svg)
		}
	}
	path, names, err := writeWorkbook(&b, p, models, opt.Out)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	written.Workbook, written.Sheets = path, names
	bar.Add(1)
	if written.HTML, err = writeHTML(&b, models, opt.Out); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	bar.Add(1)
	return written, nil
}

// drawAll draws the charts, as many at once as there are processors:
// encoding the images is most of a report's work.
func drawAll(p *page, charted []*blockModel, out string, bar progress.Bar) error {
	work := make(chan *blockModel)
	errs := make([]error, len(charted))
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(charted))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bm := range work {
				if err := bm.m.render(out); err != nil {
					for i := range charted {
						if charted[i] == bm {
							errs[i] = err
						}
					}
				}
				bar.Add(1)
			}
		}()
	}
	for _, bm := range charted {
		work <- bm
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// tableOf prepares a block's table for the writers: its visible columns,
// with hidden cells and marks moved along, and its chart as query
// settings.
func tableOf(s *book.Sheet, blk *book.Block, name string) *tableSheet {
	t := blk.Table
	ts := &tableSheet{
		Query:    &query.Query{Name: name, Source: s.Source, Meta: query.Meta{Title: s.Title, Description: s.Description, Chart: "none"}},
		Table:    &query.Table{},
		Headings: map[string]string{},
		Formats:  map[string]format.Kind{},
	}
	if blk.Heading != "" && blk.Heading != s.Title {
		ts.Query.Meta.Title = s.Title + ": " + blk.Heading
	}
	var cols []int
	for c, col := range t.Columns {
		if col.Internal {
			continue
		}
		cols = append(cols, c)
		ts.Table.Columns = append(ts.Table.Columns, col.Key)
		ts.Headings[col.Key] = col.Heading
		if col.Format != format.Auto {
			ts.Formats[col.Key] = col.Format
		}
	}
	for r, row := range t.Rows {
		vis := make([]any, len(cols))
		var hid []bool
		var marks []string
		for j, c := range cols {
			vis[j] = row[c]
			if t.IsHidden(r, c) {
				if hid == nil {
					hid = make([]bool, len(cols))
				}
				hid[j] = true
			}
			if m := t.Mark(r, c); m != "" {
				if marks == nil {
					marks = make([]string, len(cols))
				}
				marks[j] = m
			}
		}
		ts.Table.Rows = append(ts.Table.Rows, vis)
		ts.Hidden = append(ts.Hidden, hid)
		ts.Marks = append(ts.Marks, marks)
	}
	if c := blk.Chart; c != nil {
		meta := &ts.Query.Meta
		meta.Chart = string(c.Kind)
		meta.X, meta.Y, meta.Series = c.X, c.Y, c.Series
		meta.ErrLow, meta.ErrHigh = c.ErrLow, c.ErrHigh
		meta.YMin, meta.YMax, meta.Sort = c.YMin, c.YMax, c.Sort
		ts.Wide, ts.XTitle, ts.YTitle, ts.Note = c.Wide, c.XTitle, c.YTitle, c.Note
	}
	return ts
}
