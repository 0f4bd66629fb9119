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

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/resonanz/resonanz/pipeline/atomicfile"
	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/pipeline/sheets"
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
	// ShowProvenance adds the view provenance (query.Options.ShowProvenance).
	ShowProvenance bool
	Log            io.Writer // warnings; nil: none
}

// Formats are the output formats of Query.
var Formats = []string{"table", "csv", "json", "xlsx", "parquet"}

// IgnoredQueries returns the queries/ folder beside the data directory when
// no --queries names it and it holds a query file the built-in ones do not
// (run from the repository, ./queries holds just those); else "". Such a
// folder is not read: it used to be, and a file dropped there changed every
// query and report without anyone asking for it. Commands say so once.
func IgnoredQueries(dataDir string, dirs []string) string {
	beside := filepath.Join(filepath.Dir(filepath.Clean(dataDir)), "queries")
	abs, _ := filepath.Abs(beside)
	for _, d := range dirs {
		if a, _ := filepath.Abs(d); a == abs {
			return ""
		}
	}
	user, err := query.Load(beside)
	if err != nil {
		// Not there, or unreadable: a broken file also needs the flag.
		if _, serr := os.Stat(beside); serr != nil {
			return ""
		}
		return beside
	}
	for _, q := range user {
		if q.Source != query.BuiltIn {
			return beside
		}
	}
	return ""
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
		DataDir: opt.DataDir, Events: events, Compare: opt.Compare, Lang: opt.Lang, Queries: opt.QueryDirs, Rule: opt.Rule,
		MemoryLimit: opt.MemoryLimit, Threads: opt.Threads, Timeout: opt.Timeout, ShowProvenance: opt.ShowProvenance,
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
	// Rows go from DuckDB to the writer as they come; only the terminal
	// table (for its column widths) and --min-n on a result with counts (to
	// find complements) hold a result, and each has its cap. A result
	// without counts (select * from responses) has nothing the rule hides.
	limit := MaxRows[opt.Format]
	protect := opt.Rule.MinN > 1 && protects(e, opt.SQL, rr.Schema())
	if protect {
		limit = min(limit, maxSuppressRows)
	}
	if opt.Format == "xlsx" && len(rr.Schema().Fields()) > maxXLSXColumns {
		rr.Release()
		return fmt.Errorf("query: %d columns, more than an Excel sheet holds (%d); use --format csv or parquet", len(rr.Schema().Fields()), maxXLSXColumns)
	}
	if opt.Format == "parquet" {
		if protect {
			rr.Release()
			return fmt.Errorf("query: --format parquet cannot show a hidden figure as \".\", and this result holds counts (column n): use --format csv, json or xlsx, or --min-n 1 for every figure unprotected")
		}
		return atomicfile.Write(opt.Out, func(f io.Writer) error { return tooLarge(query.WriteParquet(f, rr, limit), opt.Format) })
	}
	rows := query.Stream(rr, limit)
	defer rows.Close()
	var src query.Cursor = rows
	if opt.Format == "table" || protect {
		t, err := query.CollectRows(rows)
		if err != nil {
			return tooLarge(err, opt.Format)
		}
		if protect {
			line, err := protectResult(ctx, e, opt, events, t)
			if err != nil {
				return err
			}
			if opt.Log != nil && line != "" {
				fmt.Fprintf(opt.Log, "resonanz: query: %s\n", line)
			}
		}
		if opt.Format == "table" {
			return query.WriteAligned(w, t)
		}
		src = t.Scan()
	}
	write := func(w io.Writer) error {
		var err error
		switch opt.Format {
		case "csv":
			err = query.WriteCSV(w, src)
		case "json":
			err = query.WriteJSON(w, src)
		case "xlsx":
			err = query.WriteXLSX(w, query.Sheet{Name: resultSheet(opt.Lang), Rows: src})
		}
		return tooLarge(err, opt.Format)
	}
	if opt.Out != "" {
		return atomicfile.Write(opt.Out, write)
	}
	// To standard output: the first MiB is held back, so a query that
	// fails early prints no half result; a longer one streams.
	hw := &holdWriter{w: w, hold: 1 << 20}
	if err := write(hw); err != nil {
		return err
	}
	return hw.Flush()
}

