package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

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
	Files      []string
	Survey     string // survey definition file; "" for the built-in template
	Sheet      string // sheet to read; "" picks the one that looks like responses
	Strict     bool   // any reject fails the import
	Replace    bool   // the files replace earlier imports of the same file name
	Ingest     ingest.Options
	// Pseudonym and Scrub protect personal data; see survey.Options.
	Pseudonym func(id string) string
	Scrub     func(text string) (string, int)
	// KeyID is the pseudonym key's fingerprint (disclosure.KeyID): a
	// dataset made with another key is refused (store.ErrKeyChanged)
	// unless NewKey; "" checks nothing (tests with plain pseudonyms).
	KeyID  string
	NewKey bool
	// Log receives progress messages ("waiting for another import …").
	Log io.Writer
	// Progress shows the rows read per file; nil shows nothing.
	Progress progress.Tracker
}

// FileResult is what one file's import did.
type FileResult struct {
	File     string
	Sheet    string
	Sheets   []string // every sheet of a workbook, to say which was chosen
	Survey   *survey.Definition
	Skipped  string // why nothing was imported (same bytes already imported)
	Summary  *survey.Summary
	Replaced []string // import ids this one replaced
	Import   *store.Import
}

// ErrStrict means --strict refused an import with rejects.
var ErrStrict = errors.New("--strict: nothing imported")

// Import reads each file, normalises it and publishes it into the event.
// Either every file is published or, on any error, none is: the dataset is
// left as it was.
func Import(ctx context.Context, opt ImportOptions) ([]*FileResult, error) {
	if err := store.CheckEvent(opt.Event); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if opt.EventDate != "" {
		d, err := store.ParseDate(opt.EventDate)
		if err != nil {
			return nil, fmt.Errorf("import: event date %w", err)
		}
		opt.EventDate = d // stored as ISO, however it was typed
	}
	def := survey.Builtin()
	if opt.Survey != "" {
		d, err := survey.Load(opt.Survey)
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		def = d
	}
	st, err := store.Open(opt.DataDir)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	// Check every file before taking the lock: a typo fails fast.
	for _, f := range opt.Files {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("import: %s: %w", f, ingest.ErrNotFound)
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
	if opt.KeyID != "" {
		if err := m.CheckKey(opt.KeyID, opt.NewKey); err != nil {
			return nil, fmt.Errorf("import: pseudonym key: %w: give the dataset's key with --key FILE or $RESONANZ_KEY, or --new-key to start a new one (pseudonyms then change, and duplicates across imports go unnoticed)", err)
		}
		st.KeyID = opt.KeyID
	}

	var results []*FileResult
	var txns []*store.Txn
	abort := func() {
		for _, t := range txns {
			t.Abort()
		}
	}
	var staged []*survey.IDs // respondents staged by earlier files of this run
	for _, path := range opt.Files {
		res, txn, err := importFile(ctx, st, m, def, opt, path, staged)
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
					plural(r.Summary.CellsRejected, "rejected value", "rejected values"), plural(r.Summary.RowsRejected, "rejected row", "rejected rows"), ErrStrict)
			}
		}
	}
	ev := &store.Event{Title: opt.EventTitle, Date: opt.EventDate}
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
	if len(ready) == 0 && (opt.EventTitle != "" || opt.EventDate != "") {
		// Nothing new to import, but the event's title or date may change.
		if err := st.SetEvent(opt.Event, ev); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	return results, nil
}

