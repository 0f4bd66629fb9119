package query_test

import (
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz/pipeline/query"
	"github.com/resonanz/resonanz/queries"
)

// TestBuiltinQueriesPrepare: every embedded query parses, becomes a view,
// prepares and returns rows on the sample.
func TestBuiltinQueriesPrepare(t *testing.T) {
	e := open(t, query.Options{})
	files, err := fs.Glob(queries.FS, "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded queries: %v", err)
	}
	loaded := map[string]*query.Query{}
	for _, q := range e.Queries() {
		loaded[q.Name] = q
	}
	for _, f := range files {
		name := strings.TrimSuffix(f, ".sql")
		t.Run(name, func(t *testing.T) {
			q := loaded[name]
			if q == nil || q.Source != "built-in" {
				t.Fatalf("%s not loaded as built-in: %+v", f, q)
			}
			if err := e.Broken(name); err != nil {
				t.Fatalf("view: %v", err)
			}
			if _, err := e.Params(context.Background(), q.SQL); err != nil {
				t.Fatalf("prepare: %v", err)
			}
			rr, done, err := e.Run(context.Background(), q, map[string]string{"event": "mdk16"})
			if err != nil {
				t.Fatal(err)
			}
			tab, err := query.Collect(rr)
			done()
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Rows) == 0 {
				t.Fatal("no rows")
			}
			// Every built-in table of counts declares what it counts, and
			// the declaration fits its columns.
			switch p := q.Meta.Protect; {
			case p == nil && tab.Col("n") >= 0:
				t.Errorf("a column n but no protect: header")
			case p != nil:
				if err := p.Check(tab.Columns); err != nil {
					t.Errorf("protect: header does not fit %v: %v", tab.Columns, err)
				}
			}
			for _, col := range []string{q.Meta.X, q.Meta.Y, q.Meta.Series, q.Meta.ErrLow, q.Meta.ErrHigh} {
				if col != "" && tab.Col(col) < 0 {
					t.Errorf("header names column %q, result has %v", col, tab.Columns)
				}
			}
		})
	}
}

