package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/store"
)

// QueryOptions configure Query.
type QueryOptions struct {
	DataDir     string
	SQL         string
	Source      string // where the SQL came from, for messages
	Params      map[string]string
	Events      []string
	QueryDirs   []string
	Format      string // table, csv, json, xlsx, parquet
	Out         string // file; "" writes to the writer given
	Timeout     time.Duration
	MemoryLimit string
	Threads     int
	MinN        int
	Lang        string
}

// queryDirs adds the queries/ folder next to the data directory, if any.
func queryDirs(dataDir string, dirs []string) []string {
	auto := filepath.Join(filepath.Dir(filepath.Clean(dataDir)), "queries")
	if st, err := os.Stat(auto); err == nil && st.IsDir() {
		for _, d := range dirs {
			if filepath.Clean(d) == auto {
				return dirs
			}
		}
		return append([]string{auto}, dirs...)
	}
	return dirs
}

// Query runs analyst SQL and writes the result in a format.
func Query(ctx context.Context, opt QueryOptions, w io.Writer) error {
	switch opt.Format {
	case "table", "csv", "json":
	case "xlsx", "parquet":
		if opt.Out == "" {
			return fmt.Errorf("query: --format %s needs --out FILE", opt.Format)
		}
	default:
		return fmt.Errorf("query: unknown format %q (table, csv, json, xlsx, parquet)", opt.Format)
	}
	events, err := resolveEvents(ctx, opt.DataDir, opt.Events)
	if err != nil {
		return err
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: events, Lang: opt.Lang, Queries: queryDirs(opt.DataDir, opt.QueryDirs),
		MemoryLimit: opt.MemoryLimit, Threads: opt.Threads, Timeout: opt.Timeout,
	})
	if err != nil {
		return err
	}
	defer e.Close()
	rr, done, err := e.Query(ctx, opt.SQL, opt.Params)
	if err != nil {
		if opt.Source != "" && opt.Source != "stdin" {
			return fmt.Errorf("%s: %w", opt.Source, err)
		}
		return err
	}
	defer done()
	if opt.Format == "parquet" {
		return writeAtomic(opt.Out, func(f io.Writer) error { return query.WriteParquet(f, rr) })
	}
	t, err := query.Collect(rr)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if opt.MinN > 0 {
		query.Suppress(t, opt.MinN)
	}
	write := func(w io.Writer) error {
		switch opt.Format {
		case "csv":
			return query.WriteCSV(w, t)
		case "json":
			return query.WriteJSON(w, t)
		case "xlsx":
			return query.WriteXLSX(w, t)
		}
		return query.WriteAligned(w, t)
	}
	if opt.Out != "" {
		return writeAtomic(opt.Out, write)
	}
	return write(w)
}

// resolveEvents turns --event into the events the views hold: the latest
// event when none is given, every event for "all".
func resolveEvents(ctx context.Context, dataDir string, want []string) ([]string, error) {
	if len(want) == 1 && want[0] == "all" {
		return nil, nil
	}
	if len(want) > 0 {
		return want, nil
	}
	latest, err := latestEvent(dataDir)
	if err != nil {
		return nil, err
	}
	return []string{latest}, nil
}

// latestEvent is the newest event by date (or first import).
func latestEvent(dataDir string) (string, error) {
	st, err := store.Open(dataDir)
	if err != nil {
		return "", err
	}
	m, err := st.Manifest()
	if err != nil {
		return "", err
	}
	ids := m.EventIDs()
	if len(ids) == 0 {
		return "", fmt.Errorf("query: %s: %w", dataDir, store.ErrNoData)
	}
	return ids[len(ids)-1], nil
}

// writeAtomic writes a file through a temporary name, so a failed write
// leaves no half file behind.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
