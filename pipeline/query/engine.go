package query

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/resonanz/resonanz/pipeline/disclosure"
	"github.com/resonanz/resonanz/pipeline/i18n"
	"github.com/resonanz/resonanz/pipeline/model"
	"github.com/resonanz/resonanz/pipeline/stats"
	"github.com/resonanz/resonanz/pipeline/store"
)

// Options configure an Engine.
type Options struct {
	DataDir string
	Events  []string // restrict every view to these events; none: all
	// Compare, when set, is two events, the earlier first: the waves view
	// holds just these two, so the trend and comparison queries compare
	// them instead of every event up to the selected ones.
	Compare []string
	Lang    string // "de" (default) or "en": the language of label views
	// Rule sets the macros' minimum n, confidence level and alpha; zero
	// fields take disclosure.Default.
	Rule    disclosure.Rule
	Queries []string // user query folders, after the built-in ones
	// ShowProvenance makes the view provenance (event, respondent,
	// source_file, source_row): which row of which export each pseudonym
	// came from. Without it that is nowhere in SQL's reach, as it
	// re-identifies a respondent to whoever holds the export.
	ShowProvenance bool
	// Limits of analyst SQL.
	MemoryLimit string        // DuckDB memory_limit, default "2GB"
	Threads     int           // default 2
	Timeout     time.Duration // per statement, default 60 s
}

// provenance are the columns of the stored responses that the responses
// view leaves out (Options.ShowProvenance).
var provenance = []string{"source_file", "source_row"}

// Engine is a locked-down DuckDB over the published dataset.
type Engine struct {
	opt     Options
	db      *sql.DB
	conn    *sql.Conn
	arrow   arrowQuerier // results as Arrow record batches (rows.go)
	queries []*Query
	broken  map[string]error // queries whose view could not be created
	sandbox *sandbox         // what analyst SQL may call and read
	// maxRSS is the resident memory past which a query is stopped (0: not
	// watched); stopped says the engine gave up on a call (limits.go).
	maxRSS  int64
	stopped atomic.Bool
	// Manifest is the published state the views were made from.
	Manifest *store.Manifest
}

// Open builds the views over the dataset's published files, creates the
// built-in and user queries as views, and locks the configuration: no file
// outside the data directory, no extensions, fixed memory and threads.
func Open(ctx context.Context, opt Options) (*Engine, error) {
	if opt.Lang == "" {
		opt.Lang = "de"
	}
	if opt.MemoryLimit == "" {
		opt.MemoryLimit = "2GB"
	}
	if opt.Threads <= 0 {
		opt.Threads = 2
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 60 * time.Second
	}
	limit, err := ParseBytes(opt.MemoryLimit)
	if err != nil {
		return nil, fmt.Errorf("query: --memory-limit: %w", err)
	}
	st, err := store.Open(opt.DataDir)
	if err != nil {
		return nil, err
	}
	m, err := st.Manifest()
	if err != nil {
		return nil, err
	}
	if len(m.Imports) == 0 {
		return nil, fmt.Errorf("query: %s: %w", opt.DataDir, store.ErrNoData)
	}
	// A missing file would surface as DuckDB's error with a caret line.
	if err := st.Verify(m); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	for _, ev := range append(slices.Clone(opt.Events), opt.Compare...) {
		if len(m.Files("responses", ev)) == 0 {
			return nil, fmt.Errorf("query: %w %q in %s (events: %s)", ErrNoEvent, ev, opt.DataDir, strings.Join(m.EventIDs(), ", "))
		}
	}
	if _, err := Waves(m, opt.Events, opt.Compare); err != nil {
		return nil, err
	}
	qs, err := Load(opt.Queries...)
	if err != nil {
		return nil, err
	}
	c, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("query: %w", err)
	}
	e := &Engine{opt: opt, db: db, conn: conn, queries: qs, broken: map[string]error{}, sandbox: newSandbox(), Manifest: m}
	if err := e.setup(ctx, st.Dir, m); err != nil {
		e.Close()
		return nil, err
	}
	err = conn.Raw(func(dc any) error {
		a, err := newQuerier(dc)
		e.arrow = a
		return err
	})
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("query: %w", err)
	}
	// What DuckDB counts stays below its memory limit; what it does not
	// (strings a function builds) and the results held in Go count here.
	if base, ok := residentBytes(); ok {
		e.maxRSS = base + limit + max(limit/4, 128<<20)
	}
	return e, nil
}

