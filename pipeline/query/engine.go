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
	"strings"
	"time"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
	"gonum.org/v1/gonum/stat/distuv"

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
	Lang    string   // "de" (default) or "en": the language of label views
	Queries []string // user query folders, after the built-in ones
	// Limits of analyst SQL.
	MemoryLimit string        // DuckDB memory_limit, default "2GB"
	Threads     int           // default 2
	Timeout     time.Duration // per statement, default 60 s
}

// Engine is a locked-down DuckDB over the published dataset.
type Engine struct {
	opt     Options
	db      *sql.DB
	conn    *sql.Conn
	arrow   arrowQuerier // results as Arrow record batches (rows.go)
	queries []*Query
	broken  map[string]error // queries whose view could not be created
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
	for _, ev := range append(slices.Clone(opt.Events), opt.Compare...) {
		if len(m.Files("responses", ev)) == 0 {
			return nil, fmt.Errorf("query: no event %q in %s (events: %s)", ev, opt.DataDir, strings.Join(m.EventIDs(), ", "))
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
	e := &Engine{opt: opt, db: db, conn: conn, queries: qs, broken: map[string]error{}, Manifest: m}
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
	return e, nil
}

// Close releases DuckDB.
func (e *Engine) Close() error {
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

func (e *Engine) setup(ctx context.Context, dir string, m *store.Manifest) error {
	// t975(df): the 97.5 % quantile of Student's t, for 95 % intervals.
	if err := duckdb.RegisterScalarUDF(e.conn, "t975", t975{}); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	// welch_p(m1, sd1, n1, m2, sd2, n2): two-sided p of Welch's t test.
	if err := duckdb.RegisterScalarUDF(e.conn, "welch_p", welchP{}); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	// The plain views hold the selected events; all_events.* holds every
	// event, for comparisons across waves.
	if err := e.exec(ctx, "create schema all_events"); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	for _, t := range store.Tables {
		for _, v := range []struct {
			name   string
			events []string
		}{{t, e.opt.Events}, {"all_events." + t, nil}} {
			stmt := fmt.Sprintf("create view %s as select * from read_parquet(%s, union_by_name = true, hive_partitioning = false)", v.name, fileList(dir, m.Files(t, v.events...)))
			if err := e.exec(ctx, stmt); err != nil {
				return fmt.Errorf("query: view %s: %w", v.name, err)
			}
		}
	}
	en := e.opt.Lang == "en"
	pick := func(de, en2 string) string {
		if en {
			return "coalesce(" + en2 + ", " + de + ")"
		}
		return de
	}
	stmts := []string{
		// Macros analysts can use too; intervals as the methods sheet states.
		`create macro mean_ci_low(m, sd, n) as case when n > 1 then m - t975(n - 1) * sd / sqrt(n) end`,
		`create macro mean_ci_high(m, sd, n) as case when n > 1 then m + t975(n - 1) * sd / sqrt(n) end`,
		`create macro wilson_low(k, n) as case when n > 0 then
		   ((k / n) + 1.959964 ^ 2 / (2 * n) - 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n) end`,
		`create macro wilson_high(k, n) as case when n > 0 then
		   ((k / n) + 1.959964 ^ 2 / (2 * n) + 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n) end`,
		// scale_by_group(q, g): a scale question's items by a group of
		// respondents (g is an expression over responses r, e.g. r.state):
		// n, mean, 95 % interval, top-2-box share (the two highest points)
		// with its Wilson interval, and ▲/▼ where a group differs from the
		// other respondents of the item (Welch t test, Holm over the table;
		// groups or rests under 5 answers are not tested).
		`create macro scale_by_group(q, g) as table
		 with cells as (
		   select g as grp, a.item,
		          count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
		          sum(a.value) as s, sum(a.value * a.value) as ss,
		          count(*) filter (where a.value >= (select max(scale_max) from questions where question = q) - 1) as top2
		   from answers a join responses r using (event, respondent)
		   where a.question = q and g is not null
		   group by all
		 ),
		 vs_rest as (
		   -- The rest's n, mean and sd follow from the item's totals.
		   select *,
		          sum(n) over w - n as rn,
		          (sum(s) over w - s) / nullif(sum(n) over w - n, 0) as rmean,
		          sqrt(greatest(0, ((sum(ss) over w - ss) - (sum(s) over w - s) ^ 2 / nullif(sum(n) over w - n, 0))
		               / nullif(sum(n) over w - n - 1, 0))) as rsd
		   from cells window w as (partition by item)
		 ),
		 tested as (select *, case when n >= 5 and rn >= 5 then welch_p(mean, sd, n, rmean, rsd, rn) end as p from vs_rest),
		 ranked as (select *, count(p) over () as m, row_number() over (order by p nulls last) as k from tested),
		 holm as (
		   select *, case when p is not null then
		            max(least(1, (m - k + 1) * p)) over (order by p nulls last, k rows between unbounded preceding and current row)
		          end as p_adj
		   from ranked
		 )
		 select grp, item, n, mean, sd,
		        mean_ci_low(mean, sd, n) as ci_low, mean_ci_high(mean, sd, n) as ci_high,
		        top2 / n as top2_share, wilson_low(top2, n) as top2_ci_low, wilson_high(top2, n) as top2_ci_high,
		        p_adj, case when p_adj < 0.05 then case when mean > rmean then '▲' else '▼' end end as sig
		 from holm`,
		`create table event_info (event varchar, title varchar, date date, files integer)`,
		// Events in time order (k), and the waves comparisons span.
		`create table event_order (event varchar, k integer, wave integer)`,
		// Label views in the report's language: the wording of the newest
		// wave wins, then that of later events (a label only they have).
		`create view item_names as ` + rankCTE + ` select question, item,
		   arg_max(` + pick("item_text", "item_text_en") + `, r.rank) as item_text,
		   arg_max(` + pick("text", "text_en") + `, r.rank) as question_text,
		   min(position) as position
		 from all_events.questions join r using (event) where item is not null group by question, item`,
		`create view state_names as ` + rankCTE + ` select code as state, arg_max(` + pick("label", "label_en") + `, r.rank) as state_name, min(position) as position
		 from all_events.labels join r using (event) where question in (select question from all_events.questions where role = 'state') group by code`,
		`create view sector_names as ` + rankCTE + ` select code as sector, arg_max(` + pick("label", "label_en") + `, r.rank) as sector_name, min(position) as position
		 from all_events.labels join r using (event) where question in (select question from all_events.questions where role = 'sector') group by code`,
	}
	for _, s := range stmts {
		if err := e.exec(ctx, s); err != nil {
			return fmt.Errorf("query: setup: %w", err)
		}
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
	for _, v := range []string{"events", "all_events.events"} {
		src := strings.TrimSuffix(v, "events") + "responses"
		if err := e.exec(ctx, `create view `+v+` as select i.event, i.title, i.date, i.files,
			(select count(*) from `+src+` r where r.event = i.event) as responses
			from event_info i where i.event in (select distinct event from `+src+`) order by i.date nulls last, i.event`); err != nil {
			return fmt.Errorf("query: events: %w", err)
		}
	}
	if err := e.exec(ctx, `create view waves as select o.wave, e.event, coalesce(e.title, e.event) as event_title, e.title, e.date, e.responses
		from event_order o join all_events.events e using (event) where o.wave is not null order by o.wave`); err != nil {
		return fmt.Errorf("query: waves: %w", err)
	}
	if err := e.exec(ctx, scaleTrendMacro); err != nil {
		return fmt.Errorf("query: setup: %w", err)
	}
	e.createQueryViews(ctx)
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
	return nil
}

// rankCTE ranks events for the label views: the wording of the newest
// wave wins, then that of later events (for a label only they have).
const rankCTE = `with r as (select event, k + case when wave is not null then 100000 else 0 end as rank from event_order)`

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
				return nil, fmt.Errorf("query: compare: no event %q (events: %s)", ev, strings.Join(order, ", "))
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
	if err := e.check(ctx, q.SQL); err != nil {
		return nil, nil, e.wrap(q, err)
	}
	text := trimSQL(q.SQL)
	args, err := e.bind(ctx, text, params)
	if err != nil {
		return nil, nil, e.wrap(q, err)
	}
	return e.run(ctx, q, text, args)
}

// run executes checked SQL with a timeout. The reader's errors are wrapped
// like the query's; the returned func ends the timeout and is called after
// the reader is drained.
func (e *Engine) run(ctx context.Context, q *Query, text string, args []any) (array.RecordReader, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, e.opt.Timeout)
	wrap := func(err error) error {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("cancelled after %v (--timeout): %w", e.opt.Timeout, context.DeadlineExceeded)
		}
		return e.wrap(q, err)
	}
	rr, err := e.arrow.QueryContext(ctx, text, args...)
	if err != nil {
		cancel()
		return nil, nil, wrap(err)
	}
	return &reader{RecordReader: rr, wrap: wrap}, cancel, nil
}

// reader wraps the errors a result meets while it is read (a timeout, a
// failed cast) like the query's own.
type reader struct {
	array.RecordReader
	wrap func(error) error
}

func (r *reader) Err() error {
	if err := r.RecordReader.Err(); err != nil {
		return r.wrap(err)
	}
	return nil
}

// Params returns the names of the parameters SQL text uses ($event → "event"),
// in the order DuckDB numbers them.
func (e *Engine) Params(ctx context.Context, text string) ([]string, error) {
	if err := e.check(ctx, text); err != nil {
		return nil, e.wrap(&Query{}, err)
	}
	var names []string
	err := e.prepared(ctx, trimSQL(text), func(st *duckdb.Stmt) error {
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
		return nil, e.wrap(&Query{}, err)
	}
	return names, nil
}

// bind orders named parameter values as the prepared statement numbers them.
func (e *Engine) bind(ctx context.Context, text string, params map[string]string) ([]any, error) {
	var args []any
	err := e.prepared(ctx, text, func(st *duckdb.Stmt) error {
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

// prepared prepares checked SQL text without running it.
func (e *Engine) prepared(ctx context.Context, text string, fn func(*duckdb.Stmt) error) error {
	return e.conn.Raw(func(dc any) error {
		st, err := dc.(driver.ConnPrepareContext).PrepareContext(ctx, text)
		if err != nil {
			return err
		}
		defer st.Close()
		return fn(st.(*duckdb.Stmt))
	})
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
	if q.Source == "built-in" {
		loc = "queries/" + q.Name + ".sql"
	}
	if m := lineRE.FindStringSubmatch(msg); m != nil && loc != "" {
		loc += ":" + m[1]
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

type t975 struct{}

func (t975) Config() duckdb.ScalarFuncConfig {
	d, _ := duckdb.NewTypeInfo(duckdb.TYPE_DOUBLE)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{d}, ResultTypeInfo: d}
}

func (t975) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(v []driver.Value) (any, error) {
		df, ok := v[0].(float64)
		if !ok || df < 1 || math.IsNaN(df) {
			return nil, nil
		}
		return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(0.975), nil
	}}
}

// scale_trend(q, g): a scale question's items in every wave (the
// waves view) by a group expression over responses r (a constant for
// no grouping): n, mean, interval, top-2 share, the change from the
// group's previous wave and ▲/▼ where it is significant (Welch t test,
// Holm within each wave; cells under 5 answers are not tested). An
// item a wave did not ask has asked = false and no figures — never 0.
// It reads the waves view, so it is made after it.
const scaleTrendMacro = `create macro scale_trend(q, g) as table
		 with groups as (
		   select distinct g as grp from all_events.responses r
		   where g is not null and r.event in (select event from waves)
		 ),
		 items as (
		   select distinct item from all_events.questions
		   where question = q and item is not null and event in (select event from waves)
		 ),
		 asked as (
		   select distinct event, item from all_events.questions
		   where question = q and item is not null and event in (select event from waves)
		 ),
		 per as (
		   select a.event, g as grp, a.item, count(*) as n, avg(a.value) as mean, stddev_samp(a.value) as sd,
		          count(*) filter (where a.value >= (select max(scale_max) from all_events.questions where question = q) - 1) as top2
		   from all_events.answers a join all_events.responses r using (event, respondent)
		   where a.question = q and g is not null and a.event in (select event from waves)
		   group by all
		 ),
		 grid as (
		   select w.wave, w.event, w.event_title, gr.grp, i.item, (s.event is not null) as asked, p.n, p.mean, p.sd, p.top2
		   from waves w cross join groups gr cross join items i
		   left join asked s on s.event = w.event and s.item = i.item
		   left join per p on p.event = w.event and p.grp = gr.grp and p.item = i.item
		 ),
		 tested as (
		   select *, lag(mean) over h as prev_mean,
		          case when n >= 5 and lag(n) over h >= 5 then
		            welch_p(mean, sd, n, lag(mean) over h, lag(sd) over h, lag(n) over h)
		          end as p
		   from grid window h as (partition by grp, item order by wave)
		 ),
		 ranked as (
		   select *, count(p) over (partition by event) as m,
		          row_number() over (partition by event order by p nulls last) as k
		   from tested
		 ),
		 holm as (
		   select *, case when p is not null then
		            max(least(1, (m - k + 1) * p)) over (partition by event order by p nulls last, k rows between unbounded preceding and current row)
		          end as p_adj
		   from ranked
		 )
		 select wave, event, event_title, grp, item, asked, n, mean, sd,
		        mean_ci_low(mean, sd, n) as ci_low, mean_ci_high(mean, sd, n) as ci_high,
		        top2 / n as top2_share, wilson_low(top2, n) as top2_ci_low, wilson_high(top2, n) as top2_ci_high,
		        mean - prev_mean as change, p_adj,
		        case when p_adj < 0.05 then case when mean > prev_mean then '▲' else '▼' end end as sig
		 from holm`
