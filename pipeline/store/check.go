package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/resonanz/resonanz/pipeline/model"
)

var (
	// ErrDamaged means a file the manifest lists is missing or changed.
	ErrDamaged = errors.New("the dataset is damaged")
	// ErrKeyChanged means an import with a pseudonym key other than the
	// dataset's.
	ErrKeyChanged = errors.New("not the pseudonym key this dataset was made with")
)

// CheckKey says whether imports made with the key of fingerprint id may
// join the dataset: always into an empty one, and into one made with the
// same key; another key (a typo in --key, a new machine whose key was made
// afresh) would give everyone new pseudonyms and hide duplicates across
// imports, so it is ErrKeyChanged unless newKey. A dataset from before the
// key was recorded takes the key it is given.
func (m *Manifest) CheckKey(id string, newKey bool) error {
	if len(m.Imports) == 0 || m.Key == "" || m.Key == id || newKey {
		return nil
	}
	return fmt.Errorf("%w (the dataset's key has id %s, this one %s)", ErrKeyChanged, m.Key, id)
}

// Verify checks, quickly, that every file the manifest lists is there as
// a regular file of the size it was written with; readers call it before
// they open the files. A problem is ErrDamaged naming the file:
// "the dataset is damaged: answers/event=mdk16/….parquet missing; run
// resonanz check".
func (s *Store) Verify(m *Manifest) error {
	for _, im := range m.Imports {
		for _, table := range model.TableNames("") {
			rel, ok := im.Files[table]
			if !ok {
				return fmt.Errorf("%w: import %s has no %s file; run resonanz check", ErrDamaged, im.ID, table)
			}
			if msg := s.fileProblem(im, table, rel, false); msg != "" {
				return fmt.Errorf("%w: %s; run resonanz check", ErrDamaged, msg)
			}
		}
	}
	return nil
}

// fileProblem says what is wrong with a listed file, "" when nothing:
// missing, not a regular file, another size, and with sums another
// SHA-256.
func (s *Store) fileProblem(im *Import, table, rel string, sums bool) string {
	if !safeRel(rel) {
		return fmt.Sprintf("%s is not a path inside the data directory", rel)
	}
	info, err := os.Lstat(filepath.Join(s.Dir, filepath.FromSlash(rel)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return rel + " missing"
	case err != nil:
		return fmt.Sprintf("%s: %v", rel, err)
	case !info.Mode().IsRegular():
		return rel + " is not a regular file"
	}
	if want, ok := im.Sizes[table]; ok && info.Size() != want {
		return fmt.Sprintf("%s has %d bytes, %d were written", rel, info.Size(), want)
	}
	if want, ok := im.Sums[table]; sums && ok {
		got, err := fileSum(filepath.Join(s.Dir, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Sprintf("%s: %v", rel, err)
		}
		if got != want {
			return rel + " changed (its SHA-256 is not the one written)"
		}
	}
	return ""
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	_, sum, err := Sum(f)
	return sum, err
}

// Finding is one thing check found, with what to do about it.
type Finding struct {
	Problem string
	Fix     string
}

// Check verifies the dataset: the manifest reads; every listed file is
// there, of its size and SHA-256, a Parquet file with its table's columns;
// no import is left half published; and it lists Parquet files the
// manifest does not (kept, never deleted). It takes no lock and changes
// nothing. No findings: the dataset is sound.
func (s *Store) Check(ctx context.Context) ([]Finding, error) {
	m, err := s.Manifest()
	if err != nil {
		return []Finding{{Problem: err.Error(), Fix: "restore " + ManifestName + " from a backup of the data directory"}}, nil
	}
	var out []Finding
	listed := map[string]bool{}
	for _, im := range m.Imports {
		for _, table := range model.TableNames("") {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			rel, ok := im.Files[table]
			if !ok {
				out = append(out, Finding{fmt.Sprintf("import %s (%s into %s) has no %s file", im.ID, im.File, im.Event, table),
					"import " + im.File + " again with --replace"})
				continue
			}
			listed[rel] = true
			if msg := s.fileProblem(im, table, rel, true); msg != "" {
				out = append(out, Finding{msg, fmt.Sprintf("restore %s from a backup, or import %s into %s again with --replace", rel, im.File, im.Event)})
				continue
			}
			if msg := checkSchema(filepath.Join(s.Dir, filepath.FromSlash(rel)), table); msg != "" {
				out = append(out, Finding{rel + ": " + msg, fmt.Sprintf("restore %s from a backup, or import %s into %s again with --replace", rel, im.File, im.Event)})
			}
		}
	}
	js, err := s.journals()
	if err != nil {
		out = append(out, Finding{"the journal: " + err.Error(), "remove " + journalDir + " once no import runs"})
	}
	if len(js) > 0 {
		out = append(out, Finding{fmt.Sprintf("%d import(s) stopped while publishing", len(js)),
			"run any import (or import the file again): it finishes or undoes them"})
	}
	stray, err := s.unlisted(listed)
	if err != nil {
		return nil, err
	}
	journaled := map[string]bool{}
	for _, j := range js {
		for _, f := range append(slices.Clone(j.Files), j.Replaced...) {
			journaled[f] = true
		}
	}
	var foreign []string
	for _, f := range stray {
		if !journaled[f] {
			foreign = append(foreign, f)
		}
	}
	if len(foreign) > 0 {
		out = append(out, Finding{
			fmt.Sprintf("%d Parquet file(s) not listed in %s: %s", len(foreign), ManifestName, strings.Join(shortList(foreign, 3), ", ")),
			"they are kept: if " + ManifestName + " was restored from a backup or emptied, restore the newer one; otherwise move the files out of the data directory",
		})
	}
	return out, nil
}

func shortList(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clone(s[:n]), fmt.Sprintf("… (%d more)", len(s)-n))
}

// checkSchema says whether a Parquet file holds its table's columns, "" if
// it does. Dictionary columns are plain strings in the file.
func checkSchema(path, table string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		return "not a readable Parquet file: " + err.Error()
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return "not a readable Parquet file: " + err.Error()
	}
	got, err := fr.Schema()
	if err != nil {
		return "unreadable schema: " + err.Error()
	}
	want := model.Schema(table)
	if want == nil {
		return "no such table"
	}
	for _, wf := range want.Fields() {
		i := got.FieldIndices(wf.Name)
		if len(i) != 1 {
			return "column " + wf.Name + " missing"
		}
		wt := wf.Type
		if d, ok := wt.(*arrow.DictionaryType); ok {
			wt = d.ValueType
		}
		if gt := got.Field(i[0]).Type; !arrow.TypeEqual(gt, wt) && gt.ID() != wt.ID() {
			return fmt.Sprintf("column %s is %s, want %s", wf.Name, gt, wt)
		}
	}
	return ""
}