func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func importFile(ctx context.Context, st *store.Store, m *store.Manifest, def *survey.Definition, opt ImportOptions, path string, staged []*survey.IDs) (*FileResult, *store.Txn, error) {
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
	var mapping *survey.Mapping
	var pickErr error
	if openErr == nil {
		defer book.Close()
		sheet, mapping, _, pickErr = pickSheet(book, def, opt.Sheet)
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
	res.Sheet = sheet
	if book.Format() != "csv" {
		res.Sheets = book.Sheets()
	}
	existing, err := st.Respondents(m, opt.Event, replace)
	if err != nil {
		return nil, nil, err
	}
	txn, err := st.Begin(opt.Event)
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
	bar := progress.Or(opt.Progress).Start(name, -1)
	defer bar.Finish()
	cells = &rowCounter{RecordReader: cells, bar: bar}
	seen := func(r string) bool {
		return existing.Has(r) || slices.ContainsFunc(staged, func(s *survey.IDs) bool { return s.Has(r) })
	}
	w := newAsyncSink(txn)
	sum, err := survey.Normalize(cells, def, survey.Options{
		Event: opt.Event, File: name, Sheet: sheetLabel(book, sheet),
		Pseudonym: opt.Pseudonym, Scrub: opt.Scrub, Seen: seen, Mapping: mapping,
	}, w)
	if werr := w.Close(); err == nil {
		err = werr
	}
	if err != nil {
		txn.Abort()
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		txn.Abort()
		return nil, nil, err
	}
	res.Summary = sum
	res.Import = &store.Import{SHA256: sha}
	return res, txn, nil
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

// pickSheet chooses the sheet to import: the one asked for, or the one whose
// header matches the survey best. When no sheet maps a question it returns
// the best guess with ok false, for detect to show, and err says why.
func pickSheet(b ingest.Book, def *survey.Definition, want string) (sheet string, m *survey.Mapping, ok bool, err error) {
	sheets := b.Sheets()
	if want != "" && b.Format() == "csv" {
		return "", nil, false, fmt.Errorf("%s: %w %q: a CSV file has no sheets", b.Name(), ingest.ErrNoSheet, want)
	}
	if want != "" {
		if !slices.Contains(sheets, want) {
			return "", nil, false, fmt.Errorf("%s: %w %q (sheets: %s)", b.Name(), ingest.ErrNoSheet, want, strings.Join(sheets, ", "))
		}
		sheets = []string{want}
	}
	bestScore := -1
	for _, s := range sheets {
		rows, err := headRows(b, s, survey.HeaderScan)
		if err != nil {
			return "", nil, false, err
		}
		cand, candOK := def.Detect(sheetLabel(b, s), rows)
		score := cand.Score()
		if !candOK {
			score = -1 // a sheet that maps no question only serves to explain
		}
		if m == nil || score > bestScore || (score == bestScore && !ok && len(cand.Columns) > len(m.Columns)) {
			sheet, bestScore, ok = s, score, candOK
			m = &cand
		}
	}
	if ok {
		return sheet, m, true, nil
	}
	where := b.Name()
	switch {
	case b.Format() == "csv":
	case len(sheets) == 1:
		where += ": sheet " + sheets[0]
	default:
		where += ": sheets " + strings.Join(sheets, ", ")
	}
	if m != nil && m.Layout == survey.LayoutLimeCodes {
		return sheet, m, false, fmt.Errorf("%s: %w: %w; write a draft with `resonanz detect %s --write-survey survey.yaml`, complete it and import with --survey survey.yaml",
			where, survey.ErrNoQuestions, survey.ErrCodeHeaders, b.Name())
	}
	return sheet, m, false, fmt.Errorf("%s: %w (looked for: %s)", where, survey.ErrNoQuestions, questionIDs(def))
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
	DataDir string
	File    string
	Survey  string // survey definition file; "" for the built-in template
	Sheet   string // sheet to read; "" picks the one that looks like responses
	Ingest  ingest.Options
}

// Detection is what Detect understood of a file.
type Detection struct {
	File    string
	Sheet   string   // the sheet read; "" for CSV
	Sheets  []string // every sheet of a workbook
	Mapping survey.Mapping
	// OK says the header maps questions of the survey: import would run.
	// Problem says why not.
	OK      bool
	Problem error
	Survey  *survey.Definition
	// Draft is a survey definition for this file, with notes (per question
	// id) on what was guessed; see survey.Definition.Draft.
	Draft *survey.Definition
	Notes map[string]string
	// Linking compares the file with the dataset in DataDir (nil without
	// one): columns linked to its ids by their wording, new and gone
	// questions. The draft maps the linked columns onto those ids.
	Linking *survey.Linking
	// DataErr says why the dataset could not be compared; the rest of the
	// detection stands.
	DataErr error
}

// DraftRows is how many rows of a sheet Detect reads to guess the answers of
// columns nobody recognised.
const DraftRows = 1000

// Detect reads a file's header as import would and drafts a survey
// definition for it; with a dataset in DataDir it also compares the file's
// questions with those the dataset holds. It writes nothing.
func Detect(ctx context.Context, opt DetectOptions) (*Detection, error) {
	def := survey.Builtin()
	if opt.Survey != "" {
		d, err := survey.Load(opt.Survey)
		if err != nil {
			return nil, fmt.Errorf("detect: %w", err)
		}
		def = d
	}
	book, err := ingest.Open(opt.File, opt.Ingest)
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	defer book.Close()
	sheet, m, ok, problem := pickSheet(book, def, opt.Sheet)
	if m == nil {
		return nil, fmt.Errorf("detect: %w", problem)
	}
	rows, err := headRows(book, sheet, DraftRows)
	if err != nil {
		return nil, fmt.Errorf("detect: %w", err)
	}
	det := &Detection{File: book.Name(), Sheet: sheetLabel(book, sheet), Mapping: *m, OK: ok, Problem: problem, Survey: def}
	if book.Format() != "csv" {
		det.Sheets = book.Sheets()
	}
	det.Draft, det.Notes = def.Draft(*m, rows)
	det.linkDataset(ctx, opt.DataDir, def, rows)
	return det, nil
}

// headRows reads the first rows of a sheet for header detection.
func headRows(b ingest.Book, sheet string, n int) ([]*survey.Row, error) {
	rr, err := b.Cells(sheet)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	return survey.HeadRows(rr, n)
}

// plural is "1 row", "2 rows", "0 rows".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
