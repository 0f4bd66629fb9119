package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/store"
)

// QueryOptions configure Query.
type QueryOptions struct {
	DataDir string
	SQL     string
	// Source is the file the SQL came from, for messages (file:3: …); ""
	// for SQL given as an argument or on standard input.
	Source      string
	Params      map[string]string
	Events      []string
	Compare     []string // two events, the earlier first: the waves view holds them (query.Options.Compare)
	QueryDirs   []string
	Format      string // table, csv, json, xlsx, parquet
	Out         string // file; "" writes to the writer given
	Timeout     time.Duration
	MemoryLimit string
	Threads     int
	// Rule protects the result: rows resting on fewer than Rule.MinN
	// people are hidden with as many more as protect them. MinN 0 or 1:
	// off (the command's --min-n defaults to disclosure.Default).
	Rule disclosure.Rule
	Lang string
	Log  io.Writer // warnings; nil: none
}

// Formats are the output formats of Query.
var Formats = []string{"table", "csv", "json", "xlsx", "parquet"}

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

// Query runs analyst SQL and writes the result in a format. When the views
// hold exactly one event, $event is that event unless --param sets it.
func Query(ctx context.Context, opt QueryOptions, w io.Writer) error {
	switch opt.Format {
	case "table", "csv", "json":
	case "xlsx", "parquet":
		if opt.Out == "" {
			return fmt.Errorf("query: --format %s needs --out FILE", opt.Format)
		}
	default:
		return fmt.Errorf("query: unknown format %q (%s)", opt.Format, strings.Join(Formats, ", "))
	}
	want := opt.Events
	if len(want) == 0 && len(opt.Compare) == 2 {
		want = opt.Compare[1:] // the views hold the later event of the pair
	}
	events, err := resolveEvents(ctx, opt.DataDir, want)
	if err != nil {
		return err
	}
	e, err := query.Open(ctx, query.Options{
		DataDir: opt.DataDir, Events: events, Compare: opt.Compare, Lang: opt.Lang, Queries: queryDirs(opt.DataDir, opt.QueryDirs),
		MemoryLimit: opt.MemoryLimit, Threads: opt.Threads, Timeout: opt.Timeout,
	})
	if err != nil {
		return err
	}
	defer e.Close()
	params := map[string]string{}
	if len(events) == 1 {
		params["event"] = events[0]
	}
	for k, v := range opt.Params {
		params[k] = v
	}
	if len(opt.Params) > 0 && opt.Log != nil {
		// A failure here is reported by QueryFrom below, with its source.
		used, err := e.Params(ctx, opt.SQL)
		for k := range opt.Params {
			if err == nil && !slices.Contains(used, k) {
				fmt.Fprintf(opt.Log, "resonanz: warning: --param %s: the SQL has no $%s\n", k, k)
			}
		}
	}
	rr, done, err := e.QueryFrom(ctx, opt.Source, opt.SQL, params)
	if err != nil {
		return err
	}
	defer done()
	if opt.Format == "parquet" {
		return writeAtomic(opt.Out, func(f io.Writer) error { return query.WriteParquet(f, rr) })
	}
	t, err := query.Collect(rr)
	if err != nil {
		return err
	}
	if opt.Rule.MinN > 1 {
		s := query.Suppress(t, opt.Rule.MinN)
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "resonanz: query: %s\n", s.Describe(opt.Rule.MinN))
		}
	}
	write := func(w io.Writer) error {
		switch opt.Format {
		case "csv":
			return query.WriteCSV(w, t)
		case "json":
			return query.WriteJSON(w, t)
		case "xlsx":
			return query.WriteXLSX(w, query.Sheet{Name: resultSheet(opt.Lang), Table: t})
		}
		return query.WriteAligned(w, t)
	}
	if opt.Out != "" {
		return writeAtomic(opt.Out, write)
	}
	return write(w)
}

func resultSheet(lang string) string {
	if lang == "en" {
		return "Result"
	}
	return "Ergebnis"
}

// QueryList is what Queries found.
type QueryList struct {
	Queries []*query.Query // in report order
	// Broken holds, by name, the error of a query that could not be made a
	// view (it uses parameters, or fails); nil when there was no data to
	// try the queries on.
	Broken map[string]error
}

// ListOptions configure Queries and Schema.
type ListOptions struct {
	DataDir   string
	QueryDirs []string
	Events    []string
	Lang      string
}

// Queries lists the built-in and user queries. With data, each is also
// tried as a view, so a broken one is named.
func Queries(ctx context.Context, opt ListOptions) (*QueryList, error) {
	dirs := queryDirs(opt.DataDir, opt.QueryDirs)
	qs, err := query.Load(dirs...)
	if err != nil {
		return nil, err
	}
	list := &QueryList{Queries: qs}
	events, err := resolveEvents(ctx, opt.DataDir, opt.Events)
	if errors.Is(err, store.ErrNoData) {
		return list, nil
	}
	if err != nil {
		return nil, err
	}
	e, err := query.Open(ctx, query.Options{DataDir: opt.DataDir, Events: events, Lang: opt.Lang, Queries: dirs})
	if err != nil {
		return nil, err
	}
	defer e.Close()
	list.Broken = map[string]error{}
	for _, q := range e.Queries() {
		if err := e.Broken(q.Name); err != nil {
			list.Broken[q.Name] = err
		}
	}
	return list, nil
}

// Schema lists every view with its columns.
func Schema(ctx context.Context, opt ListOptions) ([]query.View, error) {
	events, err := resolveEvents(ctx, opt.DataDir, opt.Events)
	if err != nil {
		return nil, err
	}
	e, err := query.Open(ctx, query.Options{DataDir: opt.DataDir, Events: events, Lang: opt.Lang, Queries: queryDirs(opt.DataDir, opt.QueryDirs)})
	if err != nil {
		return nil, err
	}
	defer e.Close()
	return e.Schema(ctx)
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
	// Hidden behind a plain writer: Parquet's writer closes what it can.
	if err := write(struct{ io.Writer }{f}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