// Close releases DuckDB. After a runaway call it leaves DuckDB be: the call
// still holds the connection, and the process's end frees it.
func (e *Engine) Close() error {
	if e.stopped.Load() {
		return nil
	}
	if e.conn != nil {
		e.conn.Close()
	}
	return e.db.Close()
}

// Queries returns the loaded queries in report order.
func (e *Engine) Queries() []*Query { return e.queries }

// Lang is the language of the label views.
func (e *Engine) Lang() string { return e.opt.Lang }

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func fileList(dir string, rels []string) string {
	q := make([]string, len(rels))
	for i, r := range rels {
		q[i] = quote(filepath.Join(dir, filepath.FromSlash(r)))
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func (e *Engine) exec(ctx context.Context, stmt string, args ...any) error {
	_, err := e.conn.ExecContext(ctx, stmt, args...)
	return err
}

// withModelColumns reads a table's files with every column the model
// defines, in its order and type: files an older resonanz wrote lack the
// columns added since, which then read as NULL instead of failing every
// query that names them.
func withModelColumns(table, read string) string {
	var cols []string
	for _, c := range model.Columns(table) {
		cols = append(cols, fmt.Sprintf("null::%s as %s", c.Type, c.Name))
	}
	if len(cols) == 0 {
		return read
	}
	return fmt.Sprintf("((select %s where false) union all by name (select * from %s))", strings.Join(cols, ", "), read)
}

func (e *Engine) setup(ctx context.Context, dir string, m *store.Manifest) error {
	for _, f := range functions {
		if err := duckdb.RegisterScalarUDF(e.conn, f.name, f.fn); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	// The plain views hold the selected events; all_events.* holds every
	// event, for comparisons across waves.
	if err := e.exec(ctx, "create schema "+model.AllEvents); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	for _, t := range model.TableNames("") {
		for _, v := range []struct {
			name   string
			events []string
		}{{t, e.opt.Events}, {model.AllEvents + "." + t, nil}} {
			read := withModelColumns(t, fmt.Sprintf("read_parquet(%s, union_by_name = true, hive_partitioning = false)", fileList(dir, m.Files(t, v.events...))))
			stmt := fmt.Sprintf("create view %s as select * from %s", v.name, read)
			if t == model.Responses {
				stmt = fmt.Sprintf("create view %s as select * exclude (%s) from %s", v.name, strings.Join(provenance, ", "), read)
			}
			if err := e.exec(ctx, stmt); err != nil {
				return fmt.Errorf("query: view %s: %w", v.name, err)
			}
			if t == model.Responses && e.opt.ShowProvenance {
				name := strings.TrimSuffix(v.name, t) + "provenance"
				stmt := fmt.Sprintf("create view %s as select event, respondent, %s from %s", name, strings.Join(provenance, ", "), read)
				if err := e.exec(ctx, stmt); err != nil {
					return fmt.Errorf("query: view %s: %w", name, err)
				}
			}
		}
	}
	// The label views read the report language through in_lang, the
	// statistics macros the disclosure rule (min_n, level, alpha): the
	// one value the methods text and the suppression use too.
	r := e.opt.Rule.Or()
	for _, v := range []string{
		"set variable lang = " + quote(e.opt.Lang),
		fmt.Sprintf("set variable min_n = %d", r.MinN),
		fmt.Sprintf("set variable level = %s::double", strconv.FormatFloat(r.Level, 'g', -1, 64)),
		fmt.Sprintf("set variable alpha = %s::double", strconv.FormatFloat(r.Alpha, 'g', -1, 64)),
	} {
		if err := e.exec(ctx, v); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	// no_answer() is the label of a missing group, from the catalogue.
	if err := e.exec(ctx, "set variable no_answer = "+quote(i18n.T(e.opt.Lang, "no_answer"))); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if err := e.createModel(ctx); err != nil {
		return err
	}
	for _, id := range m.EventIDs() {
		ev := m.Events[id]
		var title, date any
		if ev != nil && ev.Title != "" {
			title = ev.Title
		}
		if ev != nil && ev.Date != "" {
			date = ev.Date
		}
		files := 0
		for _, im := range m.Imports {
			if im.Event == id {
				files++
			}
		}
		if err := e.exec(ctx, `insert into event_info values ($1, $2, $3::date, $4)`, id, title, date, files); err != nil {
			return fmt.Errorf("query: events: %w", err)
		}
	}
	waves, _ := Waves(m, e.opt.Events, e.opt.Compare) // checked in Open
	for k, id := range m.EventIDs() {
		var wave any
		if i := slices.Index(waves, id); i >= 0 {
			wave = i + 1
		}
		if err := e.exec(ctx, `insert into event_order values ($1, $2, $3)`, id, k+1, wave); err != nil {
			return fmt.Errorf("query: events: %w", err)
		}
	}
	lock := []string{
		fmt.Sprintf("set memory_limit = %s", quote(e.opt.MemoryLimit)),
		fmt.Sprintf("set threads = %d", e.opt.Threads),
		// No spilling: DuckDB's temporary directory would be one more place
		// it may write to (and read from).
		"set temp_directory = ''",
		fmt.Sprintf("set allowed_directories = [%s]", quote(dir+string(filepath.Separator))),
		"set enable_external_access = false",
		"set autoinstall_known_extensions = false",
		"set autoload_known_extensions = false",
		"set allow_community_extensions = false",
		"set lock_configuration = true",
	}
	for _, s := range lock {
		if err := e.exec(ctx, s); err != nil {
			return fmt.Errorf("query: %s: %w", s, err)
		}
	}
	// Only now, locked, are the query files vetted and made views: nothing
	// in them is bound before the sandbox and the configuration hold.
	if err := e.allowProject(ctx); err != nil {
		return err
	}
	e.createQueryViews(ctx)
	return nil
}

// allowProject adds what the engine made itself to the sandbox: its views
// and tables, its macros and functions, and the query files' names (their
// views are made after).
func (e *Engine) allowProject(ctx context.Context) error {
	rows, err := e.conn.QueryContext(ctx, `select schema_name, view_name from duckdb_views() where not internal
		union all select schema_name, table_name from duckdb_tables() where not internal`)
	if err != nil {
		return fmt.Errorf("query: sandbox: %w", err)
	}
	for rows.Next() {
		var schema, name string
		if err := rows.Scan(&schema, &name); err != nil {
			rows.Close()
			return fmt.Errorf("query: sandbox: %w", err)
		}
		if schema != "main" {
			name = schema + "." + name
		}
		e.sandbox.views[strings.ToLower(name)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query: sandbox: %w", err)
	}
	rows, err = e.conn.QueryContext(ctx, `select distinct function_name, function_type from duckdb_functions() where not internal`)
	if err != nil {
		return fmt.Errorf("query: sandbox: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, kind string
		if err := rows.Scan(&name, &kind); err != nil {
			return fmt.Errorf("query: sandbox: %w", err)
		}
		if kind == "table_macro" || kind == "table" {
			e.sandbox.table[strings.ToLower(name)] = true
		} else {
			e.sandbox.scalar[strings.ToLower(name)] = true
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("query: sandbox: %w", err)
	}
	// DuckDB lists Go functions as internal ones.
	for _, f := range functions {
		e.sandbox.scalar[f.name] = true
	}
	for _, q := range e.queries {
		e.sandbox.views[q.Name] = true
	}
	return nil
}

// createModel creates the data model's tables, macros and views
// (pipeline/model), all_events views a second time in that schema. One
// may need another made after it, so it repeats what failed until nothing
// more succeeds; what still fails is an error naming its file.
func (e *Engine) createModel(ctx context.Context) error {
	type stmt struct {
		o      *model.Object
		schema string
	}
	var pending []stmt
	for _, o := range model.Setup() {
		pending = append(pending, stmt{o, "main"})
		if o.AllEvents {
			pending = append(pending, stmt{o, model.AllEvents})
		}
	}
	for {
		var next []stmt
		var first error
		for _, s := range pending {
			if err := e.createIn(ctx, s.schema, s.o.SQL); err != nil {
				next = append(next, s)
				if first == nil {
					first = fmt.Errorf("query: pipeline/model/%s: %w", s.o.File, err)
				}
			}
		}
		if len(next) == 0 {
			return nil
		}
		if len(next) == len(pending) {
			return first
		}
		pending = next
	}
}

// createIn runs a create statement with schema as the default one, where
// it puts the object and looks up unqualified names first.
func (e *Engine) createIn(ctx context.Context, schema, stmt string) error {
	if schema == "main" {
		return e.exec(ctx, stmt)
	}
	if err := e.exec(ctx, "set schema = "+quote(schema)); err != nil {
		return err
	}
	err := e.exec(ctx, stmt)
	if rerr := e.exec(ctx, "set schema = 'main'"); err == nil {
		err = rerr
	}
	return err
}

// Waves lists the events a comparison spans, in time order: the two of
// compare (the earlier first), or else every event up to the latest of
// events (all events when none are selected). Events are in time order as
// the manifest sorts them: by date, undated ones by their first import.
func Waves(m *store.Manifest, events, compare []string) ([]string, error) {
	order := m.EventIDs()
	if len(compare) > 0 {
		if len(compare) != 2 || compare[0] == compare[1] {
			return nil, fmt.Errorf("query: compare: want two different events, got %q", strings.Join(compare, ","))
		}
		for _, ev := range compare {
			if !slices.Contains(order, ev) {
				return nil, fmt.Errorf("query: compare: %w %q (events: %s)", ErrNoEvent, ev, strings.Join(order, ", "))
			}
		}
		if slices.Index(order, compare[0]) > slices.Index(order, compare[1]) {
			return nil, fmt.Errorf("query: compare %s,%s: %s is the later event (%s); give the earlier one first",
				compare[0], compare[1], compare[0], eventWhen(m, compare[0]))
		}
		return slices.Clone(compare), nil
	}
	last := len(order) - 1
	if len(events) > 0 {
		last = -1
		for _, ev := range events {
			last = max(last, slices.Index(order, ev))
		}
	}
	return order[:last+1], nil
}

func eventWhen(m *store.Manifest, id string) string {
	if ev := m.Events[id]; ev != nil && ev.Date != "" {
		return ev.Date
	}
	return "no date: imported later"
}

// createQueryViews makes every query a view of its name, so queries can use
// each other. Queries may refer to ones made later, so it repeats until no
// more succeed; a query with parameters cannot be a view and runs only as
// itself.
func (e *Engine) createQueryViews(ctx context.Context) {
	pending := append([]*Query(nil), e.queries...)
	for {
		var next []*Query
		for _, q := range pending {
			if err := e.check(ctx, q.SQL); err != nil {
				e.broken[q.Name] = e.wrap(q, err)
				continue
			}
			if err := e.exec(ctx, "create view "+ident(q.Name)+" as "+trimSQL(q.SQL)); err != nil {
				e.broken[q.Name] = e.wrap(q, err)
				if names, perr := e.Params(ctx, q.SQL); perr == nil && len(names) > 0 {
					e.broken[q.Name] = e.wrap(q, fmt.Errorf("uses parameters ($%s), so it runs only as itself: other queries cannot select from it", strings.Join(names, ", $")))
					continue
				}
				next = append(next, q)
				continue
			}
			delete(e.broken, q.Name)
		}
		if len(next) == 0 || len(next) == len(pending) {
			return
		}
		pending = next
	}
}

// trimSQL drops the trailing semicolon a file usually ends with. The start
// is kept as it is, so DuckDB's line numbers are the file's.
func trimSQL(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for strings.HasSuffix(s, ";") {
		s = strings.TrimRightFunc(strings.TrimSuffix(s, ";"), unicode.IsSpace)
	}
	return s
}

// Query runs one analyst statement with named parameters ($event, …) bound,
// never spliced into the text. The caller releases the reader and then
// calls the returned func. Errors, also those of the reader's Err, are a
// *QueryError.
func (e *Engine) Query(ctx context.Context, text string, params map[string]string) (array.RecordReader, func(), error) {
	return e.QueryFrom(ctx, "", text, params)
}

// QueryFrom is Query for SQL read from a file: errors name the file and,
// where DuckDB gives one, the line (source:3: Binder Error: …).
func (e *Engine) QueryFrom(ctx context.Context, source, text string, params map[string]string) (array.RecordReader, func(), error) {
	return e.Run(ctx, &Query{Source: source, SQL: text}, params)
}

// Run runs a loaded query with parameters.
func (e *Engine) Run(ctx context.Context, q *Query, params map[string]string) (array.RecordReader, func(), error) {
	args := make(map[string]any, len(params))
	for k, v := range params {
		args[k] = v
	}
	return e.runArgs(ctx, q, args)
}

// run executes checked SQL under its limits (limits.go: the timeout and
// the memory watchdog). The reader's errors are wrapped like the query's;
// the returned func ends the watch and is called after the reader is
// released.
func (e *Engine) run(ctx context.Context, q *Query, text string, args []any) (array.RecordReader, func(), error) {
	if e.stopped.Load() {
		return nil, nil, e.wrap(q, errStopped)
	}
	return e.runGuarded(e.newGuard(ctx), q, text, args)
}

func (e *Engine) runGuarded(g *guard, q *Query, text string, args []any) (array.RecordReader, func(), error) {
	var rr array.RecordReader
	var err error
	if gerr := g.do(func() { rr, err = e.arrow.QueryContext(g.ctx, text, args...) }); gerr != nil {
		g.end()
		return nil, nil, g.wrap(q, gerr)
	}
	if err != nil {
		g.end()
		return nil, nil, g.wrap(q, err)
	}
	return &guardedReader{RecordReader: rr, g: g, wrap: func(err error) error { return g.wrap(q, err) }}, g.end, nil
}

// Params returns the names of the parameters SQL text uses ($event → "event"),
// in the order DuckDB numbers them.
func (e *Engine) Params(ctx context.Context, text string) ([]string, error) {
	if err := e.check(ctx, text); err != nil {
		return nil, e.wrap(&Query{}, err)
	}
	g := e.newGuard(ctx)
	defer g.end()
	var names []string
	err := e.prepared(g, trimSQL(text), func(st *duckdb.Stmt) error {
		for i := 1; i <= st.NumInput(); i++ {
			name, err := st.ParamName(i)
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return nil, g.wrap(&Query{}, err)
	}
	return names, nil
}

// bind orders named parameter values as the prepared statement numbers them.
func (e *Engine) bind(g *guard, text string, params map[string]any) ([]any, error) {
	var args []any
	err := e.prepared(g, text, func(st *duckdb.Stmt) error {
		for i := 1; i <= st.NumInput(); i++ {
			name, err := st.ParamName(i)
			if err != nil {
				return err
			}
			v, ok := params[name]
			if !ok {
				return fmt.Errorf("parameter $%s has no value (give it with --param %s=VALUE)", name, name)
			}
			args = append(args, v)
		}
		return nil
	})
	return args, err
}

// prepared prepares checked SQL text without running it, under a guard.
func (e *Engine) prepared(g *guard, text string, fn func(*duckdb.Stmt) error) error {
	var err error
	if gerr := g.do(func() {
		err = e.conn.Raw(func(dc any) error {
			st, err := dc.(driver.ConnPrepareContext).PrepareContext(g.ctx, text)
			if err != nil {
				return err
			}
			defer st.Close()
			return fn(st.(*duckdb.Stmt))
		})
	}); gerr != nil {
		return gerr
	}
	return err
}

var lineRE = regexp.MustCompile(`LINE (\d+):`)

// wrap names the query file and, where DuckDB gives one, the line:
// queries/foo.sql:3: Binder Error: … . SQL from no file gets the plain
// message. Only the first line of DuckDB's message is kept (the rest
// repeats the SQL with a caret under the spot).
func (e *Engine) wrap(q *Query, err error) error {
	var qe *QueryError
	if errors.As(err, &qe) {
		return err
	}
	var de *duckdb.Error
	msg := err.Error()
	if errors.As(err, &de) {
		msg = de.Msg
	}
	loc := q.Source
	if q.Source == BuiltIn {
		loc = "queries/" + q.Name + ".sql"
	}
	if m := lineRE.FindStringSubmatch(msg); m != nil && loc != "" {
		loc += ":" + m[1]
	}
	if b := e.blame(q, msg); b != nil { // broken.go
		return b
	}
	first, _, _ := strings.Cut(msg, "\n")
	return &QueryError{Query: q.Name, Loc: loc, Msg: strings.TrimSpace(first), Err: err}
}

// QueryError is a failed or refused query, printed as
// queries/foo.sql:3: Binder Error: … (or query: Binder Error: … for SQL
// from no file).
type QueryError struct {
	Query string // the query's name; "" for SQL given directly
	Loc   string // file[:line]; "" for SQL from no file
	Msg   string
	Err   error
}

func (e *QueryError) Error() string {
	if e.Loc == "" {
		return "query: " + e.Msg
	}
	return e.Loc + ": " + e.Msg
}

func (e *QueryError) Unwrap() error { return e.Err }

// Broken returns the error of a query whose view could not be created.
func (e *Engine) Broken(name string) error { return e.broken[name] }

// functions are the SQL functions written in Go, listed by `resonanz
// schema` after the data model's macros.
var functions = []struct {
	name, usage, description string
	fn                       duckdb.ScalarFunc
}{
	{"t_quantile", "t_quantile(p, df)", "the p-quantile of Student's t with df degrees of freedom", tQuantile{}},
	{"z_quantile", "z_quantile(p)", "the p-quantile of the standard normal distribution", zQuantile{}},
	{"welch_p", "welch_p(mean1, sd1, n1, mean2, sd2, n2)", "two-sided p of Welch's t test of two means; NULL when a group has under 2", welchP{}},
}

type welchP struct{}

func (welchP) Config() duckdb.ScalarFuncConfig {
	d, _ := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{d, d, d, d, d, d}, ResultTypeInfo: d}
}

func (welchP) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(v []driver.Value) (any, error) {
		f := make([]float64, len(v))
		for i, x := range v {
			d, ok := x.(float64)
			if !ok || math.IsNaN(d) {
				return nil, nil
			}
			f[i] = d
		}
		if f[2] < 2 || f[5] < 2 {
			return nil, nil
		}
		_, _, p := stats.WelchT(int(f[2]), f[0], f[1], int(f[5]), f[3], f[4])
		if math.IsNaN(p) {
			return nil, nil
		}
		return p, nil
	}}
}

type tQuantile struct{}

func (tQuantile) Config() duckdb.ScalarFuncConfig {
	d, _ := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{d, d}, ResultTypeInfo: d}
}

func (tQuantile) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(v []driver.Value) (any, error) {
		p, ok1 := v[0].(float64)
		df, ok2 := v[1].(float64)
		if !ok1 || !ok2 || !(p > 0 && p < 1) || !(df > 0) {
			return nil, nil
		}
		return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(p), nil
	}}
}

type zQuantile struct{}

func (zQuantile) Config() duckdb.ScalarFuncConfig {
	d, _ := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{d}, ResultTypeInfo: d}
}

func (zQuantile) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(v []driver.Value) (any, error) {
		p, ok := v[0].(float64)
		if !ok || !(p > 0 && p < 1) {
			return nil, nil
		}
		return distuv.UnitNormal.Quantile(p), nil
	}}
}