// TestCompose: queries are views of their file names; a user query can
// select from a built-in one and from another user query made after it.
func TestCompose(t *testing.T) {
	dir := userDir(t, map[string]string{
		// a_top_th comes first in name order but needs b_th: the engine
		// retries until every view that can be made is made.
		"a_top_th.sql": "-- title: Top TH\n-- report: false\nselect item, mean from b_th order by mean desc limit 1\n",
		"b_th.sql":     "-- title: Thüringen\nselect * from headline_by_group where dimension = 'state' and grp = 'DE-TH'\n",
	})
	e := open(t, query.Options{Queries: []string{dir}})
	for _, n := range []string{"a_top_th", "b_th"} {
		if err := e.Broken(n); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
	th := table(t, e, "select item, n, mean from b_th", nil)
	// Independent: means of the Thüringen respondents from the truth file.
	type acc struct{ n, sum float64 }
	want := map[string]*acc{}
	for _, r := range truth(t, "mdk16-msforms.xlsx").Respondents {
		if r.State == nil || *r.State != "DE-TH" {
			continue
		}
		for item, v := range r.Need {
			if want[item] == nil {
				want[item] = &acc{}
			}
			want[item].n++
			want[item].sum += float64(v)
		}
	}
	if len(th.Rows) != len(want) || len(want) != 8 {
		t.Fatalf("b_th has %d rows, truth %d items", len(th.Rows), len(want))
	}
	best, bestMean := "", -1.0
	for _, row := range th.Rows {
		w := want[row[0].(string)]
		if w == nil || num(row[1]) != w.n || math.Abs(num(row[2])-w.sum/w.n) > 1e-9 {
			t.Errorf("b_th %v, truth n=%v mean=%v", row, w.n, w.sum/w.n)
		}
		if m := w.sum / w.n; m > bestMean {
			best, bestMean = row[0].(string), m
		}
	}
	top := table(t, e, "select * from a_top_th", nil)
	if len(top.Rows) != 1 || top.Rows[0][0] != best {
		t.Errorf("a_top_th = %v, want %s", top.Rows, best)
	}
}

// TestOverride: a user file with a built-in's name replaces it, as the
// list says and as its view shows.
func TestOverride(t *testing.T) {
	dir := userDir(t, map[string]string{
		"key_figures.sql": "-- title: Nur der Mittelwert\nselect avg(value) as mean_only from answers where question = 'satisfaction'\n",
	})
	e := open(t, query.Options{Queries: []string{dir}})
	var q *query.Query
	n := 0
	for _, x := range e.Queries() {
		if x.Name == "key_figures" {
			q = x
			n++
		}
	}
	if n != 1 || q.Source != filepath.Join(dir, "key_figures.sql") || q.Overrides != "built-in" || q.Meta.Title != "Nur der Mittelwert" {
		t.Fatalf("key_figures: %d loaded, %+v", n, q)
	}
	// A replacement without protect: lines keeps the built-in's.
	builtin, err := query.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range builtin {
		if b.Name == "key_figures" && (b.Meta.Protect == nil || !reflect.DeepEqual(q.Meta.Protect, b.Meta.Protect)) {
			t.Errorf("override's protection %+v, built-in's %+v", q.Meta.Protect, b.Meta.Protect)
		}
	}
	tab := table(t, e, "select * from key_figures", nil)
	if len(tab.Columns) != 1 || tab.Columns[0] != "mean_only" {
		t.Fatalf("view key_figures has columns %v, want the user's", tab.Columns)
	}
	var sum, cnt float64
	for _, r := range truth(t, "mdk16-msforms.xlsx").Respondents {
		if r.Satisfaction != nil {
			sum += float64(*r.Satisfaction)
			cnt++
		}
	}
	if got := num(tab.Rows[0][0]); math.Abs(got-sum/cnt) > 1e-9 {
		t.Errorf("mean_only = %v, truth %v", got, sum/cnt)
	}
}

// TestParams: values are bound, never spliced: a value holding a quote and
// SQL comes back as it went in and runs nothing.
func TestParams(t *testing.T) {
	e := open(t, query.Options{})
	evil := "x'; drop view responses; --"
	tab := table(t, e, "select $name as v, (select count(*) from responses where event = $name) as n", map[string]string{"name": evil})
	if tab.Rows[0][0] != evil || num(tab.Rows[0][1]) != 0 {
		t.Errorf("got %v", tab.Rows)
	}
	tab = table(t, e, "select count(*) from responses where event = $event and state = $state",
		map[string]string{"event": "mdk16", "state": "DE-TH"})
	th := 0
	for _, r := range truth(t, "mdk16-msforms.xlsx").Respondents {
		if r.State != nil && *r.State == "DE-TH" {
			th++
		}
	}
	if num(tab.Rows[0][0]) != float64(th) {
		t.Errorf("DE-TH count %v, truth %d", tab.Rows[0][0], th)
	}
	// Numbers compare as numbers.
	tab = table(t, e, "select count(*) from answers where question = 'nps' and value >= $min", map[string]string{"min": "9"})
	pro := 0
	for _, r := range truth(t, "mdk16-msforms.xlsx").Respondents {
		if r.NPS != nil && *r.NPS >= 9 {
			pro++
		}
	}
	if num(tab.Rows[0][0]) != float64(pro) {
		t.Errorf("promoters %v, truth %d", tab.Rows[0][0], pro)
	}
	if tab := table(t, e, "select count(*) from responses", nil); num(tab.Rows[0][0]) != 150 {
		t.Errorf("responses after the attempt: %v", tab.Rows)
	}
	names, err := e.Params(context.Background(), "select $b, $a, $b")
	if err != nil || strings.Join(names, ",") != "b,a" {
		t.Errorf("Params = %v, %v", names, err)
	}
	_, err = tryTable(e, "", "select * from responses where state = $state", nil)
	var qe *query.QueryError
	if !errors.As(err, &qe) || err.Error() != "query: parameter $state has no value (give it with --param state=VALUE)" {
		t.Errorf("missing parameter: %v", err)
	}
}

// TestForbidden: everything but one SELECT is refused by the parser gate
// or the locked configuration, with a message that says what, and no file
// is written or read.
func TestForbidden(t *testing.T) {
	data := dataDir(t)
	e := open(t, query.Options{})
	cwd := t.TempDir()
	t.Chdir(cwd)
	inData := filepath.Join(data, "leak.csv")
	for _, tc := range []struct {
		name, sql, want string
		file            string // must not exist afterwards
	}{
		{"copy", "copy (select * from responses) to 'leak.csv'", "only a single SELECT query is allowed (found COPY)", "leak.csv"},
		{"copy into data dir", "copy responses to '" + inData + "'", "(found COPY)", inData},
		{"copy in a second statement", "select 1; copy responses to 'leak.csv'", "(found 2 statements: SELECT, COPY)", "leak.csv"},
		{"read_csv", "select * from read_csv('/etc/passwd')", "not allowed in resonanz SQL: table function read_csv (reads files)", ""},
		{"read_text", "select * from read_text('/etc/hostname')", "table function read_text (reads files)", ""},
		{"parquet outside", "select * from read_parquet('" + filepath.Join(data, "..", "x.parquet") + "')", "table function read_parquet (reads files)", ""},
		{"glob", "select * from glob('/etc/*')", "table function glob (reads files)", ""},
		{"query()", "select * from query('copy responses to ''leak.csv''')", "table function query (runs SQL text)", "leak.csv"},
		{"attach", "attach 'other.db' as o", "(found ATTACH)", "other.db"},
		{"install", "install httpfs", "(found INSTALL)", ""},
		{"load", "load httpfs", "(found LOAD)", ""},
		{"set", "set memory_limit = '100GB'", "(found SET)", ""},
		{"reset", "reset memory_limit", "(found RESET)", ""},
		{"pragma", "pragma database_list", "(found PRAGMA)", ""},
		{"call", "call pragma_version()", "(found CALL)", ""},
		{"two selects", "select 1; select 2", "(found 2 statements: SELECT, SELECT)", ""},
		{"drop", "select 1; drop view responses", "(found 2 statements: SELECT, DROP)", ""},
		{"create table", "create table t as select 1", "(found CREATE)", ""},
		{"create in comment", "/* select */ create table t as select 1", "(found CREATE)", ""},
		{"insert", "insert into event_info values ('x', 'x', null, 1)", "(found INSERT)", ""},
		{"export database", "export database 'dump'", "(found EXPORT)", "dump"},
		{"checkpoint", "checkpoint", "(found CHECKPOINT)", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tryTable(e, "", tc.sql, nil)
			var qe *query.QueryError
			if err == nil || !errors.As(err, &qe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a QueryError containing %q", err, tc.want)
			}
			if strings.Contains(tc.want, "found") && !errors.Is(err, query.ErrForbidden) {
				t.Errorf("%v is not ErrForbidden", err)
			}
			if strings.Contains(tc.want, "not allowed") && !errors.Is(err, query.ErrNotAllowed) {
				t.Errorf("%v is not ErrNotAllowed", err)
			}
			if tc.file != "" {
				for _, p := range []string{tc.file, filepath.Join(cwd, tc.file)} {
					if _, err := os.Stat(p); err == nil {
						t.Errorf("%s was written", p)
					}
				}
			}
		})
	}
	if tab := table(t, e, "select count(*) from responses", nil); num(tab.Rows[0][0]) != 150 {
		t.Errorf("responses after the attempts: %v", tab.Rows)
	}
	entries, _ := os.ReadDir(cwd)
	if len(entries) != 0 {
		t.Errorf("files appeared in the working directory: %v", entries)
	}
}

