package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/ingest"
	"github.com/resonanz/resonanz/pipeline/progress"
	"github.com/resonanz/resonanz/pipeline/store"
	"github.com/resonanz/resonanz/pipeline/survey"
)

// ImportOptions configure Import.
type ImportOptions struct {
	DataDir    string
	Event      string
	EventTitle string
	EventDate  string // 2025-11-13 or 13.11.2025; stored as 2025-11-13
	// Invited is how many people were asked to answer, kept with the event
	// for the report's response rate; 0: not known.
	Invited   int
	Files     []string
	Survey    string // survey definition file; "" for the built-in template
	Sheet     string // sheet to read; "" picks the one that looks like responses
	HeaderRow int    // the header row (--header-row); 0 finds it
	DateOrder string // slash dates day first (survey.DayFirst) or month first; "" decides from the file
	Strict    bool   // any reject fails the import
	Replace   bool   // the files replace earlier imports of the same file name
	Ingest    ingest.Options
	// Key is the pseudonym key (disclosure.KeySize bytes, e.g. from
	// disclosure.LoadOrCreateKey): every export id is stored as
	// disclosure.Pseudonym(Key, Event, id), and free text is scrubbed
	// (disclosure.ScrubPII). Without a key Import refuses (ErrNoKey)
	// rather than store raw ids: the library protects as the CLI does.
	// A dataset made with another key is refused (store.ErrKeyChanged)
	// unless NewKey.
	Key    []byte
	NewKey bool
	// Log receives progress messages ("waiting for another import …").
	Log io.Writer
	// Progress shows the rows read per file; nil shows nothing.
	Progress progress.Tracker
}

// FileResult is what one file's import did.
type FileResult struct {
	File   string
	Sheet  string
	Sheets []string // every sheet of a workbook, to say which was chosen
	Survey *survey.Definition
	// Detection is how the file was understood: the tool, the header, each
	// column's type and answers, and the definition it was read with.
	Detection *survey.Detection
	Skipped   string // why nothing was imported (same bytes already imported)
	Summary   *survey.Summary
	Replaced  []string // import ids this one replaced
	Import    *store.Import
}

// ErrStrict means --strict refused an import with rejects.
var ErrStrict = errors.New("--strict: nothing imported")

// ErrNoKey means ImportOptions.Key is missing or not a key.
var ErrNoKey = errors.New("no pseudonym key")