// protectResult hides what the rule hides in a result and says what it
// did ("" for a result without counts). A result of a built-in table (or any query with protect: lines)
// that the SQL names — every column its spec needs present — is hidden
// as the report hides the same cells: the stage runs over the report's
// tables and the result together. Any other result gets the primary rule
// and its own secondary suppression (query.Suppress).
func protectResult(ctx context.Context, e *query.Engine, opt QueryOptions, events []string, t *query.Table) (string, error) {
	q := builtinTable(e.Queries(), opt.SQL, t.Columns)
	if q == nil || len(events) != 1 || len(opt.Compare) > 0 {
		s := query.Suppress(t, opt.Rule.MinN)
		if !slices.Contains(s.Hide, true) {
			return "", nil // nothing hidden: nothing to say on every query
		}
		return s.Describe(opt.Rule.MinN), nil
	}
	so := sheets.Options{Lang: e.Lang(), Rule: opt.Rule, Params: opt.Params, Event: sheets.Event{ID: events[0]}}
	if ev := e.Manifest.Events[events[0]]; ev != nil {
		so.Themes, so.Invited = ev.Themes, ev.Invited
	}
	masks, err := sheets.Protected(ctx, e, so, []disclosure.Table{{Name: q.Name, Columns: t.Columns, Rows: t.Rows, Spec: q.Meta.Protect}})
	if err != nil {
		return "", fmt.Errorf("query: %w", err)
	}
	hidden := 0
	for r, h := range masks[0] {
		row := false
		for c, x := range h {
			if x {
				t.Rows[r][c] = "."
				row = true
			}
		}
		if row {
			hidden++
		}
	}
	if hidden == 0 {
		return "", nil
	}
	return fmt.Sprintf("--min-n %d: %s protected as the report protects it: %d rows hidden", opt.Rule.MinN, q.Name, hidden), nil
}

// protects says whether the rule can hide anything of a result with this
// schema: it has a column n, or is a protected table.
func protects(e *query.Engine, sql string, schema *arrow.Schema) bool {
	var cols []string
	for _, f := range schema.Fields() {
		if f.Name == "n" {
			return true
		}
		cols = append(cols, f.Name)
	}
	return builtinTable(e.Queries(), sql, cols) != nil
}

// builtinTable is the query with protect: lines whose view the SQL reads
// and whose spec the result's columns fit; nil if none.
func builtinTable(qs []*query.Query, sql string, columns []string) *query.Query {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(sql), func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		words[w] = true
	}
	for _, q := range qs {
		if q.Meta.Protect != nil && words[strings.ToLower(q.Name)] && q.Meta.Protect.Check(columns) == nil {
			return q
		}
	}
	return nil
}

// MaxRows caps a result's rows per output format: what a terminal table
// shows (held in memory for its column widths), what an Excel sheet holds,
// and for the streamed formats a bound no survey needs but a runaway join
// meets.
var MaxRows = map[string]int{
	"table":   10_000,
	"xlsx":    1_048_575,
	"csv":     100_000_000,
	"json":    100_000_000,
	"parquet": 100_000_000,
}

// maxSuppressRows caps a result --min-n holds to find complements.
const maxSuppressRows = 1_000_000

// maxXLSXColumns is Excel's sheet width.
const maxXLSXColumns = 16_384

// tooLarge says what to do about a result over its format's cap.
func tooLarge(err error, format string) error {
	if !errors.Is(err, query.ErrTooLarge) {
		return err
	}
	switch format {
	case "table":
		return fmt.Errorf("query: %w, more than --format table shows; write it with --format csv or parquet (and --out FILE)", err)
	case "xlsx":
		return fmt.Errorf("query: %w, more than an Excel sheet holds; use --format csv or parquet", err)
	}
	return fmt.Errorf("query: %w (--format %s); narrow the query", err, format)
}

// holdWriter passes writes on once more than hold bytes came, or at
// Flush; until then a failure can still print nothing.
type holdWriter struct {
	w    io.Writer
	hold int
	buf  []byte
	pass bool
}

func (h *holdWriter) Write(p []byte) (int, error) {
	if h.pass {
		return h.w.Write(p)
	}
	h.buf = append(h.buf, p...)
	if len(h.buf) > h.hold {
		if err := h.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes what is held and passes everything after on.
func (h *holdWriter) Flush() error {
	h.pass = true
	if len(h.buf) == 0 {
		return nil
	}
	_, err := h.w.Write(h.buf)
	h.buf = nil
	return err
}

func resultSheet(lang string) string {
	return i18n.T(lang, "result_sheet")
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
	dirs := opt.QueryDirs
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
	e, err := query.Open(ctx, query.Options{DataDir: opt.DataDir, Events: events, Lang: opt.Lang, Queries: opt.QueryDirs})
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
