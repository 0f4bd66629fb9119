package query_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resonanz/resonanz/internal/testfiles"
	"github.com/resonanz/resonanz/pipeline/query"
)

// TestFunctionsClassified: functions.tsv lists exactly the functions of the
// linked DuckDB. A DuckDB upgrade with a new function fails here until the
// function is classified (allowed or denied, with why).
func TestFunctionsClassified(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`select distinct function_type, function_name from duckdb_functions() where internal order by all`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var kind, name string
		if err := rows.Scan(&kind, &name); err != nil {
			t.Fatal(err)
		}
		have[kind+"\t"+name] = true
	}
	listed := map[string]bool{}
	for _, f := range query.Functions() {
		k := f.Kind + "\t" + f.Name
		if listed[k] {
			t.Errorf("functions.tsv lists %s %s twice", f.Kind, f.Name)
		}
		listed[k] = true
		if !have[k] {
			t.Errorf("functions.tsv lists %s %s, which this DuckDB does not have: remove the line", f.Kind, f.Name)
		}
		if !f.Allow && f.Why == "" {
			t.Errorf("functions.tsv denies %s %s without saying why", f.Kind, f.Name)
		}
	}
	var missing []string
	for k := range have {
		if !listed[k] {
			missing = append(missing, k+"\tdeny\tnot yet classified")
		}
	}
	if len(missing) > 0 {
		t.Errorf("this DuckDB has %d functions functions.tsv does not classify; add them (allow, or deny with why):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}
	if len(listed) < 900 {
		t.Errorf("functions.tsv lists %d functions; DuckDB 1.5 has about 950", len(listed))
	}
}

// TestSandboxAllows: the SELECT forms analysts write pass the vetting and run.
func TestSandboxAllows(t *testing.T) {
	e := open(t, query.Options{})
	for _, sql := range []string{
		"select count(*) from responses",
		"from responses select count(*)",
		"select state, count(*) as n from responses where event = $event group by all order by n desc limit 3",
		"select * from all_events.responses r join all_events.answers a using (event, respondent) limit 1",
		"with x as (select 1 as a), y as (select a + 1 as b from x) select * from y",
		"with recursive t(n) as (select 1 union all select n + 1 from t where n < 3) select sum(n) from t",
		"select row_number() over (order by respondent), lag(respondent) over w from responses window w as (order by respondent) qualify row_number() over (order by respondent) < 3",
		"select list_transform([1, 2], x -> x + 1), [y * 2 for y in [1, 2]], {'a': 1}.a, [1, 2][1], 'x' || upper('y')",
		"select try_cast('x' as integer), cast(1 as decimal(10, 2)), date '2024-01-01' + interval 1 day, 'a' like 'b', 'a' similar to 'b'",
		"select * from (values (1, 'a'), (2, 'b')) v(n, s)",
		"select * from range(3) union all select * from generate_series(1, 2)",
		"select unnest([1, 2])",
		"select * from unnest([1, 2])",
		"select mean_ci_low(3.0, 1.0, 10), wilson_high(3, 10), t_crit(9)",
		"select * from scale_by_group('need', 'state') limit 1",
		"select * from headline_by_group limit 1",
		"summarize select * from responses",
		"describe select * from responses",
		"select * from responses using sample 10",
		"select * from (select state, sector from responses) pivot (count(*) for state in ('DE-SN', 'DE-TH'))",
		"select columns('state|sector') from responses limit 1",
		"select exists(select 1 from answers), (select max(value) from answers), 1 in (select 1)",
		"select grouping(state), state, count(*) from responses group by grouping sets ((state), ())",
		"select quantile_cont(value, 0.5), median(value), string_agg(distinct question, ',') from answers",
		"select case when true then 1 else 2 end, coalesce(null, 1), greatest(1, 2), nullif(1, 1)",
		"select strftime(date '2024-01-01', '%d.%m.%Y'), regexp_replace('a', 'a', 'b'), 'ä' collate de < 'b'",
		"select * from events, waves, item_names, state_names, sector_names limit 1",
	} {
		if _, err := tryTable(e, "", sql, map[string]string{"event": "mdk16"}); err != nil {
			t.Errorf("%s: %v", sql, err)
		}
	}
}

// attacks are SQL an attacker tried (issue #16, attacks 2 and 3) and what
// the refusal names. DATA stands for the data directory.
var attacks = []struct{ name, sql, want string }{
	{"enable_profiling", "select * from enable_profiling(save_location := 'DATA/manifest.json', format := 'json')", "table function enable_profiling"},
	{"enable_logging in data", "select * from enable_logging(storage := 'file', storage_path := 'DATA/logs')", "table function enable_logging"},
	{"enable_logging outside", "select * from enable_logging(storage := 'file', storage_path := '/proc/logs')", "table function enable_logging"},
	{"disable_peg_parser", "select * from disable_peg_parser()", "table function disable_peg_parser"},
	{"truncate_duckdb_logs", "select * from truncate_duckdb_logs()", "table function truncate_duckdb_logs"},
	{"checkpoint", "select * from checkpoint()", "table function checkpoint"},
	{"force_checkpoint", "select * from force_checkpoint()", "table function force_checkpoint"},
	{"read_text", "select * from read_text('/etc/passwd')", "table function read_text (reads files)"},
	{"read_blob in data", "select * from read_blob('DATA/manifest.json')", "table function read_blob (reads files)"},
	{"read_csv file exists", "select count(*) from read_csv('/etc/shadow')", "table function read_csv"},
	{"read fifo", "select * from read_text('DATA/fifo')", "table function read_text"},
	{"file as table", "select * from '/etc/passwd'", `table "/etc/passwd"`},
	{"csv as table", "select * from 'DATA/x.csv'", "table"},
	{"parquet as table", "select * from 'DATA/responses/*/*.parquet'", "table"},
	{"duckdb_columns", "select * from duckdb_columns()", "table function duckdb_columns"},
	{"duckdb_settings", "select * from duckdb_settings()", "table function duckdb_settings"},
	{"duckdb_views view", "select * from duckdb_views", `table "duckdb_views"`},
	{"information_schema", "select * from information_schema.tables", `table "information_schema.tables"`},
	{"pg_catalog", "select * from pg_catalog.pg_class", "table"},
	{"catalog qualified", "select * from memory.main.responses", "table"},
	{"current_setting", "select current_setting('allowed_directories')", "function current_setting"},
	{"current_setting as method", "select ('allowed_directories').current_setting()", "function current_setting"},
	{"current_setting dead branch", "select case when false then current_setting('home_directory') end", "function current_setting"},
	{"pg_sleep", "select pg_sleep(1000)", "function pg_sleep"},
	{"sleep_ms", "select sleep_ms(1000000)", "function sleep_ms"},
	{"json_serialize_plan", "select json_serialize_plan('select * from read_text(''/etc/passwd'')')", "function json_serialize_plan"},
	{"query_table", "select * from query_table('responses')", "table function query_table"},
	{"query", "select * from query('select 1')", "table function query"},
	{"histogram macro", "select * from histogram(responses, state)", "table function histogram"},
	{"summarize a file", "summarize select * from read_csv('/etc/passwd')", "table function read_csv"},
	{"show tables", "show tables", "SHOW"},
	{"show all", "show all tables", "SHOW"},
	{"cte name as file", `with "DATA/x.csv" as (select 1) select * from "DATA/x.csv"`, "CTE name"},
	{"cte out of scope", `select * from (with a as (select 1) select * from a), a`, `table "a"`},
	{"unknown function", "select getenv('HOME')", "function getenv"},
	{"schema function", "select main.current_setting('threads')", "function current_setting"},
	{"nested", "select (select count(*) from read_parquet('DATA/responses/*/*.parquet'))", "table function read_parquet"},
	{"lambda body", "select list_transform([1], x -> current_setting('threads'))", "function current_setting"},
	{"in a subquery of from", "select * from (select * from glob('/*'))", "table function glob"},
	{"setseed", "select setseed(0.5)", "function setseed"},
	{"write_log", "select write_log('x')", "function write_log"},
	{"getvariable", "select getvariable('x')", "function getvariable"},
}

// fileState is every file under a directory with its size and checksum.
func fileState(t testing.TB, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			state[p] = "dir"
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			state[p] = info.Mode().String()
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		state[p] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func diffState(before, after map[string]string) []string {
	var d []string
	for p, v := range after {
		if before[p] != v {
			d = append(d, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			d = append(d, p+" (gone)")
		}
	}
	return d
}

// TestSandboxAttacks: each attack is refused before DuckDB binds it, as
// ad-hoc SQL and as a user query file, and the data directory is left as it
// was (issue #16, attacks 2 and 3).
func TestSandboxAttacks(t *testing.T) {
	data := copyData(t)
	fifo := filepath.Join(data, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileState(t, data)
	files := map[string]string{}
	for i, a := range attacks {
		files[fmt.Sprintf("attack_%02d.sql", i)] = "-- title: " + a.name + "\n" + strings.ReplaceAll(a.sql, "DATA", data) + "\n"
	}
	user := userDir(t, files)
	// A user file that hung or read files while the views were made would
	// hang or leak here, in Open.
	opened := make(chan *query.Engine, 1)
	go func() {
		e, err := query.Open(context.Background(), query.Options{DataDir: data, Events: []string{"mdk16"}, Queries: []string{user}})
		if err != nil {
			t.Error(err)
		}
		opened <- e
	}()
	var e *query.Engine
	select {
	case e = <-opened:
	case <-time.After(time.Minute):
		t.Fatal("Open hangs on the user query files")
	}
	if e == nil {
		return
	}
	defer e.Close()
	for i, a := range attacks {
		name := fmt.Sprintf("attack_%02d", i)
		sql := strings.ReplaceAll(a.sql, "DATA", data)
		t.Run(a.name, func(t *testing.T) {
			_, err := tryTable(e, "", sql, nil)
			if !errors.Is(err, query.ErrNotAllowed) || !strings.Contains(err.Error(), a.want) {
				t.Errorf("as SQL: %v, want refused naming %q", err, a.want)
			}
			if err := e.Broken(name); !errors.Is(err, query.ErrNotAllowed) || !strings.Contains(err.Error(), a.want) {
				t.Errorf("as a query file: %v, want refused naming %q", err, a.want)
			}
			if _, err := tryTable(e, "", "select * from "+name, nil); err == nil {
				t.Errorf("the view %s exists", name)
			}
		})
	}
	views, err := e.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if strings.HasPrefix(v.Name, "attack_") {
			t.Errorf("schema lists %s", v.Name)
		}
	}
	if d := diffState(before, fileState(t, data)); len(d) > 0 {
		t.Errorf("the data directory changed: %v", d)
	}
	if tab := table(t, e, "select count(*) from responses", nil); num(tab.Rows[0][0]) != 150 {
		t.Errorf("responses after the attacks: %v", tab.Rows)
	}
}

// copyData copies the fixture's data directory, so a test may change it.
func copyData(t *testing.T) string {
	t.Helper()
	return copyDataTo(t, filepath.Join(t.TempDir(), "data"))
}

// copyDataTo copies the fixture's data directory to dst.
func copyDataTo(t testing.TB, dst string) string {
	t.Helper()
	err := testfiles.CopyDir(dataDir(t), dst)
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestProvenance (issue #16, attack 10): which file and row each pseudonym
// came from is out of SQL's reach — no column of responses, no view, not
// even by name in all_events — unless the engine is opened with
// ShowProvenance; then the view provenance has it for every response.
func TestProvenance(t *testing.T) {
	e := open(t, query.Options{})
	for _, sql := range []string{"select source_file, source_row from responses", "select source_row from all_events.responses"} {
		if _, err := tryTable(e, "", sql, nil); err == nil || !strings.Contains(err.Error(), "source_") {
			t.Errorf("%s: %v, want no such column", sql, err)
		}
	}
	for _, sql := range []string{"select * from provenance", "select * from all_events.provenance"} {
		if _, err := tryTable(e, "", sql, nil); !errors.Is(err, query.ErrNotAllowed) {
			t.Errorf("%s: %v, want refused", sql, err)
		}
	}
	if tab := table(t, e, "select * from responses limit 1", nil); slices.ContainsFunc(tab.Columns, func(c string) bool { return strings.HasPrefix(c, "source_") }) {
		t.Errorf("responses has %v", tab.Columns)
	}
	views, err := e.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		for _, c := range v.Columns {
			if strings.HasPrefix(c.Name, "source_") && v.Name != "questions" && v.Name != "all_events.questions" {
				t.Errorf("view %s has %s", v.Name, c.Name)
			}
		}
	}

	e = open(t, query.Options{ShowProvenance: true, Events: []string{"mdk16"}})
	tab := table(t, e, `select count(*), count(distinct respondent), min(source_row), max(source_row), string_agg(distinct source_file, ',')
		from provenance join responses using (event, respondent)`, nil)
	// The fixture's mdk16 export: 150 responses in rows 2–151.
	if got := fmt.Sprint(tab.Rows[0]); got != "[150 150 2 151 mdk16-msforms.xlsx]" {
		t.Errorf("provenance: %v, want 150 responses, each once, rows 2–151 of mdk16-msforms.xlsx", tab.Rows[0])
	}
	tab = table(t, e, "select (select count(*) from all_events.provenance), count(*) from all_events.responses", nil)
	if n := num(tab.Rows[0][1]); num(tab.Rows[0][0]) != n || n <= 150 {
		t.Errorf("all_events.provenance: %v rows, all_events.responses %v", tab.Rows[0][0], n)
	}
}
