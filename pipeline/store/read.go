package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/resonanz/resonanz/pipeline/survey"
)

// Respondents returns the respondent ids already published for an event,
// leaving out the imports named in skip (those about to be replaced).
func (s *Store) Respondents(m *Manifest, event string, skip []string) (*survey.IDs, error) {
	drop := map[string]bool{}
	for _, id := range skip {
		drop[id] = true
	}
	out := survey.NewIDs()
	for _, im := range m.Imports {
		if im.Event != event || drop[im.ID] {
			continue
		}
		rel, ok := im.Files["responses"]
		if !ok {
			continue
		}
		if err := readColumn(filepath.Join(s.Dir, filepath.FromSlash(rel)), "respondent", func(v string) { out.Add(v, 0) }); err != nil {
			return nil, fmt.Errorf("store: %s: %w", rel, err)
		}
	}
	return out, nil
}

func readColumn(path, col string, each func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		return err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 64 * 1024}, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	idx := pf.MetaData().Schema.ColumnIndexByName(col)
	if idx < 0 {
		return fmt.Errorf("no column %q", col)
	}
	rr, err := fr.GetRecordReader(context.Background(), []int{idx}, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	for rr.Next() {
		a := rr.RecordBatch().Column(0).(*array.String)
		for i := 0; i < a.Len(); i++ {
			if a.IsValid(i) {
				each(a.Value(i))
			}
		}
	}
	return rr.Err()
}
