package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
)

// journalDir holds one journal file per publish under way. Cleanup trusts
// it alone to say which files a crashed import left: only those are
// deleted.
const journalDir = ".journal"

// journal is what CommitAll is about to do, written (and fsynced) before
// the first file moves into place and removed once the manifest is
// published and the replaced files are gone.
type journal struct {
	Imports []string `json:"imports"` // ids of the imports being published
	// Files are the new imports' files, moved into place from staging:
	// unpublished files when the manifest does not list the imports.
	Files []string `json:"files"`
	// Replaced are the files of the imports the new ones replace: to be
	// deleted once the manifest no longer lists them.
	Replaced []string `json:"replaced,omitempty"`
}

func (s *Store) journalPath(id string) string {
	return filepath.Join(s.Dir, journalDir, id+".json")
}

func (s *Store) writeJournal(id string, j *journal) error {
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	if err := mkdirSync(s.Dir, filepath.Join(s.Dir, journalDir)); err != nil {
		return err
	}
	return atomicfile.WriteFile(s.journalPath(id), b)
}

// journals reads every journal of the data directory, by file name.
func (s *Store) journals() (map[string]*journal, error) {
	entries, err := os.ReadDir(filepath.Join(s.Dir, journalDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]*journal{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || atomicfile.IsTemp(e.Name()) {
			continue
		}
		p := filepath.Join(s.Dir, journalDir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var j journal
		if err := json.Unmarshal(b, &j); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(journalDir, e.Name()), err)
		}
		out[e.Name()] = &j
	}
	return out, nil
}