// TestLocked: past the parser gate, the configuration itself refuses
// changes and the file system outside the data directory.
func TestLocked(t *testing.T) {
	e := open(t, query.Options{MemoryLimit: "1GB", Threads: 1})
	ctx := context.Background()
	for _, stmt := range []string{
		"set memory_limit = '100GB'",
		"set threads = 8",
		"set enable_external_access = true",
		"set allowed_directories = ['/']",
		"set lock_configuration = false",
		"set autoinstall_known_extensions = true",
	} {
		err := query.ExecUnchecked(ctx, e, stmt)
		if err == nil || !strings.Contains(err.Error(), "the configuration has been locked") {
			t.Errorf("%s: %v", stmt, err)
		}
	}
	unchecked := func(sql string) *query.Table {
		t.Helper()
		tab, err := query.QueryUnchecked(ctx, e, sql)
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return tab
	}
	// Past the sandbox too, files outside the data directory stay shut.
	for _, sql := range []string{
		"select * from read_csv('/etc/passwd')",
		"select * from read_text('/etc/hostname')",
		"select * from glob('/etc/*')",
	} {
		if _, err := query.QueryUnchecked(ctx, e, sql); err == nil || !strings.Contains(err.Error(), "Permission Error") {
			t.Errorf("%s: %v, want a Permission Error", sql, err)
		}
	}
	tab := unchecked("select current_setting('memory_limit'), current_setting('threads'), current_setting('temp_directory'), current_setting('enable_external_access')")
	// DuckDB shows 1GB (10^9 bytes) as 953.6 MiB.
	if got := tab.Rows[0]; got[0] != "953.6 MiB" || got[1] != int64(1) || got[2] != "" || got[3] != false {
		t.Errorf("settings %v", got)
	}
	tab = unchecked("select unnest(current_setting('allowed_directories'))")
	if len(tab.Rows) != 1 || tab.Rows[0][0] != filepath.Clean(dataDir(t))+string(filepath.Separator) {
		t.Errorf("allowed_directories %v, want only the data directory", tab.Rows)
	}
}

