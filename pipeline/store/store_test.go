package store

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/resonanz/resonanz/pipeline/model"
)

// responses builds a responses batch holding the given respondents.
func responses(t *testing.T, event string, ids ...string) arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, model.Schema(model.Responses))
	defer b.Release()
	for _, id := range ids {
		for i, f := range b.Fields() {
			switch i {
			case 0:
				if err := f.(*array.BinaryDictionaryBuilder).AppendString(event); err != nil {
					t.Fatal(err)
				}
			case 1:
				f.(*array.StringBuilder).Append(id)
			default:
				f.AppendNull()
			}
		}
	}
	return b.NewRecordBatch()
}

// stage begins an import of the respondents into event.
func stage(t *testing.T, s *Store, event string, ids ...string) *Txn {
	t.Helper()
	txn, err := s.Begin(event)
	if err != nil {
		t.Fatal(err)
	}
	rec := responses(t, event, ids...)
	defer rec.Release()
	if err := txn.Write(model.Responses, rec); err != nil {
		t.Fatal(err)
	}
	return txn
}

// parquetFiles lists the Parquet files under dir, relative and sorted.
func parquetFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".parquet") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// listed is every file the manifest names, sorted.
func listed(m *Manifest) []string {
	var out []string
	for _, im := range m.Imports {
		for _, f := range im.Files {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func respondents(t *testing.T, s *Store, event string) []string {
	t.Helper()
	m, err := s.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.Respondents(m, event, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for r := range set.All() {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// commit publishes one import.
func commit(s *Store, txn *Txn, rec Record, replace []string) (*Import, error) {
	ims, err := s.CommitAll(nil, Staged{Txn: txn, Record: rec, Replace: replace})
	if err != nil {
		return nil, err
	}
	return ims[0], nil
}

func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCommitAllPublishesTogether(t *testing.T) {
	s := openStore(t)
	a, b := stage(t, s, "mdk16", "r1", "r2"), stage(t, s, "mdk16", "r3")
	ims, err := s.CommitAll(&Event{Title: "16. MDK", Date: "2025-11-13"},
		Staged{Txn: a, Record: Record{File: "a.xlsx", SHA256: "aa"}},
		Staged{Txn: b, Record: Record{File: "b.csv", SHA256: "bb"}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(ims) != 2 || len(m.Imports) != 2 || m.Imports[0].ID != a.ID() || m.Imports[1].ID != b.ID() {
		t.Fatalf("manifest imports %+v, want a then b", m.Imports)
	}
	if got := m.Events["mdk16"]; got == nil || got.Title != "16. MDK" || got.Date != "2025-11-13" {
		t.Errorf("event %+v", got)
	}
	// Every table of both imports has a file, and nothing else is on disk.
	if got, want := parquetFiles(t, s.Dir), listed(m); !slices.Equal(got, want) || len(got) != 2*len(model.Tables()) {
		t.Errorf("files on disk %v\nmanifest lists %v (want %d)", got, want, 2*len(model.Tables()))
	}
	if got := respondents(t, s, "mdk16"); !slices.Equal(got, []string{"r1", "r2", "r3"}) {
		t.Errorf("respondents %v", got)
	}
	if m.Find("mdk16", "bb") == nil || m.Find("mdk15", "bb") != nil || m.Find("mdk16", "cc") != nil {
		t.Error("Find does not match by event and hash")
	}
	if _, err := os.Stat(filepath.Join(s.Dir, ".staging", a.ID())); !os.IsNotExist(err) {
		t.Errorf("staging of a left behind: %v", err)
	}
}

// A failure while publishing the second import, after files of the first
// were moved into place, leaves the dataset exactly as it was.
func TestCommitAllFailureLeavesNothing(t *testing.T) {
	s := openStore(t)
	if _, err := commit(s, stage(t, s, "mdk16", "old"), Record{File: "old.xlsx", SHA256: "00"}, nil); err != nil {
		t.Fatal(err)
	}
	manifestBefore, err := os.ReadFile(filepath.Join(s.Dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	filesBefore := parquetFiles(t, s.Dir)

	a, b := stage(t, s, "mdk16", "r1"), stage(t, s, "mdk16", "r2")
	// A directory where b's third file goes makes that rename fail.
	blocker := filepath.Join(s.Dir, b.rel(model.TableNames("")[2]))
	if err := os.MkdirAll(filepath.Join(blocker, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = s.CommitAll(nil,
		Staged{Txn: a, Record: Record{File: "a.xlsx", SHA256: "aa"}},
		Staged{Txn: b, Record: Record{File: "b.xlsx", SHA256: "bb"}})
	if err == nil {
		t.Fatal("CommitAll succeeded with a blocked destination")
	}
	manifestAfter, err := os.ReadFile(filepath.Join(s.Dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(manifestBefore, manifestAfter) {
		t.Errorf("manifest changed:\n%s", manifestAfter)
	}
	if got := parquetFiles(t, s.Dir); !slices.Equal(got, filesBefore) {
		t.Errorf("files after the failed commit %v, want %v", got, filesBefore)
	}
	if got := respondents(t, s, "mdk16"); !slices.Equal(got, []string{"old"}) {
		t.Errorf("respondents %v, want only the old import's", got)
	}
	entries, _ := os.ReadDir(filepath.Join(s.Dir, ".staging"))
	if len(entries) != 0 {
		t.Errorf("staging left: %v", entries)
	}
}

func TestCommitReplace(t *testing.T) {
	s := openStore(t)
	first, err := commit(s, stage(t, s, "mdk16", "r1", "r2"), Record{File: "umfrage.xlsx", SHA256: "v1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := commit(s, stage(t, s, "mdk16", "n1"), Record{File: "nachtrag.xlsx", SHA256: "n"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := commit(s, stage(t, s, "mdk16", "r1"), Record{File: "umfrage.xlsx", SHA256: "v2"}, []string{first.ID}); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Manifest()
	if m.Find("mdk16", "v1") != nil || m.Find("mdk16", "v2") == nil || m.Find("mdk16", "n") == nil {
		t.Errorf("manifest imports %+v: want v2 and n only", m.Imports)
	}
	for _, f := range first.Files {
		if _, err := os.Stat(filepath.Join(s.Dir, f)); !os.IsNotExist(err) {
			t.Errorf("replaced file %s still there (%v)", f, err)
		}
	}
	for _, f := range other.Files {
		if _, err := os.Stat(filepath.Join(s.Dir, f)); err != nil {
			t.Errorf("file of the other import: %v", err)
		}
	}
	if got := respondents(t, s, "mdk16"); !slices.Equal(got, []string{"n1", "r1"}) {
		t.Errorf("respondents %v", got)
	}
}

func TestCleanupRemovesLeftovers(t *testing.T) {
	s := openStore(t)
	kept, err := commit(s, stage(t, s, "mdk16", "r1"), Record{File: "a.xlsx", SHA256: "a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// What a crash leaves: a staging directory, a file moved into place that
	// the journal names, a manifest written but not renamed (an earlier
	// version's name and this one's).
	_ = stage(t, s, "mdk16", "r2")
	stray := filepath.Join(s.Dir, "answers", "event=mdk16", "20250101T000000-deadbeef.parquet")
	tmp := filepath.Join(s.Dir, ManifestName+".tmp")
	tmp2 := filepath.Join(s.Dir, ".manifest.json.tmp-999999-0123abcd")
	for _, p := range []string{stray, tmp, tmp2} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.writeJournal("20250101T000000-deadbeef", &journal{Imports: []string{"20250101T000000-deadbeef"},
		Files: []string{"answers/event=mdk16/20250101T000000-deadbeef.parquet"}}); err != nil {
		t.Fatal(err)
	}
	left, err := s.Cleanup()
	if err != nil || len(left) != 0 {
		t.Fatalf("Cleanup: kept %v, %v", left, err)
	}
	m, _ := s.Manifest()
	if got, want := parquetFiles(t, s.Dir), listed(m); !slices.Equal(got, want) {
		t.Errorf("after Cleanup %v, want %v", got, want)
	}
	for _, p := range []string{stray, tmp, tmp2, filepath.Join(s.Dir, ".staging"), s.journalPath("20250101T000000-deadbeef")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left (%v)", p, err)
		}
	}
	if len(m.Imports) != 1 || m.Imports[0].ID != kept.ID {
		t.Errorf("manifest %+v", m.Imports)
	}
}

// TestCleanupKeepsUnlisted (issue #16, attack 4): Parquet files that the
// manifest does not list and no journal names are kept and reported — an
// emptied manifest, or one restored from an old backup, plus an import
// used to delete every earlier import without a word.
func TestCleanupKeepsUnlisted(t *testing.T) {
	s := openStore(t)
	if _, err := commit(s, stage(t, s, "mdk15", "a1"), Record{File: "a.xlsx", SHA256: "a"}, nil); err != nil {
		t.Fatal(err)
	}
	backup, err := os.ReadFile(filepath.Join(s.Dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := commit(s, stage(t, s, "mdk16", "b1"), Record{File: "b.xlsx", SHA256: "b"}, nil); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct{ name, text string }{
		{"restored from a backup", string(backup)},
		{"emptied", `{"version": 1, "events": {}, "imports": []}`},
	} {
		t.Run(m.name, func(t *testing.T) {
			all := parquetFiles(t, s.Dir)
			if err := os.WriteFile(filepath.Join(s.Dir, ManifestName), []byte(m.text), 0o644); err != nil {
				t.Fatal(err)
			}
			man, _ := s.Manifest()
			want := slices.DeleteFunc(slices.Clone(all), func(f string) bool { return slices.Contains(listed(man), f) })
			left, err := s.Cleanup()
			if err != nil || !slices.Equal(left, want) || len(want) == 0 {
				t.Errorf("Cleanup kept %v, %v; want %v reported", left, err, want)
			}
			// Another import deletes none of them either.
			if _, err := commit(s, stage(t, s, "mdk17", "c1"), Record{File: "c.xlsx", SHA256: "c-" + m.name}, nil); err != nil {
				t.Fatal(err)
			}
			for _, f := range all {
				if _, err := os.Stat(filepath.Join(s.Dir, f)); err != nil {
					t.Errorf("%s gone: %v", f, err)
				}
			}
			findings, err := s.Check(context.Background())
			if err != nil || len(findings) != 1 || !strings.Contains(findings[0].Problem, "not listed in manifest.json") {
				t.Errorf("check: %v, %+v", err, findings)
			}
		})
	}
}

func TestLockWaits(t *testing.T) {
	s := openStore(t)
	unlock, err := s.Lock(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var told, got atomic.Int32
	done := make(chan error)
	go func() {
		u, err := s.Lock(context.Background(), func() { told.Add(1) })
		if err == nil {
			got.Add(1)
			u()
		}
		done <- err
	}()
	time.Sleep(350 * time.Millisecond) // several polls
	if got.Load() != 0 {
		t.Fatal("second Lock succeeded while the first was held")
	}
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if told.Load() != 1 {
		t.Errorf("waiting called %d times, want once", told.Load())
	}
	// A context that ends stops the wait with an error.
	unlock, _ = s.Lock(context.Background(), nil)
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := s.Lock(ctx, nil); err == nil || !strings.Contains(err.Error(), "waiting for the lock") {
		t.Errorf("Lock with an ended context: %v", err)
	}
}

func TestCheckEvent(t *testing.T) {
	for _, tt := range []struct {
		id string
		ok bool
	}{
		{"mdk16", true}, {"MDK-2025_b.1", true}, {"", false}, {"../etc", false}, {"a/b", false},
		{".hidden", false}, {"a..b", false}, {strings.Repeat("x", 65), false}, {"event=x", false},
	} {
		if err := CheckEvent(tt.id); (err == nil) != tt.ok {
			t.Errorf("CheckEvent(%q) = %v, want ok=%v", tt.id, err, tt.ok)
		}
	}
}

// Without the manifest, Cleanup cannot tell published files from leftovers:
// it deletes nothing and says why.
func TestCleanupKeepsFilesWithoutManifest(t *testing.T) {
	s := openStore(t)
	if _, err := commit(s, stage(t, s, "mdk16", "r1"), Record{File: "a.xlsx", SHA256: "a"}, nil); err != nil {
		t.Fatal(err)
	}
	files := parquetFiles(t, s.Dir)
	if err := os.Remove(filepath.Join(s.Dir, ManifestName)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Cleanup(); !errors.Is(err, ErrNoManifest) {
		t.Errorf("Cleanup without a manifest: %v, want ErrNoManifest", err)
	}
	if got := parquetFiles(t, s.Dir); !slices.Equal(got, files) || len(got) == 0 {
		t.Errorf("files after Cleanup %v, want %v", got, files)
	}
}

// A failed first commit leaves nothing: no file in place, no journal.
func TestFirstCommitFails(t *testing.T) {
	s := openStore(t)
	a := stage(t, s, "mdk16", "r1")
	names := model.TableNames("")
	blocker := filepath.Join(s.Dir, a.rel(names[len(names)-1]))
	if err := os.MkdirAll(filepath.Join(blocker, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := commit(s, a, Record{File: "a.xlsx", SHA256: "a"}, nil); err == nil {
		t.Fatal("commit succeeded with a blocked destination")
	}
	if got := parquetFiles(t, s.Dir); len(got) != 0 {
		t.Errorf("files after a failed first commit: %v", got)
	}
	if js, _ := s.journals(); len(js) != 0 {
		t.Errorf("journals left: %v", js)
	}
}

// TestCheckAndVerify: a sound dataset has no findings; a deleted file, a
// changed one and a file that is not Parquet are found, and Verify names a
// missing file as damage.
func TestCheckAndVerify(t *testing.T) {
	s := openStore(t)
	im, err := commit(s, stage(t, s, "mdk16", "r1", "r2"), Record{File: "a.xlsx", SHA256: "a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := s.Manifest()
	if f, err := s.Check(context.Background()); err != nil || len(f) != 0 {
		t.Fatalf("sound dataset: %+v, %v", f, err)
	}
	if err := s.Verify(m); err != nil {
		t.Fatal(err)
	}
	resp := filepath.Join(s.Dir, im.Files[model.Responses])
	orig, _ := os.ReadFile(resp)
	// Same size, other bytes.
	changed := bytes.Clone(orig)
	changed[len(changed)/2] ^= 0xff
	os.WriteFile(resp, changed, 0o644)
	if f, _ := s.Check(context.Background()); len(f) != 1 || !strings.Contains(f[0].Problem, "changed") || !strings.Contains(f[0].Fix, "--replace") {
		t.Errorf("changed file: %+v", f)
	}
	os.WriteFile(resp, []byte("PAR1 not really"), 0o644)
	if err := s.Verify(m); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("Verify of a shortened file: %v", err)
	}
	os.Remove(resp)
	err = s.Verify(m)
	want := "the dataset is damaged: " + im.Files[model.Responses] + " missing; run resonanz check"
	if !errors.Is(err, ErrDamaged) || err.Error() != want {
		t.Errorf("Verify: %v\nwant %s", err, want)
	}
	if f, _ := s.Check(context.Background()); len(f) != 1 || !strings.Contains(f[0].Problem, "missing") {
		t.Errorf("missing file: %+v", f)
	}
}

func TestCheckKey(t *testing.T) {
	empty := &Manifest{}
	old := &Manifest{Imports: []*Import{{ID: "x"}}}
	made := &Manifest{Key: "k1", Imports: []*Import{{ID: "x"}}}
	for _, tc := range []struct {
		m      *Manifest
		id     string
		newKey bool
		ok     bool
	}{
		{empty, "k1", false, true},
		{old, "k2", false, true}, // recorded from now on
		{made, "k1", false, true},
		{made, "k2", false, false},
		{made, "k2", true, true},
	} {
		err := tc.m.CheckKey(tc.id, tc.newKey)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrKeyChanged)) {
			t.Errorf("%+v CheckKey(%s, %v) = %v", tc.m, tc.id, tc.newKey, err)
		}
	}
	s := openStore(t)
	s.KeyID = "k1"
	if _, err := commit(s, stage(t, s, "mdk16", "r1"), Record{File: "a.xlsx", SHA256: "a"}, nil); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Manifest(); m.Key != "k1" {
		t.Errorf("manifest key %q", m.Key)
	}
}
