package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
)

// ManifestName is the file that says which Parquet files are published.
// Readers trust it alone: a file not listed is not part of the dataset.
const ManifestName = "manifest.json"

// Manifest lists the published imports and the events.
type Manifest struct {
	Version int `json:"version"`
	// Key is the fingerprint of the pseudonym key the dataset is made with
	// (disclosure.KeyID); "" for a dataset from before it was recorded.
	Key     string            `json:"key,omitempty"`
	Events  map[string]*Event `json:"events"`
	Imports []*Import         `json:"imports"`
}

// Event is a survey wave, e.g. one conference.
type Event struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"` // YYYY-MM-DD
	// The survey definition the event's files were read with: its name and
	// title, for the report's title.
	Survey        string `json:"survey,omitempty"`
	SurveyTitle   string `json:"survey_title,omitempty"`
	SurveyTitleEn string `json:"survey_title_en,omitempty"`
	// Invited is how many people were asked, for the response rate; 0:
	// not known.
	Invited int `json:"invited,omitempty"`
	// Themes is the definition's keyword codebook for open answers; none:
	// the report's built-in one.
	Themes []Theme `json:"themes,omitempty"`
}

// Theme is one theme of a keyword codebook: an answer mentioning one of
// its keywords belongs to it.
type Theme struct {
	Code     string   `json:"code"`
	Text     string   `json:"text"`
	TextEn   string   `json:"text_en,omitempty"`
	Keywords []string `json:"keywords"`
}

// update copies what ev says onto e: its non-empty fields.
func (e *Event) update(ev *Event) {
	if ev == nil {
		return
	}
	for _, f := range []struct{ dst, src *string }{
		{&e.Title, &ev.Title}, {&e.Date, &ev.Date}, {&e.Survey, &ev.Survey},
		{&e.SurveyTitle, &ev.SurveyTitle}, {&e.SurveyTitleEn, &ev.SurveyTitleEn},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if ev.Invited > 0 {
		e.Invited = ev.Invited
	}
	if len(ev.Themes) > 0 {
		e.Themes = ev.Themes
	}
}

// Import is one published import of one file into one event.
type Import struct {
	ID         string            `json:"id"`
	Event      string            `json:"event"`
	File       string            `json:"file"`
	SHA256     string            `json:"sha256"`
	ImportedAt time.Time         `json:"imported_at"`
	Sheet      string            `json:"sheet,omitempty"`
	Layout     string            `json:"layout,omitempty"`
	Files      map[string]string `json:"files"` // table → path relative to the data directory
	// Sizes and Sums are each file's size and SHA-256, by table, for
	// check; empty for imports from before they were recorded.
	Sizes map[string]int64  `json:"sizes,omitempty"`
	Sums  map[string]string `json:"sha256s,omitempty"`
}

// Files returns the published files of a table, for the events given (all
// when none), in a stable order.
func (m *Manifest) Files(table string, events ...string) []string {
	want := map[string]bool{}
	for _, e := range events {
		want[e] = true
	}
	var out []string
	for _, im := range m.Imports {
		if len(want) > 0 && !want[im.Event] {
			continue
		}
		if f, ok := im.Files[table]; ok {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// EventIDs lists the events that have imports, sorted by date then id.
func (m *Manifest) EventIDs() []string {
	seen := map[string]bool{}
	var ids []string
	for _, im := range m.Imports {
		if !seen[im.Event] {
			seen[im.Event] = true
			ids = append(ids, im.Event)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		di, dj := m.eventDate(ids[i]), m.eventDate(ids[j])
		if di != dj {
			return di < dj
		}
		return ids[i] < ids[j]
	})
	return ids
}

func (m *Manifest) eventDate(id string) string {
	if e, ok := m.Events[id]; ok && e.Date != "" {
		return e.Date
	}
	// Undated events sort by their first import.
	for _, im := range m.Imports {
		if im.Event == id {
			return im.ImportedAt.Format("2006-01-02")
		}
	}
	return ""
}

// Find returns the import of these bytes into the event, or nil.
func (m *Manifest) Find(event, sha string) *Import {
	for _, im := range m.Imports {
		if im.Event == event && im.SHA256 == sha {
			return im
		}
	}
	return nil
}

func readManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return &Manifest{Version: 1, Events: map[string]*Event{}}, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Version != 1 {
		return nil, fmt.Errorf("%s: version %d is newer than this resonanz understands", ManifestName, m.Version)
	}
	if m.Events == nil {
		m.Events = map[string]*Event{}
	}
	return &m, nil
}

// writeManifest replaces the manifest atomically (atomicfile: write,
// fsync, rename, fsync the folder). This rename is the moment an import is
// published.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, ManifestName), append(b, '\n'))
}

// mkdirSync creates dir and its missing parents below root, and fsyncs the
// parent of each directory it creates, so that a published file's path
// survives a power cut as surely as the manifest naming it.
func mkdirSync(root, dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir && len(parent) >= len(root) {
		if err := mkdirSync(root, parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return atomicfile.SyncDir(parent)
}