// TestTimeout: a runaway cross join is cancelled by the timeout.
func TestTimeout(t *testing.T) {
	e := open(t, query.Options{Timeout: time.Second})
	_, err := tryTable(e, "", "select count(*) from range(1000000) a, range(100000) b where a.range + b.range = -1", nil)
	var qe *query.QueryError
	if !errors.As(err, &qe) || !errors.Is(err, context.DeadlineExceeded) || err.Error() != "query: cancelled after 1s (--timeout): context deadline exceeded" {
		t.Fatalf("got %v", err)
	}
	// The engine is usable afterwards.
	if tab := table(t, e, "select count(*) from responses", nil); num(tab.Rows[0][0]) != 150 {
		t.Errorf("after the timeout: %v", tab.Rows)
	}
}

// TestErrorLines: a failing query names its file and DuckDB's line; SQL
// from no file gets the plain message.
func TestErrorLines(t *testing.T) {
	dir := userDir(t, map[string]string{
		"broken.sql": "-- title: Kaputt\nselect\n  nosuchcolumn from responses\n",
		// Blank lines before the header must not shift the line.
		"later.sql": "\n\n-- title: Später\nselect state,\n  count(*)\nfrom responses\nwhere nosuch = 1\ngroup by all\n",
	})
	e := open(t, query.Options{Queries: []string{dir}})
	ctx := context.Background()
	for name, want := range map[string]string{
		"broken": filepath.Join(dir, "broken.sql") + ":3: Binder Error: Referenced column \"nosuchcolumn\" not found",
		"later":  filepath.Join(dir, "later.sql") + ":7: Binder Error: Referenced column \"nosuch\" not found",
	} {
		var q *query.Query
		for _, x := range e.Queries() {
			if x.Name == name {
				q = x
			}
		}
		if err := e.Broken(name); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Broken(%s) = %v, want %s…", name, err, want)
		}
		_, _, err := e.Run(ctx, q, nil)
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Run(%s) = %v, want %s… on one line", name, err, want)
		}
	}
	_, err := tryTable(e, "meine.sql", "select 1,\n  2,\n  nosuch\nfrom responses", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "meine.sql:3: Binder Error: Referenced column \"nosuch\" not found") {
		t.Errorf("file: %v", err)
	}
	_, err = tryTable(e, "", "select 1,\n  2,\n  nosuch\nfrom responses", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "query: Binder Error: Referenced column \"nosuch\" not found") {
		t.Errorf("argument: %v", err)
	}
	_, err = tryTable(e, "", "select from where", nil)
	if err == nil || err.Error() != `query: Parser Error: syntax error at or near "where"` {
		t.Errorf("syntax: %v", err)
	}
	_, err = tryTable(e, "meine.sql", "-- title: x\nselect 1,\n  2\nfrom where", nil)
	if err == nil || err.Error() != `meine.sql:4: Parser Error: syntax error at or near "where"` {
		t.Errorf("syntax in a file: %v", err)
	}
}

// TestEvents: the plain views hold the selected events; all_events holds
// every one.
func TestEvents(t *testing.T) {
	e := open(t, query.Options{Events: []string{"mdk15"}})
	tab := table(t, e, "select (select count(*) from responses), (select count(*) from all_events.responses), (select string_agg(event, ',' order by event) from events)", nil)
	n15 := len(truth(t, "mdk15-googleforms.xlsx").Respondents)
	if num(tab.Rows[0][0]) != float64(n15) || num(tab.Rows[0][1]) != float64(n15+150) || tab.Rows[0][2] != "mdk15" {
		t.Errorf("got %v, want %d, %d, mdk15", tab.Rows[0], n15, n15+150)
	}
}

// TestMemoryLimit: a query needing more than --memory-limit fails (nothing
// spills to disk: DuckDB's temporary directory is off).
func TestMemoryLimit(t *testing.T) {
	e := open(t, query.Options{MemoryLimit: "64MB"})
	_, err := tryTable(e, "", "select count(distinct md5(range::varchar)) from range(20000000)", nil)
	if err == nil || !strings.Contains(err.Error(), "Out of Memory Error") {
		t.Fatalf("got %v", err)
	}
}