// Import reads each file, normalises it and publishes it into the event.
// Either every file is published or, on any error, none is: the dataset is
// left as it was.
func Import(ctx context.Context, opt ImportOptions) ([]*FileResult, error) {
	if len(opt.Key) != disclosure.KeySize {
		return nil, fmt.Errorf("import: %w: the key must be %d bytes, got %d", ErrNoKey, disclosure.KeySize, len(opt.Key))
	}
	if err := store.CheckEvent(opt.Event); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if err := survey.CheckDateOrder(opt.DateOrder); err != nil {
		return nil, fmt.Errorf("import: --date-order: %w", err)
	}
	if opt.EventDate != "" {
		d, err := store.ParseDate(opt.EventDate)
		if err != nil {
			return nil, fmt.Errorf("import: event date %w", err)
		}
		opt.EventDate = d // stored as ISO, however it was typed
	}
	def, own, err := loadSurvey(opt.Survey)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	st, err := store.Open(opt.DataDir)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	// Check every file before taking the lock: a typo fails fast, and a
	// device or FIFO (/dev/zero, a named pipe) is refused before anything
	// reads it, so nothing can hang holding the lock.
	for _, f := range opt.Files {
		if err := ingest.CheckFile(f); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	unlock, err := st.Lock(ctx, func() {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "waiting for another import into %s to finish …\n", opt.DataDir)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer unlock()
	kept, err := st.Cleanup()
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if len(kept) > 0 && opt.Log != nil {
		fmt.Fprintf(opt.Log, "resonanz: import: warning: %d Parquet files in %s are not listed in %s and were kept (%s); run resonanz check\n",
			len(kept), opt.DataDir, store.ManifestName, kept[0])
	}
	m, err := st.Manifest()
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	keyID := disclosure.KeyID(opt.Key)
	if err := m.CheckKey(keyID, opt.NewKey); err != nil {
		return nil, fmt.Errorf("import: pseudonym key: %w: give the dataset's key with --key FILE or $RESONANZ_KEY, or --new-key to start a new one (pseudonyms then change, and duplicates across imports go unnoticed)", err)
	}
	st.KeyID = keyID

	var results []*FileResult
	var txns []*store.Txn
	abort := func() {
		for _, t := range txns {
			t.Abort()
		}
	}
	var staged []*survey.IDs // respondents staged by earlier files of this run
	for _, path := range opt.Files {
		res, txn, err := importFile(ctx, st, m, def, own, opt, path, staged)
		if err != nil {
			abort()
			return nil, fmt.Errorf("import: %w", err)
		}
		results = append(results, res)
		if txn != nil {
			txns = append(txns, txn)
			staged = append(staged, res.Summary.Respondents)
		}
	}
	if opt.Strict {
		for _, r := range results {
			if r.Summary != nil && r.Summary.Rejected() > 0 {
				abort()
				return results, fmt.Errorf("import: %s: %s and %s with %w", r.File,
					i18n.N(i18n.EN, "import.n.rejected_values", r.Summary.CellsRejected), i18n.N(i18n.EN, "import.n.rejected_rows", r.Summary.RowsRejected), ErrStrict)
			}
		}
	}
	ev := &store.Event{Title: opt.EventTitle, Date: opt.EventDate, Invited: opt.Invited}
	for _, r := range results {
		if r.Survey != nil {
			surveyEvent(ev, r.Survey)
			break
		}
	}
	var ready []store.Staged
	var published []*FileResult
	for _, r := range results {
		if r.Skipped != "" {
			continue
		}
		s := r.Summary
		ready = append(ready, store.Staged{
			Txn: txns[len(ready)],
			Record: store.Record{
				File: r.File, SHA256: r.Import.SHA256, Sheet: r.Sheet, Layout: s.Mapping.Layout,
				RowsRead: int64(s.RowsRead), RowsImported: int64(s.Imported), RowsRejected: int64(s.RowsRejected),
				CellsRejected: int64(s.CellsRejected), Blank: int64(s.Blank), Duplicates: int64(s.Duplicates),
			},
			Replace: r.Replaced,
		})
		published = append(published, r)
	}
	if len(ready) > 0 {
		// One manifest write publishes every file of this import, or none.
		ims, err := st.CommitAll(ev, ready...)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		for i, r := range published {
			r.Import = ims[i]
		}
	}
	if len(ready) == 0 && (opt.EventTitle != "" || opt.EventDate != "" || opt.Invited > 0) {
		// Nothing new to import, but the event's title or date may change.
		if err := st.SetEvent(opt.Event, ev); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	return results, nil
}

// surveyEvent records the definition's name, title and theme codebook
// with the event, for the report.
func surveyEvent(ev *store.Event, d *survey.Definition) {
	ev.Survey, ev.SurveyTitle, ev.SurveyTitleEn = d.Name, d.Title, d.TitleEn
	for _, t := range d.Themes {
		ev.Themes = append(ev.Themes, store.Theme{Code: t.Code, Text: t.Text, TextEn: t.TextEn, Keywords: t.Keywords})
	}
}

func fileHash(path string) (string, error) {
	f, err := ingest.OpenFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, sum, err := store.Sum(f)
	return sum, err
}

// loadSurvey reads the user's definition, or takes the built-in template;
// own says it is the user's.
func loadSurvey(path string) (*survey.Definition, bool, error) {
	if path == "" {
		return survey.Builtin(), false, nil
	}
	d, err := survey.Load(path)
	return d, true, err
}

func importFile(ctx context.Context, st *store.Store, m *store.Manifest, def *survey.Definition, own bool, opt ImportOptions, path string, staged []*survey.IDs) (*FileResult, *store.Txn, error) {
	name := filepath.Base(path)
	// The file is hashed while it is opened and its sheet found, on a core
	// that would idle; whether these bytes were imported before is still
	// decided first.
	hashed := make(chan error, 1)
	var sha string
	go func() {
		var err error
		sha, err = fileHash(path)
		hashed <- err
	}()
	book, openErr := ingest.Open(path, opt.Ingest)
	var sheet string
	var det *survey.Detection
	var pickErr error
	if openErr == nil {
		defer book.Close()
		sheet, det, pickErr = pickSheet(book, def, pick{want: opt.Sheet, own: own, headerRow: opt.HeaderRow, rows: survey.ProfileRows})
	}
	if err := <-hashed; err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	res := &FileResult{File: name, Survey: def}
	var replace []string
	if opt.Replace {
		for _, im := range m.Imports {
			if im.Event == opt.Event && im.File == name {
				replace = append(replace, im.ID)
			}
		}
	}
	// The same bytes again change nothing, unless --replace also drops
	// another import of this file name (say, the first version, when the
	// corrected one was imported once without --replace).
	if im := m.Find(opt.Event, sha); im != nil && !slices.ContainsFunc(replace, func(id string) bool { return id != im.ID }) {
		res.Skipped = fmt.Sprintf("already imported into %s on %s (same SHA-256); nothing to do", opt.Event, im.ImportedAt.Format("2006-01-02 15:04"))
		return res, nil, nil
	}
	res.Replaced = replace
	if openErr != nil {
		return nil, nil, openErr
	}
	if pickErr != nil {
		return nil, nil, pickErr
	}
	res.Sheet, res.Detection, res.Survey = sheet, det, det.Survey
	if book.Format() != "csv" {
		res.Sheets = book.Sheets()
	}
	existing, err := st.Respondents(m, opt.Event, replace)
	if err != nil {
		return nil, nil, err
	}
	seen := func(r string) bool {
		return existing.Has(r) || slices.ContainsFunc(staged, func(s *survey.IDs) bool { return s.Has(r) })
	}
	so := survey.Options{
		Event: opt.Event, File: name, Sheet: sheetLabel(book, sheet), CSV: book.Format() == "csv", DateOrder: opt.DateOrder,
		Pseudonym: disclosure.Pseudonyms(opt.Key, opt.Event), Scrub: disclosure.ScrubPII, Seen: seen, Mapping: &det.Mapping,
	}
	sum, txn, err := normalizeSheet(st, book, sheet, det.Survey, so, opt.Progress)
	// A file whose first rows gave no sign of day-first dates is read
	// again, day first, when a later date can only be read so: the dates
	// before it were read month first.
	var dayFirst *survey.DayFirstError
	if errors.As(err, &dayFirst) && so.DateOrder == "" {
		so.DateOrder = survey.DayFirst
		if sum, txn, err = normalizeSheet(st, book, sheet, det.Survey, so, opt.Progress); err == nil {
			sum.Mapping.Warnings = append(sum.Mapping.Warnings, dayFirst.Warning())
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		txn.Abort()
		return nil, nil, err
	}
	for _, r := range book.Repairs() {
		if r.Kind == ingest.RepairNUL {
			sum.Mapping.Warnings = append(sum.Mapping.Warnings, i18n.M("import.warn.nul", r.Count, r.Line, r.Column))
		}
	}
	res.Summary = sum
	res.Import = &store.Import{SHA256: sha}
	return res, txn, nil
}

// normalizeSheet reads the sheet's rows into a new transaction of the
// event, aborted when it fails.
func normalizeSheet(st *store.Store, book ingest.Book, sheet string, def *survey.Definition, so survey.Options, bars progress.Tracker) (*survey.Summary, *store.Txn, error) {
	txn, err := st.Begin(so.Event)
	if err != nil {
		return nil, nil, err
	}
	cells, err := book.Cells(sheet)
	if err != nil {
		txn.Abort()
		return nil, nil, err
	}
	cells = prefetch(cells)
	defer cells.Release()
	bar := progress.Or(bars).Start(so.File, -1)
	defer bar.Finish()
	cells = &rowCounter{RecordReader: cells, bar: bar}
	w := newAsyncSink(txn)
	sum, err := survey.Normalize(cells, def, so, w)
	if werr := w.Close(); err == nil {
		err = werr
	}
	if err != nil {
		txn.Abort()
		return nil, nil, err
	}
	return sum, txn, nil
}

// rowCounter moves a progress bar on by the sheet rows its cells reach
// (cells come in row order), so a large file shows that it is being read.
type rowCounter struct {
	array.RecordReader
	bar  progress.Bar
	last int32
}

func (c *rowCounter) Next() bool {
	if !c.RecordReader.Next() {
		return false
	}
	rec := c.RecordReader.RecordBatch()
	if rows, ok := rec.Column(0).(*array.Int32); ok && rows.Len() > 0 {
		if r := rows.Value(rows.Len() - 1); r > c.last {
			c.bar.Add(int(r - c.last))
			c.last = r
		}
	}
	return true
}

// sheetLabel is the sheet name messages use: none for a CSV file.
func sheetLabel(b ingest.Book, sheet string) string {
	if b.Format() == "csv" {
		return ""
	}
	return sheet
}

// pick says how pickSheet chooses and reads a sheet.
type pick struct {
	want      string // the sheet asked for, "" for any
	own       bool   // the definition is the user's
	headerRow int
	rows      int // rows the chosen sheet's values are read from; 0 all
}

// pickRows is how many rows of each sheet are read to choose among them.
const pickRows = 1000

// pickSheet chooses the sheet to import, the one asked for or the one
// whose columns are most questions, and detects it reading p.rows rows.
// When no column feeds a question it returns the detection with an error
// saying why, for detect to show.
func pickSheet(b ingest.Book, def *survey.Definition, p pick) (string, *survey.Detection, error) {
	sheets := b.Sheets()
	if p.want != "" && b.Format() == "csv" {
		return "", nil, fmt.Errorf("%s: %w %q: a CSV file has no sheets", b.Name(), ingest.ErrNoSheet, p.want)
	}
	if p.want != "" {
		if !slices.Contains(sheets, p.want) {
			return "", nil, fmt.Errorf("%s: %w %q (sheets: %s)", b.Name(), ingest.ErrNoSheet, p.want, strings.Join(sheets, ", "))
		}
		sheets = []string{p.want}
	}
	sheet, best := sheets[0], -1
	if len(sheets) > 1 {
		for _, s := range sheets {
			det, err := detectSheet(b, def, s, p, pickRows)
			if err != nil {
				return "", nil, err
			}
			if score := sheetScore(det); score > best {
				sheet, best = s, score
			}
		}
	}
	det, err := detectSheet(b, def, sheet, p, p.rows)
	if err != nil {
		return "", nil, err
	}
	if surveyLike(det, p.own) {
		return sheet, det, nil
	}
	where := b.Name()
	switch {
	case b.Format() == "csv":
	case len(sheets) == 1:
		where += ": sheet " + sheets[0]
	default:
		where += ": sheets " + strings.Join(sheets, ", ")
	}
	if p.own {
		return sheet, det, fmt.Errorf("%s: %w of the survey definition (looked for: %s)", where, survey.ErrNoQuestions, questionIDs(def))
	}
	return sheet, det, fmt.Errorf("%s: %w: no header row over columns of answers", where, survey.ErrNoQuestions)
}

// surveyLike says a sheet holds responses: columns that feed questions of
// the user's definition, or, drafted from the file, two such columns, or
// one beside the tool's response id or time (a sheet of notes is one
// column of text).
func surveyLike(det *survey.Detection, own bool) bool {
	m := &det.Mapping
	n := len(m.Mapped())
	if own || n == 0 {
		return n > 0
	}
	for _, c := range m.Columns {
		if c.Kind == survey.KindID || c.Kind == survey.KindSubmitted {
			return true
		}
	}
	return n >= 2
}

// sheetScore ranks sheets: columns that feed questions, and the tool's own
// columns beside them.
func sheetScore(det *survey.Detection) int {
	n := 0
	for _, c := range det.Mapping.Columns {
		switch c.Kind {
		case survey.KindQuestion:
			n += 2
			if c.By != "draft" {
				n++
			}
		case survey.KindID, survey.KindSubmitted:
			n++
		}
	}
	return n * min(det.Rows, 3)
}

// detectSheet detects one sheet, reading up to rows rows (0: all).
func detectSheet(b ingest.Book, def *survey.Definition, sheet string, p pick, rows int) (*survey.Detection, error) {
	rr, err := b.Cells(sheet)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	det, err := def.Detect(survey.Rows(rr), survey.DetectOptions{
		Sheet: sheetLabel(b, sheet), File: b.Name(), CSV: b.Format() == "csv", HeaderRow: p.headerRow, Own: p.own, MaxRows: rows,
	})
	if err != nil {
		where := b.Name()
		if b.Format() != "csv" {
			where += ": " + sheet
		}
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return det, nil
}

func questionIDs(d *survey.Definition) string {
	ids := make([]string, len(d.Questions))
	for i, q := range d.Questions {
		ids[i] = q.ID
	}
	return strings.Join(ids, ", ")
}

// DetectOptions configure Detect.
type DetectOptions struct {
	// DataDir, when it holds a dataset, is compared with the file: which
	// columns match questions it already has, which are new or gone.
	DataDir   string
	File      string
	Survey    string // survey definition file; "" for the built-in template
	Sheet     string // sheet to read; "" picks the one that looks like responses
	HeaderRow int    // the header row; 0 finds it
	Ingest    ingest.Options
}

// Detection is what Detect understood of a file.
type Detection struct {
	File   string
	Sheet  string   // the sheet read; "" for CSV
	Sheets []string // every sheet of a workbook
	*survey.Detection
	// OK says the file has columns that feed questions: import would run.
	// Problem says why not.
	OK      bool
	Problem error
	// Own says the definition is the user's (--survey).
	Own bool
	// Linking compares the file with the dataset in DataDir (nil without
	// one): columns linked to its ids by their wording, new and gone
	// questions. The draft maps the linked columns onto those ids.
	Linking *survey.Linking
	// DataErr says why the dataset could not be compared; the rest of the
	// detection stands.
	DataErr error
}

// Detect reads a file as import would, every row of it, and drafts a
// survey definition for it; with a dataset in DataDir it also compares
// the file's questions with those the dataset holds. It writes nothing.
func Detect(ctx context.Context, opt DetectOptions) (*Detection, error) {
	def, own, err := loadSurvey(opt.Survey)
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	book, err := ingest.Open(opt.File, opt.Ingest)
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	defer book.Close()
	p := pick{want: opt.Sheet, own: own, headerRow: opt.HeaderRow}
	sheet, sd, problem := pickSheet(book, def, p)
	if sd == nil {
		return nil, fmt.Errorf("detect: %w", problem)
	}
	det := &Detection{File: book.Name(), Sheet: sheetLabel(book, sheet), Detection: sd, OK: problem == nil, Problem: problem, Own: own}
	if book.Format() != "csv" {
		det.Sheets = book.Sheets()
	}
	ext := det.linkDataset(ctx, opt.DataDir, def)
	if ext != nil {
		// Detect again with the dataset's questions, the linked columns
		// assigned to them.
		rr, err := book.Cells(sheet)
		if err != nil {
			return nil, fmt.Errorf("detect: %w", err)
		}
		defer rr.Release()
		d2, err := ext.Detect(survey.Rows(rr), survey.DetectOptions{
			Sheet: det.Sheet, File: det.File, CSV: book.Format() == "csv", HeaderRow: opt.HeaderRow, Own: own, Assign: det.Linking.Assign(),
		})
		if err != nil {
			return nil, fmt.Errorf("detect: %w", err)
		}
		det.Detection = d2
		det.nameNew()
	}
	return det, nil
}
