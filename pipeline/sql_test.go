package pipeline

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline/query"
)

// TestSQLFiles: every file of pipeline/sql parses and binds against the
// data model.
func TestSQLFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Import(ctx, ImportOptions{Key: testtool.Key(), DataDir: dir, Event: "mdk16", Files: []string{"../testdata/mdk16-msforms.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	e, err := query.Open(ctx, query.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Prepare(ctx, sqlFiles); err != nil {
		t.Fatal(err)
	}
	if names, _ := sqlFiles.Names(); len(names) == 0 {
		t.Fatal("no SQL files")
	}
}
