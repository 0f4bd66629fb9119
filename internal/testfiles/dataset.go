package testfiles

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // database/sql driver "duckdb"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/store"
)

// Snapshot is what a data directory publishes, read back independently of
// resonanz's query engine: the manifest's imports and, per table, the rows
// of the files it lists, read with DuckDB's read_parquet.
type Snapshot struct {
	Imports []string         // "event file sha256", sorted
	Rows    map[string]int64 // table → rows
	// Hash is an order-independent hash of each data model table's rows
	// (not of the imports table, whose ids and times differ between runs).
	Hash map[string]uint64
}

// String prints a snapshot on one line per table, for test messages.
func (s *Snapshot) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "imports %v", s.Imports)
	for _, t := range model.TableNames("") {
		fmt.Fprintf(&b, "; %s %d", t, s.Rows[t])
	}
	return b.String()
}

// Equal reports whether two snapshots hold the same imports and rows.
func (s *Snapshot) Equal(o *Snapshot) bool {
	return s.String() == o.String() && fmt.Sprint(s.Hash) == fmt.Sprint(o.Hash)
}

// Read takes a snapshot of the dataset in dir. A listed file that is
// missing or unreadable is an error, as is an unreadable manifest.
func Read(dir string) (*Snapshot, error) {
	st, m, err := manifest(dir)
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Rows: map[string]int64{}, Hash: map[string]uint64{}}
	for _, im := range m.Imports {
		snap.Imports = append(snap.Imports, im.Event+" "+im.File+" "+im.SHA256)
	}
	sort.Strings(snap.Imports)
	if len(m.Imports) == 0 {
		return snap, nil
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for _, t := range model.TableNames("") {
		files := m.Files(t)
		quoted := make([]string, len(files))
		for i, f := range files {
			quoted[i] = "'" + strings.ReplaceAll(filepath.Join(st.Dir, f), "'", "''") + "'"
		}
		// The hash covers every column (the row cast to text), so a changed
		// value changes the sum.
		q := fmt.Sprintf("select count(*), coalesce(sum(hash(t::varchar)) %% 18446744073709551557, 0)::ubigint from read_parquet([%s]) t", strings.Join(quoted, ", "))
		var n int64
		var h uint64
		if err := db.QueryRow(q).Scan(&n, &h); err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		snap.Rows[t] = n
		if t != model.Imports {
			snap.Hash[t] = h
		}
	}
	return snap, nil
}

// Leftovers lists what a finished import must not leave in dir: Parquet
// files the manifest does not list, anything under .staging or .journal,
// and unpublished manifests (temporary files of any name).
func Leftovers(dir string) ([]string, error) {
	st, m, err := manifest(dir)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, t := range model.TableNames("") {
		for _, f := range m.Files(t) {
			listed[f] = true
		}
	}
	var out []string
	err = filepath.WalkDir(st.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(st.Dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return nil
		case strings.HasPrefix(rel, ".staging/"), strings.HasPrefix(rel, ".journal/"), rel == store.ManifestName+".tmp",
			atomicfile.IsTemp(d.Name()):
			out = append(out, rel)
		case strings.HasSuffix(rel, ".parquet") && !listed[rel]:
			out = append(out, rel)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return out, err
}

// CopyDir copies a directory tree (regular files and directories only).
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// manifest opens the dataset in dir and reads its manifest.
func manifest(dir string) (*store.Store, *store.Manifest, error) {
	st, err := store.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	m, err := st.Manifest()
	return st, m, err
}
