package query_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/resonanz/resonanz/internal/sample"
	"github.com/resonanz/resonanz/internal/testtool"
	"github.com/resonanz/resonanz/pipeline"
	"github.com/resonanz/resonanz/pipeline/query"
)

// fixture is a dataset made once per test binary by importing the bundled
// samples: mdk15 (Google Forms) and mdk16 (MS Forms), with the test key
// (testtool.Key), as any import is.
var fixture struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// dataDir returns the fixture's data directory.
func dataDir(t testing.TB) string {
	t.Helper()
	fixture.once.Do(func() {
		fixture.dir, fixture.err = os.MkdirTemp("", "resonanz-query-")
		if fixture.err != nil {
			return
		}
		ctx := context.Background()
		for _, im := range []struct{ event, date, file string }{
			{"mdk15", "2024-11-14", "mdk15-googleforms.xlsx"},
			{"mdk16", "2025-11-13", "mdk16-msforms.xlsx"},
		} {
			_, err := pipeline.Import(ctx, pipeline.ImportOptions{Key: testtool.Key(),
				DataDir: filepath.Join(fixture.dir, "data"), Event: im.event, EventDate: im.date,
				Files: []string{filepath.Join("..", "..", "testdata", im.file)},
			})
			if err != nil {
				fixture.err = fmt.Errorf("import %s: %w", im.file, err)
				return
			}
		}
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return filepath.Join(fixture.dir, "data")
}

func truth(t *testing.T, file string) *sample.Truth {
	t.Helper()
	tr, err := sample.ReadTruth(filepath.Join("..", "..", "testdata", file+".truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// open opens an engine over the fixture; Events defaults to mdk16.
func open(t *testing.T, opt query.Options) *query.Engine {
	t.Helper()
	if opt.DataDir == "" {
		opt.DataDir = dataDir(t)
	}
	if opt.Events == nil {
		opt.Events = []string{"mdk16"}
	}
	e, err := query.Open(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// table runs SQL and collects the result.
func table(t *testing.T, e *query.Engine, sql string, params map[string]string) *query.Table {
	t.Helper()
	tab, err := tryTable(e, "", sql, params)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return tab
}

func tryTable(e *query.Engine, source, sql string, params map[string]string) (*query.Table, error) {
	rr, done, err := e.QueryFrom(context.Background(), source, sql, params)
	if err != nil {
		return nil, err
	}
	defer done()
	return query.Collect(rr)
}

// userDir writes query files into a fresh folder.
func userDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	panic(fmt.Sprintf("not a number: %#v", v))
}
