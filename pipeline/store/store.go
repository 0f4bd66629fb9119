package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/model"
)

// CrashEnv names the environment variable of the crash tests' hook, which
// only builds with -tags crashtest have (crash.go): when it holds the name
// of a publishing step, the process kills itself right after that step.
// Steps, in order: after-stage (every file written and fsynced in
// .staging), after-journal (the journal written), after-rename-N (the Nth
// Parquet file moved into place), after-manifest-rename (the publish
// point), after-publish (before removing replaced files).
const CrashEnv = "RESONANZ_CRASH_AT"

var (
	// ErrNoData means the data directory has no published import yet.
	ErrNoData = errors.New("no data yet: import a survey first (resonanz import FILE --event ID)")
	// ErrNoManifest means Parquet files without the manifest that lists
	// them; nothing is deleted.
	ErrNoManifest = errors.New(ManifestName + " is missing, but the data directory holds Parquet files")
	// ErrBadEvent means an event id that cannot safely name a directory.
	ErrBadEvent = errors.New("event id must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")
)

var eventRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// CheckEvent rejects event ids that could escape the data directory.
func CheckEvent(id string) error {
	if !eventRE.MatchString(id) || strings.Contains(id, "..") {
		return fmt.Errorf("%w: %q", ErrBadEvent, id)
	}
	return nil
}

// Store is a dataset directory.
type Store struct {
	Dir string
	// KeyID, when set, is the fingerprint of the pseudonym key the
	// committed imports were made with; CommitAll records it in the
	// manifest (see Manifest.CheckKey).
	KeyID string
}

// Open returns the store at dir; it need not exist yet.
func Open(dir string) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &Store{Dir: abs}, nil
}

// Manifest reads the published state. It needs no lock: the manifest is
// replaced by rename, so a reader sees the old or the new one.
func (s *Store) Manifest() (*Manifest, error) {
	m, err := readManifest(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return m, nil
}

// Lock takes the data directory's write lock. When another process holds
// it, waiting is called once and Lock blocks until the lock is free or ctx
// ends. The returned function releases it.
func (s *Store) Lock(ctx context.Context, waiting func()) (func(), error) {
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(s.Dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	told := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("store: lock: %w", err)
		}
		if ok {
			break
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("store: waiting for the lock: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
	return func() {
		unlock(f)
		f.Close()
	}, nil
}

// Cleanup finishes or undoes what an interrupted publish left, as the
// data directory's own journal says (journal.go), and removes the staging
// directory and temporary manifests. It deletes a Parquet file only when a
// journal names it: a crashed import's file the manifest does not list, or
// a replaced import's file once the manifest no longer lists it. Any other
// Parquet file the manifest does not list (a manifest restored from a
// backup, files copied in by hand) is kept and returned, for the caller to
// report. Without a manifest but with such files it returns ErrNoManifest.
// Call it holding the lock.
func (s *Store) Cleanup() (kept []string, err error) {
	if err := atomicfile.RemoveAll(filepath.Join(s.Dir, ".staging")); err != nil {
		return nil, fmt.Errorf("store: cleanup: %w", err)
	}
	// Temporary manifests and journals: nobody else writes them while we
	// hold the lock. manifest.json.tmp is an earlier version's.
	for _, dir := range []string{s.Dir, filepath.Join(s.Dir, journalDir)} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if atomicfile.IsTemp(e.Name()) || e.Name() == ManifestName+".tmp" {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	m, err := s.Manifest()
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	published := map[string]bool{}
	for _, im := range m.Imports {
		published[im.ID] = true
		for _, f := range im.Files {
			listed[f] = true
		}
	}
	js, err := s.journals()
	if err != nil {
		return nil, fmt.Errorf("store: cleanup: %w", err)
	}
	for name, j := range js {
		done := len(j.Imports) > 0
		for _, id := range j.Imports {
			done = done && published[id]
		}
		drop := j.Files // not published: the crashed import's files
		if done {
			drop = j.Replaced // published: what it replaced
		}
		for _, f := range drop {
			if listed[f] || !safeRel(f) {
				continue
			}
			if err := os.Remove(filepath.Join(s.Dir, filepath.FromSlash(f))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("store: cleanup: %w", err)
			}
		}
		if err := os.Remove(filepath.Join(s.Dir, journalDir, name)); err != nil {
			return nil, fmt.Errorf("store: cleanup: %w", err)
		}
	}
	kept, err = s.unlisted(listed)
	if err != nil {
		return nil, fmt.Errorf("store: cleanup: %w", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, ManifestName)); errors.Is(err, fs.ErrNotExist) && len(kept) > 0 {
		return kept, fmt.Errorf("%w (found %s); restore it, or move the files away", ErrNoManifest, kept[0])
	}
	return kept, nil
}

// unlisted returns the Parquet files under the table directories that are
// not listed, relative and with forward slashes, sorted.
func (s *Store) unlisted(listed map[string]bool) ([]string, error) {
	var out []string
	for _, t := range model.TableNames("") {
		err := filepath.WalkDir(filepath.Join(s.Dir, t), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".parquet") {
				return nil
			}
			rel, _ := filepath.Rel(s.Dir, path)
			if rel = filepath.ToSlash(rel); !listed[rel] {
				out = append(out, rel)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// safeRel reports whether a path from a journal or the manifest stays
// inside the data directory.
func safeRel(rel string) bool {
	return rel != "" && filepath.IsLocal(filepath.FromSlash(rel))
}

// Txn is one import being staged. It is a survey.Sink.
type Txn struct {
	s       *Store
	id      string
	event   string
	staging string
	writers map[string]*tableWriter
}

type tableWriter struct {
	path string
	f    *os.File
	w    *pqarrow.FileWriter
	rows int64
}

// Begin starts staging an import into an event. Call it holding the lock.
func (s *Store) Begin(event string) (*Txn, error) {
	if err := CheckEvent(event); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	id := time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(rnd[:])
	staging := filepath.Join(s.Dir, ".staging", id)
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &Txn{s: s, id: id, event: event, staging: staging, writers: map[string]*tableWriter{}}, nil
}

// ID is the import's id, also the Parquet files' base name.
func (t *Txn) ID() string { return t.id }

// rel is where a table's file of this import is published.
func (t *Txn) rel(table string) string {
	return filepath.Join(table, "event="+t.event, t.id+".parquet")
}

// writerProps are zstd at its fastest level, which compresses these
// columns nearly as well as the default level in less time; dictionary
// encoding but for the columns whose values are mostly distinct
// (respondents of responses and comments, comment texts), where building a
// dictionary only to abandon it costs time and size; and statistics but for
// the dictionary columns, for which arrow-go would hash every row's index
// again to find the values used.
func writerProps(table string) *parquet.WriterProperties {
	opts := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(1),
		parquet.WithDictionaryDefault(true),
		parquet.WithAllocator(memory.DefaultAllocator),
	}
	for _, f := range model.Schema(table).Fields() {
		if f.Type.ID() == arrow.DICTIONARY {
			opts = append(opts, parquet.WithStatsFor(f.Name, false))
		}
	}
	switch table {
	case model.Responses:
		opts = append(opts, parquet.WithDictionaryFor("respondent", false))
	case model.Comments:
		opts = append(opts, parquet.WithDictionaryFor("respondent", false), parquet.WithDictionaryFor("text", false))
	}
	return parquet.NewWriterProperties(opts...)
}

func (t *Txn) writer(table string) (*tableWriter, error) {
	if w, ok := t.writers[table]; ok {
		return w, nil
	}
	sc := model.Schema(table)
	if sc == nil {
		return nil, fmt.Errorf("store: unknown table %q", table)
	}
	path := filepath.Join(t.staging, t.rel(table))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// No stored Arrow schema: the answers' dictionary columns would come
	// back as dictionaries to Arrow readers (pyarrow, pandas), where the
	// Parquet types say plain strings.
	w, err := pqarrow.NewFileWriter(sc, f, writerProps(table), pqarrow.DefaultWriterProps())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("store: %s: %w", table, err)
	}
	tw := &tableWriter{path: path, f: f, w: w}
	t.writers[table] = tw
	return tw, nil
}

// Write appends a record batch to a table of the import. The batch's
// schema must be the table's.
func (t *Txn) Write(table string, rec arrow.RecordBatch) error {
	w, err := t.writer(table)
	if err != nil {
		return err
	}
	if !rec.Schema().Equal(model.Schema(table)) {
		return fmt.Errorf("store: %s: record schema %v does not match the table's", table, rec.Schema())
	}
	if err := w.w.Write(rec); err != nil {
		return fmt.Errorf("store: %s: %w", table, err)
	}
	w.rows += rec.NumRows()
	return nil
}

// Abort drops the staged import.
func (t *Txn) Abort() {
	for _, w := range t.writers {
		w.w.Close()
	}
	atomicfile.RemoveAll(t.staging)
}

// Record is what the imports table says about an import.
type Record struct {
	File          string
	SHA256        string
	Sheet, Layout string
	RowsRead      int64
	RowsImported  int64
	RowsRejected  int64
	CellsRejected int64
	Blank         int64
	Duplicates    int64
}

// Staged is an import ready to publish: its transaction, what the imports
// table records about it, and the earlier imports it replaces.
type Staged struct {
	Txn     *Txn
	Record  Record
	Replace []string
}

// CommitAll publishes staged imports together, with one manifest write: it
// writes each import's record, closes and fsyncs every file, notes in the
// journal what it is about to do, moves the files into place and then
// replaces the manifest. Until that last rename readers see the dataset as
// it was; an error before it removes what was moved and aborts every
// transaction, and a crash before it leaves files the journal names, which
// the next Cleanup removes. So either all of the imports are published or
// none. ev, when not nil, sets the title and date of the imports' events;
// the manifest records s.KeyID when set. Call it holding the lock.
func (s *Store) CommitAll(ev *Event, staged ...Staged) ([]*Import, error) {
	abort := func() {
		for _, st := range staged {
			st.Txn.Abort()
		}
	}
	if len(staged) == 0 {
		return nil, nil
	}
	m, err := s.Manifest()
	if err != nil {
		abort()
		return nil, err
	}
	now := time.Now().UTC()
	imports := make([]*Import, len(staged))
	j := &journal{}
	drop := map[string]bool{}
	for _, st := range staged {
		for _, id := range st.Replace {
			drop[id] = true
		}
	}
	for i, st := range staged {
		files, sizes, sums, err := st.Txn.close(st.Record, now)
		if err != nil {
			abort()
			return nil, err
		}
		r := st.Record
		imports[i] = &Import{ID: st.Txn.id, Event: st.Txn.event, File: r.File, SHA256: r.SHA256,
			ImportedAt: now, Sheet: r.Sheet, Layout: r.Layout, Files: files, Sizes: sizes, Sums: sums}
		j.Imports = append(j.Imports, st.Txn.id)
		for _, table := range model.TableNames("") {
			j.Files = append(j.Files, files[table])
		}
	}
	for _, im := range m.Imports {
		if drop[im.ID] {
			for _, table := range model.TableNames("") {
				if f, ok := im.Files[table]; ok {
					j.Replaced = append(j.Replaced, f)
				}
			}
		}
	}
	crashPoint("after-stage")
	jid := staged[0].Txn.id
	if err := s.writeJournal(jid, j); err != nil {
		abort()
		return nil, fmt.Errorf("store: journal: %w", err)
	}
	crashPoint("after-journal")
	var moved []string
	undo := func() {
		for _, dst := range moved {
			os.Remove(dst)
		}
		abort()
		os.Remove(s.journalPath(jid))
	}
	for i, st := range staged {
		for _, table := range model.TableNames("") {
			rel := filepath.FromSlash(imports[i].Files[table])
			dst := filepath.Join(s.Dir, rel)
			if err := mkdirSync(s.Dir, filepath.Dir(dst)); err != nil {
				undo()
				return nil, fmt.Errorf("store: %w", err)
			}
			if err := os.Rename(filepath.Join(st.Txn.staging, rel), dst); err != nil {
				undo()
				return nil, fmt.Errorf("store: publish: %w", err)
			}
			moved = append(moved, dst)
			if err := atomicfile.SyncDir(filepath.Dir(dst)); err != nil {
				undo()
				return nil, fmt.Errorf("store: %w", err)
			}
			crashPoint(fmt.Sprintf("after-rename-%d", len(moved)))
		}
	}
	kept := m.Imports[:0]
	for _, im := range m.Imports {
		if !drop[im.ID] {
			kept = append(kept, im)
		}
	}
	m.Imports = append(kept, imports...)
	if s.KeyID != "" {
		m.Key = s.KeyID
	}
	for _, im := range imports {
		e := m.Events[im.Event]
		if e == nil {
			e = &Event{ID: im.Event}
			m.Events[im.Event] = e
		}
		e.update(ev)
	}
	if err := writeManifest(s.Dir, m); err != nil {
		if _, statErr := os.Stat(filepath.Join(s.Dir, ManifestName)); statErr == nil && manifestLists(s.Dir, imports[0].ID) {
			// Published, so the files stay; only the folder's fsync failed.
			abort()
			return nil, fmt.Errorf("store: published, but: %w", err)
		}
		undo()
		return nil, fmt.Errorf("store: publish: %w", err)
	}
	crashPoint("after-manifest-rename")
	crashPoint("after-publish")
	for _, st := range staged {
		atomicfile.RemoveAll(st.Txn.staging)
	}
	// The replaced imports' files are no longer listed; remove them now (or,
	// after a crash, the next Cleanup does, as the journal says).
	for _, f := range j.Replaced {
		os.Remove(filepath.Join(s.Dir, filepath.FromSlash(f)))
	}
	os.Remove(s.journalPath(jid))
	return imports, nil
}

// manifestLists reports whether the manifest on disk lists an import.
func manifestLists(dir, id string) bool {
	m, err := readManifest(dir)
	if err != nil {
		return false
	}
	for _, im := range m.Imports {
		if im.ID == id {
			return true
		}
	}
	return false
}

// close writes the import's record, gives every table a file (so views
// always have one), closes and fsyncs them, and returns where each is
// published, its size and its SHA-256 (for check).
func (t *Txn) close(rec Record, now time.Time) (files map[string]string, sizes map[string]int64, sums map[string]string, err error) {
	if err := t.writeImportRecord(rec, now); err != nil {
		return nil, nil, nil, err
	}
	for _, table := range model.TableNames("") {
		if _, err := t.writer(table); err != nil {
			return nil, nil, nil, err
		}
	}
	files, sizes, sums = map[string]string{}, map[string]int64{}, map[string]string{}
	for table, w := range t.writers {
		if err := w.w.Close(); err != nil { // also closes the file
			return nil, nil, nil, fmt.Errorf("store: %s: %w", table, err)
		}
		size, sum, err := syncAndSum(w.path)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("store: %w", err)
		}
		files[table] = filepath.ToSlash(t.rel(table))
		sizes[table], sums[table] = size, sum
	}
	return files, sizes, sums, nil
}

func (t *Txn) writeImportRecord(r Record, at time.Time) error {
	b := array.NewRecordBuilder(memory.DefaultAllocator, model.Schema(model.Imports))
	defer b.Release()
	str := func(i int, v string) { b.Field(i).(*array.StringBuilder).Append(v) }
	num := func(i int, v int64) { b.Field(i).(*array.Int64Builder).Append(v) }
	str(0, t.event)
	str(1, r.File)
	str(2, r.SHA256)
	b.Field(3).(*array.TimestampBuilder).Append(arrow.Timestamp(at.UnixMicro()))
	num(4, r.RowsRead)
	num(5, r.RowsImported)
	num(6, r.RowsRejected)
	num(7, r.CellsRejected)
	num(8, r.Blank)
	num(9, r.Duplicates)
	str(10, r.Sheet)
	str(11, r.Layout)
	str(12, t.id)
	rec := b.NewRecordBatch()
	defer rec.Release()
	return t.Write(model.Imports, rec)
}

// syncAndSum fsyncs a written file and returns its size and SHA-256.
func syncAndSum(path string) (int64, string, error) {
	// Read-write: Windows flushes (FlushFileBuffers) only a handle that may write.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return 0, "", err
	}
	return Sum(f)
}

// Sum reads r to its end and returns how many bytes it read and their
// SHA-256 in hex: the checksum the manifest keeps of every file it names
// and of every imported export.
func Sum(r io.Reader) (int64, string, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// SetEvent updates an event's title, date and survey (what ev gives). Call it holding the lock.
func (s *Store) SetEvent(id string, ev *Event) error {
	m, err := s.Manifest()
	if err != nil {
		return err
	}
	old := m.Events[id]
	if old == nil {
		old = &Event{ID: id}
		m.Events[id] = old
	}
	old.update(ev)
	return writeManifest(s.Dir, m)
}
